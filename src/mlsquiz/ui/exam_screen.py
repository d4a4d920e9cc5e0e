"""The timed exam: question, countdown, palette, and the review-before-submit summary.

Keys (CONTRACT.md): 1–6/A–F choose, N/→ next, P/← previous, M flag, Ctrl+Enter opens the summary and, there,
submits; Esc leaves (the controller asks first) or, on the summary, goes back to the questions.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QStackedWidget, QWidget

from mlsquiz.store.views import AttemptView
from mlsquiz.ui.attempt_screen import AttemptScreen
from mlsquiz.ui.exam_summary import SummaryView
from mlsquiz.ui.pace_line import show_pace
from mlsquiz.ui.question_palette import QuestionPalette
from mlsquiz.ui.widgets import (
    Bar,
    ElidedLabel,
    button,
    card,
    duration,
    fit_width,
    hbox,
    label,
    set_prop,
    shortcut,
    vbox,
)

AMBER_SECONDS = 10 * 60
RED_SECONDS = 5 * 60


def urgency(time_left: float | None) -> str:
    if time_left is None or time_left > AMBER_SECONDS:
        return "normal"
    return "amber" if time_left > RED_SECONDS else "red"


class PaletteArea(QScrollArea):
    """The palette's scroll area: it asks for the palette's full height, so a short exam gets a short panel
    and a long one scrolls only when the screen is too low for it."""

    def __init__(self, palette: QuestionPalette, above: list[QWidget]) -> None:
        super().__init__()
        self.numbers = palette
        self.above = above
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        content.setLayout(vbox(*above, palette, spacing=8))
        self.setWidget(content)

    def sizeHint(self) -> QSize:
        width = self.numbers.grid_width()
        above = sum(
            w.heightForWidth(width) if w.hasHeightForWidth() else w.sizeHint().height() for w in self.above
        )
        return QSize(width, above + 8 * len(self.above) + self.numbers.grid_height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(
            self.numbers.grid_width(), min(self.numbers.cell().height() * 2, self.sizeHint().height())
        )


class ExamScreen(AttemptScreen):
    submit_requested = Signal()

    def __init__(self) -> None:
        super().__init__("Exam", show_meta=False)
        self.title = ElidedLabel(role="h3")
        self.progress = label(role="muted")
        self.timer = label()
        self.timer.setObjectName("Timer")
        self.timer.setAccessibleName("Time left")
        self.review = button("Review && submit", "Review and submit", variant="primary", tip="Ctrl+Enter")
        self.review.clicked.connect(self.ctrl_enter)
        self.pace = label(role="small")  # the pace line under the timer (setting `pace_line`)
        self.pace.setObjectName("PaceLine")
        self.pace.setAccessibleName("Pace")
        clock = QWidget()
        clock.setLayout(vbox(self.timer, self.pace, spacing=0))
        bar = Bar([self.title], [clock, self.review], spacing=14)

        self.question_palette = QuestionPalette()
        self.question_palette.jump_requested.connect(self._jump)
        legend = label(
            "Filled: current · tinted: answered · dashed: incomplete · amber ⚑: flagged · outlined: "
            "unanswered",
            role="small",
            wrap=True,
        )
        self.palette_area = PaletteArea(self.question_palette, [self.progress, legend])
        self.progress.setWordWrap(True)
        side_layout = vbox(label("Questions", role="h3"), self.palette_area, margins=14, spacing=8)
        side_layout.addStretch(1)
        self.side = card(side_layout)
        body = QWidget()
        body_layout = hbox(self.question, margins=0, spacing=0)
        body_layout.addWidget(self.side, 0, Qt.AlignmentFlag.AlignTop)
        body_layout.setContentsMargins(0, 0, 16, 16)
        body.setLayout(body_layout)

        self.summary = SummaryView()
        self.summary.jump_requested.connect(self._jump)
        self.summary.back_requested.connect(self.show_questions)
        self.summary.submit_requested.connect(self.submit_requested)
        self.pages = QStackedWidget()
        self.pages.addWidget(body)
        self.pages.addWidget(self.summary)

        self.leave = button("Leave", "Leave exam", tip="Esc: pause the exam and go to the dashboard")
        self.leave.clicked.connect(self.escape)
        self.previous = button("◀  Previous", "Previous question", tip="P or Left arrow")
        self.previous.clicked.connect(self.go_previous)
        self.flag = button("⚑  Flag", "Flag for review", tip="M")
        self.flag.clicked.connect(self.toggle_flag)
        self.next = button("Next  ▶", "Next question", variant="primary", tip="N or Right arrow")
        self.next.clicked.connect(self.go_next)
        self.footer = Bar([self.leave, self.hint], [self.previous, self.flag, self.next], role="footer")
        self.hint.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.confidence.setContentsMargins(16, 0, 16, 8)
        self.setLayout(vbox(bar, self.pages, self.confidence, self.footer, spacing=0))
        shortcut(self, ["Ctrl+Return", "Ctrl+Enter"], self.ctrl_enter)

    def load(self, view: AttemptView, task_titles: dict[str, str]) -> None:
        self.title.setText(view.status.title)
        self.show_questions()
        super().load(view, task_titles)

    def redraw(self) -> None:
        super().redraw()
        chain: list[QWidget] = [self.review, self.question.area]
        chain += [row.indicator for row in self.question.rows]
        chain += list(self.confidence.buttons.values())
        chain += [self.leave, self.previous, self.flag, self.next, *self.question_palette.buttons]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def on_summary(self) -> bool:
        return self.pages.currentWidget() is self.summary

    def keys_active(self) -> bool:
        return super().keys_active() and not self.on_summary()

    def render_status(self) -> None:
        status = self.status
        if status is None:
            return
        partial = f" · {len(status.incomplete)} incomplete" if status.incomplete else ""
        self.progress.setText(f"{len(status.answered)} of {status.total} answered{partial}")
        left = status.time_left
        self.timer.setText(f"{duration(left)} left" if left is not None else "untimed")
        set_prop(self.timer, "urgency", urgency(left))
        self.timer.setAccessibleDescription(f"{duration(left or 0)} left")
        show_pace(self.pace, status.pace if self.pace_line_on else None)
        self.question_palette.show_status(status)
        self._fit_palette()
        self.palette_area.updateGeometry()  # as tall as its numbers (the card too), scrolling only if it must
        fit_width(self.flag, ["⚑  Flag", "⚑  Unflag"])  # the same width either way: nothing beside it moves
        self.previous.setEnabled(status.position > 1)
        self.next.setEnabled(status.position < status.total)
        flagged = status.position in status.flagged
        self.flag.setText("⚑  Unflag" if flagged else "⚑  Flag")
        self.flag.setAccessibleName("Remove flag" if flagged else "Flag for review")
        set_prop(self.flag, "flagged", flagged)
        if self.on_summary():
            self.summary.show_status(status)

    def _fit_palette(self) -> None:
        """Five columns of numbers, or fewer when they would take more than a third of the window."""
        for columns in (5, 4, 3):
            self.question_palette.set_columns(columns)
            if self.question_palette.grid_width() + 2 * 14 + 16 <= self.width() / 3:
                break
        self.side.setFixedWidth(self.question_palette.grid_width() + 2 * 14 + 16)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_palette()

    # -- summary --------------------------------------------------------------------------------------------
    def ctrl_enter(self) -> None:
        if self.status is None or self.status.status != "in_progress":
            return
        if self.on_summary():
            self.submit_requested.emit()
        else:
            self.show_summary()

    def show_summary(self) -> None:
        if self.status is None:
            return
        self.summary.show_status(self.status)
        self.pages.setCurrentWidget(self.summary)
        self.footer.setVisible(False)
        self.confidence_row(False)
        self.review.setText("Submit exam")
        self.summary.focus_first()

    def show_questions(self) -> None:
        self.pages.setCurrentIndex(0)
        self.footer.setVisible(True)
        self.confidence_row(True)
        self.review.setText("Review && submit")
        self.focus_first()

    def confidence_row(self, on_questions: bool) -> None:
        """The confidence row goes with the questions (not the summary), when the setting is on."""
        self.confidence.setVisible(on_questions and self.confidence_on)

    def _jump(self, position: int) -> None:
        was_summary = self.on_summary()
        self.show_questions()
        if self.status is not None and position != self.status.position:
            self.goto_requested.emit(position)
        elif was_summary:
            self.redraw()

    def escape(self) -> None:
        if self.on_summary():
            self.show_questions()
        else:
            self.leave_requested.emit()
