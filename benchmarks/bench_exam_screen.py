"""The real exam screen, offscreen: the `N` key to the next question painted (p50, p95) over a 65-question
MLS-C01 exam of the shipped bank (long stems, Select TWO questions), and the answer commit's p95 against a bare
SQLite UPDATE + COMMIT measured in the same run. Submitting a 65-question exam is timed in the store too.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_exam_screen.py
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import bare_commit_timings, report, timings
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mlsquiz.bank.bank import load_bank
from mlsquiz.settings import Settings, save_settings
from mlsquiz.store.facade import Store
from mlsquiz.ui import state as st
from mlsquiz.ui.main_window import MainWindow


def main() -> None:
    app = QApplication([])
    bank = load_bank()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        report("baseline: sqlite3 UPDATE + COMMIT (WAL)", bare_commit_timings(folder, 300))
        data = folder / "data"
        save_settings(data, Settings(default_blueprint="mls-c01"))
        window = MainWindow(data, bank_loader=lambda: bank)
        window.resize(1280, 800)
        window.show()
        ready = []
        window.controller.ready.connect(lambda: ready.append(True))
        window.start()
        while not ready:
            app.processEvents()
        QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        while not isinstance(window.controller.state, st.Exam):
            app.processEvents()
        screen = window.screens.exam
        steps = []
        for _ in range(64):
            start = time.perf_counter()
            QTest.keyClick(screen, Qt.Key.Key_N)
            screen.repaint()
            steps.append((time.perf_counter() - start) * 1000)
        report("exam screen: N to the next question painted", steps)
        store = window.controller.store
        assert store is not None and screen.status is not None
        aid = screen.status.id
        keys = [[o.key for o in item.options] for item in screen.items.values()]
        n = iter(range(10**6))

        def answer() -> None:
            i = next(n)
            position = i % 65 + 1
            store.answer(aid, position, [keys[position - 1][i % 4]])

        report("Store.answer (committed, change returned)", timings(answer, 300))
        window.close()
        with Store.open(folder / "other", bank) as other:
            exams = [other.start_exam("mls-c01", seed=s) for s in range(10)]
            for view in exams:
                for item in view.items:
                    other.toggle(view.status.id, item.position, item.options[0].key)
            submits = []
            for view in exams:
                start = time.perf_counter()
                other.submit(view.status.id)
                submits.append((time.perf_counter() - start) * 1000)
            report("Store.submit of a 65-question exam", submits)


if __name__ == "__main__":
    main()
