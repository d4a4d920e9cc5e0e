"""The result of an exam, drill or review session: score, verdict, time, per-domain chart and per-task table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal, SignalInstance
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableView, QWidget

from mlsquiz.store.views import ResultView, TallyView
from mlsquiz.ui.charts import pass_percent
from mlsquiz.ui.domain_bars import DomainBars
from mlsquiz.ui.results_insights import Insights
from mlsquiz.ui.widgets import (
    Bar,
    ElidedLabel,
    button,
    card,
    duration,
    hbox,
    label,
    screen_widget,
    scroll,
    set_prop,
    shortcut,
    vbox,
)

TASK_COLUMNS = ["Task", "Task statement", "Correct", "Of", "Score"]
Index = QModelIndex | QPersistentModelIndex


class TaskModel(QAbstractTableModel):
    """The score per task statement, one row each (the results' table)."""

    def __init__(self) -> None:
        super().__init__()
        self.tasks: list[TallyView] = []

    def set_tasks(self, tasks: list[TallyView]) -> None:
        self.beginResetModel()
        self.tasks = tasks
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.tasks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(TASK_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return TASK_COLUMNS[section]
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        t = self.tasks[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [t.id, t.title, str(t.correct), str(t.total), f"{round(t.fraction * 100)}%"][
                index.column()
            ]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != 1:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class ResultsScreen(QWidget):
    review_requested = Signal(int)
    drill_wrong_requested = Signal(int)
    more_review_requested = Signal()
    weak_spots_requested = Signal(str)  # the exam's blueprint
    home_requested = Signal()
    review_question_requested = Signal(
        int, int
    )  # attempt id, position (from the pacing and calibration cards)

    def __init__(self) -> None:
        super().__init__()
        screen_widget(self, "Results")
        self.result: ResultView | None = None
        self.title = ElidedLabel(role="h3")
        self.review = button("Review answers", "Review answers", variant="primary")
        self.review.clicked.connect(lambda: self._emit(self.review_requested))
        self.drill = button("Drill the wrong ones", "Drill the wrong answers")
        self.drill.clicked.connect(lambda: self._emit(self.drill_wrong_requested))
        self.home = button("Dashboard", "Back to the dashboard", tip="Esc")
        self.home.clicked.connect(self.home_requested)
        self.more = button("Review the rest", "Review the wrong answers still due")
        self.more.clicked.connect(self.more_review_requested)
        self.more.hide()
        bar = Bar([self.title], [self.home, self.more, self.drill, self.review])

        self.score = label(role="big")
        self.score.setAccessibleName("Score")
        self.out_of = label(role="muted")
        self.verdict = label(role="verdict")
        self.verdict.setAccessibleName("Verdict")
        self.details = label(role="muted", wrap=True)
        self.time = label(role="muted")
        self.timed_out = label(role="small", wrap=True)
        self.timed_out.setProperty("tone", "warning")
        self.timed_out.setAccessibleName("Time ran out")
        self.note = label(role="small", wrap=True)
        self.weak = button(
            "Drill my weak spots", "Drill my weak spots", tip="The task statements to work on next"
        )
        self.weak.clicked.connect(self._weak_spots)
        self.weak_note = label(
            "Next: the task statements where practice raises your score most.", role="small", wrap=True
        )
        hero = card(
            vbox(
                hbox(self.score, self.out_of, None, self.verdict, spacing=12),
                self.details,
                self.time,
                self.timed_out,
                self.note,
                hbox(self.weak, self.weak_note, spacing=10),
                margins=20,
                spacing=6,
            )
        )

        self.chart = DomainBars("Score per domain")
        chart_card = card(vbox(label("Score per domain", role="h2"), self.chart, margins=18, spacing=8))

        self.tasks = TaskModel()
        self.table = QTableView()
        self.table.setModel(self.tasks)
        self.table.setAccessibleName("Score per task statement")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setShowGrid(False)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table_card = card(vbox(label("By task statement", role="h2"), self.table, margins=18, spacing=8))

        self.insights = Insights()
        self.insights.question_requested.connect(self._review_question)
        content = QWidget()
        page = vbox(hero, chart_card, self.insights, table_card, margins=20, spacing=16)
        page.addStretch(1)
        content.setLayout(page)
        self.area = scroll(content)
        self.setLayout(vbox(bar, self.area, spacing=0))
        shortcut(self, ["Escape"], self.home_requested.emit)

    def _emit(self, signal: SignalInstance) -> None:
        if self.result is not None:
            signal.emit(self.result.attempt_id)

    def _weak_spots(self) -> None:
        if self.result is not None:
            self.weak_spots_requested.emit(self.result.blueprint)

    def _review_question(self, position: int) -> None:
        if self.result is not None:
            self.review_question_requested.emit(self.result.attempt_id, position)

    def show_result(self, result: ResultView) -> None:
        self.result = result
        exam = result.mode == "exam"
        self.title.setText(result.title)
        percent = round(result.correct / result.total * 100) if result.total else 0
        if exam and result.scaled_score is not None:
            self.score.setText(str(result.scaled_score))
            self.out_of.setText(f"/ 1000  ·  pass mark {result.passing_score}")
            passed = bool(result.passed)
            self.verdict.setText("PASS" if passed else "FAIL")
            set_prop(self.verdict, "tone", "success" if passed else "danger")
            self.note.setText(
                "Scaled score approximated as 100 + 900 × fraction correct; AWS equates exam forms, "
                "so a real score can differ."
            )
        else:
            self.score.setText(f"{result.correct} / {result.total}")
            self.out_of.setText(f"correct  ·  {percent}%")
            self.verdict.setText(f"{percent}%")
            set_prop(
                self.verdict, "tone", "success" if percent >= 70 else "warning" if percent >= 50 else "danger"
            )
            self.note.setText("")
        self.verdict.setVisible(result.status == "submitted")
        for w in (self.weak, self.weak_note):
            w.setVisible(exam and result.status == "submitted")
        self.note.setVisible(bool(self.note.text()))
        self.details.setText(
            f"{result.correct} of {result.total} correct ({percent}%) · {result.answered} answered · "
            f"{result.blueprint_name}"
        )
        limit = f" of {duration(result.limit_seconds)}" if result.limit_seconds else ""
        self.time.setText(f"Time used: {duration(result.elapsed)}{limit}  (hours:minutes:seconds)")
        ran_out = bool(result.limit_seconds) and result.elapsed >= (result.limit_seconds or 0) - 0.5
        self.timed_out.setText(
            "Time ran out, so the exam was submitted automatically with the answers given."
            if ran_out and result.status == "submitted"
            else ""
        )
        self.timed_out.setVisible(bool(self.timed_out.text()))
        passing = result.passing_score if exam else None
        self.chart.show_domains(result.by_domain, passing, pass_percent(passing) if passing else None)
        self.tasks.set_tasks(result.by_task)
        self.table.resizeRowsToContents()
        self._fit_table()
        wrong = result.total - result.correct
        finished = result.status == "submitted"
        self.drill.setEnabled(wrong > 0 and finished)
        self.drill.setText(f"Drill the {wrong} wrong" if wrong else "No wrong answers")
        self.more.hide()
        self.insights.show_result(result.pacing, result.calibration, exam)
        self.area.verticalScrollBar().setValue(0)

    def show_more_due(self, due: int) -> None:
        """After a review: offer the wrong answers still due, if any."""
        self.more.setText(f"Review {min(due, 20)} more" if due else "Review more")
        self.more.setToolTip(f"{due} wrong answers are still due; a session reviews up to 20.")
        self.more.setVisible(due > 0)

    def _fit_table(self) -> None:
        """The table is as tall as its rows: the page scrolls, never the table inside it."""
        rows = self.tasks.rowCount()
        height = self.table.horizontalHeader().height() + sum(self.table.rowHeight(r) for r in range(rows))
        self.table.setFixedHeight(height + 2 * self.table.frameWidth() + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.tasks.rowCount():  # wrapped titles change the row heights with the width
            self.table.resizeRowsToContents()
            self._fit_table()
        self.insights.refit()

    def focus_first(self) -> None:
        self.review.setFocus()
