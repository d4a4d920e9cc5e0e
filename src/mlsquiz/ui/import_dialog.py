"""The import preview: what a file would add, what it skips and why, and its errors, before anything is written.

The dialog only shows the report it is given and says whether the user chose Import or Cancel; reading the file
and writing the questions are the `ImportFlow`'s business.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QListWidget, QWidget

from mlsquiz.bank.user_bank import ImportReport
from mlsquiz.ui.widgets import button, hbox, label, shortcut, vbox


def summary(report: ImportReport) -> str:
    """`3 to import (2 new, 1 updated) · 1 skipped · 0 errors`."""
    n = report.imported + report.updated
    return (
        f"{n} to import ({report.imported} new, {report.updated} updated) · "
        f"{len(report.skipped)} skipped · {len(report.errors)} error{'s' if len(report.errors) != 1 else ''}"
    )


class ImportPreview(QDialog):
    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import questions")
        self.setAccessibleName("Import questions")
        self.setMinimumSize(640, 420)
        self.report = report
        self.summary = label(summary(report), role="h3", wrap=True)
        self.summary.setAccessibleName("Import summary")
        self.lines = QListWidget()
        self.lines.setAccessibleName("What the file holds")
        for result in report.files:
            for error in result.errors:
                self.lines.addItem(f"Error — {error.format()}")
            for skip in result.skipped:
                self.lines.addItem(f"Skipped — line {skip.line}: {skip.title}: {skip.reason}")
            for q in result.questions:
                status = "update" if q.id in report.updates else "new"
                title = result.titles.get(q.id) or " ".join(q.stem.split())[:80]
                self.lines.addItem(f"{status.capitalize()} — line {result.lines[q.id]}: {title}")
        importable = report.imported + report.updated
        if report.errors:
            note = (
                "The file has errors, so nothing will be imported. Fix the lines named and import it again."
            )
        elif not importable:
            note = "The file holds no question mlsquiz can ask."
        else:
            note = (
                "Imported questions join your drills, reviews and readiness. Nothing is written until Import."
            )
        self.note = label(note, role="muted", wrap=True)
        self.import_button = button("Import", "Import the questions", variant="primary")
        self.import_button.setEnabled(bool(importable) and not report.errors)
        self.import_button.clicked.connect(self.accept)
        self.cancel_button = button("Cancel", "Cancel the import")
        self.cancel_button.clicked.connect(self.reject)
        self.setLayout(
            vbox(
                self.summary,
                self.lines,
                self.note,
                hbox(None, self.cancel_button, self.import_button),
                margins=18,
                spacing=10,
            )
        )
        shortcut(self, ["Esc"], self.reject)
        (self.import_button if self.import_button.isEnabled() else self.cancel_button).setFocus()
