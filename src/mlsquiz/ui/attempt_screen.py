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
from mlsquiz.ui.question_view import QuestionView
from mlsquiz.ui.widgets import label, screen_widget, select_text, set_prop, shortcut

OPTION_KEYS = "ABCDEF"


class AttemptScreen(QWidget):
    option_toggled = Signal(int, str)  # position, option key
    goto_requested = Signal(int)
    flag_requested = Signal(int, bool)
    leave_requested = Signal()

    def __init__(self, name: str, *, show_meta: bool) -> None:
        super().__init__()
        screen_widget(self, name)
        self.question = QuestionView(show_meta=show_meta)
        self.question.option_activated.connect(self._option_clicked)
        self.items: dict[int, ItemView] = {}
        self.status: AttemptStatusView | None = None
        self.task_titles: dict[str, str] = {}
        self.hint = label(role="small", wrap=True)
        self.hint.setAccessibleName("Hint")
        for i in range(6):
            shortcut(self, [str(i + 1), OPTION_KEYS[i]], self._chooser(i))
        shortcut(self, ["N", "Right"], self.go_next)
        shortcut(self, ["P", "Left"], self.go_previous)
        shortcut(self, ["M"], self.toggle_flag)
        shortcut(self, ["Escape"], self.escape)

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
        chosen = {o.key for o in item.options if o.chosen}
        if item.type == "multiple" and key not in chosen and len(chosen) >= item.select:
            self.show_hint(f"{select_text(item.select)} Clear one of your choices first.", "warning")
            return
        self.option_toggled.emit(item.position, key)

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
