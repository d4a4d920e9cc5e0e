"""Question text rendered from Markdown, safely: no raw HTML, no links followed, nothing ever fetched.

Bank text is data, not code: markdown-it's CommonMark preset with `html` off escapes any HTML in it, an image
is rendered as its alt text (never an `<img>`: Qt's image handler would fall back to reading a local path itself,
bypassing `loadResource`), the browser follows no link, and both the document and the browser answer every
resource request with nothing, so a stem can never make the app reach the network or read a local file.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QResizeEvent, QTextDocument
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

from mlsquiz.ui import theme

_MD = MarkdownIt("commonmark", {"html": False})


def _image_as_text(_renderer: Any, tokens: Any, idx: int, _options: Any, _env: Any) -> str:
    alt = "".join(child.content for child in tokens[idx].children or [])
    return f"[image: {escape(alt)}]" if alt else "[image]"


_MD.add_render_rule("image", _image_as_text)


def to_html(text: str) -> str:
    return str(_MD.render(text))


class SafeDocument(QTextDocument):
    def loadResource(self, type: int, name: QUrl | str) -> Any:
        return None


class MarkdownView(QTextBrowser):
    """A read-only Markdown block that grows to fit its text (the screen around it scrolls, not it)."""

    def __init__(self, parent: QWidget | None = None, *, name: str = "Question text") -> None:
        super().__init__(parent)
        self.setDocument(SafeDocument(self))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.viewport().setAutoFillBackground(False)
        self.setStyleSheet("QTextBrowser { background: transparent; }")
        self.setAccessibleName(name)
        self.document().setDocumentMargin(0)
        self._markdown = ""

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        return None

    def set_markdown(self, text: str) -> None:
        self._markdown = text
        c = theme.current()
        self.document().setDefaultStyleSheet(
            f"p {{ margin: 0 0 8px 0; line-height: 140%; }}"
            f"code {{ font-family: 'DejaVu Sans Mono', monospace; background: {c.surface_alt}; }}"
            f"pre {{ font-family: 'DejaVu Sans Mono', monospace; background: {c.surface_alt}; padding: 8px; }}"
            f"a {{ color: {c.primary}; }}"
        )
        self.setHtml(to_html(text))
        self.setAccessibleDescription(text)
        self._fit()

    def markdown(self) -> str:
        return self._markdown

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        doc = self.document()
        doc.setTextWidth(max(self.viewport().width(), 50))
        height = math.ceil(doc.size().height()) + 2 * self.frameWidth() + 2
        if height != self.height():
            self.setFixedHeight(height)
