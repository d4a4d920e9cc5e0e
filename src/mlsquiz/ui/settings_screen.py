"""Settings: theme, text size, default exam, exam and drill length, and the study aids (the pace line under
an exam's timer, a confidence per answer), both off by default. Saving applies them at once."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox, QWidget

from mlsquiz.settings import Settings
from mlsquiz.store.views import BlueprintView
from mlsquiz.ui.backups_panel import BackupsPanel
from mlsquiz.ui.exam_date_field import ExamDateField
from mlsquiz.ui.notes_list import NotesCard
from mlsquiz.ui.widgets import (
    Bar,
    button,
    card,
    exam_label,
    label,
    screen_widget,
    scroll,
    shortcut,
    vbox,
)

THEMES = [("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")]


class SettingsScreen(QWidget):
    save_requested = Signal(object)  # Settings
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        screen_widget(self, "Settings")
        self.settings = Settings()
        self.back = button("Back", "Back to the dashboard", tip="Esc: leave without saving")
        self.back.clicked.connect(self.back_requested)
        self.save = button("Save", "Save settings", variant="primary", tip="Ctrl+S")
        self.save.clicked.connect(self._save)
        bar = Bar([label("Settings", role="h2")], [self.back, self.save])

        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        for key, text in THEMES:
            self.theme.addItem(text, key)
        self.font_size = QSpinBox()
        self.font_size.setAccessibleName("Text size")
        self.font_size.setRange(8, 24)
        self.font_size.setSuffix(" pt")
        self.blueprint = QComboBox()
        self.blueprint.setAccessibleName("Default exam")
        self.exam_length = QSpinBox()
        self.exam_length.setAccessibleName("Exam length")
        self.exam_length.setRange(5, 65)
        self.exam_length.setSuffix(" questions")
        self.drill_length = QSpinBox()
        self.drill_length.setAccessibleName("Drill length")
        self.drill_length.setRange(1, 200)
        self.drill_length.setSuffix(" questions")
        self.exam_date = ExamDateField()

        form = vbox(
            spacing=18
        )  # caption, control, hint, one under the other: a wrapped hint keeps its height
        rows = [
            ("&Theme", self.theme, "Light, dark, or whatever your system uses."),
            ("Te&xt size", self.font_size, "Scales every text in the app."),
            ("Default &exam", self.blueprint, "The blueprint the dashboard opens on."),
            (
                "Exam &length",
                self.exam_length,
                "65 is the real exam; shorter exams get proportionally less time.",
            ),
            ("&Drill length", self.drill_length, "How many questions a drill asks by default."),
            (
                "Exam &date",
                self.exam_date,
                "When your exam is booked: the dashboard counts down and suggests a plan. Untick for no date.",
            ),
        ]
        for text, widget, help_text in rows:
            widget.setMinimumWidth(min(240, 16 * widget.fontMetrics().averageCharWidth()))
            caption = label(text)
            caption.setTextFormat(Qt.TextFormat.PlainText)
            caption.setBuddy(widget.booked if isinstance(widget, ExamDateField) else widget)
            caption.setProperty("role", "h3")
            help_label = label(help_text, role="small", wrap=True)
            form.addLayout(vbox(caption, widget, help_label, spacing=4))
        self.pace_line = QCheckBox("Show my &pace under the exam timer")
        self.pace_line.setAccessibleName("Pace line")
        self.confidence = QCheckBox("Ask how &sure I am of each answer")
        self.confidence.setAccessibleName("Confidence per answer")
        aids = [
            (self.pace_line, "“On pace”, “4 min behind” or “3 min ahead” of the exam's time per question."),
            (
                self.confidence,
                "Sure, unsure or guess (Shift+1, 2, 3); the results show how often each was right.",
            ),
        ]
        form.addLayout(vbox(label("Study aids", role="h3"), spacing=4))
        for box, help_text in aids:
            form.addLayout(vbox(box, label(help_text, role="small", wrap=True), spacing=4))
        self.saved = label(role="muted")
        self.saved.setProperty("tone", "success")
        panel = card(vbox(label("Preferences", role="h2"), form, self.saved, margins=24, spacing=16))
        self.backups = BackupsPanel()
        content = QWidget()
        self.notes_card = NotesCard()  # Notes and reports: un-hide a question, delete a report or a note
        content.setLayout(vbox(panel, self.notes_card, self.backups, None, margins=24, spacing=16))
        self.area = scroll(content)
        self.setLayout(vbox(bar, self.area, spacing=0))
        shortcut(self, ["Escape"], self.back_requested.emit)
        shortcut(self, ["Ctrl+S"], self._save)

    def show_settings(self, settings: Settings, blueprints: list[BlueprintView]) -> None:
        self.settings = settings
        self.theme.setCurrentIndex(max(self.theme.findData(settings.theme), 0))
        self.font_size.setValue(settings.font_size)
        self.blueprint.clear()
        for bp in blueprints:
            self.blueprint.addItem(exam_label(bp.id, bp.name), bp.id)
        default = settings.default_blueprint or next((b.id for b in blueprints if b.default), None)
        self.blueprint.setCurrentIndex(max(self.blueprint.findData(default), 0))
        self.exam_length.setValue(settings.exam_length)
        self.drill_length.setValue(settings.drill_length)
        self.exam_date.set_value(settings.exam_date)
        self.pace_line.setChecked(settings.pace_line)
        self.confidence.setChecked(settings.confidence)
        self.saved.setText("")

    def chosen(self) -> Settings:
        return Settings.model_validate(
            self.settings.model_dump()
            | {
                "theme": self.theme.currentData(),
                "font_size": self.font_size.value(),
                "default_blueprint": self.blueprint.currentData() or self.settings.default_blueprint,
                "exam_length": self.exam_length.value(),
                "drill_length": self.drill_length.value(),
                "exam_date": self.exam_date.value(),
                "pace_line": self.pace_line.isChecked(),
                "confidence": self.confidence.isChecked(),
            }
        )

    def _save(self) -> None:
        self.save_requested.emit(self.chosen())

    def show_saved(self) -> None:
        self.saved.setText("✓ Saved and applied.")

    def ensure_backups_visible(self) -> None:
        """Scroll the Backups section into view (the screenshots; a user scrolls or tabs there)."""
        self.area.ensureWidgetVisible(self.backups)

    def focus_first(self) -> None:
        self.theme.setFocus()
