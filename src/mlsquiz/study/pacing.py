"""Pacing against the exam clock: the time budget per question, the pace line, and time per domain.

The budget per question is the blueprint's duration over its number of questions: 180 min / 65 ≈ 2.8 min for
MLS-C01, 130 / 65 = 2.0 for MLA-C01. A shorter exam gets a proportional time limit, so the same budget.

The pace line compares the time used with the budget of the questions answered so far. The question in front
of the candidate is allowed its own budget, and a minute either way counts as on pace (`TOLERANCE_SECONDS`):

- behind by `elapsed − min(answered + 1, total) × budget` when that is over the tolerance: the time to make up
  to be back on schedule once the current question is answered;
- ahead by `answered × budget − elapsed` when that is over the tolerance;
- on pace otherwise. Minutes are rounded to the nearest whole minute.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

TOLERANCE_SECONDS = 60.0
SLOWEST = 5

PaceState = Literal["on pace", "behind", "ahead"]


def budget_seconds(duration_minutes: float, questions: int) -> float:
    """Seconds per question: the exam's duration spread evenly over its questions."""
    if questions <= 0 or duration_minutes <= 0:
        raise ValueError("an exam needs questions and a duration to have a budget per question")
    return duration_minutes * 60.0 / questions


@dataclass(frozen=True)
class Pace:
    state: PaceState
    minutes: int = 0  # how far behind or ahead, in whole minutes; 0 when on pace

    @property
    def text(self) -> str:
        return "on pace" if self.state == "on pace" else f"{self.minutes} min {self.state}"


def _minutes(seconds: float) -> int:
    return max(1, int(seconds / 60.0 + 0.5))


def pace(elapsed: float, answered: int, total: int, budget: float) -> Pace:
    """Where the candidate stands against the clock (see the module's docstring for the rule)."""
    answered = max(0, min(answered, total))
    behind = elapsed - min(answered + 1, total) * budget
    if behind > TOLERANCE_SECONDS:
        return Pace("behind", _minutes(behind))
    ahead = answered * budget - elapsed
    if ahead > TOLERANCE_SECONDS:
        return Pace("ahead", _minutes(ahead))
    return Pace("on pace")


@dataclass(frozen=True)
class TimedItem:
    """One question's time, as the results and the pacing table need it."""

    position: int
    question_id: str
    domain: str
    seconds: float


@dataclass(frozen=True)
class DomainTime:
    domain: str
    questions: int
    seconds: float  # all the time spent on the domain's questions
    budget: float  # per question

    @property
    def mean(self) -> float:
        return self.seconds / self.questions if self.questions else 0.0

    @property
    def over(self) -> float:
        """Seconds per question over the budget (negative: under it)."""
        return self.mean - self.budget


def by_domain(items: Iterable[TimedItem], budget: float) -> list[DomainTime]:
    """Time per question in each domain against the budget, by domain id."""
    per: dict[str, list[float]] = defaultdict(list)
    for item in items:
        per[item.domain].append(item.seconds)
    return [DomainTime(d, len(times), sum(times), budget) for d, times in sorted(per.items())]


def overall(items: Sequence[TimedItem], budget: float) -> DomainTime:
    """Every question together (the table's last row)."""
    return DomainTime("all", len(items), sum(i.seconds for i in items), budget)


def slowest(items: Iterable[TimedItem], count: int = SLOWEST) -> list[TimedItem]:
    """The questions that took longest, longest first (ties: the earlier question first); questions on which
    no time was spent are left out."""
    timed = [i for i in items if i.seconds > 0]
    return sorted(timed, key=lambda i: (-i.seconds, i.position))[:count]
