"""The results chart: percent correct per domain as bars, named by domain, against the exam's pass mark.

Drawn by hand rather than with Qt Charts so that every part says the same thing: each bar takes the colour its
legend entry shows (amber below the pass mark), every bar with questions carries its value ("0%" too), a domain
with no questions says so instead of showing an empty slot, and the domain names wrap under their bars, with
the full name and the counts in a tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from mlsquiz.store.views import TallyView
from mlsquiz.ui import theme

PLOT_LINES = 9  # the plot is this many text lines tall
NAME_LINES = 3  # a domain name wraps over at most this many lines


def percent(t: TallyView) -> int:
    return round(t.fraction * 100)


class DomainBars(QWidget):
    def __init__(self, name: str = "Score per domain", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.domains: list[TallyView] = []
        self.pass_level: float | None = None  # percent correct needed, for an exam
        self.passing_score: int | None = None
        self.setAccessibleName(name)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    # -- what is shown ---------------------------------------------------------------------------------------
    def show_domains(
        self, domains: Sequence[TallyView], passing_score: int | None, pass_level: float | None
    ) -> None:
        self.domains = list(domains)
        self.passing_score, self.pass_level = passing_score, pass_level
        self.setAccessibleDescription("; ".join(self.describe(d) for d in self.domains))
        self.updateGeometry()
        self.update()

    def values(self) -> list[int | None]:
        """Each bar's percent, None for a domain with no questions (for tests and screen readers)."""
        return [percent(d) if d.total else None for d in self.domains]

    def below(self, d: TallyView) -> bool:
        return self.pass_level is not None and d.total > 0 and d.fraction * 100 < self.pass_level

    def describe(self, d: TallyView) -> str:
        if not d.total:
            return f"Domain {d.id}, {d.title}: no questions"
        return f"Domain {d.id}, {d.title}: {d.correct} of {d.total} correct ({percent(d)}%)"

    # -- geometry --------------------------------------------------------------------------------------------
    def _line(self) -> int:
        return QFontMetrics(self.font()).height()

    def sizeHint(self) -> QSize:
        line = self._line()
        return QSize(600, round(line * (PLOT_LINES + NAME_LINES + 3.4)) + 12)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self.sizeHint().height())

    def _layout(self) -> tuple[QRectF, list[QRectF]]:
        """The plot area and one slot per domain (the slot's x range, the plot's height)."""
        line = self._line()
        axis = QFontMetrics(self._small()).horizontalAdvance("100%") + 10
        top = line * 1.4
        plot = QRectF(axis + 6, top, max(self.width() - axis - 16, 50), line * PLOT_LINES)
        n = max(len(self.domains), 1)
        width = plot.width() / n
        slots = [
            QRectF(plot.left() + i * width, plot.top(), width, plot.height())
            for i in range(len(self.domains))
        ]
        return plot, slots

    def _small(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.88, 7.0))
        return font

    def _y(self, plot: QRectF, value: float) -> float:
        return plot.bottom() - plot.height() * value / 100

    # -- drawing ---------------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        c = theme.current()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot, slots = self._layout()
        small, line = self._small(), self._line()
        p.setFont(small)
        for tick in range(0, 101, 20):
            y = self._y(plot, tick)
            p.setPen(QPen(QColor(c.border), 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QColor(c.muted))
            p.drawText(
                QRectF(0, y - line / 2, plot.left() - 8, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                f"{tick}%",
            )
        for d, slot in zip(self.domains, slots, strict=True):
            self._bar(p, d, slot, plot)
        if self.pass_level is not None and self.domains:
            y = self._y(plot, self.pass_level)
            p.setPen(QPen(QColor(c.danger), 2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        self._legend(p, plot.bottom() + line * (NAME_LINES + 0.8) + 8)
        p.end()

    def _bar(self, p: QPainter, d: TallyView, slot: QRectF, plot: QRectF) -> None:
        c = theme.current()
        line = self._line()
        bar_width = min(slot.width() * 0.5, line * 5)
        x = slot.center().x() - bar_width / 2
        value_box = QRectF(slot.left(), 0, slot.width(), line)
        bold = QFont(self.font())
        bold.setBold(True)
        if d.total:
            top = self._y(plot, d.fraction * 100)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(c.warning if self.below(d) else c.primary))
            p.drawRect(QRectF(x, top, bar_width, max(plot.bottom() - top, 1.5)))
            value_box.moveBottom(top - 2)
            p.setFont(bold)
            p.setPen(QColor(c.text))
            p.drawText(value_box, int(Qt.AlignmentFlag.AlignCenter), f"{percent(d)}%")
        else:
            value_box.moveBottom(plot.bottom() - 2)
            p.setFont(self._small())
            p.setPen(QColor(c.muted))
            p.drawText(value_box, int(Qt.AlignmentFlag.AlignCenter), "no questions")
        p.setFont(self._small())
        p.setPen(QColor(c.text))
        name = QRectF(slot.left() + 4, plot.bottom() + 6, slot.width() - 8, line * NAME_LINES)
        p.drawText(
            name,
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            self._fitted_name(d, name),
        )

    def _fitted_name(self, d: TallyView, box: QRectF) -> str:
        """ "3. Deployment and Orchestration of ML Workflows", shortened with "…" if it needs more lines."""
        text = f"{d.id}. {d.title}"
        metrics = QFontMetrics(self._small())
        flags = int(Qt.TextFlag.TextWordWrap)
        area = QRect(0, 0, int(box.width()), 10_000)
        if metrics.boundingRect(area, flags, text).height() <= box.height():
            return text
        words = text.split()
        while len(words) > 1:
            words.pop()
            shorter = " ".join(words) + "…"
            if metrics.boundingRect(area, flags, shorter).height() <= box.height():
                return shorter
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(box.width()))

    def _legend(self, p: QPainter, y: float) -> None:
        c = theme.current()
        line = self._line()
        entries: list[tuple[str, QColor, bool]] = []
        if self.pass_level is None:
            entries.append(("Percent correct", QColor(c.primary), False))
        else:
            entries.append(("At or above the pass mark", QColor(c.primary), False))
            entries.append(("Below the pass mark", QColor(c.warning), False))
            entries.append(
                (f"Pass mark ({self.passing_score} ≈ {self.pass_level:.0f}% correct)", QColor(c.danger), True)
            )
        p.setFont(self._small())
        metrics = QFontMetrics(self._small())
        widths = [line + 6 + metrics.horizontalAdvance(text) for text, _, _ in entries]
        gap = line * 1.5
        x = max((self.width() - sum(widths) - gap * (len(entries) - 1)) / 2, 4)
        for (text, colour, dashed), width in zip(entries, widths, strict=True):
            mid = y + line / 2
            if dashed:
                p.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
                p.drawLine(QPointF(x, mid), QPointF(x + line, mid))
            else:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(colour)
                p.drawRect(QRectF(x, mid - line * 0.35, line * 0.7, line * 0.7))
            p.setPen(QColor(c.text))
            p.drawText(QRectF(x + line + 6, y, width, line), int(Qt.AlignmentFlag.AlignVCenter), text)
            x += width + gap

    # -- tooltips --------------------------------------------------------------------------------------------
    def domain_at(self, x: float) -> TallyView | None:
        _plot, slots = self._layout()
        return next(
            (d for d, slot in zip(self.domains, slots, strict=True) if slot.left() <= x < slot.right()), None
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            d = self.domain_at(event.pos().x())
            if d is not None:
                QToolTip.showText(event.globalPos(), self.describe(d), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
