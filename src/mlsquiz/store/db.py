"""Opening the SQLite database: WAL mode, schema version checks and migrations.

A database written by a newer release is refused with a clear message and never altered: the version is read
through a read-only peek that leaves no `-wal`/`-shm` files behind. Read-only commands open the database
read-only and create nothing.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, text
from sqlmodel import Session, SQLModel, create_engine

from mlsquiz.store.dbfile import DamagedDatabase, connect, explain_os_error, is_damage
from mlsquiz.store.errors import UserFacingError
from mlsquiz.store.tables import SCHEMA_VERSION, Meta


def _v2(session: Session) -> None:
    """Version 2: a write counter per attempt (no stale writes), and `answered_at` as the time of the answer.

    Until version 1 every save rewrote `answered_at`, so a finished attempt's answers all carry its submit time.
    The best estimate of when each was given is the attempt's start plus the time spent on the questions up to
    it, in order, no later than the submit time; that keeps the order of first attempts across attempts right.
    """
    columns = {r[1] for r in session.execute(text("PRAGMA table_info(attempt)"))}
    if "version" not in columns:
        session.execute(text("ALTER TABLE attempt ADD COLUMN version INTEGER NOT NULL DEFAULT 0"))
    rows = session.execute(
        text(
            "SELECT i.id, i.attempt_id, a.started_at, a.submitted_at, i.seconds, i.answer FROM attempt_item i "
            "JOIN attempt a ON a.id = i.attempt_id ORDER BY i.attempt_id, i.position"
        )
    ).all()
    spent: dict[int, float] = {}
    for item_id, attempt_id, started, submitted, seconds, answer in rows:
        key = int(attempt_id)
        spent[key] = spent.get(key, 0.0) + float(seconds or 0.0)
        if not answer:
            continue
        when = datetime.fromisoformat(str(started)) + timedelta(seconds=spent[key])
        if submitted is not None:
            when = min(when, datetime.fromisoformat(str(submitted)))
        session.execute(
            text("UPDATE attempt_item SET answered_at = :when WHERE id = :id"),
            {"when": when.isoformat(sep=" "), "id": item_id},
        )


def _v3(session: Session) -> None:
    """Version 3: a confidence per answer; notes and reports get tables of their own (made by `create_all`)."""
    columns = {r[1] for r in session.execute(text("PRAGMA table_info(attempt_item)"))}
    if "confidence" not in columns:
        session.execute(text("ALTER TABLE attempt_item ADD COLUMN confidence VARCHAR NOT NULL DEFAULT ''"))


# version -> function upgrading a database from version-1 to version
MIGRATIONS: dict[int, Callable[[Session], None]] = {2: _v2, 3: _v3}


def stored_version(path: Path) -> int | None:
    """The schema version written in the database, read without changing anything; None for a new file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with connect(path, "ro") as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        if "no such table" in str(exc):
            return None
        if is_damage(exc):
            raise DamagedDatabase(
                f"the database {path} is damaged or not an mlsquiz database: {exc}"
            ) from exc
        raise UserFacingError(
            f"could not read the database {path}: {explain_os_error(exc, path.parent)}"
        ) from exc
    if not row:
        return None
    try:
        version = int(row[0])
    except (TypeError, ValueError):
        version = 0
    if version < 1:
        raise UserFacingError(f"the database {path} has an unreadable schema version ({str(row[0])[:20]!r})")
    return version


def refuse_newer(path: Path) -> int | None:
    version = stored_version(path)
    if version is not None and version > SCHEMA_VERSION:
        raise UserFacingError(
            f"the database {path} was written by a newer mlsquiz (schema {version}; this release reads up to "
            f"{SCHEMA_VERSION}). Update mlsquiz, or use another --data-dir. The file was not changed."
        )
    return version


def open_database(path: Path, *, read_only: bool = False) -> Engine:
    version = refuse_newer(path)
    if read_only:
        if version is not None and version < SCHEMA_VERSION:
            raise UserFacingError(
                f"the database {path} is from an older mlsquiz; start the app once to upgrade it"
            )
        # A plain connection with writes switched off: SQLite itself removes the `-wal`/`-shm` files when the
        # last connection closes, which a `mode=ro` connection cannot do. A file that cannot be written at all is
        # opened `mode=ro`.
        access = "?mode=ro" if not os.access(path, os.W_OK) else ""
        uri = f"{path.resolve().as_uri()}{access}"
        engine = create_engine(
            "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
        )

        @event.listens_for(engine, "connect")
        def _query_only(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.execute("PRAGMA query_only = 1")

        return engine
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    with Session(engine) as session:
        if version is not None:
            for target in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[target](session)
        session.commit()
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        session.merge(Meta(key="schema_version", value=str(SCHEMA_VERSION)))
        session.execute(text(f"PRAGMA user_version = {SCHEMA_VERSION}"))
        session.commit()
    return engine
