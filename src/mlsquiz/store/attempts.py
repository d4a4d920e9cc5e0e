"""The Store's attempts: a write-through cache of attempt states, and every command on an attempt.

An attempt is loaded once into an `AttemptState` (with its item row ids and the version read); a command
changes the cached state and writes it in one transaction (`store.writes`) before it returns. If the write
fails, `undoable` takes the cached state back to what the database holds, so the screen shows what is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from sqlalchemy import delete
from sqlmodel import col, select

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.schema import Question
from mlsquiz.exam.attempt import AttemptError, AttemptState, ItemState, Moment
from mlsquiz.exam.responses import decode
from mlsquiz.store.database import Database
from mlsquiz.store.errors import DamagedDuringSession, SaveFailed, StaleAttempt, UserFacingError
from mlsquiz.store.present import item_view, result_view, status_view, utc
from mlsquiz.store.tables import AttemptRow, ItemRow
from mlsquiz.store.views import AttemptStatusView, AttemptView, Change, ResultView, ResumableView
from mlsquiz.store.writes import Writes

Action = Callable[[AttemptState, Moment], object]


class Attempts:
    def __init__(self, db: Database, bank: Bank) -> None:
        self.db = db
        self.bank = bank
        self._states: dict[int, AttemptState] = {}
        self._row_ids: dict[int, list[int]] = {}
        self._versions: dict[int, int] = {}
        self.writes = Writes(db, self._row_ids, self._versions)
        db.on_reopen = self._forget_all  # another file: the cached attempts no longer hold

    def now(self) -> Moment:
        return Moment.read(self.db.clock)

    def pause_open(self) -> None:
        """At closing: stop the clock of every open attempt, saving what can be saved."""
        if self.db.damaged or self.db.read_only:
            return
        now = self.now()
        for state in list(self._states.values()):
            if state.status == "in_progress" and state.is_open:
                state.close(now)
                with suppress(SaveFailed, StaleAttempt, DamagedDuringSession):
                    self.writes.persist(state)

    # -- loading ----------------------------------------------------------------------------------------------
    def load(self, attempt_id: int) -> AttemptState:
        state = self._states.get(attempt_id)
        if state is not None:
            return state
        row = self.db.session.get(AttemptRow, attempt_id)
        if row is None:
            raise UserFacingError(f"no attempt #{attempt_id}")
        item_rows = self.db.session.exec(
            select(ItemRow).where(ItemRow.attempt_id == attempt_id).order_by(col(ItemRow.position))
        ).all()
        items = [
            ItemState(
                position=r.position,
                question=q,
                order=tuple(r.option_order),
                domain=r.domain,
                task=r.task,
                answer=decode(q, r.answer)[0],
                sequence=decode(q, r.answer)[1],
                flagged=r.flagged,
                checked=r.checked,
                seconds=r.seconds,
                answered_at=utc(r.answered_at),
                confidence=r.confidence,
            )
            for r in item_rows
            for q in [Question.model_validate_json(r.question_json)]
        ]
        state = AttemptState(
            id=attempt_id,
            mode=row.mode,  # type: ignore[arg-type]
            blueprint=row.blueprint,
            passing_score=row.passing_score,
            items=items,
            started_at=utc(row.started_at) or row.started_at,
            status=row.status,  # type: ignore[arg-type]
            limit_seconds=row.limit_seconds,
            elapsed_seconds=row.elapsed_seconds,
            position=row.position,
            submitted_at=utc(row.submitted_at),
        )
        self._states[attempt_id] = state
        self._row_ids[attempt_id] = [r.id for r in item_rows if r.id is not None]
        self._versions[attempt_id] = row.version
        return state

    def _forget(self, attempt_id: int) -> None:
        self._states.pop(attempt_id, None)
        self._row_ids.pop(attempt_id, None)
        self._versions.pop(attempt_id, None)

    def _forget_all(self) -> None:
        self._states.clear()
        self._row_ids.clear()
        self._versions.clear()

    @contextmanager
    def undoable(self, state: AttemptState) -> Iterator[None]:
        """Run an action and its write; if the write fails, the cached attempt goes back to what is stored."""
        snap, version, rows = state.snapshot(), self._versions[state.id], self._row_ids[state.id]
        try:
            yield
        except StaleAttempt:
            self._forget(state.id)
            raise
        except SaveFailed as exc:
            state.restore(snap)
            self._versions[state.id], self._row_ids[state.id] = version, rows
            answered = [i.position for i in state.items if i.answer]
            saved = (
                f"Your answers up to question {max(answered)} are saved."
                if answered
                else "None of this attempt's answers could be saved yet."
            )
            raise SaveFailed(f"{exc} {saved}") from exc
        except BaseException:
            state.restore(snap)
            self._versions[state.id], self._row_ids[state.id] = version, rows
            raise

    # -- commands ------------------------------------------------------------------------------------------------
    def resumable(self) -> list[ResumableView]:
        rows = self.db.session.exec(
            select(AttemptRow)
            .where(AttemptRow.status == "in_progress")
            .order_by(col(AttemptRow.started_at).desc())
        ).all()
        out = []
        for row in rows:
            assert row.id is not None
            state = self.load(row.id)
            out.append(
                ResumableView(
                    id=row.id,
                    mode=row.mode,
                    blueprint=row.blueprint,
                    title=row.title,
                    started_at=utc(row.started_at) or row.started_at,
                    answered=len(state.summary().answered),
                    total=len(state.items),
                    time_left=state.time_left(self.now()),
                    position=state.position,
                    checked=len(state.checked_positions()),
                )
            )
        return out

    def resume(self, attempt_id: int) -> AttemptView:
        """Open an attempt in progress again; its time runs from now. An exam whose time ran out is submitted."""
        self._forget(attempt_id)  # read it afresh: another window may have changed it
        state = self.load(attempt_id)
        if state.status != "in_progress":
            raise UserFacingError(f"attempt #{attempt_id} is {state.status.replace('_', ' ')}")
        now = self.now()
        state.open(now)
        if state.tick(now):
            with self.undoable(state):
                self.writes.finish(state)
        return self.attempt_view(attempt_id)

    def pause(self, attempt_id: int) -> Change:
        """Stop the attempt's clock (leaving the screen); it stays resumable."""
        state = self.load(attempt_id)
        if state.status == "in_progress":
            with self.undoable(state):
                state.close(self.now())
                self.writes.persist(state)
        return Change(status=self.status(state))

    def act(self, attempt_id: int, action: Action, position: int | None = None) -> Change:
        """Apply an action to the attempt and write it; time running out during it submits the exam."""
        state = self.load(attempt_id)
        now = self.now()
        was = state.status
        with self.undoable(state):
            try:
                action(state, now)
            except AttemptError:
                if state.status != was:  # time ran out during the action: the exam was submitted
                    self.writes.finish(state)
                    return Change(status=self.status(state, auto=True))
                raise
            self.writes.persist(state, [position] if position else [])
        item = item_view(state, state.item(position), self.bank.cases) if position else None
        return Change(status=self.status(state), item=item)

    def check(self, attempt_id: int, position: int) -> Change:
        """Drill/review: lock the answer, reveal the verdict and explanations, and schedule the review card."""
        state = self.load(attempt_id)
        with self.undoable(state):
            state.check(position, self.now())
            self.writes.check(state, position)
        return Change(status=self.status(state), item=item_view(state, state.item(position), self.bank.cases))

    def tick(self, attempt_id: int) -> Change:
        """The screen's timer: keeps the stored time current and submits an exam whose time is up."""
        state = self.load(attempt_id)
        if state.status != "in_progress":
            return Change(status=self.status(state))
        with self.undoable(state):
            if state.tick(self.now()):
                self.writes.finish(state)
                return Change(status=self.status(state, auto=True))
            self.writes.persist(state)
        return Change(status=self.status(state))

    def submit(self, attempt_id: int) -> ResultView:
        """End the attempt and score it. A drill or review keeps only the questions checked (see
        `AttemptState.keep_checked`): the rest are neither scored nor seen, and their review cards stay due."""
        state = self.load(attempt_id)
        if state.status == "in_progress":
            with self.undoable(state):
                pruning = (
                    self.writes.keep_checked(state, self._title(state.id)) if state.mode != "exam" else None
                )
                state.submit(self.now())
                self.writes.finish(state, pruning)
        return self.result(attempt_id)

    def discard(self, attempt_id: int) -> None:
        """Delete an unfinished attempt: it leaves History, the resume list and readiness. A finished attempt
        is the user's record and cannot be discarded. Review cards that checked drill answers made stay."""
        state = self.load(attempt_id)
        if state.status == "submitted":
            raise UserFacingError(
                f"attempt #{attempt_id} is finished; only unfinished attempts can be discarded"
            )
        with self.db.tx() as s:
            s.execute(delete(ItemRow).where(col(ItemRow.attempt_id) == attempt_id))
            s.execute(delete(AttemptRow).where(col(AttemptRow.id) == attempt_id))
        self._states.pop(attempt_id, None)
        self._row_ids.pop(attempt_id, None)
        self.db.session.expunge_all()

    # -- views ---------------------------------------------------------------------------------------------------
    def _title(self, attempt_id: int) -> str:
        row = self.db.session.get(AttemptRow, attempt_id)
        return row.title if row else ""

    def status(self, state: AttemptState, auto: bool = False) -> AttemptStatusView:
        return status_view(state, self._title(state.id), self.now(), auto)

    def attempt_view(self, attempt_id: int) -> AttemptView:
        state = self.load(attempt_id)
        return AttemptView(
            status=self.status(state), items=[item_view(state, i, self.bank.cases) for i in state.items]
        )

    def question_ids_of(self, attempt_id: int, which: str = "wrong") -> list[str]:
        """For "drill these": the ids of an attempt's wrong (or flagged, or all) questions."""
        state = self.load(attempt_id)
        if which == "wrong":
            return [i.question.id for i in state.items if state.wrong(i)]
        if which == "flagged":
            return [i.question.id for i in state.items if i.flagged]
        return [i.question.id for i in state.items]

    def result(self, attempt_id: int) -> ResultView:
        state = self.load(attempt_id)
        row = self.db.session.get(AttemptRow, attempt_id)
        assert row is not None
        return result_view(state, row, self.bank.blueprints.get(state.blueprint), self.now(), self.bank.cases)
