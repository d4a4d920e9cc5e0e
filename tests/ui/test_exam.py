"""The exam screen driven by keys: a whole exam, leaving and resuming, the countdown and its auto-submit."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mlsquiz.store.views import ItemView
from mlsquiz.ui import state as st
from mlsquiz.ui.attempt_controller import ExamController
from mlsquiz.ui.exam_screen import ExamScreen
from mlsquiz.ui.main_window import MainWindow
from tests.conftest import FakeClock, stored_answers
from tests.ui.conftest import Dialogs, WindowFactory
from tests.ui.helpers import CTRL, LETTER_KEYS, NUMBER_KEYS, press, wait_for, wait_home


def start_exam_by_key(qtbot: QtBot, window: MainWindow) -> ExamScreen:
    press(qtbot, Qt.Key.Key_E, CTRL)
    wait_for(qtbot, window, st.Exam)
    screen = window.screens.exam
    assert screen.isVisible()
    return screen


def shown(screen: ExamScreen) -> ItemView:
    item = screen.current()
    assert item is not None
    return item


def test_a_whole_exam_answered_by_keys_scores_as_the_store_does(
    qtbot: QtBot, make_window: WindowFactory, dialogs: Dialogs
) -> None:
    window = make_window()
    screen = start_exam_by_key(qtbot, window)
    store = window.controller.store
    assert store is not None
    status = screen.status
    assert status is not None and status.total == len(screen.items) == 65
    rng = random.Random(7)
    expected: dict[int, set[str]] = {}
    for position in range(1, status.total + 1):
        item = shown(screen)
        assert item.position == position
        picks = rng.sample(range(len(item.options)), item.select)
        for n, index in enumerate(picks):  # digits and letters both choose, in the order shown
            press(qtbot, (NUMBER_KEYS if n % 2 == 0 else LETTER_KEYS)[index])
        expected[position] = {item.options[i].key for i in picks}
        assert {o.key for o in shown(screen).options if o.chosen} == expected[position]
        if position < status.total:
            press(qtbot, Qt.Key.Key_N if position % 2 else Qt.Key.Key_Right)
    attempt_id = status.id
    stored = stored_answers(store.folder, attempt_id)
    assert {p: set(a) for p, a in stored.items()} == expected

    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert screen.on_summary()
    assert screen.summary.lists["answered"].count() == status.total
    assert screen.summary.lists["unanswered"].count() == 0
    press(qtbot, Qt.Key.Key_Return, CTRL)
    wait_for(qtbot, window, st.Results)
    assert dialogs.asked == ["Submit the exam and see your score?"]
    assert [sorted(b) for b in dialogs.buttons] == [["Back to questions", "Submit"]]

    result = store.result(attempt_id)
    assert result.status == "submitted" and result.scaled_score is not None
    results = window.screens.results
    assert results.score.text() == str(result.scaled_score)
    assert results.verdict.text() == ("PASS" if result.passed else "FAIL")
    assert f"{result.correct} of {result.total} correct" in results.details.text()
    assert results.tasks.rowCount() == len(result.by_task)
    assert results.chart.values() == [round(d.fraction * 100) for d in result.by_domain]


def test_flag_navigation_and_the_summary_jump(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    screen = start_exam_by_key(qtbot, window)
    press(qtbot, Qt.Key.Key_M)
    assert shown(screen).flagged
    assert "⚑" in screen.question_palette.buttons[0].text()
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Right)
    assert shown(screen).position == 3
    press(qtbot, Qt.Key.Key_P)
    press(qtbot, Qt.Key.Key_Left)
    assert shown(screen).position == 1
    press(qtbot, Qt.Key.Key_Left)  # nothing before the first question
    assert shown(screen).position == 1
    screen.question_palette.buttons[9].click()
    assert shown(screen).position == 10
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert screen.on_summary()
    flagged = screen.summary.lists["flagged"]
    assert flagged.count() == 1
    flagged.setFocus()
    flagged.setCurrentRow(0)
    press(qtbot, Qt.Key.Key_Return)
    assert not screen.on_summary()
    assert shown(screen).position == 1
    press(qtbot, Qt.Key.Key_Return, CTRL)
    press(qtbot, Qt.Key.Key_Escape)  # Esc on the summary goes back to the questions, not out of the exam
    assert not screen.on_summary()
    assert isinstance(window.controller.state, st.Exam)


def test_esc_asks_before_leaving_and_the_exam_stays_resumable(
    qtbot: QtBot, make_window: WindowFactory, dialogs: Dialogs
) -> None:
    window = make_window()
    screen = start_exam_by_key(qtbot, window)
    press(qtbot, Qt.Key.Key_2)
    dialogs.answers = ["Keep going", "enter"]
    press(qtbot, Qt.Key.Key_Escape)
    assert dialogs.asked == ["Leave the exam?"]
    assert [sorted(b) for b in dialogs.buttons] == [["Keep going", "Leave exam"]]
    assert isinstance(window.controller.state, st.Exam)
    press(qtbot, Qt.Key.Key_Escape)
    assert dialogs.asked == ["Leave the exam?", "Leave the exam?"]
    wait_home(qtbot, window)
    store = window.controller.store
    assert store is not None
    resumable = store.resumable()
    assert [r.id for r in resumable] == [screen.status.id if screen.status else -1]
    first = screen.items[1]
    # one option chosen: answered, unless the first question happens to be a Select TWO (then incomplete)
    assert resumable[0].answered == (1 if first.select == 1 else 0) and first.chosen_labels == ["B"]
    assert window.screens.dashboard.resume_card.isVisible()


def test_closing_mid_exam_and_resuming_in_a_new_window_shows_the_same_answers(
    qtbot: QtBot, make_window: WindowFactory, data_dir: Path
) -> None:
    first = make_window()
    screen = start_exam_by_key(qtbot, first)
    press(qtbot, Qt.Key.Key_2)
    press(qtbot, Qt.Key.Key_N)
    press(qtbot, Qt.Key.Key_C)
    press(qtbot, Qt.Key.Key_M)
    # what was chosen, whatever the questions' types (a Select TWO with one box is chosen but incomplete)
    before = {p: i.chosen_labels for p, i in screen.items.items() if i.chosen_labels}
    assert before == {1: ["B"], 2: ["C"]}
    first.close()

    second = make_window(data_dir)
    dashboard = second.screens.dashboard
    assert dashboard.resume_card.isVisible()
    assert len(dashboard.resume_buttons) == 1
    qtbot.mouseClick(dashboard.resume_buttons[0], Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    wait_for(qtbot, second, st.Exam)
    again = second.screens.exam
    after = {p: i.chosen_labels for p, i in again.items.items() if i.chosen_labels}
    assert after == before
    assert 2 in (again.status.flagged if again.status else [])
    assert shown(again).position == 2  # back where the user was
    assert again.question.rows[2].indicator.isChecked()


def test_the_countdown_turns_amber_then_red_and_submits_at_zero(
    qtbot: QtBot, make_window: WindowFactory, clock: FakeClock
) -> None:
    window = make_window()
    screen = start_exam_by_key(qtbot, window)
    status = screen.status
    assert status is not None and status.time_left is not None
    controller = window.controller.attempt
    assert isinstance(controller, ExamController)
    assert screen.timer.property("urgency") == "normal"
    clock.advance(status.time_left - 9 * 60)
    controller.timer.timeout.emit()
    assert screen.timer.property("urgency") == "amber"
    assert screen.timer.text().startswith("0:09:0")
    clock.advance(5 * 60)
    controller.timer.timeout.emit()
    assert screen.timer.property("urgency") == "red"
    clock.advance(5 * 60)
    qtbot.waitUntil(lambda: isinstance(window.controller.state, st.Results), timeout=3000)  # the real QTimer
    store = window.controller.store
    assert store is not None
    result = store.result(status.id)
    assert result.status == "submitted"
    assert result.elapsed == pytest.approx(180 * 60, abs=2)  # MLS-C01, the exam these tests choose
    assert window.screens.results.verdict.text() == "FAIL"  # nothing answered
    assert window.screens.results.timed_out.isVisible()  # the results say so too, not only the banner
    assert window.banner.isVisible() and "Time is up" in window.banner_text.text()
