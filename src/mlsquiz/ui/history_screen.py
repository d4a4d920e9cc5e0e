"""Every attempt in a table (Enter or a double-click opens it in Review) and exam scores over time."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from mlsquiz.store.views import HistoryEntry
from mlsquiz.ui.charts import ChartView, score_chart
from mlsquiz.ui.widgets import Bar, button, card, duration, label, screen_widget, scroll, shortcut, vbox

COLUMNS = ["Started", "Submitted", "Type", "Exam", "Status", "Correct", "Score", "Result", "Time"]
WHEN = "%d %b %Y %H:%M"
Index = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.entries: list[HistoryEntry] = []

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(e, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.UserRole:
            return e.id
        return None

    @staticmethod
    def _text(e: HistoryEntry, column: int) -> str:
        submitted = e.submitted_at.astimezone().strftime(WHEN) if e.submitted_at else "—"
        result = "—" if e.passed is None else "Pass" if e.passed else "Fail"
        values = [
            e.started_at.astimezone().strftime(WHEN),
            submitted,
            e.mode.capitalize(),
            e.blueprint.upper(),
            e.status.replace("_", " "),
            f"{e.correct} / {e.questions}",
            str(e.scaled_score) if e.scaled_score is not None else "—",
            result,
            duration(e.elapsed_seconds),
        ]
        return values[column]


class HistoryScreen(QWidget):
    open_requested = Signal(int)
    discard_requested = Signal(int)
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        screen_widget(self, "History")
        self.back = button("Back", "Back to the dashboard", tip="Esc")
        self.back.clicked.connect(self.back_requested)
        self.open = button(
            "Open in review", "Open the selected attempt in review", variant="primary", tip="Enter"
        )
        self.open.clicked.connect(self._open_current)
        self.discard = button("Discard…", "Discard the selected unfinished attempt", tip="Delete")
        self.discard.clicked.connect(self._discard_current)
        bar = Bar([label("History", role="h2")], [self.back, self.discard, self.open])
        self.model = HistoryModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Attempts")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )  # never "…": scroll sideways instead
        header.setStretchLastSection(True)
        self.table.setShowGrid(False)
        self.table.setMinimumHeight(200)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        self.empty = label("No attempts yet. Start a mock exam or a drill from the dashboard.", role="muted")
        self.chart = ChartView("Exam scores over time")
        self.chart.setMinimumHeight(max(260, self.chart.fontMetrics().height() * 14))
        self.chart_note = label(role="small")
        table_card = card(vbox(label("Attempts", role="h3"), self.empty, self.table, margins=16, spacing=8))
        chart_card = card(
            vbox(
                label("Exam scores over time", role="h3"), self.chart, self.chart_note, margins=16, spacing=8
            )
        )
        body = QWidget()
        self.body_layout = vbox(table_card, chart_card, margins=16, spacing=16)
        self.body_layout.setStretch(0, 3)
        self.body_layout.setStretch(1, 2)
        body.setLayout(self.body_layout)
        self.setLayout(vbox(bar, scroll(body), spacing=0))
        shortcut(self, ["Escape"], self.back_requested.emit)
        shortcut(self, ["Return", "Enter"], self._open_current)
        shortcut(self, ["Delete"], self._discard_current)

    def show_history(self, entries: list[HistoryEntry], pass_marks: dict[str, int]) -> None:
        self.model.set_entries(entries)
        self.empty.setVisible(not entries)
        self.table.setVisible(bool(entries))
        # with no attempts the card holds one line: it keeps to it, and the chart's card takes the room
        self.body_layout.setStretch(0, 3 if entries else 0)
        self.open.setEnabled(bool(entries))
        if entries:
            self.table.selectRow(0)
        self._selection_changed()
        exams = [e for e in reversed(entries) if e.mode == "exam" and e.scaled_score is not None]
        points: dict[str, list[tuple[int, int]]] = {}
        for e in exams:
            line = points.setdefault(e.blueprint, [])
            line.append((len(line) + 1, e.scaled_score or 0))
        self.chart.show_chart(score_chart(points, {b: pass_marks[b] for b in points if b in pass_marks}))
        self.chart_note.setText(
            "Submitted exams only; dashed lines are the pass marks."
            if exams
            else "Scores appear here after your first submitted exam."
        )

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(int(self.model.data(index, Qt.ItemDataRole.UserRole)))

    def _open_current(self) -> None:
        self._open_index(self.table.currentIndex())

    def current_entry(self) -> HistoryEntry | None:
        row = self.table.currentIndex().row()
        return self.model.entries[row] if 0 <= row < len(self.model.entries) else None

    def _selection_changed(self) -> None:
        entry = self.current_entry()
        self.discard.setEnabled(entry is not None and entry.status != "submitted")

    def _discard_current(self) -> None:
        entry = self.current_entry()
        if entry is not None and entry.status != "submitted":
            self.discard_requested.emit(entry.id)

    def focus_first(self) -> None:
        self.table.setFocus()
