"""Small building blocks every screen shares: styled labels, buttons, cards, shortcuts and a confirmation."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QPainter, QPaintEvent, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

NUMBER_WORDS = {2: "TWO", 3: "THREE", 4: "FOUR", 5: "FIVE"}


def set_prop(widget: QWidget, name: str, value: object) -> None:
    """Set a dynamic property the stylesheet selects on, and restyle the widget if it changed."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def label(text: str = "", role: str | None = None, *, wrap: bool = False, rich: bool = False) -> QLabel:
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    return widget


class ElidedLabel(QLabel):
    """One line that shortens itself with "…" when space runs out (a title in a bar), full text as tooltip."""

    def __init__(self, text: str = "", role: str | None = None) -> None:
        super().__init__(text)
        if role:
            self.setProperty("role", role)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        return QSize(min(super().sizeHint().width(), 80), super().minimumSizeHint().height())

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)
        self.setAccessibleName(text)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        painter.end()


def button(text: str, name: str, *, variant: str | None = None, tip: str | None = None) -> QPushButton:
    """A push button with an accessible name (the screen reader's label) and an optional style variant."""
    widget = QPushButton(text)
    widget.setAccessibleName(name)
    if variant:
        widget.setProperty("variant", variant)
    if tip:
        widget.setToolTip(tip)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    widget.setAutoDefault(False)
    return widget


def card(layout: QLayout | None = None, role: str = "card") -> QFrame:
    frame = QFrame()
    frame.setProperty("role", role)
    if layout is not None:
        frame.setLayout(layout)
    return frame


def vbox(*items: QWidget | QLayout | None, margins: int = 0, spacing: int = 8) -> QVBoxLayout:
    """A column; `None` in the items is a stretch."""
    layout = QVBoxLayout()
    layout.setContentsMargins(margins, margins, margins, margins)
    layout.setSpacing(spacing)
    _fill(layout, items)
    return layout


def hbox(*items: QWidget | QLayout | None, margins: int = 0, spacing: int = 8) -> QHBoxLayout:
    """A row; `None` in the items is a stretch."""
    layout = QHBoxLayout()
    layout.setContentsMargins(margins, margins, margins, margins)
    layout.setSpacing(spacing)
    _fill(layout, items)
    return layout


def _fill(layout: QVBoxLayout | QHBoxLayout, items: Iterable[QWidget | QLayout | None]) -> None:
    for item in items:
        if item is None:
            layout.addStretch(1)
        elif isinstance(item, QLayout):
            layout.addLayout(item)
        else:
            layout.addWidget(item)


def scroll(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area


def screen_widget(widget: QWidget, name: str) -> None:
    """Mark a top-level screen: styled background and an accessible name."""
    widget.setProperty("screen", True)
    widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    widget.setAccessibleName(name)
    widget.setObjectName(name.replace(" ", ""))


def expanding(widget: QWidget) -> QWidget:
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return widget


def shortcut(parent: QWidget, keys: Iterable[str], slot: Callable[[], object]) -> list[QShortcut]:
    """Shortcuts that work whenever focus is anywhere inside `parent` (the screen), and nowhere else."""
    made = []
    for key in keys:
        sc = QShortcut(QKeySequence(key), parent)
        sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sc.setAutoRepeat(False)
        sc.activated.connect(slot)
        made.append(sc)
    return made


def fit_width(widget: QPushButton, texts: Iterable[str]) -> None:
    """Give a button the width of its widest text, so changing its text moves nothing beside it."""
    metrics = widget.fontMetrics()
    padding = widget.sizeHint().width() - metrics.horizontalAdvance(widget.text())
    widget.setMinimumWidth(max(metrics.horizontalAdvance(t) for t in texts) + max(padding, 24))


def run_box(box: QMessageBox) -> QAbstractButton | None:
    """Show a question and wait for the answer: the one place that blocks. Tests replace it and drive the box
    with keys or clicks instead (see tests/ui/conftest.py)."""
    box.exec()
    return box.clickedButton()


def ask(parent: QWidget, question: str, detail: str, choices: Sequence[tuple[str, str]], *,
        default: str, cancel: str) -> str:  # fmt: skip
    """Ask `question` (in the text: macOS shows no dialog titles) with buttons that say what they do.

    `choices` are (answer, button text) pairs in the order shown; `default` is what Enter answers and `cancel`
    what Esc or closing the box answers. Returns the answer chosen.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("mlsquiz")
    box.setText(question)
    box.setInformativeText(detail)
    buttons: dict[str, QPushButton] = {}
    roles = {default: QMessageBox.ButtonRole.AcceptRole, cancel: QMessageBox.ButtonRole.RejectRole}
    for answer, text in choices:
        buttons[answer] = box.addButton(text, roles.get(answer, QMessageBox.ButtonRole.DestructiveRole))
        buttons[answer].setAccessibleName(text.replace("&", ""))
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[cancel])
    clicked = run_box(box)
    box.deleteLater()
    return next((answer for answer, b in buttons.items() if b is clicked), cancel)


def confirm(
    parent: QWidget, question: str, detail: str, yes: str, no: str, *, enter_says_yes: bool = True
) -> bool:
    """A yes/no question whose buttons say what they do ("Leave exam" / "Keep going"). Enter says yes unless
    `enter_says_yes` is False (for what cannot be undone); Esc always says no."""
    default = "yes" if enter_says_yes else "no"
    return ask(parent, question, detail, [("no", no), ("yes", yes)], default=default, cancel="no") == "yes"


def duration(seconds: float) -> str:
    """Hours, minutes and seconds, always all three (`0:02:58`, `1:05:09`), so no time reads as another."""
    total = max(int(seconds), 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def exam_label(blueprint_id: str, name: str) -> str:
    """An exam's name led by its code, the part that tells exams apart: "MLA-C01 · Machine Learning Engineer –
    Associate" from "AWS Certified Machine Learning Engineer – Associate (MLA-C01)"."""
    code = blueprint_id.upper()
    short = name.removeprefix("AWS Certified ").removesuffix(f"({code})").strip()
    return f"{code} · {short}" if short else code


def select_text(select: int) -> str:
    return f"Select {NUMBER_WORDS.get(select, str(select))}."


def clear_layout(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        child = item.layout()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif child is not None:
            clear_layout(child)
