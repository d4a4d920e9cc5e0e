"""Every screen of the app, made once and kept in one `QStackedWidget`; `show` brings one to the front.

Only the loading screen exists at first: the window paints it before the other screens' modules are imported
(on the loading thread, `import_screen_modules`) and the screens are built (`build`).
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


SCREEN_MODULES = (
    "mlsquiz.ui.dashboard",
    "mlsquiz.ui.drill_screen",
    "mlsquiz.ui.drill_setup",
    "mlsquiz.ui.exam_screen",
    "mlsquiz.ui.history_screen",
    "mlsquiz.ui.results_screen",
    "mlsquiz.ui.review_screen",
    "mlsquiz.ui.settings_screen",
    "mlsquiz.ui.attempt_controller",
)


def import_screen_modules() -> None:
    """Import what `Screens.build` needs (on the loading thread, while the window shows "Loading…")."""
    for name in SCREEN_MODULES:
        importlib.import_module(name)


class Screens(QStackedWidget):
    def __init__(self) -> None:
        super().__init__()
        self.loading = LoadingScreen()
        self.addWidget(self.loading)
        self.built = False

    def build(self) -> None:
        """Make every other screen (once)."""
        if self.built:
            return
        from mlsquiz.ui.dashboard import DashboardScreen
        from mlsquiz.ui.drill_screen import DrillScreen
        from mlsquiz.ui.drill_setup import DrillSetupScreen
        from mlsquiz.ui.exam_screen import ExamScreen
        from mlsquiz.ui.history_screen import HistoryScreen
        from mlsquiz.ui.results_screen import ResultsScreen
        from mlsquiz.ui.review_screen import ReviewScreen
        from mlsquiz.ui.settings_screen import SettingsScreen

        self.dashboard = DashboardScreen()
        self.exam = ExamScreen()
        self.drill = DrillScreen()
        self.setup = DrillSetupScreen()
        self.results = ResultsScreen()
        self.review = ReviewScreen()
        self.history = HistoryScreen()
        self.settings = SettingsScreen()
        for screen in self.all()[1:]:
            self.addWidget(screen)
        self.built = True

    def all(self) -> list[QWidget]:
        return [
            self.loading,
            self.dashboard,
            self.exam,
            self.drill,
            self.setup,
            self.results,
            self.review,
            self.history,
            self.settings,
        ]

    def bring(self, screen: QWidget) -> None:
        self.setCurrentWidget(screen)
        focus = getattr(screen, "focus_first", None)
        if callable(focus):
            focus()
        else:
            screen.setFocus()
