"""The database part of the Store: the engine and session, the write transaction, the SQL error hook,
closing and reopening, and backups and recovery.

Every write goes through `tx`: it refuses to write when the store is read-only or the file was found damaged,
commits before returning, and bumps the counter of each table the transaction wrote, found in the SQL itself.
Read models are cached on the counters of what they read (`revision_of`), so a write elsewhere keeps them.
`on_reopen` is called whenever another file is opened in place of this one (a restore, a recovery), so the
attempt cache can forget what it held.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.engine.interfaces import DBAPICursor, ExecutionContext
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, SQLModel, create_engine

from mlsquiz.exam.attempt import Clock
from mlsquiz.store import backups, dbfile, recovery
from mlsquiz.store.backups import DB_NAME, BackupInfo
from mlsquiz.store.db import open_database
from mlsquiz.store.dbfile import explain_os_error, is_damage
from mlsquiz.store.errors import DamagedDuringSession, SaveFailed, UserFacingError
from mlsquiz.store.views import BackupView

# The table a statement writes: what SQLAlchemy sends for every ORM flush, bulk statement and text() write.
WRITES = re.compile(
    r"\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+[\"`\[]?(\w+)",
    re.IGNORECASE,
)


class Database:
    def __init__(self, folder: Path, clock: Clock, *, read_only: bool = False) -> None:
        self.folder = folder
        self.clock = clock
        self.read_only = read_only
        self.path = folder / DB_NAME
        self.notice: str | None = None  # shown once by the app (printed by the CLI) when not None
        self.damaged = False
        self.backup_error: str | None = None
        self._tables: dict[str, int] = {}  # each table's committed writes (and "bank", "settings")
        self._written: set[str] = set()  # the tables the open transaction wrote
        self._file = 0  # bumped when another file is opened in place of this one
        self.on_reopen: Callable[[], None] = lambda: None
        if not read_only:
            recovery.adopt_legacy(self.path)
        if self.path.exists() or backups.backup_dir(self.path).is_dir():
            self.notice = recovery.recover(self.path)
        self.engine = self._connect()
        self.session = Session(self.engine, expire_on_commit=False)

    def _connect(self) -> Engine:
        if self.read_only and not self.path.exists():  # a new folder: an empty, in-memory database
            engine = create_engine("sqlite://")
            SQLModel.metadata.create_all(engine)
        else:
            engine = open_database(self.path, read_only=self.read_only)
        event.listen(engine, "handle_error", self._on_error)
        event.listen(engine, "before_cursor_execute", self._on_statement)
        return engine

    def _on_statement(
        self,
        _conn: object,
        _cursor: DBAPICursor,
        statement: str,
        _parameters: object,
        _context: ExecutionContext | None,
        _executemany: bool,
    ) -> None:
        if (found := WRITES.match(statement)) is not None:
            self._written.add(found.group(1).lower())

    def revision_of(self, tables: Iterable[str]) -> tuple[int, ...]:
        """A key that changes when any of `tables` was written (or another file opened): what a read model of
        those tables is cached on."""
        return (self._file, *(self._tables.get(t, 0) for t in tables))

    def touched(self, name: str) -> None:
        """Something read models read besides the tables changed: "bank" (an import) or "settings"."""
        self._tables[name] = self._tables.get(name, 0) + 1

    def _on_error(self, context: ExceptionContext) -> BaseException | None:
        """Every SQL error passes here: damage stops all writing, other failures become one plain sentence."""
        error = context.original_exception
        if is_damage(error):
            self.damaged = True
            return DamagedDuringSession(
                "Your data file was found damaged; mlsquiz stopped writing to it and will restore your newest "
                "good backup."
            )
        if dbfile.sqlite_code(error):
            return SaveFailed(f"Can't save: {explain_os_error(error, self.folder)}.")
        return None

    @contextmanager
    def tx(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back (and the error passed on) if it fails."""
        if self.damaged:
            raise DamagedDuringSession(
                "Your data file is damaged; nothing more is written until it is restored."
            )
        if self.read_only:
            raise UserFacingError("this command only reads your data")
        try:
            yield self.session
            self.session.commit()
            for table in self._written:
                self._tables[table] = self._tables.get(table, 0) + 1
        except BaseException:
            with suppress(SQLAlchemyError):
                self.session.rollback()
            raise
        finally:
            self._written.clear()

    def close(self) -> None:
        """Close the database and, after a normal session, write a backup."""
        self.session.close()
        self.engine.dispose()
        if not self.read_only and not self.damaged:
            self.backup_quietly()

    def _shutdown(self) -> None:
        self.session.close()
        self.engine.dispose()
        self.on_reopen()

    def _reopen(self) -> None:
        self._file += 1  # another file: nothing cached holds
        self.engine = self._connect()
        self.session = Session(self.engine, expire_on_commit=False)

    # -- backups -------------------------------------------------------------------------------------------------
    def backup_quietly(self) -> BackupInfo | None:
        """The automatic backup at start and quit: never raises; a failure is kept in `backup_error`."""
        self.backup_error = None
        try:
            return backups.write_backup(self.path, now=self.clock.now())
        except UserFacingError as exc:
            self.backup_error = str(exc)
            return None

    def backups(self) -> list[BackupView]:
        return [
            BackupView(
                file=b.path.name, taken_at=b.taken_at, attempts=b.holding.attempts, answers=b.holding.answers
            )
            for b in backups.list_backups(self.path)
        ]

    def backup_now(self) -> str:
        """A backup on request (Settings → Backups); what was done, in one sentence."""
        info = backups.write_backup(self.path, now=self.clock.now())
        if info is None:
            return "There is nothing to back up yet."
        return f"Backed up {info.holding.attempts} attempts and {info.holding.answers} answers."

    def restore_backup(self, name: str) -> str:
        """Replace the database with the backup of that file name, keeping the current one aside; reopen."""
        chosen = [b for b in backups.list_backups(self.path) if b.path.name == Path(name).name]
        if not chosen:
            raise UserFacingError(f"there is no good backup named {Path(name).name}")
        self._shutdown()
        try:
            aside = recovery.restore(self.path, chosen[0].path, "replaced")
        finally:
            self._reopen()
        kept = f" The data it replaced was kept as {aside.name}." if aside else ""
        return f"Restored the backup from {chosen[0].taken_at:%Y-%m-%d %H:%M} UTC.{kept}"

    def check_data(self) -> str:
        """SQLite's full integrity check of the open database, in one sentence (damage raises, as on any
        query, DamagedDuringSession, which the app answers by restoring)."""
        rows = [r[0] for r in self.session.connection().exec_driver_sql("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            self.damaged = True
            raise DamagedDuringSession(f"The data file failed its integrity check ({rows[0]})."[:300])
        return "Your data file passed SQLite's integrity check."

    def recover_from_damage(self) -> str:
        """After DamagedDuringSession: keep the damaged file aside, restore the newest good backup, reopen."""
        self._shutdown()
        notice = recovery.recover(self.path) or "Your data file was checked and found sound again."
        self.damaged = False
        self._reopen()
        self.notice = notice
        return notice
