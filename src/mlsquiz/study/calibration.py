"""Confidence and calibration: how often the answers given as "sure", "unsure" or "guess" were right.

A well-calibrated candidate is right on almost every "sure", on about half of the "unsure" and rarely on a
"guess". Only full responses with a confidence count; an answer left incomplete or a question left unanswered
says nothing about what the candidate knew. An answer given as "sure" that was wrong is the most dangerous kind
of mistake, a misconception held with confidence: the review queue takes those first (`review.due_order`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from mlsquiz.exam.confidence import LEVELS, SURE


@dataclass(frozen=True)
class RatedAnswer:
    position: int
    question_id: str
    domain: str
    confidence: str  # one of LEVELS, or "" when none was given
    answered: bool  # the full response was given
    correct: bool


@dataclass(frozen=True)
class LevelTally:
    right: int = 0
    total: int = 0

    @property
    def fraction(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass(frozen=True)
class CalibrationRow:
    domain: str  # a domain id, or "all"
    levels: dict[str, LevelTally] = field(default_factory=dict)  # every level of LEVELS

    @property
    def rated(self) -> int:
        return sum(t.total for t in self.levels.values())


def _counted(answers: Iterable[RatedAnswer]) -> list[RatedAnswer]:
    return [a for a in answers if a.answered and a.confidence in LEVELS]


def _row(domain: str, answers: list[RatedAnswer]) -> CalibrationRow:
    levels = {
        level: LevelTally(
            right=sum(a.correct for a in answers if a.confidence == level),
            total=sum(a.confidence == level for a in answers),
        )
        for level in LEVELS
    }
    return CalibrationRow(domain, levels)


def calibrate(answers: Iterable[RatedAnswer]) -> list[CalibrationRow]:
    """A row per domain that has rated answers, by domain id, then the row of all of them; empty when no
    answer carries a confidence."""
    counted = _counted(answers)
    if not counted:
        return []
    per: dict[str, list[RatedAnswer]] = defaultdict(list)
    for a in counted:
        per[a.domain].append(a)
    return [_row(d, per[d]) for d in sorted(per)] + [_row("all", counted)]


def sure_and_wrong(answers: Iterable[RatedAnswer]) -> list[RatedAnswer]:
    """Answers given as "sure" that were wrong, in the order asked."""
    return sorted(
        (a for a in _counted(answers) if a.confidence == SURE and not a.correct), key=lambda a: a.position
    )
