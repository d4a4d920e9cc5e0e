"""What the exam and drill screens share: the question, its keys, and the attempt as last reported.

The screen is passive. It keeps the latest `ItemView` of each question and the latest status the controller
handed it, shows them, and turns keys and clicks into requests (`option_toggled`, `goto_requested`, ...); the
controller asks the store and hands back the `Change`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from mlsquiz.store.views import AttemptStatusView, AttemptView, Change, ItemView
from mlsquiz.ui.confidence_bar import ConfidenceBar
from mlsquiz.ui.question_view import QuestionView
from mlsquiz.ui.widgets import label, screen_widget, set_prop, shortcut

OPTION_KEYS = "ABCDEFG"


class AttemptScreen(QWidget):
    option_toggled = Signal(int, str)  # position, option key (ordering: place that step)
    take_back_requested = Signal(int)  # position (ordering)
    arrange_requested = Signal(int, list)  # position, every placed step's key in the new order (ordering)
    match_requested = Signal(int, str, object)  # position, prompt key, option key or None (matching)
    goto_requested = Signal(int)
    flag_requested = Signal(int, bool)
    leave_requested = Signal()
    confidence_requested = Signal(
        int, str
    )  # position, "sure" / "unsure" / "guess" or "" (setting `confidence`)

    def __init__(self, name: str, *, show_meta: bool) -> None:
        super().__init__()
        screen_widget(self, name)
        self.question = QuestionView(show_meta=show_meta)
        self.question.option_activated.connect(self._option_clicked)
        self.question.take_back_requested.connect(self.take_back)
        self.question.arrange_requested.connect(self._arrange)
        self.question.match_requested.connect(self._match)
        self.items: dict[int, ItemView] = {}
        self.status: AttemptStatusView | None = None
        self.task_titles: dict[str, str] = {}
        self.hint = label(role="small", wrap=True)
        self.hint.setAccessibleName("Hint")
        for i in range(7):
            shortcut(self, [str(i + 1), OPTION_KEYS[i]], self._chooser(i))
        # Only while an ordering or matching item is shown, so that elsewhere the keys scroll as usual.
        self.sequence_keys = shortcut(self, ["Backspace"], self.take_back)
        self.prompt_keys = shortcut(self, ["Up"], lambda: self._move_prompt(-1))
        self.prompt_keys += shortcut(self, ["Down"], lambda: self._move_prompt(1))
        shortcut(self, ["N", "Right"], self.go_next)
        shortcut(self, ["P", "Left"], self.go_previous)
        shortcut(self, ["M"], self.toggle_flag)
        shortcut(self, ["Escape"], self.escape)
        self.confidence = ConfidenceBar()  # each subclass places it; hidden unless the setting is on
        self.confidence.chosen.connect(self._rate)
        self.confidence_keys = self.confidence.install_keys(self, self._rate_key)
        self.pace_line_on = self.confidence_on = False
        self.set_aids(pace_line=False, confidence=False)

    def set_aids(self, *, pace_line: bool, confidence: bool) -> None:
        """The study aids of Settings: the pace line (exams) and a confidence per answer."""
        self.pace_line_on = pace_line
        self.confidence_on = confidence
        self.confidence.setVisible(confidence)
        for sc in self.confidence_keys:
            sc.setEnabled(confidence)

    # -- what the controller hands over -----------------------------------------------------------------------
    def load(self, view: AttemptView, task_titles: dict[str, str]) -> None:
        self.task_titles = task_titles
        self.items = {i.position: i for i in view.items}
        self.question.item = None
        self.status = view.status
        self.show_hint("")
        self.redraw()

    def apply_change(self, change: Change) -> None:
        revealed = False
        if change.item is not None:
            before = self.items.get(change.item.position)
            revealed = change.item.revealed and (before is None or not before.revealed)
            self.items[change.item.position] = change.item
        moved = self.status is None or self.status.position != change.status.position
        self.status = change.status
        if moved or change.item is not None:
            self.show_hint("")  # a hint about the choice made so far no longer applies
        self.redraw()
        if revealed:
            self.question.scroll_to_feedback()

    def show_status(self, status: AttemptStatusView) -> None:
        """A status alone (the timer's tick): refresh the status line without redrawing the question."""
        self.status = status
        self.render_status()

    def show_hint(self, text: str, tone: str = "") -> None:
        self.hint.setText(text)
        set_prop(self.hint, "tone", tone)

    # -- drawing ----------------------------------------------------------------------------------------------
    def current(self) -> ItemView | None:
        if self.status is None:
            return None
        return self.items.get(self.status.position)

    def redraw(self) -> None:
        item = self.current()
        if item is not None and self.status is not None:
            self.question.show_item(item, self.status.total, task_title=self.task_titles.get(item.task, ""))
        kind = item.type if item is not None else ""
        for sc in self.sequence_keys:
            sc.setEnabled(kind in ("ordering", "matching"))
        for sc in self.prompt_keys:
            sc.setEnabled(kind == "matching")
        if item is not None:
            self.confidence.show_confidence(item.confidence, enabled=self._editable() is not None)
        self.render_status()

    def render_status(self) -> None:
        """Subclasses show the status line (timer, progress, palette)."""

    # -- keys and clicks ----------------------------------------------------------------------------------------
    def keys_active(self) -> bool:
        return self.status is not None and self.status.status == "in_progress"

    def _chooser(self, index: int) -> Callable[[], None]:
        return lambda: self._choose(index)

    def _choose(self, index: int) -> None:
        if not self.keys_active():
            return
        key = self.question.key_at(index)
        if key is None:
            self.show_hint(f"There is no option {OPTION_KEYS[index]} here.", "warning")
            return
        self._option_clicked(key)

    def _option_clicked(self, key: str) -> None:
        item = self.current()
        if item is None or not self.keys_active():
            return
        if item.revealed:
            self.show_hint("This answer has been checked and is locked.", "warning")
            return
        if item.type == "matching":
            prompt = self.question.matching.current_prompt()
            if prompt is not None:
                # the next prompt is highlighted when the new pair is shown
                self.question.matching.move_current(1)
                self.match_requested.emit(item.position, prompt, key)
            return
        if item.type == "ordering" and key in item.sequence:
            return  # a step already placed stays where it is
        self.option_toggled.emit(item.position, key)  # past the select limit, the core refuses with a hint

    def _editable(self) -> ItemView | None:
        item = self.current()
        if item is None or not self.keys_active() or item.revealed:
            return None
        return item

    def take_back(self) -> None:
        """Backspace: take back the last step (ordering) or clear the highlighted prompt (matching)."""
        item = self._editable()
        if item is None:
            return
        if item.type == "ordering" and item.sequence:
            self.take_back_requested.emit(item.position)
        elif item.type == "matching":
            prompt = self.question.matching.current_prompt()
            if prompt is not None:
                self.match_requested.emit(item.position, prompt, None)

    def _rate(self, level: str) -> None:
        item = self._editable()
        if item is not None:
            self.confidence_requested.emit(item.position, level)

    def _rate_key(self, level: str) -> None:
        """Shift+1/2/3 set a level (never take it back), so a repeated press changes nothing."""
        item = self.current()
        if item is not None and item.revealed and self.keys_active():
            self.show_hint("This answer has been checked; its confidence is locked.", "warning")
        elif item is not None and item.confidence != level:
            self._rate(level)

    def _arrange(self, keys: list[str]) -> None:
        item = self._editable()
        if item is not None:
            self.arrange_requested.emit(item.position, keys)

    def _match(self, prompt: str, key: str | None) -> None:
        item = self._editable()
        if item is not None:
            self.match_requested.emit(item.position, prompt, key)

    def _move_prompt(self, delta: int) -> None:
        if self.current() is not None:
            self.question.matching.move_current(delta)

    def go_next(self) -> None:
        if self.keys_active() and self.status is not None and self.status.position < self.status.total:
            self.goto_requested.emit(self.status.position + 1)

    def go_previous(self) -> None:
        if self.keys_active() and self.status is not None and self.status.position > 1:
            self.goto_requested.emit(self.status.position - 1)

    def toggle_flag(self) -> None:
        item = self.current()
        if item is not None and self.keys_active():
            self.flag_requested.emit(item.position, not item.flagged)

    def escape(self) -> None:
        self.leave_requested.emit()

    def focus_first(self) -> None:
        self.question.focus_question()

    def restyle(self) -> None:
        self.question.restyle()
