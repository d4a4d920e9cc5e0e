"""Opening the SQLite database: WAL mode, schema version checks and migrations.

A database written by a newer release is refused with a clear message and never altered: the version is read
through a read-only connection before anything else touches the file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlmodel import Session, SQLModel, create_engine

from mlsquiz.store.errors import UserFacingError
from mlsquiz.store.tables import SCHEMA_VERSION, Meta

# version -> function upgrading a database from version-1 to version (none yet: version 1 is the first)
MIGRATIONS: dict[int, Any] = {}


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
        raise UserFacingError(f"the database {path} is damaged or not an mlsquiz database: {exc}") from exc
    finally:
        conn.close()
    return int(row[0]) if row else None


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
