"""A new user's history: the card of attempts says there are none right under its heading."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mlsquiz.ui import state as st
from tests.ui.conftest import WindowFactory
from tests.ui.helpers import CTRL, press, wait_for


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
