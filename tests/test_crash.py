"""A real process killed with SIGKILL in the middle of an exam: every answer given before the kill survives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mlsquiz.store.facade import Store

from .conftest import synthetic_bank

CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    from tests.conftest import synthetic_bank
    from mlsquiz.store.facade import Store

    store = Store.open(Path(sys.argv[1]), synthetic_bank())
    view = store.start_exam(seed=11)
    aid = view.status.id
    for item in view.items[:20]:
        key = item.options[item.position % len(item.options)].key
        store.answer(aid, item.position, [key])
        if item.position % 4 == 0:
            store.flag(aid, item.position, True)
        print(f"{item.position} {key}", flush=True)
    print("done", flush=True)
    time.sleep(60)  # killed here, with the store still open
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_answers_survive_sigkill(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path), str(root)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    given: dict[int, str] = {}
    for line in proc.stdout:
        if line.strip() == "done":
            break
        position, key = line.split()
        given[int(position)] = key
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert len(given) == 20

    with Store.open(tmp_path, synthetic_bank()) as store:
        (resumable,) = store.resumable()
        view = store.resume(resumable.id)
        assert resumable.answered + len(view.status.incomplete) == 20  # one box of a "Select TWO": incomplete
    for item in view.items:
        chosen = [o.key for o in item.options if o.chosen]
        assert chosen == ([given[item.position]] if item.position in given else [])
    assert view.status.flagged == [4, 8, 12, 16, 20]
    assert view.status.status == "in_progress"
