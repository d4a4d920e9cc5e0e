"""An ordering item: the steps to place, the order placed so far, and once revealed the order beside the right one.

Passive like the option rows: a click reports what the user asked for (`place_requested`, `take_back_requested`,
`arrange_requested`) and the view shows whatever `ItemView` the store hands back. Keys (`1`-`6`/`A`-`F` to place,
`Backspace` to take back) are the screen's; the buttons here are for the mouse and are all reachable by Tab.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QPushButton, QVBoxLayout, QWidget

from mlsquiz.store.views import ItemView, OptionView
from mlsquiz.ui.widgets import button, clear_layout, label, set_prop, vbox

ORDINALS = {1: "1st", 2: "2nd", 3: "3rd"}


def ordinal(n: int) -> str:
    return ORDINALS.get(n, f"{n}th")


class _StepRow(QFrame):
    """One step to place: its letter and text, and a Place button (disabled once it is placed)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("OptionRow")
        self.text = label(wrap=True)
        self.tag = label(role="small")
        self.place = button("Place", "Place step")
        grid = QGridLayout(self)
        grid.setContentsMargins(14, 8, 14, 8)
        grid.addWidget(self.text, 0, 0)
        grid.addWidget(self.tag, 1, 0)
        grid.addWidget(self.place, 0, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)

    def show_step(self, option: OptionView, locked: bool) -> None:
        self.text.setText(f"{option.label}. {option.text}")
        placed = option.place is not None
        self.tag.setText(f"Placed {ordinal(option.place)}" if option.place else "")
        self.tag.setVisible(placed)
        self.place.setEnabled(not locked and not placed)
        self.place.setAccessibleName(f"Place step {option.label}: {option.text}")
        set_prop(self, "state", "chosen" if placed else "idle")


class _SlotRow(QFrame):
    """One position of the order: the step placed there (or a blank) and buttons to move it up or down."""

    def __init__(self, position: int) -> None:
        super().__init__()
        self.setObjectName("OptionRow")
        self.position = position
        self.text = label(wrap=True)
        # drawn by the theme (`MoveUp`/`MoveDown` in app.qss): a glyph such as ▲ is clipped in some fonts
        self.up = QPushButton()
        self.down = QPushButton()
        for widget, where in ((self.up, "up"), (self.down, "down")):
            widget.setObjectName(f"Move{where.title()}")
            widget.setAccessibleName(f"Move the step in position {position} {where}")
            widget.setToolTip(f"Move {where}")
            widget.setAutoDefault(False)
            widget.setFixedWidth(36)
        grid = QGridLayout(self)
        grid.setContentsMargins(14, 8, 14, 8)
        grid.addWidget(self.text, 0, 0)
        grid.addWidget(self.up, 0, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.down, 0, 2, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)

    def show_slot(self, option: OptionView | None, count: int, locked: bool) -> None:
        text = f"{self.position}. {option.label}. {option.text}" if option else f"{self.position}. —"
        self.text.setText(text)
        self.setAccessibleName(f"Position {self.position}: {option.text if option else 'empty'}")
        self.up.setEnabled(not locked and option is not None and self.position > 1)
        self.down.setEnabled(not locked and option is not None and self.position < count)
        set_prop(self, "state", "chosen" if option else "idle")


class OrderingView(QWidget):
    place_requested = Signal(str)  # option key
    take_back_requested = Signal()
    arrange_requested = Signal(list)  # every placed option key, in the new order

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: ItemView | None = None
        self.steps: list[_StepRow] = []
        self.slots: list[_SlotRow] = []
        self.steps_box = QVBoxLayout()
        self.steps_box.setSpacing(8)
        self.slots_box = QVBoxLayout()
        self.slots_box.setSpacing(8)
        self.take_back = button("Take back the last step", "Take back the last placed step", tip="Backspace")
        self.take_back.clicked.connect(self.take_back_requested)
        self.review = QVBoxLayout()
        self.review.setSpacing(10)
        self.order_title = label("Your order", role="h3")
        self.steps_title = label("Steps", role="h3")
        self.review_title = label("Your order and the right order", role="h3")
        self.setLayout(
            vbox(
                self.steps_title,
                self.steps_box,
                self.order_title,
                self.slots_box,
                self.take_back,
                self.review_title,
                self.review,
                margins=0,
                spacing=10,
            )
        )
        self.setAccessibleName("Ordering")

    def show_item(self, item: ItemView, *, locked: bool) -> None:
        if (
            self.item is None
            or self.item.question_id != item.question_id
            or len(self.steps) != len(item.options)
        ):
            self._build(len(item.options))
        self.item = item
        by_key = {o.key: o for o in item.options}
        for step, option in zip(self.steps, item.options, strict=True):
            step.show_step(option, locked)
        for n, slot in enumerate(self.slots):
            placed = by_key[item.sequence[n]] if n < len(item.sequence) else None
            slot.show_slot(placed, len(item.sequence), locked)
        self.take_back.setEnabled(not locked and bool(item.sequence))
        self._show_review(item)

    def _build(self, count: int) -> None:
        clear_layout(self.steps_box)
        clear_layout(self.slots_box)
        self.steps, self.slots = [], []
        for _ in range(count):
            step = _StepRow()
            step.place.clicked.connect(lambda _=False, row=step: self._place(row))
            self.steps.append(step)
            self.steps_box.addWidget(step)
        for position in range(1, count + 1):
            slot = _SlotRow(position)
            slot.up.clicked.connect(lambda _=False, p=position: self._move(p, -1))
            slot.down.clicked.connect(lambda _=False, p=position: self._move(p, 1))
            self.slots.append(slot)
            self.slots_box.addWidget(slot)

    def _place(self, row: _StepRow) -> None:
        if self.item is not None:
            index = self.steps.index(row)
            self.place_requested.emit(self.item.options[index].key)

    def _move(self, position: int, delta: int) -> None:
        """Swap the step at `position` with its neighbour: the new order goes to the store as a whole."""
        if self.item is None:
            return
        order = list(self.item.sequence)
        i, j = position - 1, position - 1 + delta
        if 0 <= i < len(order) and 0 <= j < len(order):
            order[i], order[j] = order[j], order[i]
            self.arrange_requested.emit(order)

    def _show_review(self, item: ItemView) -> None:
        revealed = bool(item.steps)
        self.review_title.setVisible(revealed)
        self.order_title.setVisible(not revealed)
        self.steps_title.setVisible(not revealed)
        for row in [*self.slots, *self.steps]:
            row.setVisible(not revealed)
        self.take_back.setVisible(not revealed)
        clear_layout(self.review)
        for step in item.steps:
            mine = f"{step.chosen_label}. {step.chosen_text}" if step.chosen_label else "nothing placed"
            mark = "✓" if step.correct else "✗"
            row = QFrame()
            row.setObjectName("OptionRow")
            set_prop(row, "state", "correct" if step.correct else "wrong")
            head = label(f"{mark} {step.position}. Yours: {mine}", wrap=True)
            right = label(f"Right: {step.right_label}. {step.right_text}", role="small", wrap=True)
            why = label(step.explanation, role="muted", wrap=True)
            row.setLayout(vbox(head, right, why, margins=12, spacing=4))
            verdict = "right" if step.correct else "wrong"
            row.setAccessibleName(
                f"Position {step.position}, {verdict}: yours {mine}; right {step.right_text}"
            )
            self.review.addWidget(row)


def ordering_summary(item: ItemView) -> str:
    """The feedback line: the user's order beside the right one, by the letters shown."""
    labels = {o.key: o.label for o in item.options}
    mine = ", ".join(labels[k] for k in item.sequence) or "nothing placed"
    right = ", ".join(s.right_label for s in item.steps) or "—"
    return f"Your order: {mine}    ·    Right order: {right}"
