"""The screenshots of notes and reports, for scripts/screenshots.py: the note and report dialogs over a drill,
the note under a checked answer and in review, and Settings → Notes and reports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from mlsquiz.ui.main_window import MainWindow
from mlsquiz.ui.note_dialogs import NoteDialog, ReportDialog

Shoot = Callable[..., None]
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _dialog(app: QApplication, window: MainWindow, key: Qt.Key) -> QWidget:
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, key, CTRL_SHIFT)
    app.processEvents()
    dialog = window.controller.notes.dialog
    assert dialog is not None
    dialog.activateWindow()
    app.processEvents()
    return dialog


def _close(app: QApplication, window: MainWindow, dialog: QWidget) -> None:
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    while dialog.isVisible() or QApplication.activeWindow() is not window:
        window.activateWindow()
        QTest.qWait(20)


def drill(app: QApplication, window: MainWindow, out: Path, prefix: str, shoot: Shoot) -> None:
    """In a drill whose answer is checked: write a note, report the question (not hidden)."""
    window.screens.drill.question.focus_question()
    note = _dialog(app, window, Qt.Key.Key_N)
    assert isinstance(note, NoteDialog)
    note.editor.setPlainText(
        "Kinesis Data Firehose buffers by size or time (60 s default); Data Streams does not."
    )
    shoot(app, window, out, f"{prefix}-07a-note-dialog", note)
    _close(app, window, note)
    shoot(app, window, out, f"{prefix}-07b-drill-with-note")
    window.screens.drill.question.focus_question()
    report = _dialog(app, window, Qt.Key.Key_R)
    assert isinstance(report, ReportDialog)
    report.kinds.button(1).setChecked(True)
    report.comment_box.setPlainText("Option C fits the scenario as well: both meet the latency requirement.")
    shoot(app, window, out, f"{prefix}-07c-report-dialog", report)
    _close(app, window, report)
    window.screens.drill.question.focus_question()  # the script's next keys go to the drill


def review(app: QApplication, window: MainWindow, out: Path, prefix: str, shoot: Shoot) -> None:
    """In the review after an exam: a note on the question shown."""
    window.screens.review.list.setFocus()
    note = _dialog(app, window, Qt.Key.Key_N)
    assert isinstance(note, NoteDialog)
    note.editor.setPlainText("Read the data size first: over 6 MB rules out the synchronous endpoint.")
    _close(app, window, note)
    shoot(app, window, out, f"{prefix}-14a-review-with-note")
    report = _dialog(app, window, Qt.Key.Key_R)
    assert isinstance(report, ReportDialog)
    report.kinds.button(3).setChecked(True)
    report.hide_box.setChecked(True)
    _close(app, window, report)


def settings(app: QApplication, window: MainWindow, out: Path, prefix: str, shoot: Shoot) -> None:
    """Settings → Notes and reports, with the reports and notes made above."""
    window.screens.settings.area.ensureWidgetVisible(window.screens.settings.notes_card)
    window.screens.settings.notes_card.open.click()
    app.processEvents()
    dialog = window.controller.notes.dialog
    assert dialog is not None
    shoot(app, window, out, f"{prefix}-17a-notes-and-reports", dialog)
    dialog.close()
    store = window.controller.store
    assert store is not None
    for qid in store.notes.hidden_ids():  # shown again: the later screenshots draw from every question
        store.notes.unhide(qid)
    window.activateWindow()
    app.processEvents()
