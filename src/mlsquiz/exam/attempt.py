"""An attempt (exam, drill or review session) as a state machine, with no storage and no Qt.

Time runs only while the attempt is open: `open` starts the running clock, every action folds the running time
into `elapsed_seconds` and into the current question's own time, and `close` stops it. An exam whose time is up
is submitted by the next action or tick. The store persists the state after every transition.

Elapsed time is charged from a monotonic clock, never from the wall clock, so setting the system clock back or
forward changes nothing; the wall clock only stamps when things happened. One charge (the time between two
ticks or actions) is capped at `max_step` seconds when the clock says so, so a suspend or a debugger pause costs
the candidate nothing. The screens tick every second while an attempt is open.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from mlsquiz.exam import responses
from mlsquiz.exam.clock import MAX_STEP_SECONDS, Clock, Moment, SystemClock, When
from mlsquiz.exam.confidence import valid_level
from mlsquiz.exam.errors import AttemptError, SelectLimitReached, TimeUp
from mlsquiz.exam.item import ItemState, Summary, full_response
from mlsquiz.exam.scoring import ScoreReport, is_wrong, score

# The attempt's parts, importable from here as well as from their own modules.
__all__ = [
    "MAX_STEP_SECONDS",
    "AttemptError",
    "AttemptState",
    "Clock",
    "ItemState",
    "Mode",
    "Moment",
    "SelectLimitReached",
    "Status",
    "Summary",
    "SystemClock",
    "TimeUp",
    "When",
    "full_response",
]

Mode = Literal["exam", "drill", "review"]
Status = Literal["in_progress", "submitted", "abandoned"]


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
    opened_at: float | None = field(default=None, repr=False)  # monotonic reading when the clock last ran

    # -- time ------------------------------------------------------------------------------------------------
    def _running(self, now: When) -> float:
        """Seconds since the last charge: monotonic, never negative, capped at the clock's `max_step`."""
        if self.opened_at is None:
            return 0.0
        moment = Moment.of(now)
        running = max(moment.mono - self.opened_at, 0.0)
        return running if moment.max_step is None else min(running, moment.max_step)

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None

    def elapsed(self, now: When) -> float:
        return self.elapsed_seconds + self._running(now)

    def time_left(self, now: When) -> float | None:
        if self.limit_seconds is None:
            return None
        return max(self.limit_seconds - self.elapsed(now), 0.0)

    def expired(self, now: When) -> bool:
        left = self.time_left(now)
        return left is not None and left <= 0

    def sync(self, now: When) -> None:
        """Fold the running time into the totals and restart the running clock at `now`."""
        if self.opened_at is None:
            return
        running = self._running(now)
        if self.limit_seconds is not None:
            running = min(running, max(self.limit_seconds - self.elapsed_seconds, 0.0))
        self.elapsed_seconds += running
        self.item(self.position).seconds += running
        self.opened_at = Moment.of(now).mono

    def open(self, now: When) -> None:
        self._require_open()
        self.opened_at = Moment.of(now).mono

    def close(self, now: When) -> None:
        self.sync(now)
        self.opened_at = None

    # -- undo for a failed save -----------------------------------------------------------------------------
    def snapshot(self) -> tuple[object, ...]:
        """Everything an action can change, so a write that fails to commit can be taken back."""
        return (
            self.status,
            self.elapsed_seconds,
            self.position,
            self.submitted_at,
            self.opened_at,
            list(self.items),
            tuple(
                (
                    i.position,
                    i.answer,
                    i.sequence,
                    i.flagged,
                    i.checked,
                    i.seconds,
                    i.answered_at,
                    i.confidence,
                )
                for i in self.items
            ),
        )

    def restore(self, snap: tuple[object, ...]) -> None:
        status, elapsed, position, submitted_at, opened_at, items, values = snap
        self.status = status  # type: ignore[assignment]
        self.elapsed_seconds = elapsed  # type: ignore[assignment]
        self.position = position  # type: ignore[assignment]
        self.submitted_at = submitted_at  # type: ignore[assignment]
        self.opened_at = opened_at  # type: ignore[assignment]
        self.items = items  # type: ignore[assignment]
        for item, saved in zip(self.items, values, strict=True):  # type: ignore[call-overload]
            item.position, *rest = saved
            (item.answer, item.sequence, item.flagged, item.checked, item.seconds, item.answered_at) = rest[
                :6
            ]
            item.confidence = rest[6]

    # -- navigation and answers --------------------------------------------------------------------------------
    def item(self, position: int) -> ItemState:
        if not 1 <= position <= len(self.items):
            raise AttemptError(f"no question at position {position}")
        return self.items[position - 1]

    def goto(self, position: int, now: When) -> None:
        self._act(now)
        self.item(position)
        self.position = position

    def answer(self, position: int, keys: Iterable[str], now: When) -> None:
        self._act(now)
        item = self.item(position)
        if item.checked:
            raise AttemptError("this answer has been checked and can no longer change")
        if item.question.sequenced:
            try:
                item.set_sequence(responses.validated(item.question, tuple(keys)))
            except responses.ResponseError as exc:
                raise AttemptError(str(exc)) from exc
            return
        chosen = frozenset(keys)
        valid = {o.key for o in item.question.options}
        if not chosen <= valid:
            raise AttemptError(f"not an option: {', '.join(sorted(chosen - valid))}")
        if item.question.type == "single" and len(chosen) > 1:
            raise AttemptError("a single-answer question takes one option")
        if len(chosen) > item.question.select:
            raise AttemptError(f"select at most {item.question.select} options")
        if chosen != item.answer:
            item.answer = chosen
            item.answered_at = Moment.of(now).wall if chosen else item.answered_at

    def toggle(self, position: int, key: str, now: When) -> None:
        """What a click or key press on an option does: choose it (single) or add/remove it (multiple)."""
        item = self.item(position)
        if item.question.type == "ordering":
            self.place(position, key, now)
        elif item.question.type == "matching":
            raise AttemptError("a matching question takes a response per prompt")
        elif item.question.type == "single":
            self.answer(position, {key}, now)
        elif key in item.answer:
            self.answer(position, item.answer - {key}, now)
        elif len(item.answer) < item.question.select:
            self.answer(position, item.answer | {key}, now)
        else:
            raise SelectLimitReached(item.question.select)

    def place(self, position: int, key: str, now: When) -> None:
        """Ordering: place step `key` in the next free position (no effect if it is placed already)."""
        item = self._sequenced(position, "ordering", now)
        self._apply(item, lambda: responses.place(item.sequence, key, item.question), now)

    def take_back(self, position: int, now: When) -> None:
        """Ordering: take back the step placed last."""
        item = self._sequenced(position, "ordering", now)
        self._apply(item, lambda: responses.take_back(item.sequence), now)

    def match(self, position: int, prompt: str, key: str | None, now: When) -> None:
        """Matching: give prompt `prompt` the response `key`, or clear it with None."""
        item = self._sequenced(position, "matching", now)
        self._apply(item, lambda: responses.match(item.sequence, item.question, prompt, key), now)

    def _sequenced(self, position: int, kind: str, now: When) -> ItemState:
        self._act(now)
        item = self.item(position)
        if item.question.type != kind:
            raise AttemptError(f"question {position} is not a {kind} question")
        if item.checked:
            raise AttemptError("this answer has been checked and can no longer change")
        return item

    @staticmethod
    def _apply(item: ItemState, change: Callable[[], tuple[str, ...]], now: When) -> None:
        try:
            item.set_sequence(change(), Moment.of(now).wall)
        except responses.ResponseError as exc:
            raise AttemptError(str(exc)) from exc

    def flag(self, position: int, flagged: bool, now: When) -> None:
        self._act(now)
        self.item(position).flagged = flagged

    def set_confidence(self, position: int, level: str, now: When) -> None:
        """How sure the user is of this answer ("" takes it back). It goes with the answer, so it is locked
        once a drill's answer is checked."""
        self._act(now)
        item = self.item(position)
        if not valid_level(level):
            raise AttemptError(f"not a confidence: {level!r} (sure, unsure or guess)")
        if item.checked:
            raise AttemptError("this answer has been checked; its confidence can no longer change")
        item.confidence = level

    def check(self, position: int, now: When) -> ItemState:
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
    def submit(self, now: When) -> None:
        self._require_open()
        self.sync(now)
        self.opened_at = None
        self.status = "submitted"
        self.submitted_at = Moment.of(now).wall

    def tick(self, now: When) -> bool:
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

    def is_graded(self, item: ItemState) -> bool:
        """Whether `item` has its verdict: checked (drill, review), or its attempt submitted."""
        return item.checked or self.status == "submitted"

    def wrong(self, item: ItemState) -> bool:
        """`scoring.is_wrong` for one of this attempt's questions."""
        return is_wrong(self.is_graded(item), item.correct)

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

    def _act(self, now: When) -> None:
        self._require_open()
        if self.tick(now):
            raise TimeUp()
        if self.opened_at is None:
            self.opened_at = Moment.of(now).mono
