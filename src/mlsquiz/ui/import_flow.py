"""Importing questions and managing "My questions" in the app: file dialog, preview, write, delete.

The file is read and checked on the thread pool; the preview shows the report and nothing is written until the
user chooses Import. After a write or a delete the store's bank is rebuilt from the shipped questions plus the
user's bank, and `bank_changed` tells the app controller to refresh what shows counts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.user_bank import (
    ImportReport,
    apply_import,
    delete_questions,
    load_user_bank,
    plan_import,
    with_user_bank,
)
from mlsquiz.ui.import_dialog import ImportPreview
from mlsquiz.ui.loader import TaskSignals, run_in_pool
from mlsquiz.ui.my_questions import MyQuestions

FILE_FILTER = "Question files (*.gift *.txt *.csv *.md *.markdown);;All files (*)"


def rebuilt(bank: Bank, data_dir: Path) -> Bank:
    """`bank` with its imported questions replaced by those now in the user's bank."""
    shipped = dataclasses.replace(bank, questions=tuple(q for q in bank.questions if q.source != "imported"))
    return with_user_bank(shipped, data_dir)


class ImportFlow(QObject):
    bank_changed = Signal()
    preview_shown = Signal(object)  # the ImportPreview, for tests and the controller
    dialog_closed = Signal()  # the keyboard focus goes back to the screen below

    def __init__(
        self,
        data_dir: Path,
        window: Callable[[], QWidget | None],
        bank: Callable[[], Bank | None],
        set_bank: Callable[[Bank], None],
        notify: Callable[[str, str], None],
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.window = window
        self.bank = bank
        self.set_bank = set_bank
        self.notify = notify
        self.preview: ImportPreview | None = None
        self.my_questions: MyQuestions | None = None
        self._task: TaskSignals | None = None

    def choose_file(self) -> None:
        """Ask for a file, then read it off the GUI thread and show the preview."""
        path, _filter = QFileDialog.getOpenFileName(self.window(), "Import questions", "", FILE_FILTER)
        if path:
            self.preview_file(Path(path))

    def preview_file(self, path: Path) -> None:
        bank = self.bank()
        if bank is None or self._task is not None:
            return
        folder = self.data_dir
        self._task = run_in_pool(lambda: plan_import([path], folder, bank), self._planned, self._failed)

    def _failed(self, message: str) -> None:
        self._task = None
        self.notify(f"Could not read the file: {message}", "error")

    def _planned(self, value: object) -> None:
        self._task = None
        assert isinstance(value, ImportReport)
        preview = ImportPreview(value, self.window())
        preview.accepted.connect(lambda: self._write(value))
        preview.finished.connect(lambda _code: self._closed())
        self.preview = preview
        preview.open()
        self.preview_shown.emit(preview)

    def _write(self, report: ImportReport) -> None:
        try:
            apply_import(report, self.data_dir)
        except OSError as exc:
            self.notify(f"Could not write the imported questions: {exc.strerror or exc}", "error")
            return
        self._reload()
        n = report.imported + report.updated
        skipped = f"; {len(report.skipped)} skipped" if report.skipped else ""
        self.notify(
            f"Imported {n} question{'' if n == 1 else 's'} ({report.imported} new, {report.updated} updated)"
            f"{skipped}. They join your drills, reviews and readiness.",
            "info",
        )
        if self.my_questions is not None:
            self.my_questions.show_questions(load_user_bank(self.data_dir).questions)

    def _reload(self) -> None:
        bank = self.bank()
        if bank is not None:
            self.set_bank(rebuilt(bank, self.data_dir))
        self.bank_changed.emit()

    def show_my_questions(self) -> None:
        dialog = MyQuestions(load_user_bank(self.data_dir).questions, self.window())
        dialog.delete_requested.connect(self._delete)
        dialog.import_requested.connect(self.choose_file)
        self.my_questions = dialog
        dialog.finished.connect(lambda _code: self._my_questions_closed())
        dialog.open()

    def _my_questions_closed(self) -> None:
        self.my_questions = None
        self._closed()

    def _closed(self) -> None:
        window = self.window()
        if window is not None:
            window.activateWindow()
        self.dialog_closed.emit()

    def _delete(self, ids: list[str]) -> None:
        try:
            removed = delete_questions(self.data_dir, ids)
        except OSError as exc:
            self.notify(f"Could not delete: {exc.strerror or exc}", "error")
            return
        self._reload()
        if self.my_questions is not None:
            self.my_questions.show_questions(load_user_bank(self.data_dir).questions)
        self.notify(f"Deleted {removed} question{'s' if removed != 1 else ''}", "info")
