"""Every question of an attempt with the user's answer, the right answer and the explanations, filterable.

Filters: all, wrong, flagged, or one domain. "Drill these" asks for a drill of exactly the questions listed.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem, QWidget

from mlsquiz.exam import scoring
from mlsquiz.store.views import ItemView, ResultView
from mlsquiz.ui import theme
from mlsquiz.ui.note_actions import NoteActions
from mlsquiz.ui.question_view import QuestionView
from mlsquiz.ui.widgets import (
    Bar,
    ElidedLabel,
    button,
    card,
    duration,
    hbox,
    label,
    screen_widget,
    shortcut,
    vbox,
)


def is_wrong(item: ItemView) -> bool:
    """The core's definition (`scoring.is_wrong`) for a question as shown: graded means revealed."""
    return scoring.is_wrong(item.revealed, item.correct)


_MD = MarkdownIt("commonmark", {"html": False})


def plain_text(markdown: str) -> str:
    """The first block of Markdown as the reader sees it: emphasis and code marks gone, identifiers such as
    `sale_price` or sale_price kept whole (CommonMark never reads an underscore inside a word as emphasis)."""
    for token in _MD.parse(markdown):
        if token.type == "inline" and token.content.strip():
            parts = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
            return re.sub(r"\s+", " ", "".join(parts)).strip()
    return ""


def preview(stem: str, limit: int = 80) -> str:
    """The stem's first paragraph as plain text, for a list."""
    plain = plain_text(stem)
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "…"


def timing_text(item: ItemView, result: ResultView) -> str:
    """ "Time 0:03:10 of 0:02:46 · you were sure": the time on the question against the exam's budget per
    question, and the confidence the user gave."""
    budget = f" of {duration(result.pacing.budget)}" if result.pacing is not None else ""
    confidence = f" · you were {item.confidence}" if item.confidence else ""
    return f"Time {duration(item.seconds)}{budget}{confidence}"


class ReviewScreen(QWidget):
    drill_requested = Signal(list)  # question ids
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        screen_widget(self, "Review")
        self.result: ResultView | None = None
        self.shown: list[ItemView] = []
        self.title = ElidedLabel(role="h3")
        self.back = button("Back", "Back", tip="Esc")
        self.back.clicked.connect(self.back_requested)
        self.drill = button("Drill these", "Drill these questions", variant="primary")
        self.drill.clicked.connect(self._drill)
        bar = Bar([self.title], [self.back, self.drill])

        self.filter = QComboBox()
        self.filter.setAccessibleName("Show which questions")
        self.filter.currentIndexChanged.connect(self._refilter)
        self.count = label(role="muted")
        self.count.setAccessibleName("Questions shown")
        self.list = QListWidget()
        self.list.setAccessibleName("Questions")
        self.list.currentRowChanged.connect(self._show_row)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side = card(vbox(label("Show", role="h3"), self.filter, self.count, self.list, margins=14, spacing=8))
        side.setFixedWidth(330)
        self.question = QuestionView(show_meta=True, read_only=True)
        self.note_actions = NoteActions(self, self.current_item)  # Ctrl+Shift+N, Ctrl+Shift+R
        self.question.add_actions(self.note_actions.buttons())
        self.empty = label("No questions match this filter.", role="muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QWidget()
        body.setLayout(hbox(side, self.question, self.empty, margins=16, spacing=16))
        self.setLayout(vbox(bar, body, spacing=0))
        shortcut(self, ["Escape"], self.back_requested.emit)

    def show_result(self, result: ResultView, domain_titles: dict[str, str]) -> None:
        self.result = result
        self.title.setText(f"Review · {result.title}")
        # an exam in progress: no notes shown (one could give an answer away) and none written
        self.question.notes_shown = not (result.mode == "exam" and result.status == "in_progress")
        self.note_actions.set_enabled(self.question.notes_shown)
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem("All questions", "all")
        self.filter.addItem("Wrong or unanswered", "wrong")
        self.filter.addItem("Flagged", "flagged")
        for domain in sorted({i.domain for i in result.items}):
            title = domain_titles.get(domain, "")
            self.filter.addItem(f"Domain {domain}" + (f": {title}" if title else ""), f"domain:{domain}")
        self.filter.setCurrentIndex(0)
        self.filter.blockSignals(False)
        self._refilter()

    def show_position(self, position: int) -> None:
        """Show one question of the attempt (every question listed, that one selected)."""
        self.set_filter("all")
        row = next((n for n, item in enumerate(self.shown) if item.position == position), None)
        if row is not None:
            self.list.setCurrentRow(row)

    def set_filter(self, key: str) -> None:
        index = self.filter.findData(key)
        if index >= 0:
            self.filter.setCurrentIndex(index)

    def _matches(self, item: ItemView, key: str) -> bool:
        if key == "wrong":
            return is_wrong(item)
        if key == "flagged":
            return item.flagged
        if key.startswith("domain:"):
            return item.domain == key.split(":", 1)[1]
        return True

    def _refilter(self) -> None:
        if self.result is None:
            return
        key = str(self.filter.currentData() or "all")
        self.shown = [i for i in self.result.items if self._matches(i, key)]
        c = theme.current()
        self.list.blockSignals(True)
        self.list.clear()
        for item in self.shown:
            wrong = is_wrong(item)
            mark = "–" if not item.revealed else ("✗" if item.answered else "○") if wrong else "✓"
            flag = " ⚑" if item.flagged else ""
            entry = QListWidgetItem(f"{item.position}  {mark}{flag}  {preview(item.stem)}")
            entry.setData(Qt.ItemDataRole.UserRole, item.position)
            verdict = "not graded" if not item.revealed else "wrong" if wrong else "correct"
            entry.setToolTip(f"Question {item.position}: {verdict}{', flagged' if item.flagged else ''}")
            if item.revealed:
                entry.setForeground(QColor(c.danger if wrong else c.success))
            self.list.addItem(entry)
        self.list.blockSignals(False)
        total = len(self.result.items)
        self.count.setText(f"{len(self.shown)} of {total} questions")
        finished = (
            self.result.status == "submitted"
        )  # a drill of an attempt in progress would show its answers
        self.drill.setVisible(finished)
        self.drill.setEnabled(bool(self.shown) and finished)
        self.drill.setText(f"Drill these {len(self.shown)}" if self.shown else "Drill these")
        self.question.setVisible(bool(self.shown))
        self.empty.setVisible(not self.shown)
        if self.shown:
            self.list.setCurrentRow(0)
            self._show_row(0)

    def _show_row(self, row: int) -> None:
        if self.result is None or not 0 <= row < len(self.shown):
            return
        item = self.shown[row]
        self.question.show_item(item, len(self.result.items), timing=timing_text(item, self.result))

    def current_item(self) -> ItemView | None:
        """The question shown, for a note or a report (none for an exam still in progress)."""
        row = self.list.currentRow()
        if self.result is None or not self.question.notes_shown or not 0 <= row < len(self.shown):
            return None
        return self.shown[row]

    def _drill(self) -> None:
        if self.result is None or self.result.status != "submitted":
            return
        ids = list(dict.fromkeys(i.question_id for i in self.shown))
        if ids:
            self.drill_requested.emit(ids)

    def blueprint(self) -> str | None:
        return self.result.blueprint if self.result is not None else None

    def focus_first(self) -> None:
        self.list.setFocus()

    def restyle(self) -> None:
        if self.result is not None:
            self._refilter()
