"""Where the main window is: one typed state per screen, with the attempt it shows where there is one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Loading:
    message: str = "Loading the question bank…"


@dataclass(frozen=True)
class Home:
    pass


@dataclass(frozen=True)
class Exam:
    attempt_id: int


@dataclass(frozen=True)
class Drill:
    attempt_id: int


@dataclass(frozen=True)
class DrillSetup:
    pass


@dataclass(frozen=True)
class Results:
    attempt_id: int


@dataclass(frozen=True)
class Review:
    attempt_id: int
    position: int | None = None  # the question to show first (from the results' lists)


@dataclass(frozen=True)
class History:
    pass


@dataclass(frozen=True)
class SettingsPage:
    pass


State = Loading | Home | Exam | Drill | DrillSetup | Results | Review | History | SettingsPage
