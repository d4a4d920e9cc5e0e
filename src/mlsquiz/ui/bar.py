"""A screen's top bar, and the one-line title that shortens itself inside it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QLabel, QLayout, QSizePolicy, QWidget

from mlsquiz.ui.layout import hbox


class ElidedLabel(QLabel):
    """One line that shortens itself with "…" when space runs out (a title in a bar), full text as tooltip."""

    def __init__(self, text: str = "", role: str | None = None) -> None:
        super().__init__(text)
        if role:
            self.setProperty("role", role)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        return QSize(min(super().sizeHint().width(), 80), super().minimumSizeHint().height())

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)
        self.setAccessibleName(text)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        painter.end()


class Bar(QFrame):
    """A screen's top bar: what the screen is on the left, its actions on the right. When both do not fit (a
    large text size in a small window), the actions move to a row under the title instead of being squeezed
    until their text is clipped."""

    def __init__(
        self,
        left: Sequence[QWidget | QLayout],
        right: Sequence[QWidget],
        *,
        margins: int = 12,
        spacing: int = 10,
        role: str | None = "bar",
        title_share: int | None = 240,
    ) -> None:
        super().__init__()
        self.title_share = (
            title_share  # px of the left part that must stay visible beside the right; None: all
        )
        if role:
            self.setProperty("role", role)
        self.left = hbox(*left, None, spacing=spacing)  # the left part keeps its natural width
        self._actions = list(right)
        self.right = hbox(None, *right, spacing=spacing)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.box.setContentsMargins(margins, margins, margins, margins)
        self.box.setSpacing(spacing)
        self.box.addLayout(self.left, 1)
        self.box.addLayout(self.right)
        self.setLayout(self.box)

    def _wanted(self) -> int:
        margins = self.box.contentsMargins()
        title = self.left.sizeHint().width()
        if self.title_share is not None:
            title = min(title, self.title_share)
        return title + self.right.sizeHint().width() + self.box.spacing() + margins.left() + margins.right()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(
            min(hint.width(), max(self.left.minimumSize().width(), self.right.minimumSize().width()) + 24),
            hint.height(),
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a part was shown, hidden or changed its text
            self._refit()
        return super().event(event)

    def _refit(self) -> None:
        direction = QBoxLayout.Direction.LeftToRight
        if self._wanted() > self.width():
            direction = QBoxLayout.Direction.TopToBottom
        if self.box.direction() != direction:
            self.box.setDirection(direction)
        # the actions alone wider than the bar: one under the other (the largest text in a small window)
        margins = self.box.contentsMargins()
        actions = sum(w.sizeHint().width() + self.right.spacing() for w in self._actions if w.isVisible())
        stacked = actions + margins.left() + margins.right() > self.width()
        row = QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
        if self.right.direction() != row:
            self.right.setDirection(row)
