"""Settings' exam date: a tick box for "I have a date" and the date itself; unticked means no date."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QWidget

from mlsquiz.ui.widgets import hbox

MAX_YEARS_AHEAD = 2


class ExamDateField(QWidget):
    """An optional date: Space ticks the box (or clears the date), Tab moves to the date, arrows change it."""

    def __init__(self) -> None:
        super().__init__()
        self.booked = QCheckBox("Booked for")
        self.booked.setAccessibleName("I have an exam date")
        self.date = QDateEdit()
        self.date.setAccessibleName("Exam date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        self.booked.toggled.connect(self.date.setEnabled)
        self.setLayout(hbox(self.booked, self.date, None, margins=0, spacing=10))
        self.set_value(None)

    def set_value(self, value: date | None) -> None:
        """Show `value`; a date already past stays shown as it is, so saving does not move it."""
        today = QDate.currentDate()
        shown = QDate(value.year, value.month, value.day) if value is not None else today.addDays(30)
        self.date.setDateRange(min(today, shown), today.addYears(MAX_YEARS_AHEAD))
        self.date.setDate(shown)
        widest = self.date.fontMetrics().horizontalAdvance("28 Sep 2026")  # at the text size of the moment
        self.date.setMinimumWidth(widest + 3 * self.date.fontMetrics().averageCharWidth() + 24)
        self.booked.setChecked(value is not None)
        self.date.setEnabled(value is not None)

    def value(self) -> date | None:
        if not self.booked.isChecked():
            return None
        d = self.date.date()
        return date(d.year(), d.month(), d.day())
