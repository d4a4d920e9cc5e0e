"""Every screen of the app, made once and kept in one `QStackedWidget`; `show` brings one to the front."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from mlsquiz.ui.dashboard import DashboardScreen
from mlsquiz.ui.drill_screen import DrillScreen
from mlsquiz.ui.drill_setup import DrillSetupScreen
from mlsquiz.ui.exam_screen import ExamScreen
from mlsquiz.ui.history_screen import HistoryScreen
from mlsquiz.ui.results_screen import ResultsScreen
from mlsquiz.ui.review_screen import ReviewScreen
from mlsquiz.ui.settings_screen import SettingsScreen
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
        panel = card(vbox(label("mlsquiz", role="brand"), self.message, self.detail, self.quit, margins=32,
                          spacing=14))  # fmt: skip
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


class Screens(QStackedWidget):
    def __init__(self) -> None:
        super().__init__()
        self.loading = LoadingScreen()
        self.dashboard = DashboardScreen()
        self.exam = ExamScreen()
        self.drill = DrillScreen()
        self.setup = DrillSetupScreen()
        self.results = ResultsScreen()
        self.review = ReviewScreen()
        self.history = HistoryScreen()
        self.settings = SettingsScreen()
        for screen in self.all():
            self.addWidget(screen)

    def all(self) -> list[QWidget]:
        return [self.loading, self.dashboard, self.exam, self.drill, self.setup, self.results, self.review,
                self.history, self.settings]  # fmt: skip

    def bring(self, screen: QWidget) -> None:
        self.setCurrentWidget(screen)
        focus = getattr(screen, "focus_first", None)
        if callable(focus):
            focus()
        else:
            screen.setFocus()
