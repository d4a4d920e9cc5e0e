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
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from mlsquiz.bank.bank import Bank
from mlsquiz.exam.attempt import Clock
from mlsquiz.settings import Settings, save_settings
from mlsquiz.ui import widgets
from mlsquiz.ui.main_window import MainWindow
from mlsquiz.ui.widgets import QuestionBox
from tests.ui.helpers import activate

WindowFactory = Callable[..., MainWindow]


@pytest.fixture(autouse=True)
def _application(qapp: object) -> object:
    """Every GUI test has the QApplication, also one that makes a widget without `qtbot`: with the tests spread
    over several processes, such a test may be the first Qt test of its process (Qt aborts a widget made before
    the application)."""
    return qapp


@pytest.fixture
def make_window(qtbot: QtBot, shipped_bank: Bank, data_dir: Path, clock: Clock) -> Iterator[WindowFactory]:
    """Open a main window on `data_dir` (or another folder), wait for the dashboard, make it active."""
    made: list[MainWindow] = []

    def make(
        folder: Path | None = None, size: tuple[int, int] = (1280, 800), blueprint: str | None = "mls-c01"
    ) -> MainWindow:
        """`blueprint` is written as the chosen exam unless the folder has settings already: MLS-C01 by default,
        whose exams hold only choice questions, so a test's key presses answer whatever comes first. Pass None
        for a new user (MLA-C01, with ordering and matching items drawn anywhere)."""
        target = folder or data_dir
        if blueprint is not None and not (target / "settings.json").exists():
            save_settings(target, Settings(default_blueprint=blueprint))
        window = MainWindow(target, bank_loader=lambda: shipped_bank, clock=clock)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        with qtbot.waitSignal(window.controller.ready, timeout=30_000):
            window.start()
        qtbot.waitUntil(window.controller.is_ready, timeout=30_000)  # the other screens follow the dashboard
        activate(qtbot, window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()


class Dialogs:
    """Answers the app's questions by driving the real message box: `Enter` unless told otherwise.

    `answers` is a queue of "enter", "escape" or a button's text; `asked` records each question's text.
    """

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.asked: list[str] = []
        self.buttons: list[list[str]] = []
        self.answers: list[str] = []

    def __call__(self, box: QuestionBox) -> QAbstractButton | None:
        self.asked.append(box.text())
        self.buttons.append([b.text() for b in box.buttons()])
        box.setWindowModality(
            Qt.WindowModality.ApplicationModal
        )  # as exec() shows it: the keys go to the box
        box.show()
        activate(self.qtbot, box)
        how = self.answers.pop(0) if self.answers else "enter"
        if how in ("enter", "escape"):
            key = Qt.Key.Key_Return if how == "enter" else Qt.Key.Key_Escape
            self.qtbot.keyClick(box, key)  # type: ignore[no-untyped-call]
        else:
            button = next(b for b in box.buttons() if b.text() == how)
            self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
        assert not box.isVisible(), f"the answer {how!r} did not close the box {box.text()!r}"
        owner = box.parentWidget()
        if owner is not None:  # as after a real modal dialog, the window behind it is active again
            activate(self.qtbot, owner.window())
        return box.clickedButton()


@pytest.fixture
def dialogs(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    answerer = Dialogs(qtbot)
    monkeypatch.setattr(widgets, "run_box", answerer)
    return answerer
