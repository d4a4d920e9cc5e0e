"""Start-up: spawn → first painted frame and spawn → usable dashboard, as ratios to a bare PySide6 window
measured the same way in the same run (alternating), with peak RSS, for an empty data folder and for one holding
200 finished attempts. Also the time of each start-up milestone. Offscreen by default.

mlsquiz's modules are compiled to bytecode first, as an installed wheel's are (pip compiles them) and as a
source checkout's are after its first start: with PYTHONDONTWRITEBYTECODE set, every start would otherwise
compile the whole package from source again, which no user's start does.

    python benchmarks/bench_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _common  # noqa: F401  (puts the repository on sys.path)

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
class First(QObject):
    def eventFilter(self, w, e):
        if e.type() == QEvent.Type.Paint:
            print(f"startup: first-frame {time.monotonic():.6f}", file=sys.stderr, flush=True)
            QTimer.singleShot(0, app.quit)
        return False
w = QWidget(); w.resize(1280, 800); f = First(); w.installEventFilter(f); w.show()
app.exec()
"""

# The floor of any start that opens the store before its dashboard: a bare window that first imports the
# decided storage stack (SQLModel, with SQLAlchemy and pydantic), and nothing of mlsquiz; with the garbage
# collector held off, as mlsquiz's start holds it.
STACK = "import gc\ngc.disable()  # as mlsquiz's start does\nimport sqlmodel\n" + BARE


def spawn(cmd: list[str], env: dict[str, str]) -> tuple[dict[str, float], float]:
    """Run one start; the milestones in seconds after spawning, and the peak RSS in MiB."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.stderr is not None
    err = proc.stderr.read()
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[-1]} failed ({proc.returncode}):\n{err}")
    marks = {}
    for line in err.splitlines():
        if line.startswith("startup: "):
            _, step, when = line.split()
            marks[step] = float(when) - start
    return marks, usage.ru_maxrss / 1024


def history(folder: Path, attempts: int) -> None:
    """A data folder with `attempts` finished 20-question exams and drills over the shipped bank."""
    from mlsquiz.bank.bank import load_bank
    from mlsquiz.store.facade import Store

    rng = random.Random(7)
    with Store.open(folder, load_bank()) as store:
        for n in range(attempts):
            view = store.start_exam(seed=n, length=20)
            for item in view.items:
                if item.type in ("single", "multiple"):
                    keys = [o.key for o in item.options][: item.select]
                    for key in keys if rng.random() < 0.9 else []:
                        store.toggle(view.status.id, item.position, key)
            store.submit(view.status.id)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    import compileall

    import mlsquiz

    compileall.compile_dir(str(Path(mlsquiz.__file__).parent), quiet=1)
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env["MLSQUIZ_STARTUP_TRACE"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        env["MLSQUIZ_CACHE_DIR"] = str(Path(tmp) / "cache")
        folders = {"empty": Path(tmp) / "empty", "200 attempts": Path(tmp) / "full"}
        print("building a data folder with 200 finished attempts …", file=sys.stderr)
        history(folders["200 attempts"], 200)
        mlsquiz = [sys.executable, "-m", "mlsquiz", "--exit-when-ready", "--data-dir"]
        spawn([*mlsquiz, str(folders["empty"])], env)  # warm the bank cache and the OS file cache once
        for name, folder in folders.items():
            bare_first, bare_rss, stack_first, first, ready, rss = [], [], [], [], [], []
            steps: dict[str, list[float]] = {}
            for _ in range(args.runs):
                marks, peak = spawn([sys.executable, "-c", BARE], env)
                bare_first.append(marks["first-frame"])
                bare_rss.append(peak)
                stack_first.append(spawn([sys.executable, "-c", STACK], env)[0]["first-frame"])
                marks, peak = spawn([*mlsquiz, str(folder)], env)
                first.append(marks["first-frame"])
                ready.append(marks["dashboard"])
                rss.append(peak)
                for step, when in marks.items():
                    steps.setdefault(step, []).append(when)
            base = statistics.median(bare_first)
            print(f"\n{name} data folder (median of {args.runs} alternating runs)")
            print(
                f"  bare PySide6 window, first frame   {base * 1000:7.0f} ms   peak RSS {statistics.median(bare_rss):5.0f} MiB"
            )
            stack = statistics.median(stack_first)
            print(
                f"  bare window after import sqlmodel  {stack * 1000:7.0f} ms   {stack / base:4.2f}× bare (the storage stack alone)"
            )
            print(
                f"  mlsquiz first frame                {statistics.median(first) * 1000:7.0f} ms   {statistics.median(first) / base:4.2f}× bare"
            )
            print(
                f"  mlsquiz usable dashboard           {statistics.median(ready) * 1000:7.0f} ms   {statistics.median(ready) / base:4.2f}× bare"
            )
            print(
                f"  mlsquiz peak RSS                   {statistics.median(rss):7.0f} MiB  bare + {statistics.median(rss) - statistics.median(bare_rss):.0f} MiB"
            )
            print(
                "  milestones (ms after spawn): "
                + ", ".join(
                    f"{s} {statistics.median(v) * 1000:.0f}"
                    for s, v in sorted(steps.items(), key=lambda kv: statistics.median(kv[1]))
                )
            )


if __name__ == "__main__":
    main()
