"""An attempt's controller lives as long as its attempt: finished, left or discarded, it is deleted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from pytestqt.qtbot import QtBot

from mlsquiz.store.facade import DamagedDuringSession, StaleAttempt, Store
from mlsquiz.study.drills import DrillFilter
from mlsquiz.ui import state as st
from mlsquiz.ui.attempt_controller import AttemptController
from mlsquiz.ui.main_window import MainWindow
from tests.ui.conftest import Dialogs, WindowFactory
from tests.ui.helpers import NUMBER_KEYS, press, wait_for, wait_home


def alive(qtbot: QtBot, window: MainWindow) -> list[AttemptController]:
    """The attempt controllers still in the window, once deferred deletes have run."""
    qtbot.wait(20)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    return window.findChildren(AttemptController)


def drill_one(qtbot: QtBot, window: MainWindow) -> None:
    window.controller.start_drill(DrillFilter(length=1, sources=["generated"]))
    wait_for(qtbot, window, st.Drill)
    item = window.screens.drill.current()
    assert item is not None
    for index in range(item.select):
        press(qtbot, NUMBER_KEYS[index])
    press(qtbot, Qt.Key.Key_Return)  # check
    press(qtbot, Qt.Key.Key_Return)  # see results


def test_at_most_one_controller_is_alive_across_attempts(
    qtbot: QtBot, make_window: WindowFactory, dialogs: Dialogs
) -> None:
    window = make_window()
    for _ in range(3):  # finished
        drill_one(qtbot, window)
        wait_for(qtbot, window, st.Results)
        assert window.controller.attempt is None
        assert alive(qtbot, window) == []
        press(qtbot, Qt.Key.Key_Escape)
        wait_home(qtbot, window)
    for _ in range(2):  # left with Esc, then resumed and left again
        window.controller.start_drill(DrillFilter(length=2, sources=["generated"]))
        wait_for(qtbot, window, st.Drill)
        assert len(alive(qtbot, window)) == 1
        press(qtbot, Qt.Key.Key_Escape)
        wait_home(qtbot, window)
        assert alive(qtbot, window) == []
    window.controller.start_exam()  # an exam, then a resumed drill in its place
    wait_for(qtbot, window, st.Exam)
    assert len(alive(qtbot, window)) == 1
    press(qtbot, Qt.Key.Key_Escape)  # "Leave the exam?" answered with Enter
    wait_home(qtbot, window)
    assert dialogs.asked and alive(qtbot, window) == []
    window.controller.start_drill(DrillFilter(length=1, sources=["generated"]))
    wait_for(qtbot, window, st.Drill)
    window.controller.start_drill(
        DrillFilter(length=1, sources=["generated"])
    )  # a second drill replaces the first
    wait_for(qtbot, window, st.Drill)
    assert len(alive(qtbot, window)) == 1


def test_a_stale_or_damaged_attempt_deletes_its_controller(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    for error in (StaleAttempt("changed in another window"), DamagedDuringSession("damaged")):

        def refuse(*_args: object, _error: Exception = error, **_kw: object) -> None:
            raise _error

        with monkeypatch.context() as patch:
            patch.setattr(Store, "toggle", refuse)
            patch.setattr(Store, "recover_from_damage", lambda _self: "restored")
            window.controller.start_drill(DrillFilter(length=1, sources=["generated"]))
            wait_for(qtbot, window, st.Drill)
            assert len(alive(qtbot, window)) == 1
            press(qtbot, NUMBER_KEYS[0])
            wait_home(qtbot, window)
        assert window.controller.attempt is None
        assert alive(qtbot, window) == []
