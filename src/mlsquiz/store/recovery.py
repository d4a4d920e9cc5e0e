"""Recovery at opening, and restoring a backup by hand (README, "Your data").

A damaged, missing or empty database next to a good backup is damage, not a new user: the file is kept aside
(never deleted) and the newest good backup is restored.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

from mlsquiz.store.backups import STAMP, backup_dir, copy_database, list_backups, sweep
from mlsquiz.store.dbfile import DamagedDatabase, ReadOnlyFolder, check, writable


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
    sweep(db.parent, f".{db.name}.restore-*")
    try:
        copy_database(backup, tmp)  # the copy first: a failure here leaves the current database where it was
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
    target = folder / f"mlsquiz-{stamp.strftime(STAMP)}.db"
    if not target.exists():
        os.replace(legacy, target)
