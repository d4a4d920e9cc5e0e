"""Setting up a drill: which domains, task statements, topics, sources and difficulties, and how many.

Every change reports the filter (`filter_changed`, debounced) and the controller answers with the number of
matching questions (`show_count`), so the user sees the pool before starting.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from mlsquiz.store.views import BlueprintView
from mlsquiz.study.drills import DrillFilter
from mlsquiz.ui.widgets import (
    Bar,
    button,
    card,
    exam_label,
    hbox,
    label,
    screen_widget,
    scroll,
    shortcut,
    vbox,
)

SOURCES = [
    ("scenario", "Scenarios (hand-written)"),
    ("generated", "Generated from study notes"),
    ("imported", "Imported"),
]
DIFFICULTIES = [(1, "Easy"), (2, "Medium"), (3, "Hard")]
ALIASES = Qt.ItemDataRole.UserRole + 1  # a topic's old and other names, for the search


def _checked(lst: QListWidget) -> list[str]:
    return [
        str(lst.item(i).data(Qt.ItemDataRole.UserRole))
        for i in range(lst.count())
        if lst.item(i).checkState() == Qt.CheckState.Checked
    ]


class DrillSetupScreen(QWidget):
    filter_changed = Signal(object)  # DrillFilter
    start_requested = Signal(object)  # DrillFilter
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        screen_widget(self, "Drill setup")
        self.blueprints: list[BlueprintView] = []
        self.back = button("Back", "Back to the dashboard", tip="Esc")
        self.back.clicked.connect(self.back_requested)
        self.start = button("Start drill", "Start drill", variant="primary", tip="Ctrl+Enter")
        self.start.clicked.connect(self._start)
        self.count = label(role="h3")
        self.count.setAccessibleName("Matching questions")
        bar = Bar([label("New drill", role="h2")], [self.count, self.back, self.start], spacing=12)

        self.blueprint = QComboBox()
        self.blueprint.setAccessibleName("Exam blueprint")
        self.blueprint.currentIndexChanged.connect(self._blueprint_changed)
        self.domains = self._list("Domains")
        self.domains.setMinimumHeight(150)
        self.domains.itemChanged.disconnect(self.changed)
        self.domains.itemChanged.connect(self._fill_tasks)
        self.sources = [self._check(text, key) for key, text in SOURCES]
        self.difficulties = [self._check(text, key) for key, text in DIFFICULTIES]
        self.which = QButtonGroup(self)
        self.any = QRadioButton("Any question")
        self.unseen = QRadioButton("Not seen yet")
        self.wrong = QRadioButton("Answered wrong before")
        for i, radio in enumerate((self.any, self.unseen, self.wrong)):
            radio.setAccessibleName(radio.text())
            self.which.addButton(radio, i)
        self.any.setChecked(True)
        self.which.idToggled.connect(self._which_toggled)
        self.length = QSpinBox()
        self.length.setAccessibleName("Drill length")
        self.length.setRange(1, 200)
        self.length.setSuffix(" questions")
        self.length.valueChanged.connect(self.changed)

        self.tasks = self._list("Task statements")
        self.topic_search = QLineEdit()
        self.topic_search.setPlaceholderText("Search topics…")
        self.topic_search.setAccessibleName("Search topics")
        self.topic_search.setClearButtonEnabled(True)
        self.topic_search.textChanged.connect(self._search)
        self.topics = self._list("Topics")
        self.topics_chosen = label(role="small")

        scope = card(
            vbox(
                label("Exam", role="h3"),
                self.blueprint,
                label("Domains", role="h3"),
                self.domains,
                margins=16,
                spacing=8,
            )
        )
        kind = card(
            vbox(
                label("Source", role="h3"),
                *self.sources,
                label("Difficulty", role="h3"),
                hbox(*self.difficulties, None),
                None,
                margins=16,
                spacing=8,
            )
        )
        which = card(
            vbox(
                label("Questions", role="h3"),
                self.any,
                self.unseen,
                self.wrong,
                label("Length", role="h3"),
                self.length,
                None,
                margins=16,
                spacing=8,
            )
        )
        tasks = card(
            vbox(
                label("Task statements", role="h3"),
                label("None ticked means every task of the chosen domains.", role="small", wrap=True),
                self.tasks,
                margins=16,
                spacing=8,
            )
        )
        topics = card(
            vbox(
                hbox(label("Topics", role="h3"), None, self.topics_chosen),
                self.topic_search,
                self.topics,
                margins=16,
                spacing=8,
            )
        )
        self.cards = [scope, kind, which, tasks, topics]
        self.grid = grid = QGridLayout()
        grid.setSpacing(16)
        self.wide: bool | None = None
        self._place(wide=True)
        content = QWidget()
        content.setLayout(vbox(grid, margins=20))
        self.setLayout(vbox(bar, scroll(content), spacing=0))
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(120)
        self.debounce.timeout.connect(lambda: self.filter_changed.emit(self.drill_filter()))
        shortcut(self, ["Escape"], self.back_requested.emit)
        shortcut(self, ["Ctrl+Return", "Ctrl+Enter"], self._start)

    def _place(self, *, wide: bool) -> None:
        """Three columns, or one under the other when the text is large for the window."""
        if wide == self.wide:
            return
        self.wide = wide
        scope, kind, which, tasks, topics = self.cards
        for card_ in self.cards:
            self.grid.removeWidget(card_)
        if wide:
            spots = [
                (scope, 0, 0, 1, 1),
                (kind, 0, 1, 1, 1),
                (which, 0, 2, 1, 1),
                (tasks, 1, 0, 1, 2),
                (topics, 1, 2, 1, 1),
            ]
        else:
            spots = [(c, i, 0, 1, 1) for i, c in enumerate(self.cards)]
        for widget, row, col, rows, cols in spots:
            self.grid.addWidget(widget, row, col, rows, cols)
        for col, stretch in enumerate((4, 3, 3) if wide else (1, 0, 0)):
            self.grid.setColumnStretch(col, stretch)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place(wide=self.width() >= self.fontMetrics().averageCharWidth() * 120)

    def _which_toggled(self, _id: int, on: bool) -> None:
        if on:
            self._update()

    def _check(self, text: str, data: object) -> QCheckBox:
        box = QCheckBox(text)
        box.setAccessibleName(text)
        box.setProperty("key", data)
        box.toggled.connect(self.changed)
        return box

    def _list(self, name: str) -> QListWidget:
        lst = QListWidget()
        lst.setAccessibleName(name)
        lst.setMinimumHeight(170)
        lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lst.setWordWrap(True)
        lst.itemChanged.connect(self.changed)
        return lst

    # -- what the controller hands over --------------------------------------------------------------------
    def show_options(
        self,
        blueprints: list[BlueprintView],
        current: str,
        topics: list[tuple[str, str, tuple[str, ...]]],
        length: int,
    ) -> None:
        self.blueprints = blueprints
        self.blueprint.blockSignals(True)
        self.blueprint.clear()
        for bp in blueprints:
            self.blueprint.addItem(exam_label(bp.id, bp.name), bp.id)
        self.blueprint.setCurrentIndex(max(self.blueprint.findData(current), 0))
        self.blueprint.blockSignals(False)
        self.topics.blockSignals(True)
        self.topics.clear()
        for slug, name, aliases in topics:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, slug)
            item.setData(ALIASES, " ".join(aliases).lower())
            if aliases:
                item.setToolTip(f"{name}, formerly or also: {', '.join(aliases)}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.topics.addItem(item)
        self.topics.blockSignals(False)
        self.length.blockSignals(True)
        self.length.setValue(length)
        self.length.blockSignals(False)
        self._blueprint_changed()

    def show_count(self, count: int) -> None:
        self.count.setText(f"{count} matching question{'s' if count != 1 else ''}")
        self.start.setEnabled(count > 0)
        n = min(count, self.length.value())
        self.start.setText(f"Start drill · {n}" if count else "Start drill")

    # -- the filter --------------------------------------------------------------------------------------------
    def _blueprint(self) -> BlueprintView | None:
        bid = self.blueprint.currentData()
        return next((b for b in self.blueprints if b.id == bid), None)

    def _default_blueprint(self) -> str:
        """The bank's default exam (`default: true` in its blueprint), for a filter made before any is shown."""
        return next(
            (b.id for b in self.blueprints if b.default), self.blueprints[0].id if self.blueprints else ""
        )

    def _blueprint_changed(self) -> None:
        bp = self._blueprint()
        self.domains.blockSignals(True)
        self.domains.clear()
        for d in bp.domains if bp else []:
            item = QListWidgetItem(f"{d.id}. {d.title}")
            item.setData(Qt.ItemDataRole.UserRole, d.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.domains.addItem(item)
        self.domains.blockSignals(False)
        self._fill_tasks()

    def _fill_tasks(self) -> None:
        bp = self._blueprint()
        chosen = set(_checked(self.domains))
        was = set(_checked(self.tasks))
        self.tasks.blockSignals(True)
        self.tasks.clear()
        for t in bp.tasks if bp else []:
            if chosen and t.id.split(".")[0] not in chosen:
                continue
            item = QListWidgetItem(f"{t.id}  {t.title}")
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if t.id in was else Qt.CheckState.Unchecked)
            self.tasks.addItem(item)
        self.tasks.blockSignals(False)
        self._update()

    def changed(self) -> None:
        self._update()

    def _update(self) -> None:
        picked = len(_checked(self.topics))
        self.topics_chosen.setText(f"{picked} chosen" if picked else "any topic")
        self.debounce.start()

    def _search(self, text: str) -> None:
        """Show the topics whose name or an alias contains the text ("Kinesis" finds Data Firehose)."""
        needle = text.strip().lower()
        for i in range(self.topics.count()):
            item = self.topics.item(i)
            words = f"{item.text().lower()} {item.data(ALIASES) or ''}"
            item.setHidden(bool(needle) and needle not in words)

    def drill_filter(self) -> DrillFilter:
        return DrillFilter(
            blueprint=str(self.blueprint.currentData() or self._default_blueprint()),
            domains=_checked(self.domains),
            tasks=_checked(self.tasks),
            topics=_checked(self.topics),
            sources=[b.property("key") for b in self.sources if b.isChecked()],
            difficulties=[int(b.property("key")) for b in self.difficulties if b.isChecked()],
            unseen_only=self.unseen.isChecked(),
            wrong_before=self.wrong.isChecked(),
            length=self.length.value(),
        )

    def _start(self) -> None:
        if self.start.isEnabled():
            self.debounce.stop()
            self.start_requested.emit(self.drill_filter())

    def focus_first(self) -> None:
        self.blueprint.setFocus()
