"""Notes and reports in the app: the dialogs behind Ctrl+Shift+N and Ctrl+Shift+R (in a drill, a wrong-answer
review session, and the review of an attempt), and Settings → Notes and reports.

The flow keeps the user's notes by question id (`texts`, read from the store when a drill or a review opens and
kept current on every save) and hands that map to the drill's and the review's question views, never to the
exam's. Each dialog opens without blocking (`open`); what it holds is written when it is accepted, through the
app controller's guard, so a refusal from the core becomes a message and a damaged file is recovered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog

from mlsquiz.store.views import ItemView
from mlsquiz.ui import state as st
from mlsquiz.ui.note_dialogs import NoteDialog, ReportDialog
from mlsquiz.ui.notes_list import NotesList
from mlsquiz.ui.question_view import QuestionView
from mlsquiz.ui.review_screen import preview

if TYPE_CHECKING:
    from mlsquiz.store.facade import Store
    from mlsquiz.ui.screens import Screens

Guard = Callable[[Callable[..., None]], Callable[..., None]]


class NotesFlow(QObject):
    dialog_shown = Signal(object)  # the dialog, for tests and the screenshots

    def __init__(
        self,
        screens: Screens,
        store: Callable[[], Store | None],
        notify: Callable[[str, str], None],
        guard: Guard,
    ) -> None:
        super().__init__()
        self.s = screens
        self.store = store
        self.notify = notify
        self.texts: dict[str, str] = {}
        self.dialog: QDialog | None = None
        self.views: list[QuestionView] = [screens.drill.question, screens.review.question]
        for view in self.views:
            view.notes = self.texts  # the same dict: a save shows everywhere
        for actions in (screens.drill.note_actions, screens.review.note_actions):
            actions.note_requested.connect(guard(self.edit_note))
            actions.report_requested.connect(guard(self.report))
        screens.settings.notes_card.open_requested.connect(guard(self.show_list))
        self._write = guard(lambda action: action())

    def state_changed(self, state: object) -> None:
        """A drill or a review opens: read the notes afresh (a restored backup may hold others)."""
        store = self.store()
        if store is not None and isinstance(state, st.Drill | st.Review):
            self.texts.clear()
            self.texts.update(store.notes.note_texts())
            for view in self.views:
                view.show_note()

    # -- the dialogs ---------------------------------------------------------------------------------------------
    def _open(self, dialog: QDialog, on_accept: Callable[[], None]) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._write(on_accept))
        dialog.finished.connect(lambda _code: self._closed(dialog))
        dialog.open()
        self.dialog_shown.emit(dialog)

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        window = self.s.window()
        window.activateWindow()  # the keys go back to the screen below

    def edit_note(self, item: ItemView) -> None:
        store = self.store()
        if store is None:
            return
        dialog = NoteDialog(
            preview(item.stem, 160), item.question_id, store.notes.note(item.question_id), self.s
        )
        self._open(dialog, lambda: self._save_note(item, dialog.text()))

    def _save_note(self, item: ItemView, text: str) -> None:
        store = self.store()
        assert store is not None
        had = item.question_id in self.texts
        saved = store.notes.set_note(item.question_id, text)
        if saved is None:
            self.texts.pop(item.question_id, None)
        else:
            self.texts[item.question_id] = saved.text
        for view in self.views:
            view.show_note()
            if saved is not None and view.note_box.isVisible():
                view.scroll_to_note()
        if saved is None:
            self.notify("Note deleted." if had else "No note saved: it was empty.", "info")
        elif not item.revealed and self.s.currentWidget() is self.s.drill:
            self.notify("Note saved. It shows with the explanation once you check your answer.", "info")
        else:
            self.notify("Note saved.", "info")

    def report(self, item: ItemView) -> None:
        if self.store() is None:
            return
        dialog = ReportDialog(preview(item.stem, 160), item.question_id, self.s)
        self._open(dialog, lambda: self._save_report(item, dialog))

    def _save_report(self, item: ItemView, dialog: ReportDialog) -> None:
        store = self.store()
        kind = dialog.kind()
        assert store is not None and kind is not None
        saved = store.notes.report(item.question_id, kind, dialog.comment(), hide=dialog.hide_question())
        hidden = " It is hidden from your drills and exams." if saved.hidden else ""
        self.notify(f"Reported as “{saved.kind}”.{hidden}", "info")

    # -- the list ------------------------------------------------------------------------------------------------
    def show_list(self) -> None:
        store = self.store()
        if store is None:
            return
        dialog = NotesList(store.notes.notes(), store.notes.reports(), self.s)
        dialog.unhide_requested.connect(
            lambda qid: self._write(lambda: self._change(lambda s: s.notes.unhide(qid)))
        )
        dialog.delete_report_requested.connect(
            lambda rid: self._write(lambda: self._change(lambda s: s.notes.delete_report(rid)))
        )
        dialog.delete_note_requested.connect(
            lambda qid: self._write(lambda: self._change(lambda s: s.notes.set_note(qid, "")))
        )
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self._closed(dialog))
        dialog.open()
        dialog.focus_first()
        self.dialog_shown.emit(dialog)

    def _change(self, action: Callable[[Store], Any]) -> None:
        store = self.store()
        assert store is not None
        action(store)
        self.texts.clear()
        self.texts.update(store.notes.note_texts())
        if isinstance(self.dialog, NotesList):
            self.dialog.show_entries(store.notes.notes(), store.notes.reports())
