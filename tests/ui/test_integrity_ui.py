"""Issue 10 as a user meets it: a second exam asks first, unfinished attempts can be discarded, half-answered
"Select TWO" questions say so, a review finished early keeps only what was checked, drill feedback comes into
view, and the dashboard answers Enter and Ctrl+U."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mlsquiz.bank.bank import Bank
from mlsquiz.store.facade import Store
from mlsquiz.store.views import ItemView
from mlsquiz.study.drills import DrillFilter
from mlsquiz.ui import state as st
from mlsquiz.ui.exam_screen import ExamScreen
from mlsquiz.ui.main_window import MainWindow
from mlsquiz.ui.review_screen import plain_text, preview
from tests.conftest import FakeClock
from tests.ui.conftest import Dialogs, WindowFactory
from tests.ui.helpers import CTRL, NUMBER_KEYS, press, wait_for, wait_home


def store_of(window: MainWindow) -> Store:
    store = window.controller.store
    assert store is not None
    return store


def leave_exam_midway(qtbot: QtBot, window: MainWindow, dialogs: Dialogs, answers: int = 3) -> int:
    press(qtbot, Qt.Key.Key_E, CTRL)
    wait_for(qtbot, window, st.Exam)
    screen = window.screens.exam
    for _ in range(answers):
        press(qtbot, NUMBER_KEYS[0])
        press(qtbot, Qt.Key.Key_N)
    dialogs.answers.append("enter")  # "Leave exam" is the default
    press(qtbot, Qt.Key.Key_Escape)
    wait_home(qtbot, window)
    assert screen.status is not None
    return screen.status.id


def test_ctrl_e_with_an_exam_in_progress_asks_and_enter_resumes_it(
    qtbot: QtBot, make_window: WindowFactory, dialogs: Dialogs
) -> None:
    window = make_window()
    first = leave_exam_midway(qtbot, window, dialogs)
    dashboard = window.screens.dashboard
    detail = dashboard.resume_box.itemAt(0).widget().findChildren(type(dashboard.retired))
    assert any(w.text().startswith("Started ") and "at question 4" in w.text() for w in detail)

    press(qtbot, Qt.Key.Key_E, CTRL)  # asks; Enter answers with the default: Resume
    wait_for(qtbot, window, st.Exam)
    assert dialogs.asked[-1] == "You have a MLS-C01 mock exam in progress. Resume it?"
    assert sorted(dialogs.buttons[-1]) == ["Cancel", "Discard and start new", "Resume"]
    assert window.screens.exam.status is not None and window.screens.exam.status.id == first
    assert len(store_of(window).resumable()) == 1

    dialogs.answers += ["enter", "Cancel"]
    press(qtbot, Qt.Key.Key_Escape)
    wait_home(qtbot, window)
    press(qtbot, Qt.Key.Key_E, CTRL)  # Cancel: nothing starts
    assert isinstance(window.controller.state, st.Home)
    assert [r.id for r in store_of(window).resumable()] == [first]

    dialogs.answers.append("Discard and start new")
    press(qtbot, Qt.Key.Key_E, CTRL)
    wait_for(qtbot, window, st.Exam)
    second = window.screens.exam.status
    assert second is not None and second.answered == [] and second.position == 1  # a new exam
    assert [r.id for r in store_of(window).resumable()] == [second.id]
    assert [h.answered for h in store_of(window).history()] == [0]  # the old one is gone


def test_unfinished_attempts_are_discarded_from_the_dashboard_and_history(
    qtbot: QtBot, make_window: WindowFactory, dialogs: Dialogs
) -> None:
    window = make_window()
    first = leave_exam_midway(qtbot, window, dialogs)
    dashboard = window.screens.dashboard
    assert len(dashboard.discard_buttons) == 1
    dialogs.answers.append("Keep it")
    qtbot.mouseClick(dashboard.discard_buttons[0], Qt.MouseButton.LeftButton)
    assert dialogs.asked[-1].startswith("Discard “Mock exam · MLS-C01")
    assert [r.id for r in store_of(window).resumable()] == [first]
    dialogs.answers.append("enter")  # Enter keeps it: discarding cannot be undone
    qtbot.mouseClick(dashboard.discard_buttons[0], Qt.MouseButton.LeftButton)
    assert [r.id for r in store_of(window).resumable()] == [first]
    dialogs.answers.append("Discard")
    qtbot.mouseClick(dashboard.discard_buttons[0], Qt.MouseButton.LeftButton)
    wait_home(qtbot, window)
    assert store_of(window).resumable() == [] and store_of(window).history() == []
    assert not dashboard.resume_card.isVisible()

    drill = store_of(window).start_drill(DrillFilter(blueprint="mla-c01", length=3), seed=1)
    store_of(window).pause(drill.status.id)
    press(qtbot, Qt.Key.Key_H, CTRL)
    wait_for(qtbot, window, st.History)
    history = window.screens.history
    assert history.model.rowCount() == 1 and history.discard.isEnabled()
    assert history.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Started"
    assert history.model.data(history.model.index(0, 1)) == "—"  # not submitted
    dialogs.answers.append("Discard")
    press(qtbot, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: history.model.rowCount() == 0, timeout=3000)
    assert store_of(window).history() == []


def multiple_in_exam(screen: ExamScreen) -> ItemView:
    return next(i for i in screen.items.values() if i.type == "multiple")


def test_one_box_of_a_select_two_shows_as_incomplete(
    qtbot: QtBot, make_window: WindowFactory, dialogs: Dialogs
) -> None:
    window = make_window()
    press(qtbot, Qt.Key.Key_E, CTRL)
    wait_for(qtbot, window, st.Exam)
    screen = window.screens.exam
    target = multiple_in_exam(screen)
    qtbot.mouseClick(screen.question_palette.buttons[target.position - 1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.current() is not None and screen.current().position == target.position)  # type: ignore[union-attr]
    screen.question.focus_question()
    press(qtbot, NUMBER_KEYS[0])
    cell = screen.question_palette.buttons[target.position - 1]
    assert cell.property("incomplete") is True and cell.property("answered") is False
    assert "incomplete" in cell.accessibleName()
    assert screen.progress.text() == "0 of 65 answered · 1 incomplete"
    press(qtbot, NUMBER_KEYS[1])
    press(qtbot, NUMBER_KEYS[2])  # a third box: refused with a hint
    assert "Clear one of your choices first" in screen.hint.text()
    press(qtbot, NUMBER_KEYS[1])  # unticking clears the hint
    assert screen.hint.text() == ""
    assert screen.progress.text() == "0 of 65 answered · 1 incomplete"
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert screen.on_summary()
    assert screen.summary.lists["incomplete"].count() == 1
    assert screen.summary.lists["answered"].count() == 0
    assert screen.summary.lists["unanswered"].count() == 64
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, NUMBER_KEYS[3])
    press(qtbot, Qt.Key.Key_M)  # flagged and answered shows both
    assert cell.property("answered") is True and cell.property("flagged") is True
    assert cell.property("incomplete") is False
    assert screen.progress.text() == "1 of 65 answered"


def test_flag_and_unflag_do_not_move_the_buttons_beside_them(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window()
    press(qtbot, Qt.Key.Key_E, CTRL)
    wait_for(qtbot, window, st.Exam)
    screen = window.screens.exam
    qtbot.waitUntil(lambda: screen.previous.isVisible())
    qtbot.wait(100)  # the first layout settles (a loaded machine may still be laying the screen out)
    QApplication.processEvents()
    before = screen.previous.mapTo(screen, screen.previous.rect().topLeft())
    press(qtbot, Qt.Key.Key_M)
    assert screen.flag.text().endswith("Unflag")
    QApplication.processEvents()
    assert screen.previous.mapTo(screen, screen.previous.rect().topLeft()) == before
    assert screen.side.height() > 400  # 65 numbers: a tall palette
    window.controller.close_attempt()
    window.controller.open_attempt(store_of(window).start_exam(length=5))
    wait_for(qtbot, window, st.Exam)
    qtbot.waitUntil(lambda: screen.status is not None and screen.status.total == 5)
    qtbot.waitUntil(lambda: screen.side.height() < 250)  # 5 numbers: a short card, no tall empty panel


def make_due(data_dir: Path, bank: Bank, clock: FakeClock, count: int) -> None:
    with Store.open(data_dir, bank, clock) as store:
        exam = store.start_exam(
            "mls-c01", seed=12, length=count
        )  # choice questions only: each wrong one is due
        for item in exam.items:
            answer = set(bank.by_id[item.question_id].answer)
            wrong = [o.key for o in item.options if o.key not in answer]
            store.answer(exam.status.id, item.position, wrong[: item.select])
        store.submit(exam.status.id)


def test_a_review_finished_early_scores_only_what_was_checked(
    qtbot: QtBot, make_window: WindowFactory, data_dir: Path, shipped_bank: Bank, clock: FakeClock,
    dialogs: Dialogs,
) -> None:  # fmt: skip
    make_due(data_dir, shipped_bank, clock, 30)
    window = make_window()
    assert "(30)" in window.screens.dashboard.review.title.text()
    press(qtbot, Qt.Key.Key_R, CTRL)
    wait_for(qtbot, window, st.Drill)
    screen = window.screens.drill
    assert screen.title.text() == "Review · 20 of 30 due"
    for _ in range(2):
        item = screen.current()
        assert item is not None
        right = set(shipped_bank.by_id[item.question_id].answer)
        for n, option in enumerate(item.options):
            if option.key in right:
                press(qtbot, NUMBER_KEYS[n])
        press(qtbot, Qt.Key.Key_Return)
        press(qtbot, Qt.Key.Key_Return)
    dialogs.answers.append("enter")
    qtbot.mouseClick(screen.finish, Qt.MouseButton.LeftButton)
    assert dialogs.asked[-1] == "Finish now and see your results?"
    wait_for(qtbot, window, st.Results)
    results = window.screens.results
    assert results.score.text() == "2 / 2"
    assert results.verdict.text() == "100%"
    assert store_of(window).due_count() == 28  # the 18 not checked, and the 10 not in this session
    assert results.more.isVisible() and results.more.text() == "Review 20 more"
    assert results.more.toolTip().startswith("28 wrong answers are still due")
    qtbot.mouseClick(results.more, Qt.MouseButton.LeftButton)
    wait_for(qtbot, window, st.Drill)
    assert screen.title.text() == "Review · 20 of 28 due"


def test_drill_these_is_offered_only_on_finished_attempts(
    qtbot: QtBot, make_window: WindowFactory, dialogs: Dialogs
) -> None:
    window = make_window()
    leave_exam_midway(qtbot, window, dialogs)
    press(qtbot, Qt.Key.Key_H, CTRL)
    wait_for(qtbot, window, st.History)
    press(qtbot, Qt.Key.Key_Return)
    wait_for(qtbot, window, st.Review)
    review = window.screens.review
    assert not review.drill.isVisible() and not review.drill.isEnabled()
    review.drill.click()  # even if reached, it does nothing
    assert isinstance(window.controller.state, st.Review)


def test_checking_brings_the_verdict_into_view_and_hides_skip(
    qtbot: QtBot, make_window: WindowFactory, shipped_bank: Bank
) -> None:
    long_one = max((q for q in shipped_bank.questions if q.source == "scenario" and q.type == "single"),
                   key=lambda q: len(q.stem) + sum(len(o.text) for o in q.options))  # fmt: skip
    window = make_window(size=(1024, 640))
    window.controller.start_drill(DrillFilter(question_ids=[long_one.id, long_one.id], length=2))
    wait_for(qtbot, window, st.Drill)
    screen = window.screens.drill
    assert screen.next.isVisible()
    press(qtbot, NUMBER_KEYS[0])
    press(qtbot, Qt.Key.Key_Return)
    area = screen.question.area
    feedback = screen.question.feedback

    def verdict_in_view() -> bool:
        """The verdict and the start of the overall explanation are both on screen."""
        top = feedback.mapTo(area.widget(), feedback.rect().topLeft()).y()
        explanation = screen.question.explanation
        below = (
            explanation.mapTo(area.widget(), explanation.rect().topLeft()).y()
            + explanation.fontMetrics().height()
        )
        value = area.verticalScrollBar().value()
        return value <= top and below <= value + area.viewport().height()

    qtbot.waitUntil(verdict_in_view, timeout=3000)
    assert area.verticalScrollBar().value() > 0
    assert not screen.next.isVisible()  # Skip is gone once the answer is checked
    for row in screen.question.rows:  # one style: the tag gives the verdict, the text never repeats it
        assert not row.why.text().lower().startswith(("correct.", "correct:", "wrong.", "wrong:"))


def test_the_dashboard_answers_enter_and_ctrl_u(
    qtbot: QtBot, make_window: WindowFactory, dialogs: Dialogs
) -> None:
    window = make_window()
    first = leave_exam_midway(qtbot, window, dialogs)
    dashboard = window.screens.dashboard
    assert "Ctrl+U" in dashboard.resume_buttons[0].text()
    press(qtbot, Qt.Key.Key_U, CTRL)
    wait_for(qtbot, window, st.Exam)
    assert window.screens.exam.status is not None and window.screens.exam.status.id == first
    dialogs.answers.append("enter")
    press(qtbot, Qt.Key.Key_Escape)
    wait_home(qtbot, window)
    dashboard.drill.setFocus()
    press(qtbot, Qt.Key.Key_Return)  # Enter presses the focused button
    wait_for(qtbot, window, st.DrillSetup)


def test_topic_search_finds_old_names(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    press(qtbot, Qt.Key.Key_D, CTRL)
    wait_for(qtbot, window, st.DrillSetup)
    setup = window.screens.setup
    qtbot.keyClicks(setup.topic_search, "Kinesis")
    shown = [
        setup.topics.item(i).text()
        for i in range(setup.topics.count())
        if not setup.topics.item(i).isHidden()
    ]
    assert "Amazon Data Firehose" in shown
    assert "Amazon Managed Service for Apache Flink" in shown
    assert "Amazon Kinesis Data Streams" in shown
    assert "Amazon S3" not in shown


def test_previews_keep_identifiers_whole() -> None:
    stem = "A table has the columns sale_price, email_address and `daily_orders`.\n\nWhich *one* step fits?"
    assert plain_text(stem) == "A table has the columns sale_price, email_address and daily_orders."
    assert "sale_price" in preview("The **sale_price** column and _emphasis_ stay readable.")
    assert preview("The **sale_price** column and _emphasis_ stay readable.").endswith(
        "and emphasis stay readable."
    )


def test_the_loading_message_is_not_clipped(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(size=(1024, 640))
    window.controller.go(st.Loading())
    loading = window.screens.loading
    qtbot.waitUntil(loading.message.isVisible)
    message = loading.message
    assert message.height() >= message.heightForWidth(message.width())
    assert (
        message.width() >= message.fontMetrics().horizontalAdvance("Loading the question bank…")
        or message.wordWrap()
    )


def test_results_open_at_the_top_and_the_task_table_grows_with_the_page(
    qtbot: QtBot, make_window: WindowFactory, data_dir: Path, shipped_bank: Bank, clock: FakeClock
) -> None:
    make_due(data_dir, shipped_bank, clock, 30)
    window = make_window(size=(1024, 640))
    store = store_of(window)
    (exam,) = [h for h in store.history() if h.mode == "exam"]
    window.controller.go(st.Results(exam.id))
    results = window.screens.results
    qtbot.waitUntil(lambda: results.area.verticalScrollBar().maximum() > 0)
    assert (
        results.table.verticalScrollBar().maximum() == 0
    )  # every row shown: the page scrolls, not the table
    assert [d.total for d in store.result(exam.id).by_domain] == [6, 7, 11, 6]  # 30 MLS-C01 questions
    assert results.chart.values() == [0, 0, 0, 0]  # 0% bars carry "0%", unlike a domain with no questions
    results.area.verticalScrollBar().setValue(results.area.verticalScrollBar().maximum())
    window.controller.go(st.Results(exam.id))
    assert results.area.verticalScrollBar().value() == 0
