"""The user's own note on a question, shown under the question (in a drill once the answer is checked, so that
a note never gives the answer away; in review at once). Never shown during a timed exam."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame

from mlsquiz.ui.widgets import label, vbox


class NoteBox(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setProperty("role", "note")
        self.setAccessibleName("Your note")
        self.heading = label("✎  Your note", role="h3")
        self.text = label(wrap=True)
        self.text.setAccessibleName("Your note's text")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = label("Ctrl+Shift+N edits it", role="small")
        self.setLayout(vbox(self.heading, self.text, self.hint, margins=14, spacing=6))
        self.hide()

    def show_note(self, text: str) -> None:
        self.text.setText(text)
        self.setVisible(bool(text))
