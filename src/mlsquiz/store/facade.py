"""The one way into the user's data: attempts, answers, review cards, history, readiness.

Open it on a data folder (`Store.open(folder, bank)`); it owns the SQLite database there. Every action is
committed before the method returns, so a crash loses nothing the user did. Methods return immutable views
(`store.views`); an action returns a `Change` saying what it changed.

A write that cannot be committed (a full disk, a read-only folder) takes the cached attempt back to what the
database holds and raises `SaveFailed`; a write from a stale reading (another window changed the attempt) is
refused with `StaleAttempt`; damage found mid-session raises `DamagedDuringSession`, after which
`recover_from_damage` keeps the file aside and restores the newest good backup.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, event, func, update
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, create_engine, select

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.calculations import vary
from mlsquiz.bank.schema import Blueprint, Question
from mlsquiz.exam.assembly import assemble
from mlsquiz.exam.attempt import AttemptError, AttemptState, Clock, ItemState, Mode, Moment, SystemClock
from mlsquiz.exam.responses import decode, encode, shown_order
from mlsquiz.exam.scoring import Tally
from mlsquiz.settings import Settings, load_settings, save_settings
from mlsquiz.store import backups
from mlsquiz.store.backups import BackupInfo, explain_os_error, is_damage
from mlsquiz.store.cards import rate_card
from mlsquiz.store.db import open_database
from mlsquiz.store.errors import UserFacingError
from mlsquiz.store.present import history_entries, item_view, result_view, status_view, utc
from mlsquiz.store.tables import AttemptRow, CardRow, ItemRow
from mlsquiz.store.views import (
    AttemptStatusView,
    AttemptView,
    BackupView,
    BlueprintView,
    Change,
    DashboardView,
    HistoryEntry,
    ProgressPoint,
    ReadinessView,
    ResultView,
    ResumableView,
    TallyView,
)
from mlsquiz.study import readiness as readiness_model
from mlsquiz.study.drills import DrillFilter, choose, count_matching
from mlsquiz.study.review import median_time

RECENT_FIRST_ATTEMPTS = 300
DB_NAME = "mlsquiz.db"


class SaveFailed(UserFacingError):
    """A write could not be committed; the attempt shows what the database holds."""


class StaleAttempt(UserFacingError):
    """The attempt was changed elsewhere (another window) since this one read it; nothing was written."""


class DamagedDuringSession(UserFacingError):
    """SQLite reported the file damaged during use; nothing more is written until it is recovered."""


class Store:
    def __init__(
        self, folder: Path, bank: Bank, clock: Clock | None = None, *, read_only: bool = False
    ) -> None:
        self.folder = folder
        self.bank = bank
        self.clock = clock or SystemClock()
        self.read_only = read_only
        self.db = folder / DB_NAME
        self.notice: str | None = None  # shown once by the app (printed by the CLI) when not None
        self.damaged = False
        if not read_only:
            backups.adopt_legacy(self.db)
        if self.db.exists() or backups.backup_dir(self.db).is_dir():
            self.notice = backups.recover(self.db)
        self.engine = self._connect()
        self._states: dict[int, AttemptState] = {}
        self._row_ids: dict[int, list[int]] = {}
        self._versions: dict[int, int] = {}
        self._session = Session(self.engine, expire_on_commit=False)

    def _connect(self) -> Engine:
        if (
            self.read_only and not self.db.exists()
        ):  # a new folder: an empty, in-memory database; nothing created
            engine = create_engine("sqlite://")
            from sqlmodel import SQLModel

            SQLModel.metadata.create_all(engine)
        else:
            engine = open_database(self.db, read_only=self.read_only)
        event.listen(engine, "handle_error", self._on_error)
        return engine

    def _on_error(self, context: ExceptionContext) -> BaseException | None:
        """Every SQL error passes here: damage stops all writing, other failures become one plain sentence."""
        error = context.original_exception
        if is_damage(error):
            self.damaged = True
            return DamagedDuringSession(
                "Your data file was found damaged; mlsquiz stopped writing to it and will restore your newest "
                "good backup."
            )
        if backups.sqlite_code(error):
            return SaveFailed(f"Can't save: {explain_os_error(error, self.folder)}.")
        return None

    @classmethod
    def open(
        cls,
        folder: Path,
        bank: Bank,
        clock: Clock | None = None,
        *,
        read_only: bool = False,
        backup: bool = False,
    ) -> Store:
        """Open the data folder. `read_only` creates nothing (a missing folder reads as empty); `backup` writes
        a backup at opening, as the desktop app does on every start."""
        if not read_only:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UserFacingError(f"cannot create the data folder {folder}: {exc.strerror}") from exc
            if not backups.writable(folder):
                raise backups.ReadOnlyFolder(
                    f"the data folder {folder} is read-only; mlsquiz needs to write there (use --data-dir)"
                )
        store = cls(folder, bank, clock, read_only=read_only)
        if backup:
            store.backup_quietly()
        return store

    def close(self) -> None:
        """Pause what is open, close the database and, after a normal session, write a backup."""
        if not self.damaged and not self.read_only:
            now = self._now()
            for state in list(self._states.values()):
                if state.status == "in_progress" and state.is_open:
                    state.close(now)
                    with suppress(SaveFailed, StaleAttempt, DamagedDuringSession):
                        self._persist(state)
        self._session.close()
        self.engine.dispose()
        if not self.read_only and not self.damaged:
            self.backup_quietly()

    def _now(self) -> Moment:
        return Moment.read(self.clock)

    # -- backups -------------------------------------------------------------------------------------------------
    def backup_quietly(self) -> BackupInfo | None:
        """The automatic backup at start and quit: never raises; a failure is kept in `backup_error`."""
        self.backup_error: str | None = None
        try:
            return backups.write_backup(self.db, now=self.clock.now())
        except UserFacingError as exc:
            self.backup_error = str(exc)
            return None

    def backups(self) -> list[BackupView]:
        return [
            BackupView(
                file=b.path.name, taken_at=b.taken_at, attempts=b.holding.attempts, answers=b.holding.answers
            )
            for b in backups.list_backups(self.db)
        ]

    def backup_now(self) -> str:
        """A backup on request (Settings → Backups); what was done, in one sentence."""
        info = backups.write_backup(self.db, now=self.clock.now())
        if info is None:
            return "There is nothing to back up yet."
        return f"Backed up {info.holding.attempts} attempts and {info.holding.answers} answers."

    def restore_backup(self, name: str) -> str:
        """Replace the database with the backup of that file name, keeping the current one aside; reopen."""
        chosen = [b for b in backups.list_backups(self.db) if b.path.name == Path(name).name]
        if not chosen:
            raise UserFacingError(f"there is no good backup named {Path(name).name}")
        self._shutdown_engine()
        try:
            aside = backups.restore(self.db, chosen[0].path, "replaced")
        finally:
            self._reopen()
        kept = f" The data it replaced was kept as {aside.name}." if aside else ""
        return f"Restored the backup from {chosen[0].taken_at:%Y-%m-%d %H:%M} UTC.{kept}"

    def check_data(self) -> str:
        """SQLite's full integrity check of the open database, in one sentence (damage raises, as on any
        query, DamagedDuringSession, which the app answers by restoring)."""
        rows = [r[0] for r in self._session.connection().exec_driver_sql("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            self.damaged = True
            raise DamagedDuringSession(f"The data file failed its integrity check ({rows[0]})."[:300])
        return "Your data file passed SQLite's integrity check."

    def recover_from_damage(self) -> str:
        """After DamagedDuringSession: keep the damaged file aside, restore the newest good backup, reopen."""
        self._shutdown_engine()
        notice = backups.recover(self.db) or "Your data file was checked and found sound again."
        self.damaged = False
        self._reopen()
        self.notice = notice
        return notice

    def _shutdown_engine(self) -> None:
        self._session.close()
        self.engine.dispose()
        self._states.clear()
        self._row_ids.clear()
        self._versions.clear()

    def _reopen(self) -> None:
        self.engine = self._connect()
        self._session = Session(self.engine, expire_on_commit=False)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        if self.damaged:
            raise DamagedDuringSession(
                "Your data file is damaged; nothing more is written until it is restored."
            )
        if self.read_only:
            raise UserFacingError("this command only reads your data")
        try:
            yield self._session
            self._session.commit()
        except BaseException:
            with suppress(SQLAlchemyError):
                self._session.rollback()
            raise

    # -- bank and settings -------------------------------------------------------------------------------------
    def blueprint(self, blueprint_id: str | None = None) -> Blueprint:
        bid = blueprint_id or self.settings().default_blueprint
        if bid not in self.bank.blueprints:
            bid = self.bank.default_blueprint.id
        return self.bank.blueprints[bid]

    def blueprints(self) -> list[BlueprintView]:
        return [
            BlueprintView(
                id=b.id,
                name=b.name,
                questions=b.questions,
                duration_minutes=b.duration_minutes,
                passing_score=b.passing_score,
                notes=b.notes,
                domains=[TallyView(id=d.id, title=d.title, correct=0, total=0) for d in b.domains],
                tasks=[
                    TallyView(id=t.id, title=t.title, correct=0, total=0) for d in b.domains for t in d.tasks
                ],
            )
            for b in self.bank.blueprints.values()
        ]

    def topics(self) -> list[tuple[str, str]]:
        """(slug, name) of every knowledge entry, by name."""
        return sorted(((e.slug, e.name) for e in self.bank.knowledge.values()), key=lambda t: t[1].lower())

    def settings(self) -> Settings:
        return load_settings(self.folder)

    def save_settings(self, settings: Settings) -> Settings:
        save_settings(self.folder, settings)
        return settings

    # -- what the user has seen ----------------------------------------------------------------------------------
    def last_seen(self) -> dict[str, datetime]:
        rows = self._session.exec(
            select(ItemRow.question_id, func.max(AttemptRow.started_at))
            .join(AttemptRow, col(AttemptRow.id) == col(ItemRow.attempt_id))
            .group_by(col(ItemRow.question_id))
        ).all()
        return {qid: utc(when) for qid, when in rows if when is not None}  # type: ignore[misc]

    def wrong_question_ids(self) -> set[str]:
        """Every question the user has answered wrong at least once (graded; left unanswered does not count)."""
        return self._wrong_before()

    def _wrong_before(self) -> set[str]:
        rows = self._session.exec(
            select(ItemRow.question_id).where(col(ItemRow.correct).is_(False), col(ItemRow.answer) != "")
        ).all()
        return set(rows)

    def _answered_before(self) -> set[str]:
        rows = self._session.exec(
            select(ItemRow.question_id).where(col(ItemRow.answered_at).is_not(None))
        ).all()
        return set(rows)

    # -- starting attempts ---------------------------------------------------------------------------------------
    def start_exam(
        self, blueprint_id: str | None = None, *, seed: int | None = None, length: int | None = None
    ) -> AttemptView:
        blueprint = self.blueprint(blueprint_id)
        seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
        if length is None:
            length = self.settings().exam_length
        exam = assemble(self.bank, blueprint, seed=seed, length=length, last_seen=self.last_seen())
        items = [(self.bank.by_id[i.id], i.domain, i.task) for i in exam.items]
        full = len(items) == blueprint.questions
        title = f"{'Mock exam' if full else 'Short exam'} · {blueprint.id.upper()} · {len(items)} questions"
        return self._create("exam", blueprint, items, seed, exam.duration_minutes * 60, title)

    def drill_pool_size(self, drill: DrillFilter) -> int:
        return count_matching(self.bank, drill, self._answered_before(), self._wrong_before())

    def start_drill(self, drill: DrillFilter, *, seed: int | None = None) -> AttemptView:
        blueprint = self.blueprint(drill.blueprint)
        seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
        questions = choose(
            self.bank,
            drill,
            seed=seed,
            seen=self._answered_before(),
            wrong=self._wrong_before(),
            last_seen=self.last_seen(),
        )
        if not questions:
            raise UserFacingError("no questions match these filters")
        items = [self._place(vary(q, seed), blueprint) for q in questions]  # fresh numbers for calculations
        title = f"Drill · {blueprint.id.upper()} · {len(items)} questions"
        return self._create("drill", blueprint, items, seed, None, title)

    def due_count(self) -> int:
        now = self.clock.now()
        return int(
            self._session.exec(
                select(func.count())
                .select_from(CardRow)
                .where(~col(CardRow.retired), col(CardRow.due) <= now)
            ).one()
        )

    def start_review(self, limit: int = 20, blueprint_id: str | None = None) -> AttemptView:
        blueprint = self.blueprint(blueprint_id)
        now = self.clock.now()
        rows = self._session.exec(
            select(CardRow.question_id)
            .where(~col(CardRow.retired), col(CardRow.due) <= now)
            .order_by(col(CardRow.due))
        ).all()
        questions = [self.bank.by_id[qid] for qid in rows if qid in self.bank.by_id][:limit]
        if not questions:
            raise UserFacingError("no wrong answers are due for review")
        items = [self._place(q, blueprint) for q in questions]
        return self._create("review", blueprint, items, None, None, f"Review · {len(items)} due")

    def _place(self, q: Question, blueprint: Blueprint) -> tuple[Question, str, str]:
        task = q.domains.get(blueprint.id) or q.domains.get("mls-c01") or "0.0"
        return q, task.split(".")[0], task

    def _create(
        self,
        mode: Mode,
        blueprint: Blueprint,
        items: list[tuple[Question, str, str]],
        seed: int | None,
        limit_seconds: int | None,
        title: str,
    ) -> AttemptView:
        moment = self._now()
        now = moment.wall
        rng = random.Random(f"{seed}:{now.isoformat()}")
        with self._tx() as s:
            row = AttemptRow(
                mode=mode,
                blueprint=blueprint.id,
                status="in_progress",
                seed=seed,
                title=title,
                started_at=now,
                limit_seconds=limit_seconds,
                passing_score=blueprint.passing_score,
            )
            s.add(row)
            s.flush()
            assert row.id is not None
            item_rows = []
            for position, (q, domain, task) in enumerate(items, start=1):
                order = shown_order(q, rng)
                item_rows.append(
                    ItemRow(
                        attempt_id=row.id,
                        position=position,
                        question_id=q.id,
                        domain=domain,
                        task=task,
                        question_json=q.model_dump_json(),
                        option_order="".join(order),
                    )
                )
            s.add_all(item_rows)
        state = self._load(row.id)
        state.open(moment)
        return self.attempt_view(row.id)

    # -- loading attempts ----------------------------------------------------------------------------------------
    def _load(self, attempt_id: int) -> AttemptState:
        state = self._states.get(attempt_id)
        if state is not None:
            return state
        row = self._session.get(AttemptRow, attempt_id)
        if row is None:
            raise UserFacingError(f"no attempt #{attempt_id}")
        item_rows = self._session.exec(
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

    @contextmanager
    def _undoable(self, state: AttemptState) -> Iterator[None]:
        """Run an action and its write; if the write fails, the cached attempt goes back to what is stored."""
        snap, version = state.snapshot(), self._versions[state.id]
        try:
            yield
        except StaleAttempt:
            self._forget(state.id)
            raise
        except SaveFailed as exc:
            state.restore(snap)
            self._versions[state.id] = version
            answered = [i.position for i in state.items if i.answer]
            saved = (
                f"Your answers up to question {max(answered)} are saved."
                if answered
                else "None of this attempt's answers could be saved yet."
            )
            raise SaveFailed(f"{exc} {saved}") from exc
        except BaseException:
            state.restore(snap)
            self._versions[state.id] = version
            raise

    def resumable(self) -> list[ResumableView]:
        rows = self._session.exec(
            select(AttemptRow)
            .where(AttemptRow.status == "in_progress")
            .order_by(col(AttemptRow.started_at).desc())
        ).all()
        out = []
        for row in rows:
            assert row.id is not None
            state = self._load(row.id)
            out.append(
                ResumableView(
                    id=row.id,
                    mode=row.mode,
                    blueprint=row.blueprint,
                    title=row.title,
                    started_at=utc(row.started_at) or row.started_at,
                    answered=len(state.summary().answered),
                    total=len(state.items),
                    time_left=state.time_left(self._now()),
                )
            )
        return out

    def resume(self, attempt_id: int) -> AttemptView:
        """Open an attempt in progress again; its time runs from now. An exam whose time ran out is submitted."""
        self._forget(attempt_id)  # read it afresh: another window may have changed it
        state = self._load(attempt_id)
        if state.status != "in_progress":
            raise UserFacingError(f"attempt #{attempt_id} is {state.status.replace('_', ' ')}")
        now = self._now()
        state.open(now)
        if state.tick(now):
            with self._undoable(state):
                self._finish(state)
        return self.attempt_view(attempt_id)

    def pause(self, attempt_id: int) -> Change:
        """Stop the attempt's clock (leaving the screen); it stays resumable."""
        state = self._load(attempt_id)
        if state.status == "in_progress":
            with self._undoable(state):
                state.close(self._now())
                self._persist(state)
        return Change(status=self._status(state))

    # -- actions -------------------------------------------------------------------------------------------------
    def _act(self, attempt_id: int, action: Any, position: int | None = None) -> Change:
        state = self._load(attempt_id)
        now = self._now()
        was = state.status
        with self._undoable(state):
            try:
                action(state, now)
            except AttemptError:
                if state.status != was:  # time ran out during the action: the exam was submitted
                    self._finish(state)
                    return Change(status=self._status(state, auto=True))
                raise
            self._persist(state, [position] if position else [])
        item = item_view(state, state.item(position), self.bank.cases) if position else None
        return Change(status=self._status(state), item=item)

    def toggle(self, attempt_id: int, position: int, key: str) -> Change:
        return self._act(attempt_id, lambda s, now: s.toggle(position, key, now), position)

    def answer(self, attempt_id: int, position: int, keys: list[str]) -> Change:
        return self._act(attempt_id, lambda s, now: s.answer(position, keys, now), position)

    def clear(self, attempt_id: int, position: int) -> Change:
        return self._act(attempt_id, lambda s, now: s.clear(position, now), position)

    def place(self, attempt_id: int, position: int, key: str) -> Change:
        """Ordering: place a step in the next free position (no effect if it is placed already)."""
        return self._act(attempt_id, lambda s, now: s.place(position, key, now), position)

    def take_back(self, attempt_id: int, position: int) -> Change:
        """Ordering: take back the step placed last."""
        return self._act(attempt_id, lambda s, now: s.take_back(position, now), position)

    def match(self, attempt_id: int, position: int, prompt: str, key: str | None) -> Change:
        """Matching: give a prompt a response, or clear it (None)."""
        return self._act(attempt_id, lambda s, now: s.match(position, prompt, key, now), position)

    def flag(self, attempt_id: int, position: int, flagged: bool) -> Change:
        return self._act(attempt_id, lambda s, now: s.flag(position, flagged, now), position)

    def goto(self, attempt_id: int, position: int) -> Change:
        return self._act(attempt_id, lambda s, now: s.goto(position, now), position)

    def check(self, attempt_id: int, position: int) -> Change:
        """Drill/review: lock the answer, reveal the verdict and explanations, and schedule the review card."""
        state = self._load(attempt_id)
        with self._undoable(state):
            state.check(position, self._now())
            with self._tx() as s:
                self._grade(s, state, [state.item(position)])
                self._write(s, state, [position])
        return Change(
            status=self._status(state), item=item_view(state, state.item(position), self.bank.cases)
        )

    def tick(self, attempt_id: int) -> Change:
        """The screen's timer: keeps the stored time current and submits an exam whose time is up."""
        state = self._load(attempt_id)
        if state.status != "in_progress":
            return Change(status=self._status(state))
        with self._undoable(state):
            if state.tick(self._now()):
                self._finish(state)
                return Change(status=self._status(state, auto=True))
            self._persist(state)
        return Change(status=self._status(state))

    def submit(self, attempt_id: int) -> ResultView:
        state = self._load(attempt_id)
        if state.status == "in_progress":
            with self._undoable(state):
                state.submit(self._now())
                self._finish(state)
        return self.result(attempt_id)

    def abandon(self, attempt_id: int) -> Change:
        state = self._load(attempt_id)
        with self._undoable(state):
            state.abandon(self._now())
            self._persist(state)
        return Change(status=self._status(state))

    def _finish(self, state: AttemptState) -> None:
        """Grade every item of a submitted attempt and store the score, in one transaction."""
        report = state.report()
        extra: dict[str, Any] = {"submitted_at": state.submitted_at}
        if state.mode == "exam":
            extra |= {"scaled_score": report.scaled_score, "passed": report.passed}
        with self._tx() as s:
            self._grade(s, state, [i for i in state.items if not i.checked])
            self._write(s, state, [i.position for i in state.items], extra)

    def _grade(self, s: Session, state: AttemptState, items: list[ItemState]) -> None:
        """Record verdicts and rate review cards: a wrong answer creates or lapses a card."""
        now = self.clock.now()
        ids = self._row_ids[state.id]
        median = median_time(list(s.exec(select(ItemRow.seconds).where(col(ItemRow.correct).is_not(None)))))
        for item in items:
            s.execute(
                update(ItemRow).where(col(ItemRow.id) == ids[item.position - 1]).values(correct=item.correct)
            )
            rate_card(s, item, median, now)

    def _persist(self, state: AttemptState, positions: list[int] | None = None) -> None:
        with self._tx() as s:
            self._write(s, state, positions or [])

    def _write(
        self, s: Session, state: AttemptState, positions: list[int], extra: dict[str, Any] | None = None
    ) -> None:
        """Write the attempt's state, checked against the version this store read: a write from a stale
        reading (another window changed or finished the attempt) is refused and nothing is written."""
        ids = self._row_ids[state.id]
        version = self._versions[state.id]
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
        for position in positions:
            item = state.item(position)
            s.execute(
                update(ItemRow)
                .where(col(ItemRow.id) == ids[position - 1])
                .values(
                    answer=encode(item.question, item.answer, item.sequence),
                    flagged=item.flagged,
                    checked=item.checked,
                    seconds=item.seconds,
                    answered_at=item.answered_at,
                )
            )
        self._versions[state.id] = version + 1

    # -- views -------------------------------------------------------------------------------------------------
    def _title(self, attempt_id: int) -> str:
        row = self._session.get(AttemptRow, attempt_id)
        return row.title if row else ""

    def _status(self, state: AttemptState, auto: bool = False) -> AttemptStatusView:
        return status_view(state, self._title(state.id), self._now(), auto)

    def attempt_view(self, attempt_id: int) -> AttemptView:
        state = self._load(attempt_id)
        return AttemptView(
            status=self._status(state), items=[item_view(state, i, self.bank.cases) for i in state.items]
        )

    def result(self, attempt_id: int) -> ResultView:
        state = self._load(attempt_id)
        row = self._session.get(AttemptRow, attempt_id)
        assert row is not None
        return result_view(
            state, row, self.bank.blueprints.get(state.blueprint), self._now(), self.bank.cases
        )

    def history(self) -> list[HistoryEntry]:
        rows = self._session.exec(
            select(AttemptRow).order_by(col(AttemptRow.started_at).desc(), col(AttemptRow.id).desc())
        ).all()
        items = self._session.exec(
            select(ItemRow.attempt_id, ItemRow.domain, ItemRow.answer, ItemRow.correct)
        )
        return history_entries(rows, items)

    def progress(self, blueprint_id: str | None = None) -> list[ProgressPoint]:
        """Per-domain accuracy of every submitted attempt on a blueprint, oldest first."""
        bid = self.blueprint(blueprint_id).id
        points = []
        for h in reversed(self.history()):
            if h.status != "submitted" or h.blueprint != bid:
                continue
            points.append(
                ProgressPoint(
                    attempt_id=h.id,
                    when=h.submitted_at or h.started_at,
                    mode=h.mode,
                    scaled_score=h.scaled_score,
                    by_domain={d: t["correct"] / t["total"] for d, t in h.by_domain.items() if t["total"]},
                )
            )
        return points

    def readiness(self, blueprint_id: str | None = None) -> ReadinessView:
        blueprint = self.blueprint(blueprint_id)
        rows = self._session.exec(
            select(ItemRow.question_id, ItemRow.correct, ItemRow.answered_at)
            .where(
                col(ItemRow.correct).is_not(None),
                col(ItemRow.answered_at).is_not(None),
                col(ItemRow.answer) != "",
            )
            .order_by(col(ItemRow.answered_at))
        ).all()
        first: dict[str, bool] = {}
        for qid, correct, _when in rows:
            first.setdefault(qid, bool(correct))
        recent = list(first.items())[-RECENT_FIRST_ATTEMPTS:]
        tallies: dict[str, Tally] = {}
        for qid, correct in recent:
            q = self.bank.by_id.get(qid)
            task = q.domains.get(blueprint.id) if q else None
            if task is None:
                continue
            domain = task.split(".")[0]
            tallies[domain] = tallies.get(domain, Tally()).add(correct)
        est = readiness_model.estimate(blueprint, tallies)
        return ReadinessView.model_validate(dataclasses.asdict(est))

    def dashboard(self, blueprint_id: str | None = None) -> DashboardView:
        blueprint = self.blueprint(blueprint_id)
        return DashboardView(
            blueprint=blueprint.id,
            blueprint_name=blueprint.name,
            due_reviews=self.due_count(),
            resumable=self.resumable(),
            recent=[h for h in self.history() if h.status == "submitted"][:8],
            readiness=self.readiness(blueprint.id),
            bank_questions=len(self.bank.questions),
        )

    def question_ids_of(self, attempt_id: int, which: str = "wrong") -> list[str]:
        """For "drill these": the ids of an attempt's wrong (or flagged, or all) questions."""
        state = self._load(attempt_id)
        if which == "wrong":
            return [i.question.id for i in state.items if not i.correct]
        if which == "flagged":
            return [i.question.id for i in state.items if i.flagged]
        return [i.question.id for i in state.items]

    def raw_answers(self, attempt_id: int) -> dict[int, str]:
        """Position -> stored answer, read from the database (not the cache): for crash tests and tools."""
        rows = self._session.exec(
            select(ItemRow.position, ItemRow.answer).where(ItemRow.attempt_id == attempt_id)
        ).all()
        return dict(rows)
