"""Small building blocks every screen shares: styled labels, buttons, cards, shortcuts and a confirmation."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QDialog,
    QFrame,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QWidget,
)

from mlsquiz.exam.wording import select_text as select_text
from mlsquiz.ui.bar import Bar as Bar
from mlsquiz.ui.bar import ElidedLabel as ElidedLabel
from mlsquiz.ui.layout import hbox as hbox
from mlsquiz.ui.layout import vbox as vbox


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


class QuestionBox(QDialog):
    """A question with buttons that say what they do. Unlike QMessageBox, whose width is capped to a share of
    the screen (its buttons were clipped at large text sizes), the buttons stack when they do not fit in a row.

    Enter presses the default button; Esc, or closing the box, presses the escape button.
    """

    def __init__(self, parent: QWidget | None, question: str, detail: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("mlsquiz")
        self.setModal(True)
        self._text = label(question, role="h3", wrap=True)
        self._text.setAccessibleName("Question")
        self._detail = label(detail, wrap=True)
        self._detail.setVisible(bool(detail))
        self._buttons: list[QPushButton] = []
        self._default: QPushButton | None = None
        self._escape: QPushButton | None = None
        self._clicked: QPushButton | None = None
        self.row = QBoxLayout(QBoxLayout.Direction.RightToLeft)
        self.row.setSpacing(8)
        layout = vbox(self._text, self._detail, margins=20, spacing=12)
        layout.addLayout(self.row)
        self.setLayout(layout)
        available = parent.screen().availableGeometry().width() if parent is not None else 1024
        self.setMaximumWidth(max(int(available * 0.9), 320))

    def add_button(self, text: str) -> QPushButton:
        widget = button(text, text.replace("&", ""))
        widget.setAutoDefault(True)
        widget.clicked.connect(lambda _=False, b=widget: self._press(b))
        self._buttons.append(widget)
        self.row.addWidget(widget)
        return widget

    def set_default(self, widget: QPushButton) -> None:
        self._default = widget
        widget.setDefault(True)
        widget.setProperty("variant", "primary")
        widget.setFocus()

    def set_escape(self, widget: QPushButton) -> None:
        self._escape = widget

    def _press(self, widget: QPushButton) -> None:
        self._clicked = widget
        self.accept()

    def reject(self) -> None:
        if self._clicked is None:
            self._clicked = self._escape
        super().reject()

    def showEvent(self, event: QShowEvent) -> None:
        """One row of buttons if they fit the box's widest allowed width, else one under the other; the height
        is the wrapped text's at the width chosen."""
        row = sum(b.sizeHint().width() for b in self._buttons) + self.row.spacing() * len(self._buttons) + 40
        direction = (
            QBoxLayout.Direction.RightToLeft
            if row <= self.maximumWidth()
            else QBoxLayout.Direction.TopToBottom
        )
        self.row.setDirection(direction)
        width = min(max(row, 420, self.fontMetrics().averageCharWidth() * 40), self.maximumWidth())
        layout = self.layout()
        assert layout is not None
        layout.activate()
        self.setMinimumWidth(width)
        self.resize(width, max(layout.totalHeightForWidth(width), layout.totalMinimumSize().height()))
        if self._default is not None:
            self._default.setFocus()
        super().showEvent(event)

    # the QMessageBox names, which tests and the screenshot script use
    def text(self) -> str:
        return self._text.text()

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def defaultButton(self) -> QPushButton | None:
        return self._default

    def clickedButton(self) -> QPushButton | None:
        return self._clicked


def run_box(box: QuestionBox) -> QAbstractButton | None:
    """Show a question and wait for the answer: the one place that blocks. Tests replace it and drive the box
    with keys or clicks instead (see tests/ui/conftest.py)."""
    box.exec()
    return box.clickedButton()


def ask(
    parent: QWidget,
    question: str,
    detail: str,
    choices: Sequence[tuple[str, str]],
    *,
    default: str,
    cancel: str,
) -> str:
    """Ask `question` (in the text: macOS shows no dialog titles) with buttons that say what they do.

    `choices` are (answer, button text) pairs, the first shown rightmost; `default` is what Enter answers and
    `cancel` what Esc or closing the box answers. Returns the answer chosen.
    """
    box = QuestionBox(parent, question, detail)
    buttons = {answer: box.add_button(text) for answer, text in choices}
    box.set_default(buttons[default])
    box.set_escape(buttons[cancel])
    clicked = run_box(box)
    box.deleteLater()
    return next((answer for answer, b in buttons.items() if b is clicked), cancel)


def confirm(
    parent: QWidget, question: str, detail: str, yes: str, no: str, *, enter_says_yes: bool = True
) -> bool:
    """A yes/no question whose buttons say what they do ("Leave exam" / "Keep going"). Enter says yes unless
    `enter_says_yes` is False (for what cannot be undone); Esc always says no."""
    default = "yes" if enter_says_yes else "no"
    return ask(parent, question, detail, [("yes", yes), ("no", no)], default=default, cancel="no") == "yes"


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


def plural(count: int, noun: str) -> str:
    """ "1 question", "5 questions"."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


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
