"""One domain's estimated accuracy on the dashboard: the likely range as a band, the estimate as a marker."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from mlsquiz.store.views import DomainReadinessView
from mlsquiz.ui import theme
from mlsquiz.ui.widgets import hbox, label, vbox


class RangeBar(QWidget):
    """A 0–100% track with the 80% interval shaded, the mean marked and the pass level as a dashed tick."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mean = self.low = self.high = 0.0
        self.empty = True
        self.pass_level: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(200, 16)

    def set_values(
        self, mean: float, low: float, high: float, pass_level: float | None, *, empty: bool
    ) -> None:
        """`empty`: no answers yet, so only the track and the pass level are drawn."""
        self.mean, self.low, self.high, self.pass_level, self.empty = mean, low, high, pass_level, empty
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        c = theme.current()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width() - 2, self.height()
        track = QRectF(1, h / 2 - 5, w, 10)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(c.surface_alt))
        p.drawRoundedRect(track, 5, 5)
        if self.empty:
            self._pass_tick(p, w, h)
            p.end()
            return
        band = QRectF(1 + w * self.low, track.top(), max(w * (self.high - self.low), 2), track.height())
        p.setBrush(QColor(c.primary_soft))
        p.setPen(QPen(QColor(c.primary), 1))
        p.drawRoundedRect(band, 5, 5)
        fill = QRectF(1, track.top() + 3, w * self.mean, track.height() - 6)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(c.primary))
        p.drawRoundedRect(fill, 2, 2)
        p.drawEllipse(QRectF(1 + w * self.mean - 6, h / 2 - 6, 12, 12))
        self._pass_tick(p, w, h)
        p.end()

    def _pass_tick(self, p: QPainter, w: float, h: int) -> None:
        if self.pass_level is not None:
            x = 1 + w * self.pass_level
            p.setPen(QPen(QColor(theme.current().danger), 2, Qt.PenStyle.DashLine))
            p.drawLine(int(x), 0, int(x), h)


class DomainReadinessRow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label(wrap=True)
        self.value = label(role="muted")
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.bar = RangeBar()
        top = hbox(self.title, self.value, spacing=12)
        top.setStretch(0, 1)  # the name takes the free width and wraps only when it must
        self.setLayout(vbox(top, self.bar, spacing=4))

    def show_domain(self, d: DomainReadinessView, pass_level: float, enough: bool) -> None:
        self.title.setText(f"{d.domain}. {d.title}")
        mean, low, high = (round(v * 100) for v in (d.mean, d.low, d.high))
        answered = f"{d.correct}/{d.total} right" if d.total else "no answers yet"
        self.value.setText(f"{mean}%  ({low}–{high}%) · {answered}" if enough or d.total else answered)
        self.bar.set_values(d.mean, d.low, d.high, pass_level, empty=d.total == 0)
        description = f"estimated {mean} percent, likely between {low} and {high} percent; {answered}"
        self.setAccessibleName(f"Domain {d.domain} readiness")
        self.setAccessibleDescription(description)
