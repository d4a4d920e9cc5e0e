"""Rolling, verified backups of the user's database, and recovery from them.

The rules (README, "Your data"):
- A backup is written only from a database that passes `PRAGMA quick_check`, through SQLite's online backup
  API, into a temporary file of its own that is checked again and then renamed into place.
- The last `KEEP_LAST` backups are kept, plus the newest of each of the last `KEEP_DAYS` days.
- Each backup is a new file; none is ever overwritten. Pruning deletes only backups that the newest backup holds
  at least as much as (attempts and answers), so a database that holds less never costs an older, fuller
  backup; only the user deletes those (by hand, or by restoring and working on).
- A damaged, missing or empty database next to a good backup is damage, not a new user: the file is kept aside
  (never deleted) and the newest good backup is restored.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from mlsquiz.store.errors import UserFacingError

DB_NAME = "mlsquiz.db"
BACKUP_DIR = "backups"
KEEP_LAST = 10
KEEP_DAYS = 7
_NAME = re.compile(r"^mlsquiz-(\d{8}-\d{6}-\d{6})\.db$")
_STAMP = "%Y%m%d-%H%M%S-%f"


class DamagedDatabase(UserFacingError):
    """The database fails SQLite's integrity check or is not a database at all."""


class ReadOnlyFolder(UserFacingError):
    pass


def plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


@dataclass(frozen=True, order=True)
class Holding:
    """What a database holds, for "never replace more with less"."""

    attempts: int
    answers: int

    def describe(self) -> str:
        """ "1 attempt, 12 answers"."""
        return f"{plural(self.attempts, 'attempt')}, {plural(self.answers, 'answer')}"

    def less_than(self, other: Holding) -> bool:
        return self.attempts < other.attempts or self.answers < other.answers


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    holding: Holding

    def describe(self) -> str:
        return f"{self.path.name}  {self.taken_at:%Y-%m-%d %H:%M:%S} UTC  {self.holding.describe()}"


def sqlite_code(exc: BaseException) -> str:
    """SQLite's error name (SQLITE_CORRUPT, SQLITE_FULL, ...) of an error or of the error it wraps."""
    seen: BaseException | None = exc
    while seen is not None:
        name = getattr(seen, "sqlite_errorname", None)
        if name:
            return str(name)
        seen = getattr(seen, "orig", None) or seen.__cause__
    return ""


def is_damage(exc: BaseException) -> bool:
    """True for errors that mean the file itself is damaged (not a full disk, a lock or a read-only folder)."""
    code = sqlite_code(exc)
    if code:
        return code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def explain_os_error(exc: BaseException, folder: Path) -> str:
    """One plain sentence for an error that stopped a write."""
    code = sqlite_code(exc)
    text = str(exc).lower()
    if code.startswith("SQLITE_FULL") or "disk is full" in text or "no space" in text:
        return "the disk is full"
    if (
        code.startswith("SQLITE_READONLY")
        or "read-only" in text
        or "readonly" in text
        or not writable(folder)
    ):
        return f"the data folder {folder} is read-only"
    if code.startswith("SQLITE_BUSY") or "locked" in text:
        return "the database is busy in another program"
    return f"the data could not be written ({str(exc).splitlines()[0][:200]})"


def writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


Access = Literal["rw", "ro", "immutable"]


@contextlib.contextmanager
def connect(path: Path, access: Access = "rw") -> Iterator[sqlite3.Connection]:
    """A plain connection. `rw` for the live database (SQLite removes its own `-wal`/`-shm` when the last
    connection closes); `immutable` for backups, which nothing writes in place (creates no file at all); `ro` for
    a peek at a file that must not change, removing any `-wal`/`-shm` the peek itself created."""
    extras = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
    existed = [p.exists() for p in extras]
    if access == "rw":
        conn = sqlite3.connect(path)
    else:
        flags = "immutable=1" if access == "immutable" else "mode=ro"
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)
    try:
        yield conn
    finally:
        conn.close()
        if access == "ro":
            for extra, was in zip(extras, existed, strict=True):
                if not was:
                    with contextlib.suppress(OSError):
                        extra.unlink()


def check(path: Path, access: Access = "rw") -> Holding:
    """Run `PRAGMA quick_check` and count what the database holds; DamagedDatabase if it fails."""
    try:
        with connect(path, access) as conn:
            rows = conn.execute("PRAGMA quick_check").fetchall()
            if [r[0] for r in rows] != ["ok"]:
                raise DamagedDatabase(f"{path.name} failed its integrity check: {rows[0][0]}"[:300])
            return holding(conn)
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            raise DamagedDatabase(f"{path.name} is damaged or not an mlsquiz database ({exc})"[:300]) from exc
        # busy, locked, unreadable, a read-only folder: a problem to report, never damage to repair
        raise UserFacingError(f"could not read {path.name}: {explain_os_error(exc, path.parent)}") from exc


def holding(conn: sqlite3.Connection) -> Holding:
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "attempt" not in names or "attempt_item" not in names:
        return Holding(0, 0)
    attempts = conn.execute("SELECT count(*) FROM attempt").fetchone()[0]
    answers = conn.execute("SELECT count(*) FROM attempt_item WHERE answered_at IS NOT NULL").fetchone()[0]
    return Holding(int(attempts), int(answers))


def backup_dir(db: Path) -> Path:
    return db.parent / BACKUP_DIR


def list_backups(db: Path) -> list[BackupInfo]:
    """Every readable backup, newest first. A damaged backup is left out (and left alone)."""
    folder = backup_dir(db)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        try:
            info = BackupInfo(
                path, datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC), check(path, "immutable")
            )
        except (DamagedDatabase, OSError):
            continue
        found.append(info)
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def write_backup(db: Path, *, now: datetime | None = None) -> BackupInfo | None:
    """Back the database up, if it is sound, into a new file; then prune what the new backup supersedes.

    A new backup never replaces an older one: each is a file of its own, and pruning deletes only backups that
    the new one holds at least as much as. Returns None when there is no database yet. Raises DamagedDatabase
    for a database that fails its check, and UserFacingError when the folder cannot be written.
    """
    if not db.exists() or db.stat().st_size == 0:
        return None
    check(db)
    folder = backup_dir(db)
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    target = folder / f"mlsquiz-{stamp.strftime(_STAMP)}.db"
    while target.exists():  # two backups in the same microsecond
        stamp += timedelta(microseconds=1)
        target = folder / f"mlsquiz-{stamp.strftime(_STAMP)}.db"
    tmp = folder / f".tmp-{os.getpid()}-{uuid.uuid4().hex}.db"
    try:
        folder.mkdir(exist_ok=True)
        _sweep(folder, ".tmp-*")
        _copy_database(db, tmp)
        written = check(tmp, "immutable")
        os.replace(tmp, target)
    except (sqlite3.Error, OSError) as exc:
        raise UserFacingError(f"could not write a backup: {explain_os_error(exc, db.parent)}") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    info = BackupInfo(target, stamp, written)
    prune(db, info)
    return info


def _sweep(folder: Path, pattern: str, older_than: float = 600.0) -> None:
    """Remove temporary files a killed process left behind (a backup takes milliseconds, so ten minutes old is
    abandoned). Only our own temporary names are matched; backups and databases are never touched here."""
    limit = time.time() - older_than
    for leftover in folder.glob(pattern):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < limit:
                leftover.unlink()


def _copy_database(source: Path, target: Path) -> None:
    """SQLite's online backup, then a rollback journal, so a backup file never needs `-wal`/`-shm` beside it."""
    with connect(source, "immutable" if source.parent.name == BACKUP_DIR else "rw") as src:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            dst.commit()
        finally:
            dst.close()
    with open(target, "rb") as handle:
        os.fsync(handle.fileno())


def prune(db: Path, newest: BackupInfo) -> list[Path]:
    """Keep the last KEEP_LAST and the newest of each of the last KEEP_DAYS days; delete only what `newest`
    holds at least as much as."""
    backups = list_backups(db)
    keep = {b.path for b in backups[:KEEP_LAST]}
    days: dict[str, Path] = {}
    for b in backups:
        day = b.taken_at.strftime("%Y-%m-%d")
        if b.taken_at > newest.taken_at - timedelta(days=KEEP_DAYS) and day not in days:
            days[day] = b.path
    keep |= set(days.values())
    removed = []
    for b in backups:
        if b.path in keep or newest.holding.less_than(b.holding):
            continue
        with contextlib.suppress(OSError):
            b.path.unlink()
            removed.append(b.path)
    return removed


def set_aside(db: Path, why: str, now: datetime | None = None) -> Path:
    """Move a damaged or empty database (with its `-wal`/`-shm`) aside under a dated name; never delete it."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    aside = db.with_name(f"{db.name}.{why}-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = db.with_name(f"{db.name}.{why}-{stamp}-{n}")
    if db.exists():
        os.replace(db, aside)
    for suffix in ("-wal", "-shm"):
        extra = db.with_name(db.name + suffix)
        if extra.exists():
            os.replace(extra, aside.with_name(aside.name + suffix))
    return aside


def restore(db: Path, backup: Path, why: str = "replaced") -> Path | None:
    """Put `backup` in place of the database; the current file, if any, is kept aside. Returns where."""
    check(backup, "immutable")
    tmp = db.with_name(f".{db.name}.restore-{os.getpid()}-{uuid.uuid4().hex}")
    _sweep(db.parent, f".{db.name}.restore-*")
    try:
        _copy_database(backup, tmp)  # the copy first: a failure here leaves the current database where it was
        aside = set_aside(db, why) if db.exists() else None
        os.replace(tmp, db)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return aside


def recover(db: Path) -> str | None:
    """At opening: repair a damaged, missing or emptied database from the newest good backup.

    Returns one plain sentence for the user when something was done, None when all was well (or there is
    nothing to restore from: a new user). A damaged database with no good backup is kept aside and a new one is
    started, and the sentence says so.
    """
    backups_exist = backup_dir(db).is_dir() and any(backup_dir(db).iterdir())
    missing = not db.exists()
    empty = not missing and db.stat().st_size == 0
    if missing or empty:
        if not backups_exist:
            return None
        good = list_backups(db)
        if not good:
            return None
        if empty and not writable(db.parent):
            raise ReadOnlyFolder(f"the data folder {db.parent} is read-only")
        aside = restore(db, good[0].path, "empty")
        what = "was empty" if empty else "was missing"
        kept = f" The empty file was kept as {aside.name}." if aside else ""
        return (
            f"Your data file {what}, so mlsquiz restored the backup from "
            f"{good[0].taken_at:%Y-%m-%d %H:%M} UTC ({good[0].holding.describe()}).{kept}"
        )
    try:
        check(db)
        return None
    except DamagedDatabase:
        if not writable(db.parent):
            raise ReadOnlyFolder(
                f"the database {db} is damaged and the data folder is read-only, so it cannot be repaired"
            ) from None
        good = list_backups(db)
        if not good:
            aside = set_aside(db, "damaged")
            return (
                f"Your data file was damaged and there was no backup to restore, so mlsquiz started a new one; "
                f"the damaged file was kept as {aside.name}."
            )
        aside_path = restore(db, good[0].path, "damaged")
        name = aside_path.name if aside_path else db.name
        return (
            f"Your data file was damaged, so mlsquiz restored the backup from "
            f"{good[0].taken_at:%Y-%m-%d %H:%M} UTC; the damaged file was kept as {name}."
        )


def adopt_legacy(db: Path) -> None:
    """Move the single `mlsquiz.db.bak` of earlier releases into the backups folder, as an ordinary backup."""
    legacy = db.with_name(db.name + ".bak")
    if not legacy.is_file():
        return
    try:
        check(legacy, "immutable")
    except DamagedDatabase:
        return
    stamp = datetime.fromtimestamp(legacy.stat().st_mtime, UTC)
    folder = backup_dir(db)
    folder.mkdir(exist_ok=True)
    target = folder / f"mlsquiz-{stamp.strftime(_STAMP)}.db"
    if not target.exists():
        os.replace(legacy, target)
