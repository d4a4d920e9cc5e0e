"""The one way into the user's data: attempts, answers, review cards, history, readiness.

Open it on a data folder (`Store.open(folder, bank)`); it owns the SQLite database there. Every action is
committed before the method returns, so a crash loses nothing the user did. Methods return immutable views
(`store.views`); an action returns a `Change` saying what it changed.

A write that cannot be committed (a full disk, a read-only folder) takes the cached attempt back to what the
database holds and raises `SaveFailed`; a write from a stale reading (another window changed the attempt) is
refused with `StaleAttempt`; damage found mid-session raises `DamagedDuringSession`, after which
`recover_from_damage` keeps the file aside and restores the newest good backup.

The Store holds parts, each with one job, as Anki's `Collection` delegates to `decks`, `tags` and `conf`:
`database` (engine, session, transactions, backups and recovery), `attempts` (the write-through attempt
cache and every command on an attempt, written by `attempts.writes`), `starts` (new exams, drills and
reviews), `reads` (history, readiness, the cached dashboard) and `notes` (the user's notes on questions and
reports of problems with them). Settings are read once and kept.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from types import TracebackType

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.schema import Blueprint
from mlsquiz.exam.attempt import Clock, SystemClock
from mlsquiz.settings import Settings, load_settings, save_settings
from mlsquiz.store import dbfile, study_reads
from mlsquiz.store.attempts import Attempts
from mlsquiz.store.backups import DB_NAME, BackupInfo
from mlsquiz.store.database import Database
from mlsquiz.store.errors import DamagedDuringSession, SaveFailed, StaleAttempt, UserFacingError
from mlsquiz.store.notes import Notes
from mlsquiz.store.reads import Reads
from mlsquiz.store.starts import Starts
from mlsquiz.store.views import (
    AttemptView,
    BackupView,
    BlueprintView,
    Change,
    DashboardView,
    HistoryEntry,
    ReadinessView,
    ResultView,
    ResumableView,
    TallyView,
    WeakSpotsView,
)
from mlsquiz.study.drills import DrillFilter

__all__ = ["DB_NAME", "DamagedDuringSession", "SaveFailed", "StaleAttempt", "Store"]


class Store:
    def __init__(
        self, folder: Path, bank: Bank, clock: Clock | None = None, *, read_only: bool = False
    ) -> None:
        self.folder = folder
        self._bank = bank
        self.clock = clock or SystemClock()
        self.read_only = read_only
        self.database = Database(folder, self.clock, read_only=read_only)
        self.attempts = Attempts(self.database, bank)
        self.reads = Reads(self.database, bank)
        self.starts = Starts(self.attempts, self.reads, bank)
        self.notes = Notes(self.database, bank)  # the user's notes and reports (store.notes)
        self._settings: Settings | None = None  # read once; `save_settings` keeps it current

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
            if not dbfile.writable(folder):
                raise dbfile.ReadOnlyFolder(
                    f"the data folder {folder} is read-only; mlsquiz needs to write there (use --data-dir)"
                )
        store = cls(folder, bank, clock, read_only=read_only)
        if backup:
            store.backup_quietly()
        return store

    def close(self) -> None:
        """Pause what is open, close the database and, after a normal session, write a backup."""
        self.attempts.pause_open()
        self.database.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def bank(self) -> Bank:
        return self._bank

    @bank.setter
    def bank(self, bank: Bank) -> None:
        """The app swaps in the bank rebuilt after an import: every part reads questions from the new one."""
        self._bank = self.attempts.bank = self.reads.bank = self.starts.bank = self.notes.bank = bank
        self.database.touched("bank")  # the dashboard counts the bank's questions

    @property
    def notice(self) -> str | None:
        """What happened to the data file at opening or recovery, shown once by the app (printed by the CLI)."""
        return self.database.notice

    # -- backups and recovery ------------------------------------------------------------------------------------
    def backup_quietly(self) -> BackupInfo | None:
        """The automatic backup at start and quit: never raises; a failure is kept in `backup_error`."""
        return self.database.backup_quietly()

    @property
    def backup_error(self) -> str | None:
        """Why the last automatic backup could not be written, or None."""
        return self.database.backup_error

    def backups(self) -> list[BackupView]:
        return self.database.backups()

    def backup_now(self) -> str:
        return self.database.backup_now()

    def restore_backup(self, name: str) -> str:
        return self.database.restore_backup(name)

    def check_data(self) -> str:
        return self.database.check_data()

    def recover_from_damage(self) -> str:
        return self.database.recover_from_damage()

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
                retired=b.retired,
                default=b.default,
                domains=[TallyView(id=d.id, title=d.title, correct=0, total=0) for d in b.domains],
                tasks=[
                    TallyView(id=t.id, title=t.title, correct=0, total=0) for d in b.domains for t in d.tasks
                ],
            )
            for b in self.bank.blueprints.values()
        ]

    def topics(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(slug, name, aliases) of every knowledge entry and of every tag of the user's imported questions, by
        name: a search matches old names too."""
        tags = {t for q in self.bank.questions if q.source == "imported" for t in q.topics}
        named = [(e.slug, e.name, tuple(e.aliases)) for e in self.bank.knowledge.values()]
        named += [(t, f"{t} (your tag)", ()) for t in sorted(tags - set(self.bank.knowledge))]
        return sorted(named, key=lambda t: t[1].lower())

    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.folder)
        return self._settings

    def save_settings(self, settings: Settings) -> Settings:
        save_settings(self.folder, settings)
        self._settings = settings
        self.database.touched("settings")  # the dashboard keys on the settings it shows; other reads may not
        return settings

    # -- starting attempts ---------------------------------------------------------------------------------------
    def start_exam(
        self, blueprint_id: str | None = None, *, seed: int | None = None, length: int | None = None
    ) -> AttemptView:
        length = length if length is not None else self.settings().exam_length
        return self.starts.start_exam(self.blueprint(blueprint_id), seed, length)

    def drill_pool_size(self, drill: DrillFilter) -> int:
        return self.starts.drill_pool_size(drill)

    def start_drill(self, drill: DrillFilter, *, seed: int | None = None) -> AttemptView:
        return self.starts.start_drill(self.blueprint(drill.blueprint), drill, seed)

    def start_review(self, limit: int = 20, blueprint_id: str | None = None) -> AttemptView:
        return self.starts.start_review(self.blueprint(blueprint_id), limit)

    # -- attempts ------------------------------------------------------------------------------------------------
    def resumable(self) -> list[ResumableView]:
        return self.attempts.resumable()

    def in_progress_exams(self, blueprint_id: str) -> list[ResumableView]:
        """Unfinished mock exams of a blueprint, newest first: starting another one asks about these first."""
        return [r for r in self.resumable() if r.mode == "exam" and r.blueprint == blueprint_id]

    def resume(self, attempt_id: int) -> AttemptView:
        return self.attempts.resume(attempt_id)

    def pause(self, attempt_id: int) -> Change:
        return self.attempts.pause(attempt_id)

    def toggle(self, attempt_id: int, position: int, key: str) -> Change:
        return self.attempts.act(attempt_id, lambda s, now: s.toggle(position, key, now), position)

    def answer(self, attempt_id: int, position: int, keys: list[str]) -> Change:
        return self.attempts.act(attempt_id, lambda s, now: s.answer(position, keys, now), position)

    def take_back(self, attempt_id: int, position: int) -> Change:
        """Ordering: take back the step placed last."""
        return self.attempts.act(attempt_id, lambda s, now: s.take_back(position, now), position)

    def match(self, attempt_id: int, position: int, prompt: str, key: str | None) -> Change:
        """Matching: give a prompt a response, or clear it (None)."""
        return self.attempts.act(attempt_id, lambda s, now: s.match(position, prompt, key, now), position)

    def flag(self, attempt_id: int, position: int, flagged: bool) -> Change:
        return self.attempts.act(attempt_id, lambda s, now: s.flag(position, flagged, now), position)

    def set_confidence(self, attempt_id: int, position: int, level: str) -> Change:
        """How sure the user is of an answer: "sure", "unsure", "guess", or "" to take it back."""
        return self.attempts.act(attempt_id, lambda s, now: s.set_confidence(position, level, now), position)

    def goto(self, attempt_id: int, position: int) -> Change:
        return self.attempts.act(attempt_id, lambda s, now: s.goto(position, now), position)

    def check(self, attempt_id: int, position: int) -> Change:
        return self.attempts.check(attempt_id, position)

    def tick(self, attempt_id: int) -> Change:
        return self.attempts.tick(attempt_id)

    def submit(self, attempt_id: int) -> ResultView:
        return self.attempts.submit(attempt_id)

    def discard(self, attempt_id: int) -> None:
        self.attempts.discard(attempt_id)

    def attempt_view(self, attempt_id: int) -> AttemptView:
        return self.attempts.attempt_view(attempt_id)

    def result(self, attempt_id: int) -> ResultView:
        return self.attempts.result(attempt_id)

    def question_ids_of(self, attempt_id: int, which: str = "wrong") -> list[str]:
        return self.attempts.question_ids_of(attempt_id, which)

    # -- read models ---------------------------------------------------------------------------------------------
    def last_seen(self) -> dict[str, datetime]:
        return self.reads.last_seen()

    def wrong_question_ids(self) -> set[str]:
        """Every question the user has answered wrong at least once (graded; left unanswered does not count)."""
        return self.reads.wrong_before()

    def due_count(self) -> int:
        return self.reads.due_count()

    def history(self, *, with_items: bool = False) -> list[HistoryEntry]:
        return self.reads.history(with_items=with_items)

    def readiness(self, blueprint_id: str | None = None) -> ReadinessView:
        return self.reads.readiness(self.blueprint(blueprint_id))

    def dashboard(self, blueprint_id: str | None = None) -> DashboardView:
        return self.reads.dashboard(self.blueprint(blueprint_id), self.attempts.resumable, self.settings())

    def weak_spots(self, blueprint_id: str | None = None) -> WeakSpotsView:
        """The task statements a weak-spot drill would work on now, and why."""
        return study_reads.weak_spots(self.reads, self.blueprint(blueprint_id), self.settings().drill_length)

    def start_weak_drill(
        self, blueprint_id: str | None = None, *, seed: int | None = None
    ) -> tuple[AttemptView, WeakSpotsView]:
        """A drill of the usual length on the weakest task statements, and the choice behind it."""
        bp, length = self.blueprint(blueprint_id), self.settings().drill_length
        return study_reads.start_weak_drill(self.starts, bp, length, seed)
