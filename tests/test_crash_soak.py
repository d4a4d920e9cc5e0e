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

# A zygote imports the store once, then forks one worker per kill (so each kill costs no start-up): the worker
# is a real process writing to the real database, killed with SIGKILL; it says its pid first, and the zygote
# reaps it and then says "done", so every line the worker wrote comes before that.
ZYGOTE = textwrap.dedent(
    """
    import os, random, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    from tests.conftest import synthetic_bank
    from mlsquiz.store.facade import Store

    folder, bank = Path(sys.argv[1]), synthetic_bank(200)

    def work(rng):
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

    print("ready", flush=True)
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            try:
                print(f"worker {os.getpid()}", flush=True)
                work(random.Random(int(line)))
            finally:
                os._exit(1)
        os.waitpid(pid, 0)
        print("done", flush=True)
    """
)


def stored_answers(db: Path) -> dict[tuple[int, int], str]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT attempt_id, position, answer FROM attempt_item").fetchall()
    except sqlite3.OperationalError as exc:  # killed before the first start made its tables: nothing stored
        assert "no such table" in str(exc)
        rows = []
    finally:
        conn.close()
    return {(a, p): ans for a, p, ans in rows}


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_fifty_random_kills_lose_no_confirmed_answer_and_no_backup_shrinks(tmp_path: Path) -> None:
    rng = random.Random(20261205)
    confirmed: dict[tuple[int, int], str] = {}
    zygote = subprocess.Popen(
        [sys.executable, "-c", ZYGOTE, str(tmp_path), str(ROOT)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    assert zygote.stdout.readline().strip() == "ready"
    try:
        for kill in range(KILLS):
            zygote.stdin.write(f"{kill}\n")
            zygote.stdin.flush()
            worker = int(zygote.stdout.readline().split()[1])
            time.sleep(rng.uniform(0.02, 0.3))  # a few open, answer, backup and close cycles
            os.kill(worker, signal.SIGKILL)
            for line in iter(zygote.stdout.readline, "done\n"):
                aid, position, key = line.split()
                confirmed[(int(aid), int(position))] = key
            check_after_kill(tmp_path, confirmed, kill)
    finally:
        zygote.kill()
        zygote.wait(timeout=20)
    assert len(confirmed) > KILLS  # the kills landed across real work, not only at start-up


def check_after_kill(tmp_path: Path, confirmed: dict[tuple[int, int], str], kill: int) -> None:
    stored = stored_answers(tmp_path / "mlsquiz.db")
    lost = {k: v for k, v in confirmed.items() if stored.get(k) != v}
    assert not lost, f"after kill {kill + 1}: {len(lost)} confirmed answers lost"
    taken = sorted(backups.list_backups(tmp_path / "mlsquiz.db"), key=lambda b: b.taken_at)
    for older, newer in itertools.pairwise(taken):
        assert not newer.holding.less_than(older.holding), (kill + 1, older.describe(), newer.describe())
    assert not list((tmp_path / "backups").glob("mlsquiz-*-wal"))  # a backup never needs a -wal
