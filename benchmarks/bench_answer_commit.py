"""Committing an answer through the store; baseline: a bare sqlite3 UPDATE + COMMIT in WAL mode."""

from __future__ import annotations

import tempfile
from pathlib import Path

from _common import bare_commit_timings, report, timings
from tests.conftest import synthetic_bank

from mlsquiz.store.facade import Store

bank = synthetic_bank(2000)
with tempfile.TemporaryDirectory() as tmp:
    report("baseline: sqlite3 UPDATE + COMMIT (WAL)", bare_commit_timings(Path(tmp), 500))

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
