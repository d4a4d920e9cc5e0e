"""The two charts: score per domain against the pass line, and scaled scores over time. Colours follow the theme."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QApplication, QWidget

from mlsquiz.ui import theme


def pass_percent(passing_score: int) -> float:
    """The pass mark on the percent-correct scale: scaled = 100 + 900 × fraction (EXAM_FACTS.md)."""
    return (passing_score - 100) / 900 * 100


def _chart() -> QChart:
    c = theme.current()
    chart = QChart()
    chart.setBackgroundBrush(QBrush(QColor(c.surface)))
    chart.setBackgroundRoundness(0)
    chart.setPlotAreaBackgroundVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setLabelColor(QColor(c.text))
    chart.legend().setFont(_font(0.9))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _font(factor: float = 1.0, bold: bool = False) -> QFont:
    font = QFont(QApplication.font())
    font.setPointSize(max(round(font.pointSize() * factor), 7))
    font.setBold(bold)
    return font


def _axis(axis: QValueAxis | QBarCategoryAxis) -> None:
    c = theme.current()
    axis.setLabelsColor(QColor(c.muted))
    axis.setLabelsFont(_font(0.85))
    axis.setGridLineColor(QColor(c.border))
    axis.setLinePenColor(QColor(c.border_strong))
    axis.setTitleBrush(QBrush(QColor(c.muted)))
    axis.setTitleFont(_font(0.85))


def _pass_pen() -> QPen:
    pen = QPen(QColor(theme.current().danger))
    pen.setWidth(2)
    pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def score_chart(series_points: dict[str, list[tuple[int, int]]], pass_marks: dict[str, int]) -> QChart:
    """Scaled scores by exam number, one line per blueprint, each with its pass mark dashed."""
    c = theme.current()
    chart = _chart()
    palette = [c.primary, c.success, c.warning]
    longest = max((len(p) for p in series_points.values()), default=0)
    scores = [s for points in series_points.values() for _, s in points] + list(pass_marks.values())
    x = QValueAxis()
    x.setRange(0.5, max(longest, 1) + 0.5)
    x.setTickType(QValueAxis.TickType.TicksDynamic)
    x.setTickAnchor(1)
    x.setTickInterval(max(1, longest // 10))
    x.setLabelFormat("%d")
    x.setTitleText("Exam number")
    y = QValueAxis()
    low = max(100, (min(scores, default=500) - 50) // 100 * 100)
    y.setRange(low, 1000)
    y.setTickType(QValueAxis.TickType.TicksDynamic)
    y.setTickAnchor(100)
    y.setTickInterval(100 if 1000 - low <= 500 else 200)
    y.setLabelFormat("%d")
    for axis in (x, y):
        _axis(axis)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    for i, (name, points) in enumerate(series_points.items()):
        colour = QColor(palette[i % len(palette)])
        line = QLineSeries()
        line.setName(name.upper())
        dots = QScatterSeries()
        dots.setMarkerSize(9)
        dots.setColor(colour)
        dots.setBorderColor(colour)
        for n, score in points:
            line.append(QPointF(n, score))
            dots.append(QPointF(n, score))
        pen = QPen(colour)
        pen.setWidth(3)
        line.setPen(pen)
        for s in (line, dots):
            chart.addSeries(s)
            s.attachAxis(x)
            s.attachAxis(y)
        chart.legend().markers(dots)[0].setVisible(False)
        mark = pass_marks.get(name)
        if mark is not None:
            edge = QLineSeries()
            edge.setName(f"{name.upper()} pass mark {mark}")
            edge.append(QPointF(0.5, mark))
            edge.append(QPointF(max(longest, 1) + 0.5, mark))
            edge_pen = _pass_pen()
            if len(series_points) > 1:  # several exams: each pass line takes its exam's colour
                edge_pen.setColor(colour)
            edge_pen.setWidth(2)
            edge.setPen(edge_pen)
            chart.addSeries(edge)
            edge.attachAxis(x)
            edge.attachAxis(y)
    return chart


class ChartView(QChartView):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName(name)
        self.setMinimumHeight(240)
        self.setStyleSheet("background: transparent;")

    def show_chart(self, chart: QChart) -> None:
        old = self.chart()
        self.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()
