"""The main window: the screens, a message banner, the theme and the remembered geometry.

What the screens show and when is the `AppController`'s business; the window owns what is the window's.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.cache import load_cached_bank
from mlsquiz.exam.attempt import Clock
from mlsquiz.settings import Settings, load_settings
from mlsquiz.ui import theme
from mlsquiz.ui.app_controller import AppController
from mlsquiz.ui.screens import Screens
from mlsquiz.ui.widgets import button, card, hbox, label, set_prop, vbox

MIN_WIDTH, MIN_HEIGHT = 1024, 640


class MainWindow(QMainWindow):
    def __init__(self, data_dir: Path, *, bank_loader: Callable[[], Bank] = load_cached_bank,
                 clock: Clock | None = None) -> None:  # fmt: skip
        super().__init__()
        # Ends with the application's display name, so Qt does not append it a second time.
        self.setWindowTitle("AWS Machine Learning practice exams — mlsquiz")
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
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
        self.controller = AppController(self.screens, data_dir, bank_loader, clock, self.notify)
        self.screens.settings.save_requested.connect(self.save_settings)
        self.screens.loading.quit_requested.connect(self.close)
        self.load_error: str | None = None
        self.controller.load_failed.connect(self._load_failed)
        # before the store opens, the settings file alone gives the look and the geometry (a small JSON file)
        self.apply_settings(load_settings(data_dir))
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(lambda _scheme: self._system_scheme_changed())

    def start(self) -> None:
        """Show "Loading…" and load the bank and the first dashboard on the thread pool."""
        self.controller.start()

    def _load_failed(self, message: str) -> None:
        self.load_error = message

    # -- look ----------------------------------------------------------------------------------------------------
    def apply_settings(self, settings: Settings) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        theme.apply_theme(app, settings.theme, settings.font_size)
        self.current_theme = settings.theme
        self.current_font_size = settings.font_size
        self.controller.rerender()

    def _system_scheme_changed(self) -> None:
        if self.current_theme == "system":
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            theme.apply_theme(app, "system", self.current_font_size)
            self.controller.rerender()

    def save_settings(self, settings: object) -> None:
        assert isinstance(settings, Settings)
        if self.controller.store is None:
            return
        before = self.controller.settings()
        saved = self.controller.save_settings(settings)
        if before is not None and before.default_blueprint != saved.default_blueprint:
            self.controller.blueprint_id = saved.default_blueprint  # the dashboard follows the new default
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
        encoded = load_settings(self.data_dir).window_geometry
        if encoded:
            try:
                self.restoreGeometry(QByteArray(base64.b64decode(encoded)))
                return
            except ValueError:
                pass
        self.resize(1280, 800)

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
        self.controller.shutdown(self.encoded_geometry())
        super().closeEvent(event)
