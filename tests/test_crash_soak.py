"""Kill a real process with SIGKILL 50 times at random points while it answers, closes, reopens and backs up.

After every kill: every answer the process confirmed is in the database, and no backup holds less than the one
taken before it."""

from __future__ import annotations

import itertools
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from mlsquiz.store import backups

ROOT = Path(__file__).resolve().parents[1]
KILLS = 50

CHILD = textwrap.dedent(
    """
    import random, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    from tests.conftest import synthetic_bank
    from mlsquiz.store.facade import Store

    folder, rng, bank = Path(sys.argv[1]), random.Random(int(sys.argv[3])), synthetic_bank(200)
    print("ready", flush=True)
    while True:
        store = Store.open(folder, bank, backup=True)
        open_ones = store.resumable()
        view = store.resume(open_ones[0].id) if open_ones else store.start_exam(seed=rng.randrange(999), length=20)
        aid = view.status.id
        for item in view.items:
            if any(o.chosen for o in item.options):
                continue
            key = item.options[item.position % len(item.options)].key
            store.answer(aid, item.position, [key])
            print(f"{aid} {item.position} {key}", flush=True)
            if rng.random() < 0.15:
                store.backup_now()
            if rng.random() < 0.1:
                break  # close and reopen: a backup at close and another at start
        else:
            store.submit(aid)
        store.close()
    """
)


def stored_answers(db: Path) -> dict[tuple[int, int], str]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT attempt_id, position, answer FROM attempt_item").fetchall()
    finally:
        conn.close()
    return {(a, p): ans for a, p, ans in rows}


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_fifty_random_kills_lose_no_confirmed_answer_and_no_backup_shrinks(tmp_path: Path) -> None:
    rng = random.Random(20261205)
    confirmed: dict[tuple[int, int], str] = {}
    for kill in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(tmp_path), str(ROOT), str(kill)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + rng.uniform(0.05, 1.2)
        os.set_blocking(proc.stdout.fileno(), False)
        while time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=20)
        os.set_blocking(proc.stdout.fileno(), True)
        for line in proc.stdout.read().splitlines():
            aid, position, key = line.split()
            confirmed[(int(aid), int(position))] = key
        proc.stdout.close()

        stored = stored_answers(tmp_path / "mlsquiz.db")
        lost = {k: v for k, v in confirmed.items() if stored.get(k) != v}
        assert not lost, f"after kill {kill + 1}: {len(lost)} confirmed answers lost"
        taken = sorted(backups.list_backups(tmp_path / "mlsquiz.db"), key=lambda b: b.taken_at)
        for older, newer in itertools.pairwise(taken):
            assert not newer.holding.less_than(older.holding), (kill + 1, older.describe(), newer.describe())
        assert not list((tmp_path / "backups").glob("mlsquiz-*-wal"))  # a backup never needs a -wal
    assert len(confirmed) > KILLS  # the kills landed across real work, not only at start-up
