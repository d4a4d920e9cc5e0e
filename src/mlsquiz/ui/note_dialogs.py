"""The note and report dialogs. Passive: each shows what it is given and, when accepted, holds what the user
chose (`text()`, `kind()`, `comment()`, `hide_question()`); the `NotesFlow` writes it.

Keys: the text has the focus; Tab moves on (it never types a tab); Ctrl+Enter saves or sends; Esc cancels.
In the report, Alt+W/A/O/Y pick the kind (or the arrow keys), Alt+H ticks "Hide".
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QGridLayout,
    QLayout,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from mlsquiz.store.notes import COMMENT_LIMIT, NOTE_LIMIT
from mlsquiz.ui.widgets import button, hbox, label, scroll, set_prop, shortcut, vbox

KINDS = [
    ("wrong key", "&Wrong key", "the answer marked right is not, or another is right too"),
    ("ambiguous", "&Ambiguous", "the question can be read two ways, or two answers fit"),
    ("outdated", "&Outdated", "AWS has changed: a service, a limit or a name"),
    ("typo", "T&ypo", "a spelling, wording or formatting mistake"),
]


def _editor(text: str, name: str) -> QPlainTextEdit:
    editor = QPlainTextEdit(text)
    editor.setAccessibleName(name)
    editor.setTabChangesFocus(True)
    return editor


class _Dialog(QDialog):
    def __init__(self, title: str, stem: str, question_id: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        self.question = label(stem or question_id, wrap=True)
        self.question.setAccessibleName("Question")
        self.question_id = label(question_id, role="small", wrap=True)
        self.question_id.setAccessibleName("Question id")
        self.warning = label(role="small", wrap=True)  # why it cannot be saved yet; the dialog stays open
        self.warning.setAccessibleName("Problem")
        set_prop(self.warning, "tone", "danger")
        shortcut(self, ["Ctrl+Return", "Ctrl+Enter"], self._submit)

    def _warn(self, text: str) -> None:
        self.warning.setText(text)
        self.warning.setVisible(bool(text))

    def _submit(self) -> None:
        self.accept()

    def _build(self, body: list[QWidget | QLayout], buttons: QLayout, spacing: int) -> None:
        """The body scrolls, the buttons stay: the dialog fits the window at the largest text size."""
        content = QWidget()
        content.setLayout(vbox(*body, spacing=spacing))
        area = scroll(content)
        self.setLayout(vbox(area, buttons, margins=20, spacing=12))
        owner = self.parentWidget()
        room = owner.window().size() if owner is not None else QSize(1024, 640)
        width = min(room.width() - 40, max(560, content.sizeHint().width() + 60))
        self.setMinimumWidth(width)
        inner = content.layout()
        wanted = inner.totalHeightForWidth(width - 60) if inner is not None else content.sizeHint().height()
        area.setMinimumHeight(min(wanted, max(room.height() - 200, 120)))
        self.setMaximumHeight(max(room.height() - 20, 200))


class NoteDialog(_Dialog):
    """Your note on a question: only you see it; saving it empty deletes it."""

    def __init__(self, stem: str, question_id: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__("Your note", stem, question_id, parent)
        self.editor = _editor(text, "Your note")
        self.editor.setPlaceholderText("What to remember about this question…")
        self.editor.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        hint = label(
            "Only you see it. It shows under the question in review, and in a drill once the answer is checked."
            " Save it empty to delete it.",
            role="small",
            wrap=True,
        )
        self.save = button("Save note", "Save the note", variant="primary", tip="Ctrl+Enter")
        self.save.clicked.connect(self._submit)
        self.delete = button("Delete note", "Delete the note")
        self.delete.clicked.connect(self._delete)
        self.delete.setVisible(bool(text))
        cancel = button("Cancel", "Cancel", tip="Esc")
        cancel.clicked.connect(self.reject)
        body: list[QWidget | QLayout] = [self.question, self.question_id, self.editor, self.warning, hint]
        self._build(body, hbox(self.delete, None, cancel, self.save, spacing=8), 10)
        self._warn("")
        self.editor.setFocus()

    def _submit(self) -> None:
        size = len(self.text().strip())
        if size > NOTE_LIMIT:
            self._warn(f"A note holds at most {NOTE_LIMIT:,} characters; this one has {size:,}.")
            return
        self.accept()

    def _delete(self) -> None:
        self.editor.clear()
        self.accept()

    def text(self) -> str:
        return self.editor.toPlainText()


class ReportDialog(_Dialog):
    """A problem with a question: one of the four kinds, a comment, and whether to hide the question."""

    def __init__(self, stem: str, question_id: str, parent: QWidget | None = None) -> None:
        super().__init__("Report a problem", stem, question_id, parent)
        self.kinds = QButtonGroup(self)
        grid = QGridLayout()  # the kinds, each with what it means beside it (wrapping: never clipped)
        grid.setHorizontalSpacing(14)
        grid.setColumnStretch(1, 1)
        self.radios: list[QRadioButton] = []
        for i, (kind, text, why) in enumerate(KINDS):
            radio = QRadioButton(text)
            radio.setAccessibleName(kind.capitalize())
            radio.setAccessibleDescription(why)
            radio.setProperty("kind", kind)
            self.kinds.addButton(radio, i)
            self.radios.append(radio)
            grid.addWidget(radio, i, 0)
            grid.addWidget(label(why, role="small", wrap=True), i, 1)
        self.kinds.buttonToggled.connect(lambda *_: self._warn(""))
        self.comment_box = _editor("", "Comment (optional)")
        self.comment_box.setPlaceholderText("Comment (optional): what is wrong, and a source if you have one")
        self.comment_box.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 18)  # room for the rest
        self.hide_box = QCheckBox("&Hide this question from my drills and exams")
        self.hide_box.setAccessibleName("Hide this question from my drills and exams")
        hint = label(
            "Reports stay on this computer. The command “mlsquiz notes export” writes them, with the question id "
            "and bank version, for you to send to the maintainers. Settings → Notes and reports shows a hidden "
            "question again.",
            role="small",
            wrap=True,
        )
        self.send = button("Save report", "Save the report", variant="primary", tip="Ctrl+Enter")
        self.send.clicked.connect(self._submit)
        cancel = button("Cancel", "Cancel", tip="Esc")
        cancel.clicked.connect(self.reject)
        body: list[QWidget | QLayout] = [self.question, self.question_id, label("What is wrong?", role="h3")]
        body += [grid, self.comment_box]
        body += [self.hide_box, self.warning, hint]
        self._build(body, hbox(None, cancel, self.send, spacing=8), 8)
        self._warn("")
        self.radios[0].setFocus()

    def _submit(self) -> None:
        if self.kind() is None:
            self._warn("Choose what is wrong first: Alt+W, Alt+A, Alt+O or Alt+Y, or the arrow keys.")
            return
        if len(self.comment().strip()) > COMMENT_LIMIT:
            self._warn(f"A comment holds at most {COMMENT_LIMIT:,} characters.")
            return
        self.accept()

    def kind(self) -> str | None:
        chosen = self.kinds.checkedButton()
        return str(chosen.property("kind")) if chosen is not None else None

    def comment(self) -> str:
        return self.comment_box.toPlainText()

    def hide_question(self) -> bool:
        return self.hide_box.isChecked()
