"""Drill my weak spots from the dashboard, by key and from Results; the exam date in Settings and its plan."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from mlsquiz.bank.bank import Bank
from mlsquiz.exam.attempt import Clock
from mlsquiz.settings import Settings, load_settings, save_settings
from mlsquiz.store.facade import Store
from mlsquiz.study.drills import DrillFilter
from mlsquiz.ui import state as st
from mlsquiz.ui.main_window import MainWindow
from tests.ui.conftest import WindowFactory
from tests.ui.helpers import CTRL, press, wait_for, wait_home

SHIFT = Qt.KeyboardModifier.ShiftModifier
WEAK_TASK = "2.3"


def weak_history(folder: Path, bank: Bank, clock: Clock) -> None:
    """A drill of MLS-C01 questions: every one of task WEAK_TASK wrong, 40 others right."""
    save_settings(folder, Settings(default_blueprint="mls-c01"))
    choice = [q for q in bank.questions if q.type in ("single", "multiple") and "mls-c01" in q.domains]
    weak = [q for q in choice if q.domains["mls-c01"] == WEAK_TASK][:8]
    strong = [q for q in choice if q.domains["mls-c01"] != WEAK_TASK][:40]
    ids = [q.id for q in weak + strong]
    with Store.open(folder, bank, clock) as store:
        view = store.start_drill(DrillFilter(blueprint="mls-c01", question_ids=ids, length=len(ids)), seed=1)
        for item in view.items:
            q = bank.by_id[item.question_id]
            keys = list(q.answer) if q not in weak else [o.key for o in q.options if o.key not in q.answer]
            store.answer(view.status.id, item.position, keys[: q.select])
            store.check(view.status.id, item.position)
        store.submit(view.status.id)


def drill_tasks(window: MainWindow) -> set[str]:
    store = window.controller.store
    assert store is not None and window.screens.drill.status is not None
    return {i.task for i in store.attempt_view(window.screens.drill.status.id).items}


def test_the_dashboard_action_drills_the_weak_spots_it_explains(
    qtbot: QtBot, make_window: WindowFactory, shipped_bank: Bank, data_dir: Path, clock: Clock
) -> None:
    weak_history(data_dir, shipped_bank, clock)
    window = make_window()
    dash = window.screens.dashboard
    lines = dash.weak_spots.lines.text().splitlines()
    assert lines[0].startswith(f"Task {WEAK_TASK}: 8 answers, 0% right, weight ")
    assert len(lines) == 3 and dash.weak_spots.isVisible()
    assert dash.weak.detail.text().startswith(f"Tasks {WEAK_TASK}, ")
    chosen = {line.split(":")[0].removeprefix("Task ") for line in lines}

    qtbot.mouseClick(dash.weak, Qt.MouseButton.LeftButton)
    wait_for(qtbot, window, st.Drill)
    status = window.screens.drill.status
    assert status is not None and status.title == "Weak spots · MLS-C01 · 10 questions"
    assert drill_tasks(window) == chosen  # every question on the chosen tasks, each task drawn
    assert window.banner.isVisible()
    assert window.banner_text.text() == "Weak spots: " + "; ".join(lines) + "."

    press(qtbot, Qt.Key.Key_Escape)  # leaving a drill asks nothing and keeps it resumable
    wait_home(qtbot, window)
    dash.focus_first()
    press(qtbot, Qt.Key.Key_D, CTRL | SHIFT)  # the home shortcut does the same
    wait_for(qtbot, window, st.Drill)
    assert drill_tasks(window) == chosen
    press(qtbot, Qt.Key.Key_Escape)
    wait_home(qtbot, window)
    qtbot.mouseClick(dash.weak_spots.drill, Qt.MouseButton.LeftButton)  # and the readiness card's button
    wait_for(qtbot, window, st.Drill)
    assert drill_tasks(window) == chosen


def test_results_of_an_exam_offer_the_weak_spot_drill(
    qtbot: QtBot, make_window: WindowFactory, shipped_bank: Bank, data_dir: Path, clock: Clock
) -> None:
    weak_history(data_dir, shipped_bank, clock)
    with Store.open(data_dir, shipped_bank, clock) as store:
        exam = store.start_exam("mls-c01", seed=3, length=5)
        store.submit(exam.status.id)
    window = make_window()
    window.controller.go(st.Results(exam.status.id))
    results = window.screens.results
    assert results.weak.isVisible()
    qtbot.mouseClick(results.weak, Qt.MouseButton.LeftButton)
    wait_for(qtbot, window, st.Drill)
    assert WEAK_TASK in drill_tasks(window)


def test_an_exam_date_set_in_settings_gives_the_dashboard_a_plan_and_clearing_it_hides_it(
    qtbot: QtBot, make_window: WindowFactory, data_dir: Path, clock: Clock
) -> None:
    window = make_window()
    dash = window.screens.dashboard
    assert not dash.plan.isVisible()  # no date, nothing shown
    dash.settings.click()
    wait_for(qtbot, window, st.SettingsPage)
    field = window.screens.settings.exam_date
    assert not field.booked.isChecked() and not field.date.isEnabled()
    field.booked.setFocus()
    press(qtbot, Qt.Key.Key_Space)  # keyboard: tick the box, then the date takes the arrows
    assert field.date.isEnabled()
    exam_day = max(QDate.currentDate().toPython(), clock.now().astimezone().date()) + timedelta(days=12)
    field.date.setDate(QDate(exam_day.year, exam_day.month, exam_day.day))
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert load_settings(data_dir).exam_date == exam_day
    press(qtbot, Qt.Key.Key_Escape)
    wait_home(qtbot, window)
    days = (exam_day - clock.now().astimezone().date()).days
    assert dash.plan.isVisible()
    assert dash.plan.heading.text() == f"{days} days left · 0 reviews due"
    body = dash.plan.body.text()
    assert "mock exam" in body and "weak-spot drill" in body and "A suggestion only" in body
    assert "no answers in the last 14 days" in body  # nothing answered yet: the default pace, said so

    dash.settings.click()
    wait_for(qtbot, window, st.SettingsPage)
    field.booked.setChecked(False)
    window.screens.settings.save.click()
    assert load_settings(data_dir).exam_date is None
    press(qtbot, Qt.Key.Key_Escape)
    wait_home(qtbot, window)
    assert not dash.plan.isVisible()


def test_a_past_exam_date_is_said_plainly(
    qtbot: QtBot, make_window: WindowFactory, data_dir: Path, clock: Clock
) -> None:
    past = clock.now().astimezone().date() - timedelta(days=3)
    save_settings(data_dir, Settings(default_blueprint="mls-c01", exam_date=past))
    window = make_window()
    plan = window.screens.dashboard.plan
    assert plan.isVisible() and plan.heading.text() == "Exam date passed"
    assert f"{past:%-d %b %Y}, has passed" in plan.body.text()
    window.screens.dashboard.settings.click()
    wait_for(qtbot, window, st.SettingsPage)
    field = window.screens.settings.exam_date
    assert field.booked.isChecked() and field.value() == past  # shown as it is, not moved
