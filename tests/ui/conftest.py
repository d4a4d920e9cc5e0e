"""GUI fixtures: a main window on a fresh data folder, with the real bank loaded once per session.

`shipped_bank` (the real bank, session-scoped), `clock` (a settable FakeClock) and `data_dir` (a fresh
temporary data folder) come from tests/conftest.py.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from mlsquiz.bank.bank import Bank
from mlsquiz.exam.attempt import Clock
from mlsquiz.ui.main_window import MainWindow
from tests.ui.helpers import activate

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, shipped_bank: Bank, data_dir: Path, clock: Clock) -> Iterator[WindowFactory]:
    """Open a main window on `data_dir` (or another folder), wait for the dashboard, make it active."""
    made: list[MainWindow] = []

    def make(folder: Path | None = None, size: tuple[int, int] = (1280, 800)) -> MainWindow:
        window = MainWindow(folder or data_dir, bank_loader=lambda: shipped_bank, clock=clock)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        with qtbot.waitSignal(window.controller.ready, timeout=30_000):
            window.start()
        activate(qtbot, window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation is answered Yes; the titles asked are recorded. Append "no" to answer No."""
    asked: list[str] = []

    def question(_parent: object, title: str, *_args: object, **_kw: object) -> QMessageBox.StandardButton:
        asked.append(title)
        no = "no" in asked
        if no:
            asked.remove("no")
        return QMessageBox.StandardButton.No if no else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked
