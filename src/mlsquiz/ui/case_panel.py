"""The case study above each of its questions: a header that folds the scenario text away or shows it again.

Open or folded is the user's choice and is kept while they move between questions (it is a view preference, not
attempt state). A question without a case hides the panel.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QToolButton, QWidget

from mlsquiz.store.views import CaseView
from mlsquiz.ui.markdown_view import MarkdownView
from mlsquiz.ui.widgets import vbox


class CasePanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Feedback")
        self.case: CaseView | None = None
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.toggled.connect(self._folded)
        self.toggle.setAccessibleName("Case study text")
        self.body = MarkdownView(name="Case study text")
        self.setLayout(vbox(self.toggle, self.body, margins=12, spacing=8))
        self.setAccessibleName("Case study")
        self.hide()

    def show_case(self, case: CaseView | None) -> None:
        if case is None:
            self.case = None
            self.hide()
            return
        if self.case is None or self.case.id != case.id or self.body.markdown() != case.text:
            self.body.set_markdown(case.text)
        self.case = case
        self.toggle.setText(f"Case study: {case.title} · question {case.index} of {case.size}")
        self._folded(self.toggle.isChecked())
        self.show()

    def _folded(self, open_: bool) -> None:
        self.body.setVisible(open_)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        state = "shown" if open_ else "hidden"
        self.toggle.setAccessibleName(f"Case study text, {state}: press to {'hide' if open_ else 'show'} it")

    def restyle(self) -> None:
        if self.case is not None:
            self.body.set_markdown(self.case.text)
