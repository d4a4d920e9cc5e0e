"""A drill or a wrong-answer review session: one question at a time with instant feedback.

Enter checks the answer and reveals the verdict, the right answer and every explanation; Enter again goes
on. Esc leaves (the session stays resumable). The other question keys are the exam's.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from mlsquiz.ui.attempt_screen import AttemptScreen
from mlsquiz.ui.note_actions import NoteActions
from mlsquiz.ui.widgets import (
    Bar,
    ElidedLabel,
    button,
    fit_width,
    hbox,
    label,
    set_prop,
    shortcut,
    vbox,
)

INCOMPLETE = {
    "ordering": "Place every step first: 1–6 or A–F.",
    "matching": "Match every prompt first: 1–7 or A–G.",
}


class DrillScreen(AttemptScreen):
    check_requested = Signal(int)
    continue_requested = Signal()
    finish_requested = Signal()

    def __init__(self) -> None:
        super().__init__("Drill", show_meta=True)
        self.title = ElidedLabel(role="h3")
        self.progress = label(role="muted")
        self.score = label("", role="muted")
        self.score.setProperty("tone", "success")
        self.finish = button(
            "Finish",
            "Finish and see results",
            tip="Only the questions you checked are scored; the rest stay due",
        )
        self.finish.clicked.connect(self.finish_requested)
        bar = Bar([self.title], [self.progress, self.score, self.finish], spacing=14)

        self.leave = button("Leave", "Leave drill", tip="Esc: pause and go to the dashboard")
        self.leave.clicked.connect(self.escape)
        self.previous = button("◀  Previous", "Previous question", tip="P or Left arrow")
        self.previous.clicked.connect(self.go_previous)
        self.flag = button("⚑  Flag", "Flag question", tip="M")
        self.flag.clicked.connect(self.toggle_flag)
        self.next = button("Skip  ▶", "Next question", tip="N or Right arrow")
        self.next.clicked.connect(self.go_next)
        self.primary = button("Check answer", "Check answer", variant="primary", tip="Enter")
        self.primary.clicked.connect(self.enter)
        self.primary.setMinimumWidth(190)
        footer = Bar(
            [self.leave, self.hint], [self.previous, self.flag, self.next, self.primary], role="footer"
        )
        body = QWidget()
        body_layout = hbox(None, self.question, None)
        body_layout.setStretch(1, 100)
        body.setLayout(body_layout)
        self.question.setMaximumWidth(980)
        self.confidence.setContentsMargins(16, 0, 16, 8)
        self.note_actions = NoteActions(self, self.current)  # Ctrl+Shift+N, Ctrl+Shift+R
        self.question.add_actions(self.note_actions.buttons())
        self.setLayout(vbox(bar, body, hbox(None, self.confidence, None), footer, spacing=0))
        shortcut(self, ["Return", "Enter"], self.enter)

    def redraw(self) -> None:
        super().redraw()
        chain: list[QWidget] = [self.finish, self.question.area]
        chain += [row.indicator for row in self.question.rows]
        chain += list(self.confidence.buttons.values())
        chain += self.note_actions.buttons()
        chain += [self.primary, self.next, self.flag, self.previous, self.leave]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def render_status(self) -> None:
        status, item = self.status, self.current()
        if status is None:
            return
        self.title.setText(status.title)
        checked = [i for i in self.items.values() if i.revealed]
        right = sum(bool(i.correct) for i in checked)
        self.progress.setText(f"{len(checked)} of {status.total} checked")
        self.score.setText(f"{right} correct")
        self.previous.setEnabled(status.position > 1)
        self.next.setEnabled(status.position < status.total)
        flagged = item is not None and item.flagged
        self.flag.setText("⚑  Unflag" if flagged else "⚑  Flag")
        fit_width(self.flag, ["⚑  Flag", "⚑  Unflag"])
        set_prop(self.flag, "flagged", flagged)
        self.next.setVisible(item is None or not item.revealed)  # once checked, Continue goes on
        if item is not None and item.revealed:
            self.show_hint("")  # a hint about choosing no longer applies once the answer is checked
            last = len(checked) >= status.total
            self.primary.setText("See results  ▶" if last else "Continue  ▶")
            self.primary.setAccessibleName("See results" if last else "Continue to the next question")
        else:
            self.primary.setText("Check answer")
            self.primary.setAccessibleName("Check answer")

    def enter(self) -> None:
        item = self.current()
        if item is None or not self.keys_active():
            return
        if item.revealed:
            self.continue_requested.emit()
        elif item.incomplete:
            self.show_hint(f"Choose {item.select} options before checking.", "warning")
        elif not item.answered:
            self.show_hint(INCOMPLETE.get(item.type, "Choose an answer first: 1–6 or A–F."), "warning")
        elif item.type == "multiple" and len(item.chosen_labels) < item.select:
            self.show_hint(f"Choose {item.select} options before checking.", "warning")
        else:
            self.check_requested.emit(item.position)
