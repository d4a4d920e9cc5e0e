"""Drill set-up with its live count, and the drill with instant feedback, driven by keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mlsquiz.bank.bank import Bank
from mlsquiz.exam.wording import select_text
from mlsquiz.study.drills import DrillFilter
from mlsquiz.ui import state as st
from mlsquiz.ui.drill_screen import DrillScreen
from mlsquiz.ui.main_window import MainWindow
from tests.ui.conftest import Dialogs, WindowFactory
from tests.ui.helpers import CTRL, NUMBER_KEYS, press, wait_for, wait_home


def open_setup(qtbot: QtBot, window: MainWindow, *, choice_only: bool = False) -> None:
    """Open the drill set-up; `choice_only` keeps only generated questions (all multiple choice or response),
    for tests whose key presses answer a choice question: a drill may otherwise draw ordering or matching items."""
    press(qtbot, Qt.Key.Key_D, CTRL)
    wait_for(qtbot, window, st.DrillSetup)
    if choice_only:
        for box in window.screens.setup.sources:
            box.setChecked(box.property("key") == "generated")


def count_shown(window: MainWindow) -> int:
    return int(window.screens.setup.count.text().split()[0])


def test_the_setup_shows_the_matching_count_live(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    open_setup(qtbot, window)
    setup = window.screens.setup
    store = window.controller.store
    assert store is not None
    everything = count_shown(window)
    assert everything == store.drill_pool_size(DrillFilter(blueprint=setup.drill_filter().blueprint)) > 0

    setup.domains.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: count_shown(window) < everything, timeout=3000)
    one_domain = count_shown(window)
    assert one_domain == store.drill_pool_size(setup.drill_filter())
    assert all(setup.tasks.item(i).text().startswith("1.") for i in range(setup.tasks.count()))

    setup.topic_search.setText("zzzz-no-such-topic")
    assert all(setup.topics.item(i).isHidden() for i in range(setup.topics.count()))
    setup.topic_search.clear()
    setup.topics.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: count_shown(window) == store.drill_pool_size(setup.drill_filter()), timeout=3000)
    assert setup.drill_filter().topics == [setup.topics.item(0).data(Qt.ItemDataRole.UserRole)]

    setup.wrong.setChecked(True)  # nothing answered wrong yet in a fresh folder
    qtbot.waitUntil(lambda: count_shown(window) == 0, timeout=3000)
    assert not setup.start.isEnabled()
    press(qtbot, Qt.Key.Key_Escape)
    wait_home(qtbot, window)


def answer_and_check(qtbot: QtBot, screen: DrillScreen) -> None:
    item = screen.current()
    assert item is not None and not item.revealed
    for index in range(item.select):
        press(qtbot, NUMBER_KEYS[index])
    press(qtbot, Qt.Key.Key_Return)


def test_a_drill_gives_feedback_on_enter_and_goes_on_on_enter_again(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window()
    open_setup(qtbot, window, choice_only=True)
    window.screens.setup.length.setValue(2)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    wait_for(qtbot, window, st.Drill)
    screen = window.screens.drill
    assert screen.status is not None and screen.status.total == 2
    question = screen.question
    assert not question.feedback.isVisible()

    press(qtbot, Qt.Key.Key_Return)  # nothing chosen: a hint, no verdict
    assert "Choose an answer" in screen.hint.text()
    assert not question.feedback.isVisible()

    answer_and_check(qtbot, screen)
    item = screen.current()
    assert item is not None and item.revealed and item.explanation
    assert question.feedback.isVisible()
    assert screen.hint.text() == ""  # the "choose an answer" hint no longer applies
    assert question.verdict.text() in ("✓ Correct", "✗ Incorrect")
    assert (question.verdict.text() == "✓ Correct") == bool(item.correct)
    assert question.explanation.markdown() == item.explanation
    right = [o.label for o in item.options if o.correct]
    assert f"Correct answer: {', '.join(right)}" in question.answers.text()
    for row, option in zip(question.rows, item.options, strict=True):
        assert row.why.text() == option.explanation and row.why.isVisible() == bool(option.explanation)
        assert not row.indicator.isEnabled()  # locked once checked
        if option.correct:
            assert row.property("state") in ("correct", "missed") and "Correct answer" in row.tag.text()
        elif option.chosen:
            assert row.property("state") == "wrong" and "Your choice" in row.tag.text()
    press(qtbot, NUMBER_KEYS[1])  # a checked answer cannot change
    assert "locked" in screen.hint.text()

    press(qtbot, Qt.Key.Key_Return)  # go on
    after = screen.current()
    assert after is not None and after.position == 2 and not after.revealed
    answer_and_check(qtbot, screen)
    assert screen.primary.text().startswith("See results")
    press(qtbot, Qt.Key.Key_Return)
    wait_for(qtbot, window, st.Results)
    results = window.screens.results
    assert results.result is not None and results.result.mode == "drill"
    assert results.score.text() == f"{results.result.correct} / 2"


def test_multiple_response_allows_only_select_many(
    qtbot: QtBot, make_window: WindowFactory, shipped_bank: Bank
) -> None:
    multiple = next(q for q in shipped_bank.questions if q.type == "multiple" and "mls-c01" in q.domains)
    window = make_window()
    window.controller.start_drill(DrillFilter(question_ids=[multiple.id], length=1))
    wait_for(qtbot, window, st.Drill)
    screen = window.screens.drill
    if multiple.select == 2:
        assert screen.question.instruction.text() == "Select TWO."
    for index in range(multiple.select + 1):
        press(qtbot, NUMBER_KEYS[index])
    item = screen.current()
    assert item is not None and len(item.chosen_labels) == multiple.select
    assert "Clear one" in screen.hint.text()
    screen.show_hint("")
    # a click past the limit reaches the core, which refuses it with the same hint; the box stays unticked
    extra = screen.question.rows[multiple.select].indicator
    extra.click()
    assert screen.hint.text() == f"{select_text(multiple.select)} Clear one of your choices first."
    assert screen.hint.property("tone") == "warning"
    assert not extra.isChecked()
    item = screen.current()
    assert item is not None and len(item.chosen_labels) == multiple.select
    press(qtbot, NUMBER_KEYS[0])  # toggles the first one off again, and the hint goes
    item = screen.current()
    assert item is not None and len(item.chosen_labels) == multiple.select - 1
    assert screen.hint.text() == ""


def test_esc_leaves_a_drill_without_asking_and_it_can_be_resumed(
    qtbot: QtBot, make_window: WindowFactory, dialogs: Dialogs
) -> None:
    window = make_window()
    open_setup(qtbot, window, choice_only=True)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    wait_for(qtbot, window, st.Drill)
    press(qtbot, Qt.Key.Key_1)
    press(qtbot, Qt.Key.Key_Escape)
    wait_home(qtbot, window)
    assert dialogs.asked == []
    buttons = window.screens.dashboard.resume_buttons
    assert len(buttons) == 1
    buttons[0].click()
    wait_for(qtbot, window, st.Drill)
    item = window.screens.drill.current()
    assert item is not None and item.chosen_labels == ["A"]


def test_continue_goes_to_the_next_unchecked_and_wraps_around(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    """The order comes from the core's DrillSession: a skipped question comes back after the last."""
    window = make_window()
    window.controller.start_drill(DrillFilter(length=3, sources=["generated"]))  # choice questions only
    wait_for(qtbot, window, st.Drill)
    screen = window.screens.drill

    def position() -> int:
        item = screen.current()
        assert item is not None
        return item.position

    press(qtbot, Qt.Key.Key_N)  # skip question 1
    assert position() == 2
    answer_and_check(qtbot, screen)
    press(qtbot, Qt.Key.Key_Return)
    assert position() == 3
    answer_and_check(qtbot, screen)
    press(qtbot, Qt.Key.Key_Return)  # wraps around to the skipped one
    assert position() == 1
    answer_and_check(qtbot, screen)
    assert screen.primary.text().startswith("See results")
    press(qtbot, Qt.Key.Key_Return)
    wait_for(qtbot, window, st.Results)
