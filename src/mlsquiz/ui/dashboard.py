"""Home: choose the exam, start a mock exam, a drill or a review, resume, and see how ready you are.

Keys: Ctrl+E mock exam, Ctrl+D drill set-up, Ctrl+Shift+D drill my weak spots, Ctrl+R review due wrong answers,
Ctrl+H history, Ctrl+U resume the newest attempt in progress, Ctrl+I import; Enter presses the focused button.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QComboBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mlsquiz.store.views import BlueprintView, DashboardView
from mlsquiz.study.readiness import ENOUGH_ANSWERS
from mlsquiz.ui.action_button import ActionButton
from mlsquiz.ui.charts import pass_percent
from mlsquiz.ui.readiness_bar import DomainReadinessRow
from mlsquiz.ui.study_cards import WEAK_SPOTS_KEY, ExamPlanCard, WeakSpotsPanel, weak_detail
from mlsquiz.ui.widgets import (
    Bar,
    ElidedLabel,
    button,
    card,
    clear_layout,
    duration,
    exam_label,
    hbox,
    label,
    screen_widget,
    scroll,
    set_prop,
    shortcut,
    vbox,
)


class DashboardScreen(QWidget):
    blueprint_changed = Signal(str)
    exam_requested = Signal()
    drill_requested = Signal()
    weak_spots_requested = Signal()
    review_requested = Signal()
    history_requested = Signal()
    settings_requested = Signal()
    resume_requested = Signal(int)
    discard_requested = Signal(int)
    attempt_requested = Signal(int)
    import_requested = Signal()
    my_questions_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        screen_widget(self, "Dashboard")
        self.view: DashboardView | None = None
        self.blueprint = QComboBox()
        self.blueprint.setAccessibleName("Exam blueprint")
        self.blueprint.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.blueprint.currentIndexChanged.connect(self._blueprint_picked)
        self.retired = label("", role="small", wrap=True)
        self.retired.setAccessibleName("Retired exams")
        self.settings = button("⚙  Settings", "Settings")
        self.settings.clicked.connect(self.settings_requested)
        self.busy = label("", role="small")
        brand = vbox(
            label("mlsquiz", role="brand"),
            ElidedLabel("AWS Machine Learning practice exams", role="small"),
            spacing=0,
        )
        exam_label_ = label("&Exam", role="muted")
        exam_label_.setBuddy(self.blueprint)
        bar = Bar([brand], [self.busy, exam_label_, self.blueprint, self.settings], margins=14, spacing=12)

        self.exam = ActionButton("Start mock exam", "Ctrl+E", "Start mock exam", accent=True)
        self.drill = ActionButton("Drill", "Ctrl+D", "Drill by domain, task or topic")
        self.drill.set_detail("Pick domains, task statements or topics; instant feedback")
        self.weak = ActionButton("Drill my weak spots", WEAK_SPOTS_KEY, "Drill my weak spots")
        self.review = ActionButton("Review due wrong answers", "Ctrl+R", "Review due wrong answers")
        self.history = ActionButton("History", "Ctrl+H", "History")
        self.history.set_detail("Every attempt, scores over time")
        self.action_buttons = [self.exam, self.drill, self.weak, self.review, self.history]
        signals = [self.exam_requested, self.drill_requested, self.weak_spots_requested]
        signals += [self.review_requested, self.history_requested]
        for btn, signal in zip(self.action_buttons, signals, strict=True):
            btn.clicked.connect(signal)
        self.import_questions = button("Import questions…", "Import questions (Ctrl+I)", variant="flat")
        self.import_questions.clicked.connect(self.import_requested)
        self.my_questions = button("My questions", "My questions", variant="flat")
        self.my_questions.clicked.connect(self.my_questions_requested)
        self.note_text = label("", role="small", wrap=True)
        self.note = note = card(vbox(self.note_text, margins=10), "note")
        note.setAccessibleName("About this exam")
        note.hide()
        actions = card(
            vbox(
                label("Practice", role="h2"),
                *self.action_buttons,
                note,
                hbox(self.import_questions, self.my_questions, None),
                margins=18,
                spacing=10,
            )
        )
        self.resume_buttons: list[QPushButton] = []
        self.discard_buttons: list[QPushButton] = []
        self.resume_box = QVBoxLayout()
        self.resume_box.setSpacing(8)
        self.resume_card = card(
            vbox(label("Continue where you left off", role="h2"), self.resume_box, margins=18, spacing=10)
        )
        left = vbox(self.retired, self.resume_card, actions, spacing=16)
        left.addStretch(1)

        self.readiness_title = label(role="h2")
        self.chance = label(role="big")
        self.chance.setAccessibleName("Estimated chance of passing")
        self.chance_label = label(role="muted", wrap=True)
        self.estimate_note = label(role="small", wrap=True)
        self.domain_rows = QVBoxLayout()
        self.domain_rows.setSpacing(12)
        chance = hbox(self.chance, self.chance_label, spacing=14)
        self.weak_spots = WeakSpotsPanel()
        self.weak_spots.drill_requested.connect(self._weak_key)
        readiness = card(
            vbox(
                *(self.readiness_title, chance, self.estimate_note, self.domain_rows, self.weak_spots),
                margins=18,
                spacing=10,
            )
        )
        readiness.setAccessibleName("Readiness")
        self.recent = QListWidget()
        self.recent.setAccessibleName("Last scores")
        self.recent.itemActivated.connect(
            lambda item: self.attempt_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))
        )
        self.recent_empty = label("No finished attempts yet.", role="muted")
        recent = card(
            vbox(label("Last scores", role="h2"), self.recent_empty, self.recent, margins=18, spacing=8)
        )
        self.plan = ExamPlanCard()
        right = vbox(self.plan, readiness, recent, spacing=16)
        right.addStretch(1)

        content = QWidget()
        self.body = hbox(left, right, margins=20, spacing=16)
        self.body.setStretch(0, 5)
        self.body.setStretch(1, 6)
        content.setLayout(self.body)
        self.setLayout(vbox(bar, scroll(content), spacing=0))
        shortcut(self, ["Ctrl+E"], self._exam_key)
        shortcut(self, ["Ctrl+D"], self.drill_requested.emit)
        shortcut(self, [WEAK_SPOTS_KEY], self._weak_key)
        shortcut(self, ["Ctrl+R"], self._review_key)
        shortcut(self, ["Ctrl+H"], self.history_requested.emit)
        shortcut(self, ["Ctrl+I"], self.import_requested.emit)
        shortcut(self, ["Ctrl+U"], self._resume_key)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter presses the focused button, as Space does (Qt gives Enter only to dialogs' default buttons)."""
        focus = self.focusWidget()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(focus, QAbstractButton):
            if focus.isEnabled():
                focus.click()
            return
        super().keyPressEvent(event)

    def _resume_key(self) -> None:
        if self.view is not None and self.view.resumable:
            self.resume_requested.emit(self.view.resumable[0].id)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Two columns when there is room for them at the chosen text size, one above the other when not."""
        super().resizeEvent(event)
        narrow = self.width() < self.fontMetrics().averageCharWidth() * 125
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.body.direction() != direction:
            self.body.setDirection(direction)

    def _exam_key(self) -> None:
        if self.exam.isEnabled():
            self.exam_requested.emit()

    def _weak_key(self) -> None:
        if self.weak.isEnabled():
            self.weak_spots_requested.emit()

    def _review_key(self) -> None:
        if self.review.isEnabled():
            self.review_requested.emit()

    def _blueprint_picked(self) -> None:
        bid = self.blueprint.currentData()
        if bid and (self.view is None or bid != self.view.blueprint):
            self.blueprint_changed.emit(str(bid))

    def set_busy(self, busy: bool) -> None:
        self.busy.setText("Updating…" if busy else "")

    def show_dashboard(self, view: DashboardView, blueprints: list[BlueprintView]) -> None:
        self.view = view
        bp = next((b for b in blueprints if b.id == view.blueprint), None)
        self.blueprint.blockSignals(True)
        self.blueprint.clear()
        for b in blueprints:
            self.blueprint.addItem(exam_label(b.id, b.name), b.id)
            self.blueprint.setItemData(self.blueprint.count() - 1, b.name, Qt.ItemDataRole.ToolTipRole)
        self.blueprint.setCurrentIndex(max(self.blueprint.findData(view.blueprint), 0))
        self.blueprint.setToolTip(bp.name if bp is not None else "")
        self.blueprint.blockSignals(False)
        retired = [b for b in blueprints if b.retired is not None]
        self.retired.setText(
            " ".join(
                f"AWS retired {b.id.upper()} on {b.retired:%-d %B %Y}; its content lives on in this bank, and it stays "
                "selectable above for study."
                for b in retired
                if b.retired is not None
            )
        )
        self.retired.setVisible(bool(retired))
        self.note_text.setText(bp.notes if bp is not None and bp.notes else "")
        self.note.setVisible(bool(self.note_text.text()))
        if bp is not None:
            self.exam.set_detail(
                f"{bp.questions} questions · {bp.duration_minutes} minutes · pass mark {bp.passing_score}"
            )
        self.exam.setEnabled(view.bank_questions > 0)
        due = view.due_reviews
        self.review.title.setText(f"Review due wrong answers ({due})")
        self.review.setAccessibleName(f"Review due wrong answers, {due} due")
        self.review.set_detail(
            "Spaced repetition of questions you got wrong" if due else "Nothing due right now"
        )
        self.review.setEnabled(due > 0)
        self.weak.set_detail(weak_detail(view.weak_spots))
        self.weak.setEnabled(view.weak_spots is not None and bool(view.weak_spots.tasks))
        self.weak_spots.show_weak(view.weak_spots)
        self.plan.show_plan(view.plan)
        self._show_resumable(view)
        self._show_readiness(view, bp)
        self._show_recent(view)
        resume_row = [b for pair in zip(self.resume_buttons, self.discard_buttons, strict=True) for b in pair]
        chain = [
            self.blueprint,
            self.settings,
            *resume_row,
            *self.action_buttons,
            self.weak_spots.drill,
            self.recent,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _show_resumable(self, view: DashboardView) -> None:
        clear_layout(self.resume_box)
        self.resume_buttons = []
        self.discard_buttons = []
        for n, r in enumerate(view.resumable[:4]):
            started = r.started_at.astimezone().strftime("%d %b %Y %H:%M")
            if r.mode == "exam":
                far = f"{r.answered} of {r.total} answered, at question {r.position}"
            else:
                far = f"{r.checked} of {r.total} checked"
            left = f" · {duration(r.time_left)} left" if r.time_left is not None else ""
            text = vbox(
                label(r.title, role="h3", wrap=True),
                label(f"Started {started} · {far}{left}", role="small", wrap=True),
                spacing=2,
            )
            tip = "Ctrl+U" if n == 0 else None
            caption = "Resume  (Ctrl+U)" if tip else "Resume"
            resume = button(caption, f"Resume {r.title}", variant="primary", tip=tip)
            resume.clicked.connect(lambda _=False, i=r.id: self.resume_requested.emit(i))
            discard = button(
                "Discard…", f"Discard {r.title}", variant="flat", tip="Delete this unfinished attempt"
            )
            discard.clicked.connect(lambda _=False, i=r.id: self.discard_requested.emit(i))
            self.resume_buttons.append(resume)
            self.discard_buttons.append(discard)
            # the text has the card's whole width (beside the buttons it wrapped at a third of it)
            row = QWidget()
            row.setLayout(vbox(text, hbox(None, discard, resume, spacing=10), spacing=8))
            self.resume_box.addWidget(row)
        self.resume_card.setVisible(bool(view.resumable))

    def _show_readiness(self, view: DashboardView, bp: BlueprintView | None) -> None:
        r = view.readiness
        self.readiness_title.setText(f"Readiness · {r.blueprint.upper()}")
        if r.enough_data:
            self.chance.setText(f"{round(r.pass_probability * 100)}%")
            self.chance_label.setText(
                f"estimated chance of passing\nlikely score {r.score_low}–{r.score_high} "
                f"(pass mark {r.passing_score})"
            )
            self.estimate_note.setText(
                f"An estimate from your first answers to {r.answers_used} questions, not AWS's scoring. "
                "Bars: share right per domain with its likely range; dashed: the pass mark."
            )
        else:
            self.chance.setText("")
            self.chance_label.setText("Not enough data yet")
            self.estimate_note.setText(
                f"The estimate needs about {ENOUGH_ANSWERS} first answers; you have {r.answers_used}. "
                "Take a mock exam or a few drills."
            )
        self.chance.setVisible(r.enough_data)
        set_prop(self.chance_label, "role", "muted" if r.enough_data else "h3")
        tone = "" if not r.enough_data else "success" if r.pass_probability >= 0.5 else "danger"
        set_prop(self.chance, "tone", tone)
        clear_layout(self.domain_rows)
        level = pass_percent(r.passing_score) / 100
        for d in r.domains:
            row = DomainReadinessRow()
            row.show_domain(d, level, r.enough_data)
            self.domain_rows.addWidget(row)

    def _show_recent(self, view: DashboardView) -> None:
        self.recent.clear()
        for h in view.recent:
            when = (h.submitted_at or h.started_at).astimezone().strftime("%d %b %H:%M")
            if h.scaled_score is not None:
                what = f"{h.scaled_score}  {'Pass' if h.passed else 'Fail'}"
            else:
                what = f"{h.correct}/{h.questions} correct"
            item = QListWidgetItem(f"{what}  ·  {h.mode.capitalize()} {h.blueprint.upper()}  ·  {when}")
            item.setData(Qt.ItemDataRole.UserRole, h.id)
            self.recent.addItem(item)
        self.recent.setVisible(bool(view.recent))
        self.recent_empty.setVisible(not view.recent)
        self.recent.setFixedHeight(min(len(view.recent), 6) * 34 + 8)

    def focus_first(self) -> None:
        self.exam.setFocus() if self.exam.isEnabled() else self.drill.setFocus()
