"""The data-safety behaviour as a user meets it: Settings → Backups, one window per folder, a failed save."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mlsquiz.store.facade import SaveFailed
from mlsquiz.store.writes import Writes
from mlsquiz.ui import state as st
from mlsquiz.ui.single_instance import SingleInstance
from tests.ui.conftest import Dialogs, WindowFactory
from tests.ui.helpers import CTRL, press, wait_for


def test_settings_backups_make_list_check_and_restore(
    qtbot: QtBot, make_window: WindowFactory, dialogs: Dialogs
) -> None:
    window = make_window()
    window.controller.go(st.SettingsPage())
    panel = window.screens.settings.backups
    before = panel.rows.count()
    qtbot.mouseClick(panel.backup, Qt.MouseButton.LeftButton)
    assert "Backed up" in panel.result.text()
    assert panel.rows.count() == before + 1
    qtbot.mouseClick(panel.check, Qt.MouseButton.LeftButton)
    assert "passed" in panel.result.text()
    panel.rows.setCurrentRow(0)
    assert panel.restore.isEnabled()
    dialogs.answers.append("escape")  # Esc says no: nothing restored
    qtbot.mouseClick(panel.restore, Qt.MouseButton.LeftButton)
    assert "passed" in panel.result.text()
    assert not list(window.controller.data_dir.glob("mlsquiz.db.replaced-*"))
    dialogs.answers.append("Restore")
    qtbot.mouseClick(panel.restore, Qt.MouseButton.LeftButton)
    assert dialogs.asked[-1] == "Restore this backup?"
    assert panel.result.text().startswith("Restored the backup from")
    assert list(window.controller.data_dir.glob("mlsquiz.db.replaced-*"))  # the replaced data kept aside


def test_a_second_start_on_the_same_folder_brings_the_first_window_forward(
    qtbot: QtBot, tmp_path: Path
) -> None:
    first, second = SingleInstance(tmp_path), SingleInstance(tmp_path)
    try:
        assert first.claim()
        assert not second.claim()
        assert not second.raise_first(timeout_ms=300)  # the first listens once its dashboard is shown
        first.listen()
        with qtbot.waitSignal(first.activated, timeout=5_000):
            assert second.raise_first()
    finally:
        second.release()
        first.release()
    third = SingleInstance(tmp_path)
    assert third.claim()  # released: the folder is free again
    third.release()


def test_a_failed_save_shows_one_banner_stops_the_clock_and_clears_on_retry(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    press(qtbot, Qt.Key.Key_E, CTRL)
    wait_for(qtbot, window, st.Exam)
    screen = window.screens.exam
    store = window.controller.store
    assert store is not None
    press(qtbot, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: any(o.chosen for o in screen.items[1].options))
    press(qtbot, Qt.Key.Key_N)

    real_write = Writes.write

    def full_disk(*_args: object, **_kw: object) -> None:
        raise SaveFailed("Can't save: the disk is full.")

    monkeypatch.setattr(Writes, "write", full_disk)
    press(qtbot, Qt.Key.Key_2)
    banner = "Can't save: the disk is full. Your answers up to question 1 are saved."
    assert screen.hint.text() == banner
    assert not any(o.chosen for o in screen.items[2].options)  # the screen shows what is stored
    window.controller.attempt.tick()  # type: ignore[union-attr]
    assert screen.hint.text() == banner  # the countdown's retries fail quietly: still one banner
    monkeypatch.setattr(Writes, "write", real_write)
    window.controller.attempt.tick()  # type: ignore[union-attr]
    assert screen.hint.text() == ""
    press(qtbot, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: any(o.chosen for o in screen.items[2].options))
