"""An attempt (exam, drill or review session) as a state machine, with no storage and no Qt.

Time runs only while the attempt is open: `open` starts the running clock, every action folds the running time
into `elapsed_seconds` and into the current question's own time, and `close` stops it. An exam whose time is up
is submitted by the next action or tick. The store persists the state after every transition.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal, Protocol

from mlsquiz.bank.schema import Question
from mlsquiz.exam.scoring import GradedItem, ScoreReport, score

Mode = Literal["exam", "drill", "review"]
Status = Literal["in_progress", "submitted", "abandoned"]


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


def full_response(question: Question, answer: Iterable[str]) -> bool:
    """The one rule for *answered*: the full response is given (every `select` box ticked). Less is
    *incomplete*: it scores wrong, and the counter, the palette, the summary and `history --json` say so."""
    return len(frozenset(answer)) >= question.select


class AttemptError(ValueError):
    """An action that the attempt's state does not allow (the GUI should not have offered it)."""


@dataclass
class ItemState:
    position: int
    question: Question
    order: tuple[str, ...]  # the question's option keys in the order the user sees them
    domain: str
    task: str
    answer: frozenset[str] = frozenset()
    flagged: bool = False
    checked: bool = False
    seconds: float = 0.0

    @property
    def correct(self) -> bool:
        return self.answer == frozenset(self.question.answer)

    @property
    def answered(self) -> bool:
        """The full response is given (see `full_response`)."""
        return full_response(self.question, self.answer)

    @property
    def incomplete(self) -> bool:
        """Something is chosen, but not the full response."""
        return bool(self.answer) and not self.answered

    def graded(self) -> GradedItem:
        return GradedItem(
            self.question.id,
            self.domain,
            self.task,
            self.answer,
            frozenset(self.question.answer),
            self.seconds,
        )


@dataclass(frozen=True)
class Summary:
    answered: tuple[int, ...]  # the full response given
    unanswered: tuple[int, ...]  # nothing chosen
    flagged: tuple[int, ...]
    incomplete: tuple[int, ...] = ()  # something chosen, not the full response


@dataclass
class AttemptState:
    id: int
    mode: Mode
    blueprint: str
    passing_score: int
    items: list[ItemState]
    started_at: datetime
    status: Status = "in_progress"
    limit_seconds: int | None = None
    elapsed_seconds: float = 0.0
    position: int = 1
    submitted_at: datetime | None = None
    opened_at: datetime | None = field(default=None, repr=False)

    # -- time ------------------------------------------------------------------------------------------------
    def elapsed(self, now: datetime) -> float:
        running = (now - self.opened_at).total_seconds() if self.opened_at else 0.0
        return self.elapsed_seconds + max(running, 0.0)

    def time_left(self, now: datetime) -> float | None:
        if self.limit_seconds is None:
            return None
        return max(self.limit_seconds - self.elapsed(now), 0.0)

    def expired(self, now: datetime) -> bool:
        left = self.time_left(now)
        return left is not None and left <= 0

    def sync(self, now: datetime) -> None:
        """Fold the running time into the totals and restart the running clock at `now`."""
        if self.opened_at is None:
            return
        running = max((now - self.opened_at).total_seconds(), 0.0)
        if self.limit_seconds is not None:
            running = min(running, max(self.limit_seconds - self.elapsed_seconds, 0.0))
        self.elapsed_seconds += running
        self.item(self.position).seconds += running
        self.opened_at = now

    def open(self, now: datetime) -> None:
        self._require_open()
        self.opened_at = now

    def close(self, now: datetime) -> None:
        self.sync(now)
        self.opened_at = None

    # -- navigation and answers --------------------------------------------------------------------------------
    def item(self, position: int) -> ItemState:
        if not 1 <= position <= len(self.items):
            raise AttemptError(f"no question at position {position}")
        return self.items[position - 1]

    def goto(self, position: int, now: datetime) -> None:
        self._act(now)
        self.item(position)
        self.position = position

    def answer(self, position: int, keys: Iterable[str], now: datetime) -> None:
        self._act(now)
        item = self.item(position)
        if item.checked:
            raise AttemptError("this answer has been checked and can no longer change")
        chosen = frozenset(keys)
        valid = {o.key for o in item.question.options}
        if not chosen <= valid:
            raise AttemptError(f"not an option: {', '.join(sorted(chosen - valid))}")
        if item.question.type == "single" and len(chosen) > 1:
            raise AttemptError("a single-answer question takes one option")
        if len(chosen) > item.question.select:
            raise AttemptError(f"select at most {item.question.select} options")
        item.answer = chosen

    def toggle(self, position: int, key: str, now: datetime) -> None:
        """What a click or key press on an option does: choose it (single) or add/remove it (multiple)."""
        item = self.item(position)
        if item.question.type == "single":
            self.answer(position, {key}, now)
        elif key in item.answer:
            self.answer(position, item.answer - {key}, now)
        elif len(item.answer) < item.question.select:
            self.answer(position, item.answer | {key}, now)
        else:
            raise AttemptError(f"select at most {item.question.select} options; clear one first")

    def clear(self, position: int, now: datetime) -> None:
        self.answer(position, (), now)

    def flag(self, position: int, flagged: bool, now: datetime) -> None:
        self._act(now)
        self.item(position).flagged = flagged

    def check(self, position: int, now: datetime) -> ItemState:
        """Drill and review: lock the answer and reveal the verdict."""
        self._act(now)
        if self.mode == "exam":
            raise AttemptError("an exam shows verdicts only after it is submitted")
        item = self.item(position)
        if not item.answered:
            n = item.question.select
            raise AttemptError("choose an answer first" if n == 1 else f"choose {n} options first")
        item.checked = True
        return item

    def summary(self) -> Summary:
        return Summary(
            answered=tuple(i.position for i in self.items if i.answered),
            unanswered=tuple(i.position for i in self.items if not i.answer),
            flagged=tuple(i.position for i in self.items if i.flagged),
            incomplete=tuple(i.position for i in self.items if i.incomplete),
        )

    # -- ending ----------------------------------------------------------------------------------------------
    def submit(self, now: datetime) -> None:
        self._require_open()
        self.sync(now)
        self.opened_at = None
        self.status = "submitted"
        self.submitted_at = now

    def abandon(self, now: datetime) -> None:
        self._require_open()
        self.sync(now)
        self.opened_at = None
        self.status = "abandoned"

    def tick(self, now: datetime) -> bool:
        """Advance the clock; submit an exam whose time is up. Returns True if it was auto-submitted."""
        if self.status != "in_progress":
            return False
        if self.expired(now):
            self.submit(now)
            return True
        self.sync(now)
        return False

    def report(self) -> ScoreReport:
        report = score([i.graded() for i in self.items], self.passing_score)
        return dataclasses.replace(report, answered=sum(i.answered for i in self.items))

    def checked_positions(self) -> tuple[int, ...]:
        return tuple(i.position for i in self.items if i.checked)

    def keep_checked(self) -> None:
        """A drill or review finished early keeps only the questions checked, renumbered in order: the rest
        were never graded, so they count neither as wrong nor as seen."""
        if self.mode == "exam":
            raise AttemptError("an exam is scored whole")
        kept = [i for i in self.items if i.checked]
        for n, item in enumerate(kept, start=1):
            item.position = n
        self.items = kept
        self.position = min(self.position, max(len(kept), 1))

    def _require_open(self) -> None:
        if self.status != "in_progress":
            raise AttemptError(f"the attempt is {self.status.replace('_', ' ')}")

    def _act(self, now: datetime) -> None:
        self._require_open()
        if self.tick(now):
            raise TimeUp()
        if self.opened_at is None:
            self.opened_at = now


class TimeUp(AttemptError):
    """The exam's time ran out before the action; the attempt has been submitted."""

    def __init__(self) -> None:
        super().__init__("time is up: the exam has been submitted")
