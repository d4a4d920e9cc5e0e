"""Notes and reports by keyboard: Ctrl+Shift+N and Ctrl+Shift+R in a drill and in the review after an exam,
the note shown under the question, and Settings → Notes and reports to show a hidden question again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mlsquiz.bank.bank import Bank
from mlsquiz.study.drills import DrillFilter
from mlsquiz.ui import state as st
from mlsquiz.ui.main_window import MainWindow
from mlsquiz.ui.note_dialogs import NoteDialog, ReportDialog
from mlsquiz.ui.notes_list import NotesList
from tests.conftest import FakeClock
from tests.ui.conftest import Dialogs, WindowFactory
from tests.ui.helpers import CTRL, NUMBER_KEYS, activate, press, wait_for
from tests.ui.test_drill import open_setup
from tests.ui.test_review_history import finished_exam

SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def open_dialog(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> object:
    """Press Ctrl+Shift+key where the focus is; the dialog that opens, active, with the keys."""
    press(qtbot, key, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.controller.notes.dialog is not None, timeout=3000)
    dialog = window.controller.notes.dialog
    assert dialog is not None and dialog.isVisible()
    activate(qtbot, dialog)
    return dialog


def type_text(qtbot: QtBot, text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClicks(target, text)  # type: ignore[no-untyped-call]


def close_with_ctrl_enter(qtbot: QtBot, window: MainWindow, dialog: object) -> None:
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)  # type: ignore[attr-defined]
    activate(qtbot, window)


def test_a_note_and_a_report_by_keyboard_in_a_drill(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    store = window.controller.store
    assert store is not None
    open_setup(qtbot, window, choice_only=True)
    window.screens.setup.length.setValue(3)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    wait_for(qtbot, window, st.Drill)
    drill = window.screens.drill
    drill.question.focus_question()
    item = drill.current()
    assert item is not None
    qid = item.question_id

    dialog = open_dialog(qtbot, window, Qt.Key.Key_N)
    assert isinstance(dialog, NoteDialog) and dialog.editor.hasFocus()
    assert dialog.accessibleName() == "Your note" and item.question_id in dialog.question_id.text()
    type_text(qtbot, "Firehose buffers by size or time")
    close_with_ctrl_enter(qtbot, window, dialog)
    assert store.notes.note(qid) == "Firehose buffers by size or time"
    assert not drill.question.note_box.isVisible()  # not before the answer is checked: it could give it away
    assert "once you check" in window.banner_text.text()

    drill.question.focus_question()
    for index in range(item.select):
        press(qtbot, NUMBER_KEYS[index])
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(drill.question.note_box.isVisible, timeout=3000)
    assert drill.question.note_box.text.text() == "Firehose buffers by size or time"

    report = open_dialog(qtbot, window, Qt.Key.Key_R)
    assert isinstance(report, ReportDialog)
    press(qtbot, Qt.Key.Key_Return, CTRL)  # no kind chosen yet: it says so and stays open
    assert report.isVisible() and "Choose what is wrong" in report.warning.text()
    press(qtbot, Qt.Key.Key_Space)  # the first kind has the focus: "wrong key"
    press(qtbot, Qt.Key.Key_Tab)
    assert report.comment_box.hasFocus()
    type_text(qtbot, "C is right as well")
    press(qtbot, Qt.Key.Key_H, ALT)  # a mnemonic clicks after its short animation
    qtbot.waitUntil(report.hide_box.isChecked, timeout=3000)
    close_with_ctrl_enter(qtbot, window, report)
    (saved,) = store.notes.reports()
    assert (saved.question_id, saved.kind, saved.comment, saved.hidden) == (
        qid,
        "wrong key",
        "C is right as well",
        True,
    )
    assert store.notes.hidden_ids() == {qid}
    assert window.banner_text.text() == "Reported as “wrong key”. It is hidden from your drills and exams."
    assert isinstance(window.controller.state, st.Drill)  # the drill goes on

    press(qtbot, Qt.Key.Key_Escape)  # leave: the next drill does not draw the hidden question
    wait_for(qtbot, window, st.Home)
    assert store.drill_pool_size(DrillFilter(blueprint="mls-c01", question_ids=[qid])) == 0


def test_a_note_and_a_report_by_keyboard_in_review_then_shown_again_from_settings(
    qtbot: QtBot,
    make_window: WindowFactory,
    data_dir: Path,
    shipped_bank: Bank,
    clock: FakeClock,
    dialogs: Dialogs,
) -> None:
    attempt = finished_exam(data_dir, shipped_bank, clock)
    window = make_window()
    store = window.controller.store
    assert store is not None
    window.controller.go(st.Results(attempt))
    window.screens.results.review.click()
    wait_for(qtbot, window, st.Review)
    review = window.screens.review
    review.list.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    item = review.current_item()
    assert item is not None and item.position == 2

    note = open_dialog(qtbot, window, Qt.Key.Key_N)
    assert isinstance(note, NoteDialog)
    type_text(qtbot, "Look at the data size first.")
    close_with_ctrl_enter(qtbot, window, note)
    assert review.question.note_box.isVisible()  # in review at once
    assert review.question.note_box.text.text() == "Look at the data size first."

    report = open_dialog(qtbot, window, Qt.Key.Key_R)
    assert isinstance(report, ReportDialog)
    press(qtbot, Qt.Key.Key_Y, ALT)  # T&ypo
    qtbot.waitUntil(lambda: report.kind() == "typo", timeout=3000)
    press(qtbot, Qt.Key.Key_H, ALT)
    qtbot.waitUntil(report.hide_box.isChecked, timeout=3000)
    close_with_ctrl_enter(qtbot, window, report)
    (saved,) = store.notes.reports()
    assert (saved.question_id, saved.kind, saved.hidden) == (item.question_id, "typo", True)

    # Esc cancels a dialog and writes nothing
    cancelled = open_dialog(qtbot, window, Qt.Key.Key_N)
    type_text(qtbot, " More.")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not cancelled.isVisible(), timeout=3000)  # type: ignore[attr-defined]
    assert store.notes.note(item.question_id) == "Look at the data size first."
    activate(qtbot, window)
    too_long = open_dialog(qtbot, window, Qt.Key.Key_N)  # refused in the dialog, which stays open
    assert isinstance(too_long, NoteDialog)
    too_long.editor.setPlainText("x" * 10_001)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert too_long.isVisible() and "at most 10,000 characters" in too_long.warning.text()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not too_long.isVisible(), timeout=3000)
    assert store.notes.note(item.question_id) == "Look at the data size first."

    activate(qtbot, window)
    press(qtbot, Qt.Key.Key_Escape)
    wait_for(qtbot, window, st.Results)
    window.controller.go(st.SettingsPage())
    window.screens.settings.notes_card.open.click()
    qtbot.waitUntil(lambda: isinstance(window.controller.notes.dialog, NotesList), timeout=3000)
    listing = window.controller.notes.dialog
    assert isinstance(listing, NotesList)
    activate(qtbot, listing)
    assert listing.list.count() == 2 and listing.count.text() == "1 report (1 hidden) · 1 note"
    assert listing.list.currentRow() == 0 and listing.unhide.isEnabled()
    listing.unhide.click()
    assert store.notes.hidden_ids() == set()
    assert not listing.unhide.isEnabled() and "(0 hidden)" in listing.count.text()
    listing.list.setCurrentRow(1)  # the note
    dialogs.answers.append("Delete")
    press(qtbot, Qt.Key.Key_Delete)
    assert dialogs.asked == ["Delete this note?"]
    assert store.notes.note(item.question_id) == ""
    assert listing.list.count() == 1
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not listing.isVisible(), timeout=3000)


def test_no_notes_or_reports_during_a_timed_exam(
    qtbot: QtBot, make_window: WindowFactory, data_dir: Path, shipped_bank: Bank, clock: FakeClock
) -> None:
    window = make_window()
    store = window.controller.store
    assert store is not None
    press(qtbot, Qt.Key.Key_E, CTRL)
    wait_for(qtbot, window, st.Exam)
    exam = window.screens.exam
    exam.question.focus_question()
    item = exam.current()
    assert item is not None
    store.notes.set_note(item.question_id, "the answer is B")
    press(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    press(qtbot, Qt.Key.Key_R, CTRL | SHIFT)
    assert window.controller.notes.dialog is None
    assert not exam.question.note_box.isVisible()
    attempt = exam.status.id if exam.status else 0
    window.controller.close_attempt()
    window.controller.go(st.Review(attempt))  # the review of the exam still in progress: nothing either
    review = window.screens.review
    assert not review.note_actions.note_button.isEnabled()
    review.list.setFocus()
    press(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    assert window.controller.notes.dialog is None
    assert not review.question.note_box.isVisible()
