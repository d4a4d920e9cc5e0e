"""Render every screen offscreen, light and dark, at 1280x800 and 1024x640, as PNGs into OUTDIR.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py OUTDIR

A temporary data folder gets a few weeks of history made through the store (mock exams, drills, an exam left
in progress), then each screen is opened through the app's own controller and keys, and grabbed.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mlsquiz.bank.bank import Bank, load_bank
from mlsquiz.settings import Settings, save_settings
from mlsquiz.store.facade import Store
from mlsquiz.study.drills import DrillFilter
from mlsquiz.ui import state as st
from mlsquiz.ui.attempt_controller import ExamController
from mlsquiz.ui.main_window import MainWindow

SIZES = [(1280, 800), (1024, 640)]
THEMES = ["light", "dark"]


class Clock:
    def __init__(self, start: datetime) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


def make_history(folder: Path, bank: Bank, clock: Clock) -> None:
    """Five mock exams getting better, two drills, and an MLA-C01 exam left half-way."""
    rng = random.Random(11)
    with Store.open(folder, bank, clock) as store:
        for accuracy in (0.52, 0.6, 0.66, 0.71, 0.8):
            view = store.start_exam("mls-c01", seed=rng.randrange(10**6))
            for item in view.items:
                q = bank.by_id[item.question_id]
                right = rng.random() < accuracy
                wrong = [str(o.key) for o in q.options if o.key not in q.answer]
                keys = [str(k) for k in q.answer] if right else wrong[: q.select]
                store.answer(view.status.id, item.position, keys)
                if rng.random() < 0.08:
                    store.flag(view.status.id, item.position, True)
                clock.advance(rng.uniform(60, 150))
            store.submit(view.status.id)
            clock.advance(2 * 24 * 3600)
            drill = store.start_drill(DrillFilter(domains=["3"], length=8), seed=rng.randrange(10**6))
            for item in drill.items:
                q = bank.by_id[item.question_id]
                store.answer(drill.status.id, item.position, list(q.answer) if rng.random() < 0.7 else [])
                clock.advance(40)
            store.submit(drill.status.id)
        view = store.start_exam("mla-c01", seed=5)
        for item in view.items[:30]:
            store.toggle(view.status.id, item.position, item.options[rng.randrange(len(item.options))].key)
            clock.advance(70)
        store.pause(view.status.id)
        clock.advance(24 * 3600)


def settle(app: QApplication, ms: int = 150) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def wait(app: QApplication, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there")
        app.processEvents()
        time.sleep(0.01)


def key(app: QApplication, k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, k, mod)
    app.processEvents()


def shoot(app: QApplication, window: MainWindow, out: Path, name: str) -> None:
    settle(app)
    window.grab().save(str(out / f"{name}.png"))
    print(out / f"{name}.png")


def render_all(app: QApplication, bank: Bank, seed_folder: Path, clock_start: datetime, out: Path) -> None:
    for theme_name in THEMES:
        for width, height in SIZES:
            work = Path(tempfile.mkdtemp(prefix="mlsquiz-shots-"))
            folder = work / "data"
            shutil.copytree(seed_folder, folder)
            save_settings(folder, Settings.model_validate({"theme": theme_name}))
            clock = Clock(clock_start)
            window = MainWindow(folder, bank_loader=lambda: bank, clock=clock)
            window.resize(width, height)
            window.show()
            window.activateWindow()
            window.start()
            c = window.controller
            wait(app, c.is_ready)
            prefix = f"{theme_name}-{width}x{height}"
            shoot(app, window, out, f"{prefix}-01-dashboard")

            c.start_exam()
            for position in range(1, 24):
                key(app, [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4][position % 4])
                if position in (4, 9, 17):
                    key(app, Qt.Key.Key_M)
                key(app, Qt.Key.Key_N)
            key(app, Qt.Key.Key_M)
            status = window.screens.exam.status
            assert (
                status is not None and status.time_left is not None and isinstance(c.attempt, ExamController)
            )
            clock.advance(status.time_left - 8 * 60 - 41)
            c.attempt.timer.timeout.emit()
            shoot(app, window, out, f"{prefix}-02-exam")
            key(app, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            shoot(app, window, out, f"{prefix}-03-summary")
            c.close_attempt()

            c.go(st.DrillSetup())
            setup = window.screens.setup
            setup.domains.item(2).setCheckState(Qt.CheckState.Checked)
            setup.difficulties[1].setChecked(True)
            settle(app, 300)
            shoot(app, window, out, f"{prefix}-04-drill-setup")

            c.start_drill(DrillFilter(tasks=["3.5"], length=6))
            assert c.store is not None and c.attempt is not None
            first = c.store.attempt_view(c.attempt.attempt_id).items[0]
            for digit in [Qt.Key.Key_2, Qt.Key.Key_4][: first.select]:  # a wrong pick shows more feedback
                key(app, digit)
            key(app, Qt.Key.Key_Return)
            shoot(app, window, out, f"{prefix}-05-drill-feedback")
            c.close_attempt()

            store = c.store
            assert store is not None
            exam = next(h for h in store.history() if h.mode == "exam" and h.status == "submitted")
            c.go(st.Results(exam.id))
            shoot(app, window, out, f"{prefix}-06-results")
            c.go(st.Review(exam.id))
            window.screens.review.set_filter("wrong")
            window.screens.review.list.setCurrentRow(1)
            shoot(app, window, out, f"{prefix}-07-review")
            c.go(st.History())
            shoot(app, window, out, f"{prefix}-08-history")
            c.go(st.SettingsPage())
            shoot(app, window, out, f"{prefix}-09-settings")
            window.close()
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: screenshots.py OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    bank = load_bank()
    seed = Path(tempfile.mkdtemp(prefix="mlsquiz-seed-")) / "data"
    start = datetime.now(UTC) - timedelta(days=14)
    clock = Clock(start)
    make_history(seed, bank, clock)
    try:
        render_all(app, bank, seed, clock.current, out)
    finally:
        shutil.rmtree(seed.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
