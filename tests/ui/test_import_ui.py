"""Importing through the app: the file dialog, the preview before anything is written, Import or Cancel, a
drill of the imported questions, and My questions with Delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.importers import read_text_as
from mlsquiz.bank.user_bank import blueprint_tasks, folder, load_user_bank
from mlsquiz.ui import state as st
from mlsquiz.ui.import_dialog import ImportPreview
from mlsquiz.ui.main_window import MainWindow
from mlsquiz.ui.markdown_view import to_html
from tests.ui.conftest import Dialogs, WindowFactory
from tests.ui.helpers import CTRL, NUMBER_KEYS, activate, press, wait_for, wait_home

GIFT = """\
$CATEGORY: AWS/Study group

::Spot::Which feature lowers training cost with spare capacity? {
  =Managed Spot Training#Spare capacity at a discount.
  ~Provisioned throughput
  ~Inference components
  ~Elastic Inference
  ####Managed Spot Training uses spare capacity.
}

::Storage::Which are storage services? (Select TWO.) {
  ~%50%Amazon S3
  ~%50%Amazon EFS
  ~%-50%Amazon SQS
  ~%-50%Amazon SNS
  ~%-50%AWS Lambda
}

::TF::Amazon S3 stores objects. {T}
"""


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))


def open_preview(qtbot: QtBot, window: MainWindow) -> ImportPreview:
    window.controller.imports.preview = None
    press(qtbot, Qt.Key.Key_I, CTRL)
    qtbot.waitUntil(lambda: window.controller.imports.preview is not None, timeout=10_000)
    preview = window.controller.imports.preview
    assert preview is not None
    qtbot.waitUntil(preview.isVisible, timeout=5000)
    return preview


def test_import_through_the_dialog_then_drill_the_questions(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_dir: Path
) -> None:
    path = tmp_path / "study-group.gift"
    path.write_text(GIFT, encoding="utf-8")
    choose_file(monkeypatch, path)
    window = make_window()
    shipped = len(window.controller.store.bank.questions)  # type: ignore[union-attr]

    preview = open_preview(qtbot, window)
    assert preview.summary.text() == "2 to import (2 new, 0 updated) · 1 skipped · 0 errors"
    lines = [preview.lines.item(i).text() for i in range(preview.lines.count())]
    assert "Skipped — line 19: TF: true/false: mlsquiz cannot ask it" in lines
    assert "New — line 3: Spot" in lines
    assert not folder(data_dir).exists(), "nothing is written before Import"
    preview.cancel_button.click()
    assert not folder(data_dir).exists()
    activate(qtbot, window)
    assert window.screens.dashboard.isAncestorOf(QApplication.focusWidget()), (
        "the keyboard focus is back home"
    )

    preview = open_preview(qtbot, window)
    assert preview.import_button.isEnabled()
    preview.import_button.click()
    store = window.controller.store
    assert store is not None
    qtbot.waitUntil(lambda: len(store.bank.questions) == shipped + 2, timeout=5000)
    assert window.banner_text.text().startswith("Imported 2 questions (2 new, 0 updated)")
    wait_home(qtbot, window)

    press(qtbot, Qt.Key.Key_D, CTRL)
    wait_for(qtbot, window, st.DrillSetup)
    setup = window.screens.setup
    topics = [setup.topics.item(i).text() for i in range(setup.topics.count())]
    assert "study-group (your tag)" in topics
    for box in setup.sources:
        box.setChecked(box.property("key") == "imported")
    qtbot.waitUntil(lambda: setup.count.text().startswith("2 "), timeout=5000)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    wait_for(qtbot, window, st.Drill)
    screen = window.screens.drill
    stems = set()
    for _ in range(2):
        item = screen.current()
        assert item is not None
        stems.add(item.stem)
        for index in range(item.select):
            press(qtbot, NUMBER_KEYS[index])
        press(qtbot, Qt.Key.Key_Return)
        item = screen.current()
        assert item is not None and item.revealed and item.correct is not None
        press(qtbot, Qt.Key.Key_Return)
    assert stems == {
        "Which feature lowers training cost with spare capacity?",
        "Which are storage services? (Select TWO.)",
    }
    wait_for(qtbot, window, st.Results)
    results = window.screens.results
    assert results.result is not None and results.result.mode == "drill" and results.result.total == 2


def test_a_file_with_errors_cannot_be_imported(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_dir: Path
) -> None:
    path = tmp_path / "broken.gift"
    path.write_text(GIFT.replace("  ####Managed Spot Training uses spare capacity.\n}", ""), encoding="utf-8")
    choose_file(monkeypatch, path)
    window = make_window()
    preview = open_preview(qtbot, window)
    assert preview.summary.text().endswith("1 error")
    assert not preview.import_button.isEnabled()
    assert any("unclosed '{'" in preview.lines.item(i).text() for i in range(preview.lines.count()))
    preview.reject()
    assert not folder(data_dir).exists()
    activate(qtbot, window)


def test_my_questions_lists_and_deletes_after_asking(
    qtbot: QtBot,
    make_window: WindowFactory,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    data_dir: Path,
    dialogs: Dialogs,
) -> None:
    path = tmp_path / "study-group.gift"
    path.write_text(GIFT, encoding="utf-8")
    choose_file(monkeypatch, path)
    window = make_window()
    open_preview(qtbot, window).import_button.click()
    qtbot.waitUntil(lambda: len(load_user_bank(data_dir).questions) == 2, timeout=5000)
    wait_home(qtbot, window)
    window.screens.dashboard.my_questions.click()
    dialog = window.controller.imports.my_questions
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.count.text() == "2 imported questions"
    assert dialog.list.item(0).text().startswith("Spot\n")
    dialog.list.item(0).setSelected(True)
    dialogs.answers.append("Keep them")
    dialog.delete_button.click()
    assert dialogs.asked == ["Delete this question from your bank?"]
    assert len(load_user_bank(data_dir).questions) == 2
    dialog.list.item(0).setSelected(True)
    dialogs.answers.append("Delete")
    dialog.delete_button.click()
    assert [q.title for q in load_user_bank(data_dir).questions] == ["Storage"]
    assert dialog.count.text() == "1 imported question"
    store = window.controller.store
    assert store is not None
    qtbot.waitUntil(lambda: sum(q.source == "imported" for q in store.bank.questions) == 1, timeout=5000)
    dialog.accept()


def test_imported_text_goes_through_the_safe_markdown_path(shipped_bank: Bank) -> None:
    md = (
        "### Hostile\nLook ![chart](http://example.com/x.png) <img src='http://example.com/y.png'>"
        " <script>alert(1)</script>\n- [x] a\n- [ ] b\n- [ ] c\n- [ ] d\n"
    )
    gift = (
        "::H::[html]<p>Pick <img src='http://example.com/z.png' alt='z'><script>x()</script></p>{=a ~b ~c ~d}"
    )
    for text, fmt in ((md, "markdown"), (gift, "gift")):
        (q,) = read_text_as(text, f"h.{fmt}", fmt, blueprint_tasks(shipped_bank)).questions  # type: ignore[arg-type]
        html = to_html(q.stem)
        assert "<img" not in html and "<script" not in html, html
