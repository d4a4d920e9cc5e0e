""" "My questions": the user's imported questions, with Delete (after a confirmation) and Import.

A passive dialog: it shows the list it is given, asks before deleting and reports which ids the user deleted;
the `ImportFlow` deletes them and hands back the new list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QDialog, QListWidget, QListWidgetItem, QWidget

from mlsquiz.bank.user_bank import ImportedQuestion
from mlsquiz.ui.widgets import button, confirm, hbox, label, shortcut, vbox


class MyQuestions(QDialog):
    delete_requested = Signal(list)  # question ids
    import_requested = Signal()

    def __init__(self, questions: list[ImportedQuestion], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("My questions")
        self.setAccessibleName("My questions")
        self.setMinimumSize(720, 480)
        self.count = label(role="h3")
        self.list = QListWidget()
        self.list.setAccessibleName("Imported questions")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.empty = label(
            "No imported questions yet. Import a GIFT, CSV or Markdown file.", role="muted", wrap=True
        )
        self.delete_button = button("Delete…", "Delete the selected questions", variant="danger")
        self.delete_button.clicked.connect(self._delete)
        self.import_button = button("Import questions…", "Import questions")
        self.import_button.clicked.connect(self.import_requested)
        close = button("Close", "Close")
        close.clicked.connect(self.accept)
        self.list.itemSelectionChanged.connect(
            lambda: self.delete_button.setEnabled(bool(self.list.selectedItems()))
        )
        self.setLayout(
            vbox(
                self.count,
                self.empty,
                self.list,
                hbox(self.import_button, None, self.delete_button, close),
                margins=18,
                spacing=10,
            )
        )
        shortcut(self, ["Delete"], self._delete)
        shortcut(self, ["Esc"], self.accept)
        self.show_questions(questions)

    def show_questions(self, questions: list[ImportedQuestion]) -> None:
        self.list.clear()
        for q in questions:
            title = q.title or " ".join(q.question.stem.split())[:90]
            tags = ", ".join(q.question.topics)
            item = QListWidgetItem(f"{title}\n    {q.file} · {q.question.type} · {tags}")
            item.setData(Qt.ItemDataRole.UserRole, q.question.id)
            self.list.addItem(item)
        self.count.setText(f"{len(questions)} imported question{'s' if len(questions) != 1 else ''}")
        self.empty.setVisible(not questions)
        self.list.setVisible(bool(questions))
        self.delete_button.setEnabled(False)

    def _delete(self) -> None:
        ids = [str(item.data(Qt.ItemDataRole.UserRole)) for item in self.list.selectedItems()]
        if not ids:
            return
        what = "this question" if len(ids) == 1 else f"these {len(ids)} questions"
        if confirm(
            self,
            f"Delete {what} from your bank?",
            "Your answers to them stay in your history.",
            "Delete",
            "Keep them",
            enter_says_yes=False,
        ):
            self.delete_requested.emit(ids)
