"""Committing an answer through the store; baseline: a bare sqlite3 UPDATE + COMMIT in WAL mode."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from _common import report, timings
from tests.conftest import synthetic_bank

from mlsquiz.store.facade import Store

bank = synthetic_bank(2000)
with tempfile.TemporaryDirectory() as tmp:
    raw = sqlite3.connect(Path(tmp) / "raw.db")
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=NORMAL")
    raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, answer TEXT)")
    raw.executemany("INSERT INTO t VALUES (?, '')", [(i,) for i in range(65)])
    raw.commit()
    counter = iter(range(10**6))

    def bare() -> None:
        n = next(counter)
        raw.execute("UPDATE t SET answer = ? WHERE id = ?", ("ABCD"[n % 4], n % 65))
        raw.commit()

    report("baseline: sqlite3 UPDATE + COMMIT (WAL)", timings(bare, 500))

    with Store.open(Path(tmp) / "data", bank) as store:
        view = store.start_exam(seed=1)
        aid = view.status.id
        keys = [[o.key for o in item.options] for item in view.items]
        steps = iter(range(10**6))

        def answer() -> None:
            n = next(steps)
            position = n % 65 + 1
            store.answer(aid, position, [keys[position - 1][n % 4]])

        report("Store.answer (committed, change returned)", timings(answer, 500))
        report("Store.flag", timings(lambda: store.flag(aid, next(steps) % 65 + 1, True), 200))
