"""A matching item: the responses, then one row per prompt with a drop-down of responses; the current prompt is
highlighted.

The view keeps only which prompt is current (a screen-side cursor the keys move); the pairs themselves come from
the `ItemView` the store hands back. A choice in a drop-down reports `match_requested(prompt, key)` (None to clear).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QVBoxLayout, QWidget

from mlsquiz.store.views import ItemView, PromptView
from mlsquiz.ui.widgets import clear_layout, label, set_prop, vbox

NO_RESPONSE = "— choose a response —"


class _PromptRow(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("OptionRow")
        self.text = label(wrap=True)
        self.choice = QComboBox()
        self.choice.setMinimumContentsLength(18)
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.tag = label(role="small")
        self.why = label(role="muted", wrap=True)
        grid = QGridLayout(self)
        grid.setContentsMargins(14, 8, 14, 8)
        grid.addWidget(self.text, 0, 0)
        grid.addWidget(self.choice, 0, 1)
        grid.addWidget(self.tag, 1, 0, 1, 2)
        grid.addWidget(self.why, 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

    def show_prompt(
        self, prompt: PromptView, responses: list[tuple[str, str]], *, current: bool, locked: bool
    ) -> None:
        self.text.setText(f"{'▶ ' if current else ''}{prompt.key}. {prompt.text}")
        if self.choice.count() != len(responses) + 1:
            self.choice.clear()
            self.choice.addItem(NO_RESPONSE, None)
            for key, text in responses:
                self.choice.addItem(text, key)
        keys = [key for key, _ in responses]
        self.choice.setCurrentIndex(keys.index(prompt.response) + 1 if prompt.response in keys else 0)
        self.choice.setEnabled(not locked)
        self.choice.setAccessibleName(f"Response for prompt {prompt.key}: {prompt.text}")
        self.setAccessibleName(f"Prompt {prompt.key}" + (", current" if current else ""))
        state = "chosen" if prompt.response else "idle"
        tag = ""
        if prompt.correct is not None:
            state = "correct" if prompt.correct else "wrong"
            tag = "✓ Right pair" if prompt.correct else f"✗ Right response: {prompt.right_label}"
        set_prop(self, "state", state)
        set_prop(self, "focused", current)
        set_prop(self.tag, "tone", "success" if prompt.correct else "danger")
        self.tag.setText(tag)
        self.tag.setVisible(bool(tag))
        self.why.setText(prompt.explanation or "")
        self.why.setVisible(bool(prompt.explanation))


class MatchingView(QWidget):
    match_requested = Signal(str, object)  # prompt key, option key or None
    current_moved = Signal(QWidget)  # the highlighted prompt's row, to scroll into view

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: ItemView | None = None
        self.current = 0
        self.rows: list[_PromptRow] = []
        self.responses = label(wrap=True)
        self.responses.setAccessibleName("Responses")
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(8)
        self.setLayout(
            vbox(
                label("Responses", role="h3"),
                self.responses,
                label("Prompts", role="h3"),
                self.rows_box,
                margins=0,
                spacing=10,
            )
        )
        self.setAccessibleName("Matching")

    def show_item(self, item: ItemView, *, locked: bool) -> None:
        if (
            self.item is None
            or self.item.question_id != item.question_id
            or len(self.rows) != len(item.prompts)
        ):
            self._build(len(item.prompts))
            self.current = 0
        self.item = item
        responses = [(o.key, f"{o.label}. {o.text}") for o in item.options]
        self.responses.setText("\n".join(text for _, text in responses))
        for n, (row, prompt) in enumerate(zip(self.rows, item.prompts, strict=True)):
            row.show_prompt(prompt, responses, current=n == self.current and not locked, locked=locked)

    def _build(self, count: int) -> None:
        clear_layout(self.rows_box)
        self.rows = []
        for n in range(count):
            row = _PromptRow()
            row.choice.activated.connect(lambda index, i=n: self._chosen(i, index))
            self.rows.append(row)
            self.rows_box.addWidget(row)

    def _chosen(self, prompt_index: int, combo_index: int) -> None:
        if self.item is None:
            return
        key = self.rows[prompt_index].choice.itemData(combo_index)
        self.current = prompt_index
        self.match_requested.emit(self.item.prompts[prompt_index].key, key)

    def current_prompt(self) -> str | None:
        if self.item is None or not self.item.prompts:
            return None
        return self.item.prompts[self.current].key

    def move_current(self, delta: int) -> None:
        """Highlight the previous or next prompt (stays within the list)."""
        if self.item is None or not self.item.prompts:
            return
        self.current = max(0, min(self.current + delta, len(self.item.prompts) - 1))
        self.show_item(self.item, locked=not self.rows[0].choice.isEnabled())
        self.current_moved.emit(self.rows[self.current])


def matching_summary(item: ItemView) -> str:
    """The feedback line: each prompt with the user's response and, where wrong, the right one."""
    parts = []
    for p in item.prompts:
        mine = p.response_label or "—"
        parts.append(f"{p.key} → {mine}" + ("" if p.correct else f" (right: {p.right_label})"))
    return "Your pairs: " + ", ".join(parts)
