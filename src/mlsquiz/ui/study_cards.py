"""The dashboard's weak spots and exam plan: what a weak-spot drill would work on and why, and a plan for the days
up to the exam date. Both only show what the store computed (`WeakSpotsView`, `PlanView`); a suggestion, never a
nag: no dialog, no alarm colour, and nothing at all without an exam date.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QWidget

from mlsquiz.store.views import PlanView, WeakSpotsView
from mlsquiz.ui.widgets import button, hbox, label, plural, vbox

WEAK_SPOTS_KEY = "Ctrl+Shift+D"


def task_list(tasks: list[str]) -> str:
    """ "Task 3.4", "Tasks 3.4 and 2.1", "Tasks 3.4, 2.1 and 1.3"."""
    if not tasks:
        return ""
    if len(tasks) == 1:
        return f"Task {tasks[0]}"
    return f"Tasks {', '.join(tasks[:-1])} and {tasks[-1]}"


def weak_detail(view: WeakSpotsView | None) -> str:
    """The dashboard action's line of detail."""
    if view is None or not view.tasks:
        return "No questions to drill for this exam"
    return f"{task_list([t.task for t in view.tasks])}: the largest expected gain"


def plan_lines(plan: PlanView) -> tuple[str, str]:
    """The plan card's heading and body."""
    when = f"{plan.exam_date:%-d %b %Y}"
    due = plural(plan.due_reviews, "review") + " due"
    if plan.status == "past":
        return (
            "Exam date passed",
            f"Your exam date, {when}, has passed. Set your next one in Settings, or clear it there.",
        )
    if plan.status == "today":
        return (
            "Exam day",
            f"Your exam is today ({when}). Good luck! Nothing left to plan; {due} if you want a last look.",
        )
    pace = round(plan.pace)
    at = (
        f"At your pace, about {pace} answers a study day"
        if plan.pace_measured
        else f"At {pace} answers a day (no answers in the last 14 days to measure your pace)"
    )
    mocks = plural(plan.mocks, "mock exam")
    if plan.mocks > 1:
        mocks += f", about one every {plural(plan.mock_every, 'day')}"
    drills = f"{plural(plan.drills, 'weak-spot drill')} of {plan.drill_length}"
    if plan.weak_tasks:
        drills += f" ({task_list(plan.weak_tasks)} first)"
    reviews = f"the {due} now, then those that fall due" if plan.due_reviews else "reviews as they fall due"
    body = "\n".join(
        [
            f"{at}, the days left hold:",
            f"•  {mocks}",
            f"•  {drills}",
            f"•  {reviews}",
            f"About {plural(plan.per_day, 'answer')} a day. A suggestion only; change the date in Settings.",
        ]
    )
    days = plural(plan.days_left, "day")
    return f"{days} left · {due}", body


class WeakSpotsPanel(QWidget):
    """Inside the readiness card: the task statements a weak-spot drill works on, and the button to start it."""

    drill_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Weak spots")
        self.lines = label(role="small", wrap=True)
        self.lines.setAccessibleName("Why these task statements")
        self.drill = button(
            f"Drill my weak spots  ({WEAK_SPOTS_KEY})",
            "Drill my weak spots",
            tip="A drill on the task statements where practice should raise your score most",
        )
        self.drill.clicked.connect(self.drill_requested)
        heading = label("Weak spots", role="h3")
        note = label(
            "Largest expected gain first: task weight × distance below the pass level.",
            role="small",
            wrap=True,
        )
        self.setLayout(vbox(heading, note, self.lines, hbox(self.drill, None), margins=0, spacing=6))

    def show_weak(self, view: WeakSpotsView | None) -> None:
        tasks = view.tasks if view is not None else []
        self.lines.setText("\n".join(t.explanation for t in tasks))
        self.drill.setEnabled(bool(tasks))
        self.setVisible(view is not None)


class ExamPlanCard(QFrame):
    """Days left to the exam date, the reviews due, and a plan sized to the user's pace; hidden without a date."""

    def __init__(self) -> None:
        super().__init__()
        self.setProperty("role", "card")
        self.setAccessibleName("Exam plan")
        self.heading = label(role="h2", wrap=True)
        self.date = label(role="muted")
        self.body = label(role="small", wrap=True)
        self.body.setAccessibleName("Plan for the days left")
        self.setLayout(vbox(self.heading, self.date, self.body, margins=18, spacing=6))
        self.hide()

    def show_plan(self, plan: PlanView | None) -> None:
        if plan is None:
            self.hide()
            return
        heading, body = plan_lines(plan)
        self.heading.setText(heading)
        self.date.setText(f"Exam on {plan.exam_date:%A %-d %B %Y}")
        self.body.setText(body)
        self.show()
