"""Rolling, verified backups of the user's database.

The rules (README, "Your data"):
- A backup is written only from a database that passes `PRAGMA quick_check`, through SQLite's online backup
  API, into a temporary file of its own that is checked again and then renamed into place.
- The last `KEEP_LAST` backups are kept, plus the newest of each of the last `KEEP_DAYS` days.
- Each backup is a new file; none is ever overwritten. Pruning deletes only backups that the newest backup holds
  at least as much as (attempts, answers, notes and reports: `dbfile.Holding`), so a database that holds less
  never costs an older, fuller backup; only the user deletes those (by hand, or by restoring and working on).

Recovering from them, at opening or by hand, is in `recovery`; checking a database file, in `dbfile`.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mlsquiz.store.dbfile import DamagedDatabase, Holding, check, connect, explain_os_error
from mlsquiz.store.errors import UserFacingError

DB_NAME = "mlsquiz.db"
BACKUP_DIR = "backups"
KEEP_LAST = 10
KEEP_DAYS = 7
_NAME = re.compile(r"^mlsquiz-(\d{8}-\d{6}-\d{6})\.db$")
STAMP = "%Y%m%d-%H%M%S-%f"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    holding: Holding

    def describe(self) -> str:
        return f"{self.path.name}  {self.taken_at:%Y-%m-%d %H:%M:%S} UTC  {self.holding.describe()}"


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
                path, datetime.strptime(match.group(1), STAMP).replace(tzinfo=UTC), check(path, "immutable")
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
    target = folder / f"mlsquiz-{stamp.strftime(STAMP)}.db"
    while target.exists():  # two backups in the same microsecond
        stamp += timedelta(microseconds=1)
        target = folder / f"mlsquiz-{stamp.strftime(STAMP)}.db"
    tmp = folder / f".tmp-{os.getpid()}-{uuid.uuid4().hex}.db"
    try:
        folder.mkdir(exist_ok=True)
        sweep(folder, ".tmp-*")
        copy_database(db, tmp)
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


def sweep(folder: Path, pattern: str, older_than: float = 600.0) -> None:
    """Remove temporary files a killed process left behind (a backup takes milliseconds, so ten minutes old is
    abandoned). Only our own temporary names are matched; backups and databases are never touched here."""
    limit = time.time() - older_than
    for leftover in folder.glob(pattern):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < limit:
                leftover.unlink()


def copy_database(source: Path, target: Path) -> None:
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
