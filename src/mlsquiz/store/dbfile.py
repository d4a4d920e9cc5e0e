"""The database file as SQLite sees it: a plain connection, the integrity check, what the file holds, and what
an error says about the file (damage, a full disk, a read-only folder, a lock)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mlsquiz.store.errors import UserFacingError


class DamagedDatabase(UserFacingError):
    """The database fails SQLite's integrity check or is not a database at all."""


class ReadOnlyFolder(UserFacingError):
    pass


def plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


@dataclass(frozen=True, order=True)
class Holding:
    """What a database holds, for "never replace more with less": attempts, answers, and the user's notes and
    reports (each is work that would be lost)."""

    attempts: int
    answers: int
    notes: int = 0
    reports: int = 0

    def describe(self) -> str:
        """ "1 attempt, 12 answers", then notes and reports when there are any: "…, 2 notes, 1 report"."""
        parts = [plural(self.attempts, "attempt"), plural(self.answers, "answer")]
        parts += [plural(n, noun) for n, noun in ((self.notes, "note"), (self.reports, "report")) if n]
        return ", ".join(parts)

    def less_than(self, other: Holding) -> bool:
        """Less of anything: a backup holding one more note than the newest is not pruned by it."""
        return (
            self.attempts < other.attempts
            or self.answers < other.answers
            or self.notes < other.notes
            or self.reports < other.reports
        )


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
    counts = [
        conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] if table in names else 0
        for table in ("question_note", "question_report")  # absent before schema 3
    ]
    return Holding(int(attempts), int(answers), int(counts[0]), int(counts[1]))
