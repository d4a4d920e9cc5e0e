"""Screenshots of the study aids (used by screenshots.py): the exam's pace line and confidence row, the
results' pacing and calibration cards, a question opened from them in Review, and a checked drill answer
with its confidence."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mlsquiz.study.drills import DrillFilter
from mlsquiz.ui import state as st
from mlsquiz.ui.attempt_controller import ExamController
from mlsquiz.ui.main_window import MainWindow

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
LEVEL_KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3]


def render_aids(app: QApplication, window: MainWindow, clock: Any, asker: Any, prefix: str,
                shoot: Callable[[str], None], key: Callable[..., None],
                wait: Callable[..., None]) -> None:  # fmt: skip
    c = window.controller
    store = c.store
    assert store is not None
    store.save_settings(store.settings().model_copy(update={"pace_line": True, "confidence": True}))
    view = store.start_exam("mls-c01", seed=21, length=10)
    c.open_attempt(view)
    screen = window.screens.exam
    screen.question.focus_question()
    for position in range(1, 6):
        item = screen.current()
        assert item is not None
        q = store.bank.by_id[item.question_id]
        right = position % 2 == 1
        wanted = [o for o in item.options if (o.key in q.answer) == right][: item.select]
        for option in wanted:
            key(app, [Qt.Key.Key_A, Qt.Key.Key_B, Qt.Key.Key_C, Qt.Key.Key_D, Qt.Key.Key_E][
                "ABCDE".index(option.label)])  # fmt: skip
        key(app, LEVEL_KEYS[0 if position in (1, 2) else position % 3], SHIFT)  # question 2: sure, and wrong
        clock.advance([150, 420, 60, 200, 90][position - 1])
        key(app, Qt.Key.Key_N)
    assert isinstance(c.attempt, ExamController)
    clock.advance(6 * 60)  # six minutes on question 6: the pace line says how far behind
    c.attempt.timer.timeout.emit()
    shoot(f"{prefix}-19-exam-pace-and-confidence")
    asker.name, asker.answer = f"{prefix}-19-ask-submit-aids", "Submit"
    key(app, Qt.Key.Key_Return, CTRL)
    key(app, Qt.Key.Key_Return, CTRL)
    wait(app, lambda: isinstance(c.state, st.Results))
    results = window.screens.results
    app.processEvents()
    results.area.verticalScrollBar().setValue(results.insights.y() - 16)
    shoot(f"{prefix}-20-results-pacing")
    results.area.verticalScrollBar().setValue(results.insights.y() + results.insights.calibration.y() - 16)
    shoot(f"{prefix}-21-results-calibration")
    results.insights.calibration.sure_wrong.setFocus()
    results.insights.calibration.sure_wrong.setCurrentRow(0)
    key(app, Qt.Key.Key_Return)
    wait(app, lambda: isinstance(c.state, st.Review))
    shoot(f"{prefix}-22-review-from-sure-and-wrong")

    c.start_drill(DrillFilter(blueprint="mls-c01", length=3))
    window.screens.drill.question.focus_question()
    item = window.screens.drill.current()
    assert item is not None
    for n in range(item.select):
        key(app, LEVEL_KEYS[n] if n < 3 else Qt.Key.Key_4)
    key(app, Qt.Key.Key_2, SHIFT)
    key(app, Qt.Key.Key_Return)
    shoot(f"{prefix}-23-drill-checked-with-confidence")
    store.save_settings(store.settings().model_copy(update={"pace_line": False, "confidence": False}))
