"""Opening the SQLite database: WAL mode, schema version checks and migrations.

A database written by a newer release is refused with a clear message and never altered: the version is read
through a read-only connection before anything else touches the file.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlmodel import Session, SQLModel, create_engine

from mlsquiz.store.errors import UserFacingError
from mlsquiz.store.tables import SCHEMA_VERSION, Meta

# version -> function upgrading a database from version-1 to version (none yet: version 1 is the first)
MIGRATIONS: dict[int, Any] = {}


class DamagedDatabase(UserFacingError):
    pass


def stored_version(path: Path) -> int | None:
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise UserFacingError(f"cannot open the database {path}: {exc}") from exc
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        if "no such table" in str(exc):
            return None
        raise DamagedDatabase(f"the database {path} is damaged or not an mlsquiz database: {exc}") from exc
    finally:
        conn.close()
    return int(row[0]) if row else None


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def write_backup(path: Path) -> None:
    """A consistent copy of the database beside it (SQLite's online backup), replaced atomically."""
    if not path.exists():
        return
    tmp = path.with_name(path.name + ".bak.tmp")
    source = sqlite3.connect(path)
    target = sqlite3.connect(tmp)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    tmp.replace(backup_path(path))


def restore_if_damaged(path: Path) -> str | None:
    """If the database is damaged and a backup exists, set the damaged file aside and restore the backup.

    Returns a message for the user when it restored, None when nothing was wrong.
    """
    try:
        stored_version(path)
        return None
    except DamagedDatabase:
        backup = backup_path(path)
        if not backup.exists():
            raise
        stored_version(backup)  # a damaged backup is no better: let that error through
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.name}.damaged-{stamp}")
        path.replace(aside)
        for suffix in ("-wal", "-shm"):
            extra = path.with_name(path.name + suffix)
            if extra.exists():
                extra.replace(aside.with_name(aside.name + suffix))
        shutil.copyfile(backup, path)
        when = datetime.fromtimestamp(backup.stat().st_mtime, UTC).strftime("%Y-%m-%d %H:%M UTC")
        return (
            f"Your data file was damaged, so mlsquiz restored the backup taken when you last quit ({when}). "
            f"The damaged file was kept as {aside.name}."
        )


def open_database(path: Path) -> Engine:
    version = stored_version(path)
    if version is not None and version > SCHEMA_VERSION:
        raise UserFacingError(
            f"the database {path} was written by a newer mlsquiz (schema {version}; this release reads up to "
            f"{SCHEMA_VERSION}). Update mlsquiz, or use another --data-dir. The file was not changed."
        )
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        current = version or SCHEMA_VERSION
        for target in range(current + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[target](session)
        session.merge(Meta(key="schema_version", value=str(SCHEMA_VERSION)))
        session.commit()
    return engine
