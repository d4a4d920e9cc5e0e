"""The pace line under the exam timer, a confidence per answer (Shift+1/2/3 and clicks), and the results'
pacing and calibration cards, driven by keys and clicks on the real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from mlsquiz.settings import Settings, load_settings, save_settings
from mlsquiz.ui import state as st
from mlsquiz.ui.attempt_controller import ExamController
from mlsquiz.ui.exam_screen import ExamScreen
from mlsquiz.ui.main_window import MainWindow
from tests.calibration_helpers import stored_confidence
from tests.conftest import FakeClock
from tests.ui.conftest import Dialogs, WindowFactory
from tests.ui.helpers import CTRL, LETTER_KEYS, NONE, press, wait_for, wait_home

SHIFT = Qt.KeyboardModifier.ShiftModifier


def with_aids(folder: Path, *, pace_line: bool = False, confidence: bool = False, length: int = 65) -> None:
    save_settings(
        folder,
        Settings(default_blueprint="mls-c01", pace_line=pace_line, confidence=confidence, exam_length=length),
    )


def start_exam(qtbot: QtBot, window: MainWindow) -> ExamScreen:
    press(qtbot, Qt.Key.Key_E, CTRL)
    wait_for(qtbot, window, st.Exam)
    return window.screens.exam


def test_the_pace_line_is_off_by_default_and_switched_on_in_settings(
    qtbot: QtBot, make_window: WindowFactory, dialogs: Dialogs, data_dir: Path, clock: FakeClock
) -> None:
    window = make_window()
    screen = start_exam(qtbot, window)
    assert screen.pace.isHidden() and screen.confidence.isHidden()
    press(qtbot, Qt.Key.Key_Escape)  # leave: the dialog is answered with Enter
    wait_home(qtbot, window)

    window.screens.dashboard.settings.click()
    wait_for(qtbot, window, st.SettingsPage)
    page = window.screens.settings
    assert not page.pace_line.isChecked() and not page.confidence.isChecked()
    box = page.pace_line
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(12, box.height() // 2))  # type: ignore[no-untyped-call]
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert load_settings(data_dir).pace_line and not load_settings(data_dir).confidence
    press(qtbot, Qt.Key.Key_Escape)
    wait_home(qtbot, window)

    press(qtbot, Qt.Key.Key_U, CTRL)  # resume the exam: the pace line is there now
    wait_for(qtbot, window, st.Exam)
    assert not screen.pace.isHidden() and screen.pace.text() == "on pace"
    assert screen.confidence.isHidden()
    controller = window.controller.attempt
    assert isinstance(controller, ExamController)
    clock.advance(12 * 60)  # 12 minutes on the first question, with a budget of about 2.8
    controller.timer.timeout.emit()
    assert screen.pace.text() == "9 min behind"
    assert screen.pace.property("tone") == "warning"
    assert screen.pace.geometry().top() >= screen.timer.geometry().bottom()  # under the timer


def test_shift_1_records_sure_and_it_survives_a_restart(
    qtbot: QtBot, make_window: WindowFactory, data_dir: Path
) -> None:
    with_aids(data_dir, confidence=True)
    first = make_window()
    screen = start_exam(qtbot, first)
    assert not screen.confidence.isHidden()
    attempt = screen.status.id if screen.status else -1
    press(qtbot, Qt.Key.Key_2)
    press(qtbot, Qt.Key.Key_1, SHIFT)  # Shift+1 as a test (or a non-US layout) sends it
    assert screen.items[1].confidence == "sure"
    assert stored_confidence(data_dir, attempt)[1] == "sure"  # committed as given
    press(qtbot, Qt.Key.Key_1, SHIFT)  # again: still sure (keys set, they never take back)
    assert screen.items[1].confidence == "sure"
    press(qtbot, Qt.Key.Key_N)
    press(qtbot, Qt.Key.Key_At, SHIFT)  # Shift+2 as a US keyboard sends it
    press(qtbot, Qt.Key.Key_N)
    press(qtbot, Qt.Key.Key_NumberSign, NONE)  # "#" with the modifier already consumed
    press(qtbot, Qt.Key.Key_N)
    guess, unsure = screen.confidence.buttons["guess"], screen.confidence.buttons["unsure"]
    qtbot.mouseClick(guess, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    assert screen.items[4].confidence == "guess" and guess.property("chosen") is True
    qtbot.mouseClick(guess, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    assert screen.items[4].confidence == ""  # a click on the chosen one takes it back
    qtbot.mouseClick(unsure, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    assert stored_confidence(data_dir, attempt) | {} == {
        **{p: "" for p in range(1, 66)},
        1: "sure",
        2: "unsure",
        3: "guess",
        4: "unsure",
    }
    first.close()

    second = make_window(data_dir)
    press(qtbot, Qt.Key.Key_U, CTRL)
    wait_for(qtbot, second, st.Exam)
    again = second.screens.exam
    assert {p: i.confidence for p, i in again.items.items() if i.confidence} == {
        1: "sure",
        2: "unsure",
        3: "guess",
        4: "unsure",
    }
    press(qtbot, Qt.Key.Key_P)
    press(qtbot, Qt.Key.Key_P)
    press(qtbot, Qt.Key.Key_P)
    assert again.current() is not None and again.current().position == 1  # type: ignore[union-attr]
    assert again.confidence.buttons["sure"].property("chosen") is True
    assert again.confidence.buttons["sure"].accessibleName() == "Confidence: sure (chosen)"


def test_the_results_show_the_sure_and_wrong_answer_and_open_it_in_review(
    qtbot: QtBot, make_window: WindowFactory, dialogs: Dialogs, data_dir: Path, clock: FakeClock
) -> None:
    with_aids(data_dir, confidence=True, length=5)
    window = make_window()
    screen = start_exam(qtbot, window)
    store = window.controller.store
    assert store is not None
    right = {i.position: set(store.bank.by_id[i.question_id].answer) for i in screen.items.values()}
    for position in range(1, 4):
        item = screen.current()
        assert item is not None and item.position == position
        choice = item.options
        # question 2 wrong and sure; questions 1 and 3 right, unsure and sure
        wanted = [o for o in choice if (o.key in right[position]) != (position == 2)][: item.select]
        for option in wanted:
            press(qtbot, LETTER_KEYS["ABCDEF".index(option.label)])
        press(qtbot, Qt.Key.Key_2 if position == 1 else Qt.Key.Key_1, SHIFT)
        clock.advance(200 if position == 2 else 20)
        press(qtbot, Qt.Key.Key_N)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    wait_for(qtbot, window, st.Results)
    results = window.screens.results
    card = results.insights.calibration
    assert not card.isHidden()
    everything = card.table.rowCount() - 1
    assert card.table.item(everything, 0).text() == "All domains"
    assert card.table.item(everything, 1).text() == "1 of 2 · 50%"  # sure
    assert card.table.item(everything, 2).text() == "1 of 1 · 100%"  # unsure
    assert card.table.item(everything, 3).text() == "–"  # no guess
    wrong = card.sure_wrong
    assert wrong.count() == 1 and wrong.item(0).text().startswith("2  ✗")
    pacing = results.insights.pacing
    assert pacing.slowest.item(0).text().startswith("2  ✗  0:03:20")
    assert pacing.table.item(pacing.table.rowCount() - 1, 0).text() == "All questions"

    wrong.setFocus()
    wrong.setCurrentRow(0)
    press(qtbot, Qt.Key.Key_Return)
    wait_for(qtbot, window, st.Review)
    review = window.screens.review
    shown = review.question.item
    assert shown is not None and shown.position == 2
    assert review.question.time_chip.text().startswith("Time 0:03:20 of 0:02:48 · you were sure")
    press(qtbot, Qt.Key.Key_Escape)
    wait_for(qtbot, window, st.Results)


def test_a_checked_drill_answer_locks_its_confidence(
    qtbot: QtBot, make_window: WindowFactory, data_dir: Path
) -> None:
    with_aids(data_dir, confidence=True)
    window = make_window()
    press(qtbot, Qt.Key.Key_D, CTRL)
    wait_for(qtbot, window, st.DrillSetup)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    wait_for(qtbot, window, st.Drill)
    drill = window.screens.drill
    item = drill.current()
    assert item is not None
    for n in range(item.select):
        press(qtbot, LETTER_KEYS[n])
    press(qtbot, Qt.Key.Key_3, SHIFT)
    press(qtbot, Qt.Key.Key_Return)
    checked = drill.current()
    assert checked is not None and checked.revealed and checked.confidence == "guess"
    assert not drill.confidence.buttons["sure"].isEnabled()
    press(qtbot, Qt.Key.Key_1, SHIFT)
    assert drill.current().confidence == "guess"  # type: ignore[union-attr]
    assert "locked" in drill.hint.text()
