"""The main window: the screens, a message banner, the theme and the remembered geometry.

What the screens show and when is the `AppController`'s business; the window owns what is the window's.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMargins, QRect, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from mlsquiz.look import read_look
from mlsquiz.ui import theme
from mlsquiz.ui.screens import Screens
from mlsquiz.ui.widgets import button, card, hbox, label, set_prop, vbox

if TYPE_CHECKING:
    from mlsquiz.bank.bank import Bank
    from mlsquiz.exam.attempt import Clock
    from mlsquiz.settings import Settings
    from mlsquiz.ui.app_controller import AppController


def shipped_bank() -> Bank:
    """The default bank loader: the compiled-bank cache (imported on the thread pool, not before the first
    frame)."""
    from mlsquiz.bank.cache import load_cached_bank

    return load_cached_bank()


MIN_WIDTH, MIN_HEIGHT = 1024, 640
DEFAULT_SIZE = (1280, 800)


def fit_rect(frame: QRect, available: list[QRect]) -> QRect:
    """`frame` moved, and shrunk if it must be, into the available area it overlaps most (the first if none)."""

    def overlap(area: QRect) -> int:
        common = area.intersected(frame)
        return common.width() * common.height() if common.isValid() else 0

    area = max(available, key=overlap) if any(overlap(a) for a in available) else available[0]
    width, height = min(frame.width(), area.width()), min(frame.height(), area.height())
    left = min(max(frame.left(), area.left()), area.right() + 1 - width)
    top = min(max(frame.top(), area.top()), area.bottom() + 1 - height)
    return QRect(left, top, width, height)


class MainWindow(QMainWindow):
    def __init__(
        self, data_dir: Path, *, bank_loader: Callable[[], Bank] = shipped_bank, clock: Clock | None = None
    ) -> None:
        super().__init__()
        # Ends with the application's display name, so Qt does not append it a second time.
        self.setWindowTitle("AWS Machine Learning practice exams — mlsquiz")
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        self._fit_on_show = False  # set by restore_geometry, the app's start
        self._started = False
        self.data_dir = data_dir
        self.screens = Screens()
        self.banner_text = label(wrap=True)
        self.banner_text.setAccessibleName("Message")
        dismiss = button("Dismiss", "Dismiss message", variant="flat")
        dismiss.clicked.connect(self.hide_banner)
        self.banner = card(hbox(self.banner_text, dismiss, margins=10), "banner")
        self.banner.hide()
        self.banner_timer = QTimer(self)
        self.banner_timer.setSingleShot(True)
        self.banner_timer.timeout.connect(self.hide_banner)
        central = QWidget()
        layout = vbox(self.banner, self.screens, spacing=0)
        central.setLayout(layout)
        self.setCentralWidget(central)
        self._controller: AppController | None = None  # made after the first frame (`controller`)
        self._bank_loader, self._clock = bank_loader, clock
        self.screens.loading.quit_requested.connect(self.close)
        self.load_error: str | None = None
        # before the store opens, the settings file alone gives the look and the geometry (a small JSON file,
        # read without the core, so the first frame comes at once)
        self.look = read_look(data_dir)  # read once: the theme, the text size and the remembered geometry
        self.apply_look(self.look.theme, self.look.font_size)
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(lambda _scheme: self._system_scheme_changed())

    @property
    def controller(self) -> AppController:
        """The app's state machine, made on first use: the app's start makes it once the first frame is painted,
        so its modules are not on the way there."""
        if self._controller is None:
            from mlsquiz.ui.app_controller import AppController

            self._controller = AppController(
                self.screens, self.data_dir, self._bank_loader, self._clock, self.notify
            )
            self._controller.built.connect(
                lambda: self.screens.settings.save_requested.connect(self.save_settings)
            )
            self._controller.load_failed.connect(self._load_failed)
        return self._controller

    def start(self) -> None:
        """Show "Loading…" and load the bank and the first dashboard on the thread pool (once)."""
        if not self._started:
            self._started = True
            self.controller.start()

    def _load_failed(self, message: str) -> None:
        self.load_error = message

    # -- look ----------------------------------------------------------------------------------------------------
    def apply_settings(self, settings: Settings) -> None:
        self.apply_look(settings.theme, settings.font_size)

    def apply_look(self, theme_name: str, font_size: int) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        theme.apply_theme(app, self, theme_name, font_size)
        self.current_theme = theme_name
        self.current_font_size = font_size
        if self._controller is not None:
            self._controller.rerender()

    def _system_scheme_changed(self) -> None:
        if self.current_theme == "system":
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            theme.apply_theme(app, self, "system", self.current_font_size)
            if self._controller is not None:
                self._controller.rerender()

    def save_settings(self, settings: object) -> None:
        from mlsquiz.settings import Settings

        assert isinstance(settings, Settings)
        if self.controller.store is None:
            return
        saved = self.controller.save_settings(settings)  # the dashboard follows a new default exam
        self.apply_settings(saved)
        self.screens.settings.show_saved()
        self.notify("Settings saved.", "info")

    def bring_to_front(self) -> None:
        """Another start on the same data folder asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def restore_geometry(self) -> None:
        """The remembered geometry, else 1280×800; either way fitted inside the screen's available area."""
        encoded = self.look.window_geometry
        restored = False
        if encoded:
            try:
                restored = bool(self.restoreGeometry(QByteArray(base64.b64decode(encoded))))
            except ValueError:
                restored = False
        if not restored:
            self.resize(*DEFAULT_SIZE)
        self.fit_to_screen()
        self._fit_on_show = True

    def fit_to_screen(self) -> None:
        """Keep the whole window, frame included, inside the available area of a screen (no panel or dock
        covers it): on a small screen, on first start, or when a remembered geometry no longer fits."""
        if self.isMaximized() or self.isFullScreen():
            return
        frame = self.frameGeometry()
        inner = self.geometry()
        margins = QMargins(
            inner.left() - frame.left(),
            inner.top() - frame.top(),
            frame.right() - inner.right(),
            frame.bottom() - inner.bottom(),
        )
        screens = [s.availableGeometry() for s in QGuiApplication.screens()]
        if not screens:
            return
        target = fit_rect(frame, screens)
        self.setMinimumSize(
            min(MIN_WIDTH, target.width() - margins.left() - margins.right()),
            min(MIN_HEIGHT, target.height() - margins.top() - margins.bottom()),
        )
        if target != frame:
            self.resize(
                target.width() - margins.left() - margins.right(),
                target.height() - margins.top() - margins.bottom(),
            )
            self.move(target.topLeft())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_on_show:  # the frame is known only now: fit once more with it
            self._fit_on_show = False
            QTimer.singleShot(0, self.fit_to_screen)

    def encoded_geometry(self) -> str:
        return base64.b64encode(bytes(self.saveGeometry().data())).decode("ascii")

    # -- messages ------------------------------------------------------------------------------------------------
    def notify(self, text: str, kind: str = "info") -> None:
        """A message above the screen that never blocks; errors stay until dismissed, notes for 8 seconds."""
        self.banner_text.setText(text)
        set_prop(self.banner, "kind", kind)
        self.banner.show()
        if kind == "error":
            self.banner_timer.stop()
        else:
            self.banner_timer.start(8000)

    def hide_banner(self) -> None:
        self.banner.hide()

    # -- closing -------------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        """Pause the open attempt (it stays resumable), save the geometry, close the store."""
        if self._controller is not None:
            self._controller.shutdown(self.encoded_geometry())
        super().closeEvent(event)
