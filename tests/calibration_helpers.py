"""Reading what the database holds for confidences, past the Store (core and GUI tests)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


def stored_confidence(folder: Path, attempt_id: int) -> dict[int, str]:
    """Position -> confidence as committed."""
    with closing(sqlite3.connect(folder / "mlsquiz.db")) as db:
        rows = db.execute(
            "SELECT position, confidence FROM attempt_item WHERE attempt_id = ?", (attempt_id,)
        ).fetchall()
    return dict(rows)
