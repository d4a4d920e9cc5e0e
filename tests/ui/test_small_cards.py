"""Cards that hold little: a new user's history says there are no attempts right under its heading, and an
unfinished exam on the dashboard is described across the card's width."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from mlsquiz.ui import state as st
from tests.ui.conftest import Dialogs, WindowFactory
from tests.ui.helpers import CTRL, press, wait_for, wait_home


def test_no_attempts_is_said_under_the_heading_not_in_a_stretched_card(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(size=(1280, 800))
    press(qtbot, Qt.Key.Key_H, CTRL)
    wait_for(qtbot, window, st.History)
    history = window.screens.history
    assert history.empty.isVisible() and not history.table.isVisible()
    line = history.empty.fontMetrics().height()
    card = history.empty.parentWidget()
    qtbot.waitUntil(lambda: card.height() < 10 * line)  # the card keeps to its two lines once laid out
    assert history.empty.geometry().top() < 6 * line  # the heading, then the sentence
    assert history.chart.parentWidget().height() > 3 * card.height()  # the chart's card has the room


def test_an_unfinished_exam_on_the_dashboard_uses_the_cards_width(
    qtbot: QtBot, make_window: WindowFactory, dialogs: Dialogs
) -> None:
    window = make_window(size=(1280, 800))
    press(qtbot, Qt.Key.Key_E, CTRL)
    wait_for(qtbot, window, st.Exam)
    dialogs.answers = ["enter"]
    press(qtbot, Qt.Key.Key_Escape)  # leave the exam: it waits on the dashboard
    wait_home(qtbot, window)
    dashboard = window.screens.dashboard
    qtbot.waitUntil(dashboard.resume_card.isVisible)
    row = dashboard.resume_box.itemAt(0).widget()
    title, detail = row.findChildren(QLabel)[:2]
    assert title.text().startswith("Mock exam")
    line = title.fontMetrics().height()
    assert title.height() < 2 * line and detail.height() < 2 * detail.fontMetrics().height()  # one line each
    assert title.width() > dashboard.resume_card.width() * 0.8
    resume = dashboard.resume_buttons[0]
    assert resume.isVisible() and resume.mapTo(row, resume.rect().topLeft()).y() > detail.geometry().bottom()
