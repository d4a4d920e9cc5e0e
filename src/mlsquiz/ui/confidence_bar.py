"""How sure the user is of the answer shown: sure / unsure / guess, by click or by Shift+1, Shift+2, Shift+3.

Shown only when the setting `confidence` is on. The bar is passive like the screens: it shows the confidence
the store reported and emits `chosen(level)`; a click on the level already chosen takes it back (""). The keys
always set (pressing one twice changes nothing), so a key repeated or delivered twice can never undo it.

With Shift held, a US keyboard reports the symbol on the key ("!", "@", "#") rather than the digit, and Qt may
match the press as "Shift+!" or as "!"; every one of those spellings is bound, and an ambiguous match (two
bindings for one press) still sets the level once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QPushButton, QWidget

from mlsquiz.exam.confidence import LEVELS
from mlsquiz.ui.widgets import button, hbox, label, set_prop

TEXTS = {"sure": "Sure", "unsure": "Unsure", "guess": "Guess"}
SYMBOLS = {"sure": "!", "unsure": "@", "guess": "#"}


def key_spellings(level: str) -> list[str]:
    """Every key sequence a Shift+digit press for `level` can arrive as."""
    digit = str(LEVELS.index(level) + 1)
    symbol = SYMBOLS[level]
    return [f"Shift+{digit}", symbol, f"Shift+{symbol}"]


class ConfidenceBar(QWidget):
    chosen = Signal(str)  # "sure", "unsure", "guess", or "" to take it back

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("ConfidenceBar")
        self.level = ""
        self.caption = label("How sure are you?", role="muted")
        self.buttons: dict[str, QPushButton] = {}
        for n, level in enumerate(LEVELS, start=1):
            b = button(
                f"{TEXTS[level]}  ⇧{n}",
                f"Confidence: {level}",
                tip=f"Shift+{n}; click again to take it back",
            )
            b.clicked.connect(self._clicker(level))
            self.buttons[level] = b
        self.row = hbox(self.caption, *self.buttons.values(), None, margins=0, spacing=8)
        self.setLayout(self.row)
        self.setAccessibleName("Confidence in this answer")

    def _clicker(self, level: str) -> Callable[[], None]:
        return lambda: self.chosen.emit("" if self.level == level else level)

    def install_keys(self, screen: QWidget, slot: Callable[[str], None]) -> list[QShortcut]:
        """Shift+1/2/3 anywhere in `screen` call `slot(level)`."""
        made = []
        for level in LEVELS:
            for keys in key_spellings(level):
                sc = QShortcut(QKeySequence(keys), screen)
                sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                sc.setAutoRepeat(False)
                sc.activated.connect(lambda level=level: slot(level))
                sc.activatedAmbiguously.connect(lambda level=level: slot(level))
                made.append(sc)
        return made

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The caption goes when it does not fit beside the buttons (large text, small window)."""
        super().resizeEvent(event)
        spacing = self.row.spacing()
        margins = self.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        needed = sum(b.sizeHint().width() + spacing for b in self.buttons.values())
        self.caption.setVisible(needed + self.caption.sizeHint().width() <= room)

    def show_confidence(self, level: str, *, enabled: bool) -> None:
        self.level = level
        for key, b in self.buttons.items():
            set_prop(b, "chosen", key == level)
            b.setEnabled(enabled)
            name = f"Confidence: {key}" + (" (chosen)" if key == level else "")
            b.setAccessibleName(name)
        self.caption.setText("How sure are you?" if enabled or not level else "You were:")
