"""The results' pacing and calibration cards: time per question by domain against the exam's budget, the
slowest questions, how often each confidence was right, and the answers given as "sure" that were wrong.

A question in either list opens in Review with Enter, a click or a double-click (`question_requested`)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from mlsquiz.store.insight_views import CalibrationView, LevelView, PacingView, QuestionRefView
from mlsquiz.ui.review_screen import preview
from mlsquiz.ui.widgets import card, duration, label, vbox

PACE_COLUMNS = ["Domain", "Questions", "Total", "Each", "vs budget"]
CALIBRATION_COLUMNS = ["Domain", "Sure", "Unsure", "Guess"]
OVER_TOLERANCE = 5.0  # seconds per question either side of the budget that read "on budget"


def against(mean: float, budget: float) -> str:
    """ "+0:01:57" over the budget per question, "−0:00:38" under it, "on budget" within 5 seconds."""
    over = mean - budget
    if abs(over) < OVER_TOLERANCE:
        return "on budget"
    return f"{'+' if over > 0 else '−'}{duration(abs(over))}"


def rate(level: LevelView) -> str:
    """ "2 of 3 · 67%": how many of the answers given at this level were right."""
    if not level.total:
        return "–"
    return f"{level.right} of {level.total} · {round(level.right / level.total * 100)}%"


def _table(columns: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setAccessibleName(name)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.setShowGrid(False)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            if c:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(r, c, cell)
    fit_height(table)


def _titled_card(owner: QWidget, title: str, *items: QWidget) -> None:
    """Lay `owner` out as one card: `title`, then `items`."""
    owner.setLayout(vbox(card(vbox(label(title, role="h2"), *items, margins=18, spacing=8)), margins=0))


def fit_height(table: QTableWidget) -> None:
    """As tall as its rows: the page scrolls, never the table inside it."""
    table.resizeRowsToContents()
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(table.horizontalHeader().height() + rows + 2 * table.frameWidth() + 2)


class QuestionList(QListWidget):
    """Questions of the attempt, one a line; Enter, a click or a double-click asks for its review."""

    question_requested = Signal(int)  # position

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.itemClicked.connect(self._open)
        self.itemActivated.connect(self._open)

    def show_questions(self, refs: list[QuestionRefView], with_time: bool) -> None:
        self.clear()
        for ref in refs:
            verdict = "" if ref.correct is None else ("✓" if ref.correct else "✗")
            time = f"{duration(ref.seconds)}  ·  " if with_time else ""
            text = f"{ref.position}  {verdict}  {time}Domain {ref.domain}  ·  {preview(ref.stem, 70)}"
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, ref.position)
            entry.setToolTip(f"Question {ref.position}: open it in Review (Enter or click)")
            self.addItem(entry)
        self.fit()

    def fit(self) -> None:
        self.doItemsLayout()
        rows = sum(self.sizeHintForRow(r) for r in range(self.count()))
        self.setFixedHeight(rows + 2 * self.frameWidth() + 4)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self._open(self.currentItem())
            return
        super().keyPressEvent(event)

    def _open(self, entry: QListWidgetItem) -> None:
        self.question_requested.emit(int(entry.data(Qt.ItemDataRole.UserRole)))


class PacingCard(QWidget):
    """Time per question by domain against the budget, and the slowest questions."""

    def __init__(self) -> None:
        super().__init__()
        self.budget = label(role="muted", wrap=True)
        self.table = _table(PACE_COLUMNS, "Time per question by domain")
        self.slowest = QuestionList("Slowest questions")
        self.slowest_title = label("Slowest questions", role="h3")
        _titled_card(self, "Time per question", self.budget, self.table, self.slowest_title, self.slowest)

    def show_pacing(self, pacing: PacingView, exam: bool) -> None:
        what = "this exam's time over its questions" if exam else "the exam's time over its questions"
        self.budget.setText(f"Budget: {duration(pacing.budget)} per question ({what}).")
        rows = [
            [
                f"{d.domain}  {d.title}" if d.domain != "all" else d.title,
                str(d.questions),
                duration(d.seconds),
                duration(d.mean),
                against(d.mean, d.budget),
            ]
            for d in [*pacing.domains, pacing.overall]
        ]
        _fill(self.table, rows)
        self.slowest.show_questions(pacing.slowest, with_time=True)
        self.slowest_title.setVisible(bool(pacing.slowest))
        self.slowest.setVisible(bool(pacing.slowest))


class CalibrationCard(QWidget):
    """How often "sure", "unsure" and "guess" were right, per domain, and the sure-and-wrong answers."""

    def __init__(self) -> None:
        super().__init__()
        self.table = _table(CALIBRATION_COLUMNS, "Calibration per domain")
        self.caption = label(
            "How many of your answers were right, by how sure you were.", role="muted", wrap=True
        )
        self.wrong_title = label("Sure and wrong: review these first", role="h3")
        self.wrong_note = label(
            "Answers you were sure of that were wrong: misconceptions held with confidence. The review of "
            "wrong answers takes them first.",
            role="small",
            wrap=True,
        )
        self.sure_wrong = QuestionList("Sure and wrong")
        self.none = label("No answer given as sure was wrong.", role="muted")
        items = (self.caption, self.table, self.wrong_title, self.wrong_note, self.sure_wrong, self.none)
        _titled_card(self, "Confidence and calibration", *items)

    def show_calibration(self, calibration: CalibrationView) -> None:
        rows = [
            [
                row.title if row.domain == "all" else f"{row.domain}  {row.title}",
                *(rate(level) for level in row.levels),
            ]
            for row in calibration.rows
        ]
        _fill(self.table, rows)
        self.sure_wrong.show_questions(calibration.sure_and_wrong, with_time=False)
        found = bool(calibration.sure_and_wrong)
        self.sure_wrong.setVisible(found)
        self.wrong_note.setVisible(found)
        self.none.setVisible(not found)


class Insights(QWidget):
    """Both cards, each shown only when the result has something for it."""

    question_requested = Signal(int)  # position

    def __init__(self) -> None:
        super().__init__()
        self.pacing = PacingCard()
        self.calibration = CalibrationCard()
        self.pacing.slowest.question_requested.connect(self.question_requested)
        self.calibration.sure_wrong.question_requested.connect(self.question_requested)
        self.setLayout(vbox(self.pacing, self.calibration, margins=0, spacing=16))

    def show_result(self, pacing: PacingView | None, calibration: CalibrationView | None, exam: bool) -> None:
        self.pacing.setVisible(pacing is not None)
        if pacing is not None:
            self.pacing.show_pacing(pacing, exam)
        self.calibration.setVisible(calibration is not None)
        if calibration is not None:
            self.calibration.show_calibration(calibration)
        self.setVisible(pacing is not None or calibration is not None)
        QTimer.singleShot(
            0, self, self.refit
        )  # once laid out at the page's width, the wrapped rows' heights hold

    def refit(self) -> None:
        """Wrapped cells change the rows' heights with the width."""
        for table in (self.pacing.table, self.calibration.table):
            if table.rowCount():
                fit_height(table)
        for questions in (self.pacing.slowest, self.calibration.sure_wrong):
            if questions.count():
                questions.fit()
