"""The exam's question palette: one numbered button per question, styled and labelled by its state."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QToolButton, QWidget

from mlsquiz.store.views import AttemptStatusView
from mlsquiz.ui.widgets import set_prop

COLUMNS = 5


class QuestionPalette(QWidget):
    """`jump_requested(position)` when a number is clicked. Flagged numbers carry a ⚑, the current one a ▸."""

    jump_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: list[QToolButton] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        self.setAccessibleName("Question palette")

    def show_status(self, status: AttemptStatusView) -> None:
        if len(self.buttons) != status.total:
            self._build(status.total)
        answered, flagged = set(status.answered), set(status.flagged)
        for position, btn in enumerate(self.buttons, start=1):
            states = ["answered" if position in answered else "unanswered"]
            if position in flagged:
                states.append("flagged")
            is_current = position == status.position
            if is_current:
                states.append("current")
            mark = "▸" if is_current else ""
            btn.setText(f"{mark}{position}{'⚑' if position in flagged else ''}")
            words = ", ".join(states)
            btn.setToolTip(f"Question {position}: {words}")
            btn.setAccessibleName(f"Question {position}, {words}")
            set_prop(btn, "answered", position in answered)
            set_prop(btn, "flagged", position in flagged)
            set_prop(btn, "current", is_current)

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
            self.grid.addWidget(btn, i // COLUMNS, i % COLUMNS)
            self.buttons.append(btn)
