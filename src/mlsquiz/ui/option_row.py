"""One answer option: a radio button or check box, its wrapped text and, once revealed, its verdict and why.

The row never changes its own state: a click reports `activated(key)` and the screen shows whatever the
store says the answer now is, so a click the store refuses leaves the row as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QFrame, QGridLayout, QRadioButton, QWidget

from mlsquiz.store.views import OptionView
from mlsquiz.ui.widgets import label, set_prop


class OptionRow(QFrame):
    activated = Signal(str)

    def __init__(self, multiple: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OptionRow")
        self.key = ""
        self.label_text = ""
        self.indicator: QAbstractButton = QCheckBox() if multiple else QRadioButton()
        self.indicator.setAutoExclusive(False)
        self.indicator.setCursor(Qt.CursorShape.PointingHandCursor)
        self.indicator.clicked.connect(self._clicked)
        self.indicator.installEventFilter(self)
        self.text = label(wrap=True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.tag = label(role="small")
        self.tag.setProperty("tone", "success")
        self.why = label(role="muted", wrap=True)
        grid = QGridLayout(self)
        grid.setContentsMargins(14, 10, 14, 10)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.indicator, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.text, 0, 1)
        grid.addWidget(self.tag, 1, 1)
        grid.addWidget(self.why, 2, 1)
        grid.setColumnStretch(1, 1)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def show_option(self, option: OptionView, *, revealed: bool, locked: bool) -> None:
        """`locked`: no change allowed (checked or submitted). A tick past the question's limit stays possible:
        the core refuses it and says why, so the limit is enforced in one place."""
        self.key = option.key
        self.label_text = f"{option.label}. {option.text}"
        self.text.setText(self.label_text)
        self.indicator.setChecked(option.chosen)
        self.indicator.setEnabled(not locked)
        self.indicator.setAccessibleName(self.label_text)
        self.setAccessibleName(self.label_text)
        state = "chosen" if option.chosen else "idle"
        tag = ""
        if revealed and option.correct is not None:
            if option.correct:
                state = "correct" if option.chosen else "missed"
                tag = "✓ Correct answer · your choice" if option.chosen else "✓ Correct answer"
            elif option.chosen:
                state, tag = "wrong", "✗ Your choice · incorrect"
            else:
                state = "neutral"
        set_prop(self, "state", state)
        set_prop(self.tag, "tone", "success" if option.correct else "danger")
        self.tag.setText(tag)
        self.tag.setVisible(bool(tag))
        why = option.explanation if revealed and option.explanation else ""
        self.why.setText(why)
        self.why.setVisible(bool(why))
        description = f"{tag}. {why}" if tag or why else ""
        self.indicator.setAccessibleDescription(description)
        self.setCursor(Qt.CursorShape.ArrowCursor if locked else Qt.CursorShape.PointingHandCursor)

    def _clicked(self) -> None:
        # undo the button's own toggle: the store decides, and show_option follows
        self.indicator.setChecked(not self.indicator.isChecked())
        self.activated.emit(self.key)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.indicator.isEnabled():
            self.activated.emit(self.key)
        super().mouseReleaseEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.indicator and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            set_prop(self, "focused", event.type() == QEvent.Type.FocusIn)
        return False
