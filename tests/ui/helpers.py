"""Driving the GUI like a user: keys go to whatever has the focus; waits for screens and the worker."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from mlsquiz.ui import state as st
from mlsquiz.ui.main_window import MainWindow

NUMBER_KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6]
LETTER_KEYS = [Qt.Key.Key_A, Qt.Key.Key_B, Qt.Key.Key_C, Qt.Key.Key_D, Qt.Key.Key_E, Qt.Key.Key_F]
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


def activate(qtbot: QtBot, window: QWidget) -> None:
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    """A key press where the focus is, as a real keyboard delivers it (shortcuts included)."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifier)  # type: ignore[no-untyped-call]


def wait_for(qtbot: QtBot, window: MainWindow, kind: type, timeout: int = 10_000) -> None:
    qtbot.waitUntil(lambda: isinstance(window.controller.state, kind), timeout=timeout)


def wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    """No worker running (the dashboard refresh runs on the thread pool)."""
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=10_000)


def wait_home(qtbot: QtBot, window: MainWindow) -> None:
    wait_for(qtbot, window, st.Home)
    wait_idle(qtbot, window)
