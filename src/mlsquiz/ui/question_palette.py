"""The exam's question palette: one numbered button per question, styled and labelled by its state."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QToolButton, QWidget

from mlsquiz.store.views import AttemptStatusView
from mlsquiz.ui.widgets import set_prop

COLUMNS = 5


class QuestionPalette(QWidget):
    """`jump_requested(position)` when a number is clicked. Answered numbers are tinted, incomplete ones
    (not every box ticked) have a dashed border, flagged ones an amber border and a ⚑, the current one is
    filled; a flagged and answered number shows both. The tooltip and accessible name say all of it."""

    jump_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: list[QToolButton] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        self.setAccessibleName("Question palette")
        self.columns = COLUMNS

    def set_columns(self, columns: int) -> None:
        """Fewer columns when the text is large and the window small, so the question keeps its room."""
        if columns == self.columns:
            return
        self.columns = columns
        for i, btn in enumerate(self.buttons):
            self.grid.removeWidget(btn)
            self.grid.addWidget(btn, i // columns, i % columns)

    def show_status(self, status: AttemptStatusView) -> None:
        if len(self.buttons) != status.total:
            self._build(status.total)
        cell = self.cell()
        for btn in self.buttons:
            if btn.size() != cell:
                btn.setFixedSize(cell)
        answered, flagged, incomplete = set(status.answered), set(status.flagged), set(status.incomplete)
        for position, btn in enumerate(self.buttons, start=1):
            states = [
                "answered"
                if position in answered
                else "incomplete"
                if position in incomplete
                else "unanswered"
            ]
            if position in flagged:
                states.append("flagged")
            is_current = position == status.position
            if is_current:
                states.append("current")
            btn.setText(f"{position}{'⚑' if position in flagged else ''}")
            words = ", ".join(states)
            btn.setToolTip(f"Question {position}: {words}")
            btn.setAccessibleName(f"Question {position}, {words}")
            set_prop(btn, "answered", position in answered)
            set_prop(btn, "incomplete", position in incomplete)
            set_prop(btn, "flagged", position in flagged)
            set_prop(btn, "current", is_current)

    def cell(self) -> QSize:
        """One number's size, from the font in force (the text size is the user's)."""
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("88⚑") + 18, metrics.height() + 14)

    def grid_width(self) -> int:
        return self.columns * self.cell().width() + (self.columns - 1) * self.grid.horizontalSpacing()

    def grid_height(self) -> int:
        rows = max((len(self.buttons) + self.columns - 1) // self.columns, 1)
        return rows * self.cell().height() + (rows - 1) * self.grid.verticalSpacing()

    def _build(self, total: int) -> None:
        for btn in self.buttons:
            btn.deleteLater()
        self.buttons = []
        for i in range(total):
            btn = QToolButton()
            btn.setProperty("role", "pal")
            btn.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            btn.setCursor(Qt.CursorShape.PointingHandCursor)
            btn.clicked.connect(lambda _=False, p=i + 1: self.jump_requested.emit(p))
            btn.setFixedSize(self.cell())
            self.grid.addWidget(btn, i // self.columns, i % self.columns)
            self.buttons.append(btn)
