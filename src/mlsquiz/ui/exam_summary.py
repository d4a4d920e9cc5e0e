"""Review before submitting: which questions are unanswered, incomplete, flagged and answered; any of them opens."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidget, QListWidgetItem, QWidget

from mlsquiz.store.views import AttemptStatusView
from mlsquiz.ui.widgets import button, card, hbox, label, scroll, vbox

GROUPS = [
    ("unanswered", "Unanswered"),
    ("incomplete", "Incomplete"),
    ("flagged", "Flagged"),
    ("answered", "Answered"),
]


class SummaryView(QWidget):
    jump_requested = Signal(int)
    back_requested = Signal()
    submit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Review before submitting")
        self.heading = label("Review before you submit", role="h1")
        self.counts = label(wrap=True)
        self.lists: dict[str, QListWidget] = {}
        self.titles: dict[str, QLabel] = {}
        columns = []
        for key, title in GROUPS:
            lst = QListWidget()
            lst.setAccessibleName(f"{title} questions")
            lst.itemActivated.connect(self._activated)
            lst.setMinimumHeight(120)
            lst.setMinimumWidth(80)
            heading = label(title, role="h3")
            self.lists[key] = lst
            self.titles[key] = heading
            columns.append(card(vbox(heading, lst, margins=14, spacing=8)))
            lst.setMinimumHeight(lst.fontMetrics().height() * 5)
        self.back = button("Back to questions", "Back to questions", tip="Esc")
        self.submit = button("Submit exam  (Ctrl+Enter)", "Submit exam", variant="primary", tip="Ctrl+Enter")
        self.back.clicked.connect(self.back_requested)
        self.submit.clicked.connect(self.submit_requested)
        note = label(
            "Unanswered and incomplete questions (not every box ticked) count as wrong. Open any question "
            "with Enter or a double-click; Ctrl+Enter submits, Esc goes back.",
            role="muted",
            wrap=True,
        )
        self.columns = columns
        self.grid = QGridLayout()
        self.grid.setSpacing(14)
        self._place(4)
        content = QWidget()
        content.setLayout(vbox(self.heading, self.counts, note, self.grid, margins=28, spacing=12))
        buttons = hbox(self.back, None, self.submit, margins=12)
        buttons.setContentsMargins(28, 8, 28, 12)
        self.setLayout(vbox(scroll(content), buttons, spacing=0))

    def _place(self, per_row: int) -> None:
        for i, column in enumerate(self.columns):
            self.grid.removeWidget(column)
            self.grid.addWidget(column, i // per_row, i % per_row)
        self.per_row = per_row

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Four groups side by side, or two by two when the text is large for the window."""
        super().resizeEvent(event)
        per_row = 4 if self.width() >= self.fontMetrics().averageCharWidth() * 110 else 2
        if per_row != self.per_row:
            self._place(per_row)

    def show_status(self, status: AttemptStatusView) -> None:
        groups = {
            "unanswered": status.unanswered,
            "incomplete": status.incomplete,
            "flagged": status.flagged,
            "answered": status.answered,
        }
        for key, positions in groups.items():
            lst = self.lists[key]
            lst.clear()
            for position in positions:
                item = QListWidgetItem(f"Question {position}")
                item.setData(Qt.ItemDataRole.UserRole, position)
                lst.addItem(item)
            self.titles[key].setText(f"{key.capitalize()} ({len(positions)})")
        self.counts.setText(
            f"{len(status.answered)} of {status.total} answered · {len(status.incomplete)} incomplete · "
            f"{len(status.unanswered)} unanswered · {len(status.flagged)} flagged"
        )

    def _activated(self, item: QListWidgetItem) -> None:
        self.jump_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def focus_first(self) -> None:
        for key, _title in GROUPS:
            lst = self.lists[key]
            if lst.count():
                lst.setCurrentRow(0)
                lst.setFocus()
                return
        self.submit.setFocus()
