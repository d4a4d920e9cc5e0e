"""The question as the exam, drill and review screens all show it: stem, options and, once revealed, feedback."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from mlsquiz.store.views import ItemView
from mlsquiz.ui.case_panel import CasePanel
from mlsquiz.ui.markdown_view import MarkdownView
from mlsquiz.ui.matching_view import MatchingView, matching_summary
from mlsquiz.ui.note_box import NoteBox
from mlsquiz.ui.option_row import OptionRow
from mlsquiz.ui.ordering_view import OrderingView, ordering_summary
from mlsquiz.ui.widgets import Bar, label, scroll, select_text, set_prop, vbox


class QuestionView(QWidget):
    """Shows one `ItemView`. `option_activated(key)` reports a click; the screen decides what it means.

    Ordering and matching items show their own views instead of option rows (placing a step by mouse reports
    `option_activated` too); a case-study question shows its case above the stem.
    """

    option_activated = Signal(str)
    take_back_requested = Signal()
    arrange_requested = Signal(list)
    match_requested = Signal(str, object)

    def __init__(
        self, parent: QWidget | None = None, *, show_meta: bool = True, read_only: bool = False
    ) -> None:
        super().__init__(parent)
        self.show_meta = show_meta
        self.read_only = read_only
        self.item: ItemView | None = None
        self.rows: list[OptionRow] = []
        self.heading = label(role="h2")
        self.meta = label(role="chip")
        self.flag_chip = label("⚑ Flagged for review", role="chip")
        self.flag_chip.setProperty("tone", "warning")
        self.verdict_chip = label(role="chip")
        self.verdict_chip.setAccessibleName("Verdict")
        self.time_chip = label(
            role="chip"
        )  # review: the time spent on the question, and the confidence given
        self.time_chip.setAccessibleName("Time on this question")
        self.time_chip.hide()
        self.stem = MarkdownView(name="Question text")
        self.instruction = label(role="h3", wrap=True)
        self.options_box = QVBoxLayout()
        self.options_box.setSpacing(10)
        self.case_panel = CasePanel()
        self.ordering = OrderingView()
        self.ordering.place_requested.connect(self.option_activated)
        self.ordering.take_back_requested.connect(self.take_back_requested)
        self.ordering.arrange_requested.connect(self.arrange_requested)
        self.matching = MatchingView()
        self.matching.match_requested.connect(self.match_requested)
        self.matching.current_moved.connect(lambda row: self.area.ensureWidgetVisible(row))
        self.ordering.hide()
        self.matching.hide()
        self.verdict = label(role="verdict")
        self.answers = label(wrap=True)
        self.explanation = MarkdownView(name="Explanation")
        self.references = label(role="small", wrap=True)
        self.references.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        why = label("Explanation", role="h3")
        self.feedback = QFrame()
        self.feedback.setObjectName("Feedback")
        self.feedback.setLayout(
            vbox(self.verdict, self.answers, why, self.explanation, self.references, margins=16, spacing=10)
        )
        self.feedback.setAccessibleName("Feedback")
        self.notes: Mapping[str, str] = {}  # the user's notes by question id; the exam's view never gets any
        self.notes_shown = True  # False hides them (the review of an exam still in progress)
        self.note_box = NoteBox()
        content = QWidget()
        layout = vbox(
            Bar(
                [self.heading],
                [self.verdict_chip, self.flag_chip, self.time_chip, self.meta],
                margins=0,
                role=None,
                title_share=None,
            ),
            self.case_panel,
            self.stem,
            self.instruction,
            self.options_box,
            self.ordering,
            self.matching,
            self.feedback,
            self.note_box,
            margins=0,
            spacing=14,
        )
        self.action_row = QHBoxLayout()  # the screen's actions on this question (a note, a report), if any
        self.action_row.setSpacing(8)
        layout.addLayout(self.action_row)
        layout.addStretch(1)
        layout.setContentsMargins(24, 20, 24, 24)
        content.setLayout(layout)
        self.area: QScrollArea = scroll(content)
        self.area.setAccessibleName("Question")
        self.area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.area)

    def show_item(self, item: ItemView, total: int, *, task_title: str = "", timing: str = "") -> None:
        """`timing` (review) says how long the question took, shown beside the verdict."""
        moved = (
            self.item is None
            or self.item.position != item.position
            or self.item.question_id != item.question_id
        )
        self.item = item
        self.heading.setText(f"Question {item.position} of {total}")
        self.meta.setVisible(self.show_meta)
        self.meta.setText(f"Domain {item.domain} · Task {item.task}")
        self.meta.setToolTip(f"Task {item.task} {task_title}".strip())
        self.flag_chip.setVisible(item.flagged)
        self.time_chip.setText(timing)
        self.time_chip.setVisible(bool(timing))
        if moved or self.stem.markdown() != item.stem:
            self.stem.set_markdown(item.stem)
        multiple = item.type == "multiple"
        self.instruction.setText(select_text(item.select) if multiple else "Choose one answer.")
        locked = item.revealed or self.read_only
        self.case_panel.show_case(item.case)
        if self._show_sequenced(item, locked):
            self._show_feedback(item)
            if moved:
                self.area.verticalScrollBar().setValue(0)
            return
        self._ensure_rows(len(item.options), multiple)
        for row, option in zip(self.rows, item.options, strict=True):
            row.show_option(option, revealed=item.revealed, locked=locked)
        self._show_feedback(item)
        if moved:
            self.area.verticalScrollBar().setValue(0)

    def _show_sequenced(self, item: ItemView, locked: bool) -> bool:
        """Ordering and matching items: their own view instead of option rows. False for choice items."""
        self.ordering.setVisible(item.type == "ordering")
        self.matching.setVisible(item.type == "matching")
        if item.type == "ordering":
            self._ensure_rows(0, False)
            self.instruction.setText(
                "Put the steps in order: press a step's number or letter to place it next; Backspace takes back."
            )
            self.ordering.show_item(item, locked=locked)
            return True
        if item.type == "matching":
            self._ensure_rows(0, False)
            self.instruction.setText(
                "Match each prompt: press a response's letter for the highlighted prompt; ↑/↓ move, Backspace clears."
            )
            self.matching.show_item(item, locked=locked)
            return True
        return False

    def _ensure_rows(self, count: int, multiple: bool) -> None:
        kind = "multiple" if multiple else "single"
        if len(self.rows) == count and all(r.property("kind") == kind for r in self.rows):
            return
        focus = self.focusWidget()
        if focus is not None and any(focus is row.indicator for row in self.rows):
            self.area.setFocus()  # keep the focus (and so the question keys) on this screen
        for row in self.rows:
            row.hide()
            row.deleteLater()
        self.rows = []
        previous: QWidget = self.area
        for _ in range(count):
            row = OptionRow(multiple)
            row.setProperty("kind", kind)
            row.activated.connect(self.option_activated)
            self.options_box.addWidget(row)
            self.rows.append(row)
            QWidget.setTabOrder(previous, row.indicator)
            previous = row.indicator

    def show_note(self) -> None:
        """The user's note on the question shown: in review at once, in a drill once the answer is checked."""
        item = self.item
        text = self.notes.get(item.question_id, "") if item is not None and self.notes_shown else ""
        self.note_box.show_note(text if item is not None and (item.revealed or self.read_only) else "")

    def add_actions(self, widgets: list[QWidget]) -> None:
        """Buttons under the question, scrolling with it (the top bar has no room left at large text sizes)."""
        for widget in widgets:
            self.action_row.addWidget(widget)
        self.action_row.addStretch(1)

    def scroll_to_note(self) -> None:
        """Bring the note just saved into view (after the layout has made room for it)."""
        bar = self.area.verticalScrollBar()
        QTimer.singleShot(0, lambda: bar.setValue(bar.maximum()))  # the note and the actions under it

    def _show_feedback(self, item: ItemView) -> None:
        self.show_note()
        self.feedback.setVisible(item.revealed)
        self.verdict_chip.setVisible(item.revealed)
        if not item.revealed:
            return
        if item.incomplete:
            text, tone = "✗ Incomplete: not every box ticked", "danger"
        elif not item.answered:
            text, tone = "Not answered", "warning"
        elif item.correct:
            text, tone = "✓ Correct", "success"
        else:
            text, tone = "✗ Incorrect", "danger"
        self.verdict.setText(text)
        set_prop(self.verdict, "tone", tone)
        self.verdict_chip.setText(text)
        set_prop(self.verdict_chip, "tone", tone)
        right = ", ".join(o.label for o in item.options if o.correct) or "—"
        chosen = ", ".join(item.chosen_labels) or "none"
        self.answers.setText(f"Your answer: {chosen}    ·    Correct answer: {right}")
        if item.type == "ordering":
            self.answers.setText(ordering_summary(item))
        elif item.type == "matching":
            self.answers.setText(matching_summary(item))
        self.explanation.set_markdown(item.explanation or "")
        refs = "\n".join(item.references)
        self.references.setText(f"References:\n{refs}" if refs else "")
        self.references.setVisible(bool(refs))

    def scroll_to_feedback(self) -> None:
        """Once the answer is checked, bring the verdict and the explanation into view (after the layout has
        made room for them)."""
        QTimer.singleShot(0, self._scroll_to_feedback)

    def _scroll_to_feedback(self) -> None:
        content = self.area.widget()
        if content is None or not self.feedback.isVisible():
            return
        layout = content.layout()
        if layout is not None:
            layout.activate()
        for target in (content, self.area):  # let the scroll area take the content's new height now
            QApplication.sendPostedEvents(target, QEvent.Type.LayoutRequest)
        top = self.feedback.mapTo(content, QPoint(0, 0)).y() - 12
        bottom = top + self.feedback.height() + 24
        bar, height = self.area.verticalScrollBar(), self.area.viewport().height()
        # All of it fits: scroll no further than needed to show all of it; else the verdict goes to the top.
        value = min(max(bar.value(), bottom - height), top) if bottom - top <= height else top
        bar.setValue(min(max(value, 0), bar.maximum()))

    def key_at(self, index: int) -> str | None:
        """The option key shown at `index` (0 = the first option shown), if there is one."""
        if self.item is None or not 0 <= index < len(self.item.options):
            return None
        return self.item.options[index].key

    def focus_question(self) -> None:
        self.area.setFocus(Qt.FocusReason.OtherFocusReason)

    def restyle(self) -> None:
        """Re-render Markdown after a theme change (code blocks take their colours from the theme)."""
        if self.item is not None:
            self.stem.set_markdown(self.item.stem)
            self.explanation.set_markdown(self.item.explanation or "")
            self.case_panel.restyle()
