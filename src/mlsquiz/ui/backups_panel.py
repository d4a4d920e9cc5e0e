"""Settings → Backups: the user's backups listed, one made now, one restored, the data checked.

A passive panel: it shows the rows it is given and reports what the user asked for; the app controller does the
work through the store and hands back the new list and a one-line result.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from mlsquiz.store.dbfile import plural
from mlsquiz.store.views import BackupView
from mlsquiz.ui.widgets import button, card, confirm, hbox, label, set_prop, vbox


class BackupsPanel(QWidget):
    backup_requested = Signal()
    restore_requested = Signal(str)  # the backup's file name
    check_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Backups")
        self.rows = QListWidget()
        self.rows.setAccessibleName("Backups, newest first")
        self.rows.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rows.setMinimumHeight(140)
        self.backup = button("Back up now", "Back up now")
        self.backup.clicked.connect(self.backup_requested)
        self.restore = button("Restore selected…", "Restore the selected backup")
        self.restore.clicked.connect(self._restore)
        self.check = button("Check data", "Check the data file's integrity")
        self.check.clicked.connect(self.check_requested)
        self.result = label(role="small", wrap=True)
        self.result.setAccessibleName("Backup result")
        intro = label(
            "mlsquiz backs up your history when it starts and when you quit, and keeps the last 10 backups and "
            "one a day for a week. A backup that holds more than the newest one is never pruned.",
            role="small",
            wrap=True,
        )
        panel = card(
            vbox(
                label("Backups", role="h2"),
                intro,
                self.rows,
                hbox(self.backup, self.restore, self.check, None, spacing=10),
                self.result,
                margins=24,
                spacing=12,
            )
        )
        self.setLayout(vbox(panel))
        self.rows.currentRowChanged.connect(lambda _row: self._enable())
        self._enable()

    def show_backups(self, backups: list[BackupView]) -> None:
        self.rows.clear()
        for b in backups:
            item = QListWidgetItem(
                f"{b.taken_at.astimezone():%Y-%m-%d %H:%M} · {plural(b.attempts, 'attempt')} · "
                f"{plural(b.answers, 'answer')}"
            )
            item.setData(Qt.ItemDataRole.UserRole, b.file)
            item.setToolTip(b.file)
            self.rows.addItem(item)
        if not backups:
            self.rows.addItem(QListWidgetItem("No backups yet: one is taken when you quit."))
            self.rows.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self._enable()

    def show_result(self, text: str, tone: str = "") -> None:
        self.result.setText(text)
        set_prop(self.result, "tone", tone)

    def selected(self) -> str | None:
        item = self.rows.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return str(value) if value else None

    def _enable(self) -> None:
        self.restore.setEnabled(self.selected() is not None)

    def _restore(self) -> None:
        name = self.selected()
        if name is None:
            return
        detail = (
            f"mlsquiz replaces your data with the backup {name}. Your current data file is kept aside in the "
            "data folder, so nothing is deleted."
        )
        if confirm(self, "Restore this backup?", detail, "Restore", "Cancel", enter_says_yes=False):
            self.restore_requested.emit(name)
