""" "Notes and reports" (Settings): every report the user made and every note they wrote, where a hidden
question can be shown in drills and exams again, and a report or a note deleted (after asking).

A passive dialog: it shows the lists it is given and reports what the user asked for; the `NotesFlow` does it
and hands back the new lists.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QDialog, QListWidget, QListWidgetItem, QWidget

from mlsquiz.store.notes import NoteView, ReportView
from mlsquiz.ui.widgets import button, card, confirm, hbox, label, shortcut, vbox


def _day(report_or_note: NoteView | ReportView) -> str:
    when = report_or_note.created_at if isinstance(report_or_note, ReportView) else report_or_note.updated_at
    return when.astimezone().strftime("%d %b %Y")


def _one_line(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class NotesList(QDialog):
    unhide_requested = Signal(str)  # question id
    delete_report_requested = Signal(int)  # report id
    delete_note_requested = Signal(str)  # question id

    def __init__(
        self, notes: list[NoteView], reports: list[ReportView], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Notes and reports")
        self.setAccessibleName("Notes and reports")
        self.count = label(role="h3")
        intro = label(
            "Your reports and notes stay on this computer; the command “mlsquiz notes export” writes them out "
            "to send to the maintainers.",
            role="small",
            wrap=True,
        )
        self.list = QListWidget()
        self.list.setAccessibleName("Your reports and notes")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.empty = label("No reports or notes yet. In a drill or in review, Ctrl+Shift+N writes a note and "
                           "Ctrl+Shift+R reports a problem.", role="muted", wrap=True)  # fmt: skip
        self.unhide = button("Show in drills again", "Show this question in drills and exams again")
        self.unhide.clicked.connect(self._unhide)
        self.delete = button("Delete…", "Delete the selected report or note", variant="danger", tip="Delete")
        self.delete.clicked.connect(self._delete)
        close = button("Close", "Close", tip="Esc")
        close.clicked.connect(self.accept)
        self.setLayout(
            vbox(
                self.count,
                intro,
                self.empty,
                self.list,
                hbox(self.unhide, None, self.delete, close, spacing=8),
                margins=18,
                spacing=10,
            )
        )
        shortcut(self, ["Delete"], self._delete)
        shortcut(self, ["Esc"], self.accept)
        self.show_entries(notes, reports)
        room = parent.window().size() if parent is not None else QSize(1024, 640)
        layout = self.layout()
        wanted = max(720, layout.sizeHint().width() if layout is not None else 0)
        self.setMinimumSize(min(wanted, room.width() - 40), min(420, room.height() - 40))
        self.setMaximumHeight(max(room.height() - 20, 200))

    def show_entries(self, notes: list[NoteView], reports: list[ReportView]) -> None:
        row = max(self.list.currentRow(), 0)
        self.list.clear()
        for r in reports:
            state = "⊘ Hidden · " if r.hidden else ""
            comment = f"\n    “{_one_line(r.comment)}”" if r.comment else ""
            entry = QListWidgetItem(
                f"{state}Report: {r.kind} · {_day(r)}\n    {r.stem or r.question_id}{comment}"
            )
            entry.setData(Qt.ItemDataRole.UserRole, r)
            entry.setToolTip(f"{r.question_id} · bank {r.bank_version}")
            self.list.addItem(entry)
        for n in notes:
            entry = QListWidgetItem(
                f"✎ Note · {_day(n)}\n    {n.stem or n.question_id}\n    {_one_line(n.text)}"
            )
            entry.setData(Qt.ItemDataRole.UserRole, n)
            entry.setToolTip(n.question_id)
            self.list.addItem(entry)
        hidden = sum(r.hidden for r in reports)
        self.count.setText(
            f"{len(reports)} report{'' if len(reports) == 1 else 's'} ({hidden} hidden) · "
            f"{len(notes)} note{'' if len(notes) == 1 else 's'}"
        )
        self.empty.setVisible(not reports and not notes)
        self.list.setVisible(bool(reports or notes))
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._enable()

    def selected(self) -> NoteView | ReportView | None:
        entry = self.list.currentItem()
        value = entry.data(Qt.ItemDataRole.UserRole) if entry is not None else None
        return value if isinstance(value, NoteView | ReportView) else None

    def _enable(self) -> None:
        chosen = self.selected()
        self.unhide.setEnabled(isinstance(chosen, ReportView) and chosen.hidden)
        self.delete.setEnabled(chosen is not None)

    def _unhide(self) -> None:
        chosen = self.selected()
        if isinstance(chosen, ReportView) and chosen.hidden:
            self.unhide_requested.emit(chosen.question_id)

    def _delete(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        what = "this report" if isinstance(chosen, ReportView) else "this note"
        detail = (
            "Its question comes up in your drills and exams again."
            if getattr(chosen, "hidden", False)
            else ""
        )
        if not confirm(self, f"Delete {what}?", detail, "Delete", "Keep it", enter_says_yes=False):
            return
        if isinstance(chosen, ReportView):
            self.delete_report_requested.emit(chosen.id)
        else:
            self.delete_note_requested.emit(chosen.question_id)

    def focus_first(self) -> None:
        self.list.setFocus()


class NotesCard(QWidget):
    """Settings' way into the list: a card with what it holds and a button."""

    open_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.open = button("Notes and reports…", "Open your notes and reports")
        self.open.clicked.connect(self.open_requested)
        text = label(
            "Your notes on questions and the problems you reported. A question you hid from your drills and exams "
            "can be shown again here.",
            role="small",
            wrap=True,
        )
        frame = card(
            vbox(label("Notes and reports", role="h2"), text, hbox(self.open, None), margins=24, spacing=10)
        )
        self.setLayout(vbox(frame, margins=0))
