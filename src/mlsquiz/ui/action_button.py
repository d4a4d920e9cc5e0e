"""A large dashboard button: a title, a line of detail and its shortcut."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QPushButton

from mlsquiz.ui.widgets import hbox, label, vbox


class ActionButton(QPushButton):
    """A large dashboard button: a title, a line of detail and its shortcut."""

    def __init__(self, title: str, keys: str, name: str, *, accent: bool = False) -> None:
        super().__init__()
        self.setProperty("variant", "action")
        self.setProperty("accent", accent)
        self.setAccessibleName(name)
        self.setToolTip(keys)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAutoDefault(False)
        self.title = label(title, role="h3")
        self.detail = label(role="small")
        self.keys = label(keys, role="kbd")
        for w in (self.title, self.detail, self.keys):
            w.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            w.setProperty("onaccent", accent)
        self.inner = hbox(vbox(self.title, self.detail, spacing=2), None, self.keys, margins=14)
        self.setLayout(self.inner)

    def sizeHint(self) -> QSize:
        return self.inner.sizeHint() + QSize(0, 4)

    def minimumSizeHint(self) -> QSize:
        return self.inner.minimumSize() + QSize(0, 4)

    def set_detail(self, text: str) -> None:
        self.detail.setText(text)
        self.detail.setVisible(bool(text))
        self.updateGeometry()
