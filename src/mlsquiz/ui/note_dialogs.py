"""The note and report dialogs. Passive: each shows what it is given and, when accepted, holds what the user
chose (`text()`, `kind()`, `comment()`, `hide()`); the `NotesFlow` writes it.

Keys: the text has the focus; Tab moves on (it never types a tab); Ctrl+Enter saves or sends; Esc cancels.
In the report, Alt+W/A/O/Y pick the kind (or the arrow keys), Alt+H ticks "Hide".
"""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QCheckBox, QDialog, QPlainTextEdit, QRadioButton, QWidget

from mlsquiz.ui.widgets import button, hbox, label, set_prop, shortcut, vbox

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
        self.setMinimumWidth(min(560, parent.width() - 40) if parent is not None else 560)
        self.question = label(stem or question_id, role="h3", wrap=True)
        self.question.setAccessibleName("Question")
        self.question_id = label(question_id, role="small", wrap=True)
        self.question_id.setAccessibleName("Question id")
        shortcut(self, ["Ctrl+Return", "Ctrl+Enter"], self._submit)

    def _submit(self) -> None:
        self.accept()


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
        self.save.clicked.connect(self.accept)
        self.delete = button("Delete note", "Delete the note")
        self.delete.clicked.connect(self._delete)
        self.delete.setVisible(bool(text))
        cancel = button("Cancel", "Cancel", tip="Esc")
        cancel.clicked.connect(self.reject)
        self.setLayout(
            vbox(
                self.question,
                self.question_id,
                self.editor,
                hint,
                hbox(self.delete, None, cancel, self.save, spacing=8),
                margins=20,
                spacing=10,
            )
        )
        self.editor.setFocus()

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
        self.warning = label(role="small", wrap=True)
        set_prop(self.warning, "tone", "danger")
        rows = []
        for i, (kind, text, why) in enumerate(KINDS):
            radio = QRadioButton(f"{text} — {why}")
            radio.setAccessibleName(kind.capitalize())
            radio.setProperty("kind", kind)
            self.kinds.addButton(radio, i)
            rows.append(radio)
        self.kinds.buttonToggled.connect(lambda *_: self.warning.setText(""))
        self.comment_box = _editor("", "Comment (optional)")
        self.comment_box.setPlaceholderText("Comment (optional): what is wrong, and a source if you have one")
        self.comment_box.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.hide_box = QCheckBox("&Hide this question from my drills and exams")
        self.hide_box.setAccessibleName("Hide this question from my drills and exams")
        hint = label(
            "Reports stay on this computer. The command “mlsquiz notes export” writes them, with the question id and bank "
            "version, for you to send to the maintainers. Settings → Notes and reports shows a hidden question "
            "again.",
            role="small",
            wrap=True,
        )
        self.send = button("Save report", "Save the report", variant="primary", tip="Ctrl+Enter")
        self.send.clicked.connect(self._submit)
        cancel = button("Cancel", "Cancel", tip="Esc")
        cancel.clicked.connect(self.reject)
        self.setLayout(
            vbox(
                self.question,
                self.question_id,
                label("What is wrong?", role="h3"),
                *rows,
                self.comment_box,
                self.hide_box,
                self.warning,
                hint,
                hbox(None, cancel, self.send, spacing=8),
                margins=20,
                spacing=8,
            )
        )
        rows[0].setFocus()

    def _submit(self) -> None:
        if self.kind() is None:
            self.warning.setText(
                "Choose what is wrong first: Alt+W, Alt+A, Alt+O or Alt+Y, or the arrow keys."
            )
            return
        self.accept()

    def kind(self) -> str | None:
        chosen = self.kinds.checkedButton()
        return str(chosen.property("kind")) if chosen is not None else None

    def comment(self) -> str:
        return self.comment_box.toPlainText()

    def hide_question(self) -> bool:
        return self.hide_box.isChecked()
