"""The two actions a drill, a wrong-answer review session and the review of a finished attempt add to their
question: "Note…" (Ctrl+Shift+N) and "Report…" (Ctrl+Shift+R). The timed exam has neither: a note written
while studying could give an answer away, and the review after submitting offers both.

The screen places the buttons and says which question is current (None: none, or not now); the `NotesFlow`
opens the dialogs and writes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from mlsquiz.store.views import ItemView
from mlsquiz.ui.widgets import button, shortcut

NOTE_KEY = "Ctrl+Shift+N"
REPORT_KEY = "Ctrl+Shift+R"


class NoteActions(QObject):
    note_requested = Signal(object)  # the ItemView shown
    report_requested = Signal(object)

    def __init__(self, screen: QWidget, current: Callable[[], ItemView | None]) -> None:
        super().__init__(screen)
        self.current = current
        self.note_button = button(
            "✎ Note…", "Add or edit your note on this question", variant="flat", tip=NOTE_KEY
        )
        self.note_button.clicked.connect(self.note)
        self.report_button = button(
            "Report a problem…", "Report a problem with this question", variant="flat", tip=REPORT_KEY
        )
        self.report_button.clicked.connect(self.report)
        shortcut(screen, [NOTE_KEY], self.note)
        shortcut(screen, [REPORT_KEY], self.report)

    def buttons(self) -> list[QWidget]:
        return [self.note_button, self.report_button]

    def set_enabled(self, enabled: bool) -> None:
        self.note_button.setEnabled(enabled)
        self.report_button.setEnabled(enabled)

    def note(self) -> None:
        item = self.current()
        if item is not None:
            self.note_requested.emit(item)

    def report(self) -> None:
        item = self.current()
        if item is not None:
            self.report_requested.emit(item)
