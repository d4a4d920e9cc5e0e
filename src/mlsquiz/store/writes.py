"""The Store's writes of an attempt: each action's state goes to the database in exactly one transaction.

`write` is checked against the version this store read, so a write from a stale reading (another window
changed or finished the attempt) is refused with `StaleAttempt` and nothing is written. Grading a finished
attempt, pruning a drill finished early and storing the score share one transaction, so a failed submit
changes nothing.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from mlsquiz.exam.attempt import AttemptState, ItemState
from mlsquiz.exam.responses import encode
from mlsquiz.store.cards import rate_card
from mlsquiz.store.database import Database
from mlsquiz.store.errors import StaleAttempt, UserFacingError
from mlsquiz.store.tables import AttemptRow, CardRow, ItemRow
from mlsquiz.study.review import median_time


@dataclasses.dataclass(frozen=True)
class Pruning:
    """The rows a drill finished early keeps (in their new order) and its new title."""

    keep_ids: list[int]
    title: str | None


class Writes:
    """Writes attempt states, given the attempt cache's row ids and versions (shared, not copied)."""

    def __init__(self, db: Database, row_ids: dict[int, list[int]], versions: dict[int, int]) -> None:
        self.db = db
        self.row_ids = row_ids
        self.versions = versions

    def persist(self, state: AttemptState, positions: list[int] | None = None) -> None:
        """One action's write: the attempt and the items at `positions`, in one transaction."""
        with self.db.tx() as s:
            self.write(s, state, positions or [])

    def check(self, state: AttemptState, position: int) -> None:
        """A drill or review's check: the verdict, the review card and the answer, in one transaction."""
        with self.db.tx() as s:
            self.grade(s, state, [state.item(position)])
            self.write(s, state, [position])

    def keep_checked(self, state: AttemptState, title: str) -> Pruning | None:
        """A drill or review finished early: keep only the checked questions in the attempt (in memory now; the
        rows go in `finish`'s transaction, so a failed submit changes nothing)."""
        total = len(state.items)
        kept = state.checked_positions()
        if not kept:
            raise UserFacingError("nothing has been checked yet: discard the session instead")
        if len(kept) == total:
            return None
        ids = self.row_ids[state.id]
        keep_ids = [ids[p - 1] for p in kept]
        base = title.split(" · ")
        new_title = " · ".join([*base[:2], f"{len(kept)} of {total} checked"]) if len(base) >= 2 else None
        state.keep_checked()
        self.row_ids[state.id] = keep_ids
        return Pruning(keep_ids, new_title)

    def finish(self, state: AttemptState, pruning: Pruning | None = None) -> None:
        """Grade every item of a submitted attempt and store the score, in one transaction (with the rows a
        drill finished early no longer holds)."""
        report = state.report()
        extra: dict[str, Any] = {"submitted_at": state.submitted_at}
        if state.mode == "exam":
            extra |= {"scaled_score": report.scaled_score, "passed": report.passed}
        if pruning is not None and pruning.title:
            extra["title"] = pruning.title
        with self.db.tx() as s:
            if pruning is not None:
                s.execute(
                    delete(ItemRow).where(
                        col(ItemRow.attempt_id) == state.id, col(ItemRow.id).not_in(pruning.keep_ids)
                    )
                )
                for position, row_id in enumerate(pruning.keep_ids, start=1):
                    s.execute(update(ItemRow).where(col(ItemRow.id) == row_id).values(position=position))
            self.grade(s, state, [i for i in state.items if not i.checked])
            self.write(s, state, [i.position for i in state.items], extra)

    def grade(self, s: Session, state: AttemptState, items: list[ItemState]) -> None:
        """Record verdicts and rate review cards: a wrong answer creates or lapses a card."""
        now: datetime = self.db.clock.now()
        ids = self.row_ids[state.id]
        median = median_time(list(s.exec(select(ItemRow.seconds).where(col(ItemRow.correct).is_not(None)))))
        if items:  # one executemany, not a statement per row
            s.execute(update(ItemRow), [{"id": ids[i.position - 1], "correct": i.correct} for i in items])
        # load the cards in one query; rate_card's session.get then finds them in the identity map
        list(s.exec(select(CardRow).where(col(CardRow.question_id).in_([i.question.id for i in items]))))
        for item in items:
            rate_card(s, item, median, now)

    def write(
        self, s: Session, state: AttemptState, positions: list[int], extra: dict[str, Any] | None = None
    ) -> None:
        """Write the attempt's state, checked against the version this store read: a write from a stale
        reading (another window changed or finished the attempt) is refused and nothing is written."""
        ids = self.row_ids[state.id]
        version = self.versions[state.id]
        result = s.execute(
            update(AttemptRow)
            .where(
                col(AttemptRow.id) == state.id,
                col(AttemptRow.version) == version,
                col(AttemptRow.status) == "in_progress",
            )
            .values(
                elapsed_seconds=state.elapsed_seconds,
                position=state.position,
                status=state.status,
                version=version + 1,
                **(extra or {}),
            )
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise StaleAttempt(
                "This attempt was changed in another mlsquiz window, so nothing was saved here. "
                "Open it again from the dashboard to see its current state."
            )
        current = state.item(state.position)
        s.execute(
            update(ItemRow)
            .where(col(ItemRow.id) == ids[current.position - 1])
            .values(seconds=current.seconds)
        )
        rows = [
            {
                "id": ids[position - 1],
                "answer": encode(item.question, item.answer, item.sequence),
                "flagged": item.flagged,
                "checked": item.checked,
                "seconds": item.seconds,
                "answered_at": item.answered_at,
                "confidence": item.confidence,
            }
            for position in positions
            for item in [state.item(position)]
        ]
        if rows:  # one executemany, not a statement per row
            s.execute(update(ItemRow), rows)
        self.versions[state.id] = version + 1
