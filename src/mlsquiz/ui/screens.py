"""Every screen of the app, made once and kept in one `QStackedWidget`; `show` brings one to the front.

Only the loading screen exists at first: the window paints it before the dashboard's module is imported (on the
loading thread) and the dashboard is built (`build_home`); the other screens follow once the first dashboard is
painted (`import_screen_modules` on the thread pool, then `build`).
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from mlsquiz.ui.widgets import button, card, hbox, label, screen_widget, vbox


class LoadingScreen(QWidget):
    """Start-up: "Loading…", or why loading failed and a way out."""

    quit_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        screen_widget(self, "Loading")
        self.message = label("Loading the question bank…", role="h2", wrap=True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = label("", role="muted", wrap=True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.quit = button("Quit", "Quit mlsquiz", variant="primary")
        self.quit.clicked.connect(self.quit_requested)
        self.quit.hide()
        panel = card(
            vbox(label("mlsquiz", role="brand"), self.message, self.detail, self.quit, margins=32, spacing=14)
        )
        panel.setMaximumWidth(680)
        # Centred by stretches, not by an alignment flag: an aligned widget gets its size hint, and a wrapped
        # label's size hint is for another width, which clipped the message at the top and bottom.
        layout = vbox(None, hbox(None, panel, None, spacing=0), None, margins=40)
        self.setLayout(layout)

    def show_error(self, message: str) -> None:
        self.message.setText("mlsquiz could not start")
        self.detail.setText(message)
        self.quit.show()
        self.quit.setFocus()

    def focus_first(self) -> None:
        self.setFocus()


HOME_MODULES = ("mlsquiz.ui.dashboard",)
SCREEN_MODULES = (
    "mlsquiz.ui.drill_screen",
    "mlsquiz.ui.drill_setup",
    "mlsquiz.ui.exam_screen",
    "mlsquiz.ui.history_screen",
    "mlsquiz.ui.results_screen",
    "mlsquiz.ui.review_screen",
    "mlsquiz.ui.settings_screen",
    "mlsquiz.ui.attempt_controller",
    "mlsquiz.ui.import_flow",
    "mlsquiz.ui.notes_flow",
)


def import_home_modules() -> None:
    """Import what `Screens.build_home` needs (on the loading thread, while the window shows "Loading…")."""
    for name in HOME_MODULES:
        importlib.import_module(name)


def import_screen_modules() -> None:
    """Import what `Screens.build` needs (on the thread pool, once the first dashboard is painted)."""
    for name in SCREEN_MODULES:
        importlib.import_module(name)


class Screens(QStackedWidget):
    """The loading screen at once; the dashboard when the store is open; the others right after the first
    dashboard is painted (`AppController` holds the user's actions until they exist)."""

    def __init__(self) -> None:
        super().__init__()
        self.loading = LoadingScreen()
        self.addWidget(self.loading)
        self.home_built = False
        self.built = False

    def build_home(self) -> None:
        """Make the dashboard (once)."""
        if self.home_built:
            return
        from mlsquiz.ui.dashboard import DashboardScreen

        self.dashboard = DashboardScreen()
        self.addWidget(self.dashboard)
        self.home_built = True

    def build(self) -> None:
        """Make every other screen (once), after the dashboard."""
        if self.built:
            return
        self.build_home()
        from mlsquiz.ui.drill_screen import DrillScreen
        from mlsquiz.ui.drill_setup import DrillSetupScreen
        from mlsquiz.ui.exam_screen import ExamScreen
        from mlsquiz.ui.history_screen import HistoryScreen
        from mlsquiz.ui.results_screen import ResultsScreen
        from mlsquiz.ui.review_screen import ReviewScreen
        from mlsquiz.ui.settings_screen import SettingsScreen

        self.exam = ExamScreen()
        self.drill = DrillScreen()
        self.setup = DrillSetupScreen()
        self.results = ResultsScreen()
        self.review = ReviewScreen()
        self.history = HistoryScreen()
        self.settings = SettingsScreen()
        for screen in (
            self.exam,
            self.drill,
            self.setup,
            self.results,
            self.review,
            self.history,
            self.settings,
        ):
            self.addWidget(screen)
        self.built = True

    def all(self) -> list[QWidget]:
        """The screens made so far, in the stack's order."""
        return [w for i in range(self.count()) if (w := self.widget(i)) is not None]

    def bring(self, screen: QWidget) -> None:
        self.setCurrentWidget(screen)
        focus = getattr(screen, "focus_first", None)
        if callable(focus):
            focus()
        else:
            screen.setFocus()
