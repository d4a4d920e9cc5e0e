"""History lists every attempt and opens any in Review; Review's filters agree with the store's verdicts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mlsquiz.bank.bank import Bank
from mlsquiz.store.facade import Store
from mlsquiz.ui import state as st
from mlsquiz.ui.review_screen import ReviewScreen
from tests.conftest import FakeClock
from tests.ui.conftest import WindowFactory
from tests.ui.helpers import CTRL, press, wait_for, wait_home


def choose_filter(review: ReviewScreen, key: str) -> None:
    """Pick a filter in the review screen's combo box, as the user does."""
    index = review.filter.findData(key)
    assert index >= 0, key
    review.filter.setCurrentIndex(index)


def finished_exam(data_dir: Path, bank: Bank, clock: FakeClock) -> int:
    """A 20-question exam: even positions answered right, odd ones wrong, every third one flagged."""
    with Store.open(data_dir, bank, clock) as store:
        view = store.start_exam("mls-c01", seed=3, length=20)
        attempt = view.status.id
        for item in view.items:
            q = bank.by_id[item.question_id]
            keys: list[str]
            if item.position % 2 == 0:
                keys = list(q.answer)
            else:
                keys = [next(o.key for o in q.options if o.key not in q.answer)]
            store.answer(attempt, item.position, keys)
            if item.position % 3 == 0:
                store.flag(attempt, item.position, True)
            clock.advance(30)
        store.submit(attempt)
    return attempt


def test_history_opens_an_attempt_in_review_and_the_filters_match(
    qtbot: QtBot, make_window: WindowFactory, data_dir: Path, shipped_bank: Bank, clock: FakeClock
) -> None:
    attempt = finished_exam(data_dir, shipped_bank, clock)
    window = make_window()
    store = window.controller.store
    assert store is not None
    result = store.result(attempt)
    assert window.screens.dashboard.recent.count() == 1

    press(qtbot, Qt.Key.Key_H, CTRL)
    wait_for(qtbot, window, st.History)
    history = window.screens.history
    assert history.model.rowCount() == 1
    assert history.model.data(history.model.index(0, 6)) == str(result.scaled_score)
    line = history.chart.chart().series()[0]
    assert line.count() == 1 and line.at(0).y() == result.scaled_score  # type: ignore[attr-defined]
    press(qtbot, Qt.Key.Key_Return)
    wait_for(qtbot, window, st.Review)
    review = window.screens.review
    assert review.list.count() == result.total == 20

    wrong = [i for i in result.items if not i.correct]
    flagged = [i for i in result.items if i.flagged]
    assert len(wrong) == 10 and len(flagged) == 6
    choose_filter(review, "wrong")
    assert review.list.count() == len(wrong)
    assert [i.position for i in review.shown] == [i.position for i in wrong]
    assert review.count.text() == f"{len(wrong)} of 20 questions"
    choose_filter(review, "flagged")
    assert review.list.count() == len(flagged)
    per_domain = 0
    for domain in sorted({i.domain for i in result.items}):
        choose_filter(review, f"domain:{domain}")
        assert all(i.domain == domain for i in review.shown)
        per_domain += review.list.count()
    assert per_domain == 20

    choose_filter(review, "wrong")
    review.list.setCurrentRow(1)
    shown = review.question.item
    assert shown is not None and shown.position == wrong[1].position and shown.revealed
    assert review.question.feedback.isVisible() and "✗" in review.question.verdict.text()

    press(qtbot, Qt.Key.Key_Escape)
    wait_for(qtbot, window, st.History)
    press(qtbot, Qt.Key.Key_Escape)
    wait_home(qtbot, window)


def test_drill_these_drills_exactly_the_filtered_questions(
    qtbot: QtBot, make_window: WindowFactory, data_dir: Path, shipped_bank: Bank, clock: FakeClock
) -> None:
    attempt = finished_exam(data_dir, shipped_bank, clock)
    window = make_window()
    window.controller.go(st.Results(attempt))
    results = window.screens.results
    assert results.drill.text() == "Drill the 10 wrong"
    results.review.click()
    wait_for(qtbot, window, st.Review)
    review = window.screens.review
    choose_filter(review, "flagged")
    ids = [i.question_id for i in review.shown]
    review.drill.click()
    wait_for(qtbot, window, st.Drill)
    drill = window.screens.drill
    assert sorted(i.question_id for i in drill.items.values()) == sorted(ids)


def test_due_wrong_answers_start_a_review_session(
    qtbot: QtBot, make_window: WindowFactory, data_dir: Path, shipped_bank: Bank, clock: FakeClock
) -> None:
    finished_exam(data_dir, shipped_bank, clock)
    clock.advance(30 * 24 * 3600)  # a month later every wrong answer is due
    window = make_window()
    dashboard = window.screens.dashboard
    store = window.controller.store
    assert store is not None
    due = store.due_count()
    assert due > 0 and dashboard.review.isEnabled()
    assert f"({due})" in dashboard.review.title.text()
    press(qtbot, Qt.Key.Key_R, CTRL)
    wait_for(qtbot, window, st.Drill)
    status = window.screens.drill.status
    assert status is not None and status.mode == "review" and status.total == min(due, 20)


def test_review_is_disabled_when_nothing_is_due(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    dashboard = window.screens.dashboard
    assert not dashboard.review.isEnabled()
    assert "(0)" in dashboard.review.title.text()
    press(qtbot, Qt.Key.Key_R, CTRL)
    assert isinstance(window.controller.state, st.Home)
