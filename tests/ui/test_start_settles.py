"""The app settles its memory once the start is over: after the other screens are built, not before."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mlsquiz.ui import app_controller
from mlsquiz.ui.main_window import MainWindow
from tests.ui.conftest import WindowFactory


def test_the_start_settles_after_the_other_screens_are_built(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[bool]] = []

    def settle() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.append([w.controller.s.built for w in windows])

    monkeypatch.setattr(app_controller, "settle", settle)
    make_window()
    qtbot.waitUntil(lambda: seen != [], timeout=5000)
    assert seen == [[True]]
