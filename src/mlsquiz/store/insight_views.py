"""Immutable views of pacing and calibration (`study.pacing`, `study.calibration`) for the screens."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class PaceView(_View):
    """The pace line under an exam's timer: "on pace", "4 min behind", "3 min ahead"."""

    state: str  # "on pace", "behind" or "ahead"
    minutes: int
    text: str
    budget: float  # seconds per question


class DomainTimeView(_View):
    domain: str  # a domain id, or "all"
    title: str
    questions: int
    seconds: float  # all the time on the domain's questions
    mean: float  # seconds per question
    budget: float  # seconds per question


class QuestionRefView(_View):
    """A question of the attempt named in the results (the slowest; the sure-and-wrong)."""

    position: int
    question_id: str
    domain: str
    stem: str  # Markdown; the screen shows its start
    seconds: float
    correct: bool | None


class PacingView(_View):
    budget: float  # seconds per question: the blueprint's duration over its questions
    domains: list[DomainTimeView]
    overall: DomainTimeView
    slowest: list[QuestionRefView]


class LevelView(_View):
    level: str  # "sure", "unsure" or "guess"
    right: int
    total: int


class CalibrationRowView(_View):
    domain: str  # a domain id, or "all"
    title: str
    levels: list[LevelView]  # sure, unsure, guess


class CalibrationView(_View):
    rows: list[CalibrationRowView]
    sure_and_wrong: list[QuestionRefView]
