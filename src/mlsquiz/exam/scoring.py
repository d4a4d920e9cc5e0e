"""Scoring by domain and task statement, with the scaled score of EXAM_FACTS.md.

Multiple response, ordering and matching are all-or-nothing; an unanswered question is wrong; there is no guessing penalty. The scaled
score is an approximation (100 + 900 × fraction correct, rounded): AWS equates exam forms, which a practice
app cannot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


def is_wrong(graded: bool, correct: bool | None) -> bool:
    """The one meaning of "wrong": graded, and not right.

    A graded question left unanswered is wrong (the exam's rule: no answer scores nothing). A question not
    graded yet (an exam in progress, a drill question not checked) is neither right nor wrong, whatever
    `correct` says. Where only wrong *answers* count (the drill filter "answered wrong before"), test
    `answered and is_wrong(...)`: that is a narrower question, not another definition.
    """
    return graded and correct is not True


def verdict(graded: bool, correct: bool | None) -> bool | None:
    """A question's verdict as the screens, `history --json` and the stored rows give it: None until graded,
    then False when `is_wrong`, True otherwise."""
    return None if not graded else not is_wrong(graded, correct)


def wrong_sql(correct: Any) -> Any:
    """`is_wrong` as an SQL condition on a column that stores the `verdict` (NULL until graded), for the store's
    queries: graded (not NULL) and not right. `correct` is the column (a SQLAlchemy expression); nothing here
    imports SQL, the column's own operators build the condition."""
    return correct.is_not(None) & correct.is_not(True)


@dataclass(frozen=True)
class GradedItem:
    question_id: str
    domain: str
    task: str
    answer: frozenset[str] | tuple[str, ...]  # a tuple for ordering and matching: order and pairs count
    key: frozenset[str] | tuple[str, ...]
    seconds: float = 0.0

    @property
    def answered(self) -> bool:
        if isinstance(self.key, tuple):  # ordering, matching: every step placed or every prompt matched
            return len(self.answer) == len(self.key) and all(self.answer)
        return bool(self.answer)

    @property
    def correct(self) -> bool:
        return self.answer == self.key


@dataclass(frozen=True)
class Tally:
    correct: int = 0
    total: int = 0

    @property
    def fraction(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, ok: bool) -> Tally:
        return Tally(self.correct + ok, self.total + 1)


@dataclass(frozen=True)
class ScoreReport:
    correct: int
    total: int
    answered: int
    scaled_score: int
    passed: bool
    passing_score: int
    by_domain: dict[str, Tally] = field(default_factory=dict)
    by_task: dict[str, Tally] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def fraction(self) -> float:
        return self.correct / self.total if self.total else 0.0


def scaled(fraction: float) -> int:
    return int(100 + 900 * fraction + 0.5)


def score(items: Sequence[GradedItem], passing_score: int) -> ScoreReport:
    by_domain: dict[str, Tally] = {}
    by_task: dict[str, Tally] = {}
    for item in items:
        by_domain[item.domain] = by_domain.get(item.domain, Tally()).add(item.correct)
        by_task[item.task] = by_task.get(item.task, Tally()).add(item.correct)
    correct = sum(item.correct for item in items)
    fraction = correct / len(items) if items else 0.0
    value = scaled(fraction)
    return ScoreReport(
        correct=correct,
        total=len(items),
        answered=sum(item.answered for item in items),
        scaled_score=value,
        passed=value >= passing_score,
        passing_score=passing_score,
        by_domain=dict(sorted(by_domain.items())),
        by_task=dict(sorted(by_task.items())),
        seconds=sum(item.seconds for item in items),
    )
