"""Render every screen offscreen, light and dark, at 1280x800 and 1024x640, and at the largest text size, as
PNGs into OUTDIR.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py OUTDIR [--only light-1024x640-24pt ...]

A temporary data folder gets a few weeks of history made through the store (mock exams, drills, an exam left
in progress, wrong answers due for review), then each screen is opened through the app's own controller and
keys, and grabbed; questions the app asks are drawn over the window they belong to.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shots_notes
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget
from screenshot_aids import render_aids

from mlsquiz.bank.bank import Bank, load_bank
from mlsquiz.settings import Settings, save_settings
from mlsquiz.store.facade import Store
from mlsquiz.study.drills import DrillFilter
from mlsquiz.ui import state as st
from mlsquiz.ui import widgets
from mlsquiz.ui.attempt_controller import ExamController
from mlsquiz.ui.main_window import MainWindow
from mlsquiz.ui.widgets import QuestionBox

SIZES = [(1280, 800), (1024, 640)]
THEMES = ["light", "dark"]
LARGEST_TEXT = 24  # settings.font_size's maximum
LOOKS = [(t, 11) for t in THEMES] + [("light", LARGEST_TEXT), ("dark", LARGEST_TEXT)]


class Clock:
    """A clock the script moves by hand: wall and monotonic time advance together, uncapped."""

    max_step: float | None = None

    def __init__(self, start: datetime) -> None:
        self.current = start
        self.mono = 0.0

    def now(self) -> datetime:
        return self.current

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)
        self.mono += seconds


def make_history(folder: Path, bank: Bank, clock: Clock) -> None:
    """Five mock exams getting better, two drills, and an MLA-C01 exam left half-way."""
    rng = random.Random(11)
    with Store.open(folder, bank, clock) as store:
        for accuracy in (0.52, 0.6, 0.66, 0.71, 0.8):
            view = store.start_exam("mls-c01", seed=rng.randrange(10**6))
            for item in view.items:
                q = bank.by_id[item.question_id]
                right = rng.random() < accuracy
                wrong = [str(o.key) for o in q.options if o.key not in q.answer]
                keys = [str(k) for k in q.answer] if right else wrong[: q.select]
                store.answer(view.status.id, item.position, keys)
                if rng.random() < 0.08:
                    store.flag(view.status.id, item.position, True)
                clock.advance(rng.uniform(60, 150))
            store.submit(view.status.id)
            clock.advance(2 * 24 * 3600)
            drill = store.start_drill(
                DrillFilter(blueprint="mls-c01", domains=["3"], length=8), seed=rng.randrange(10**6)
            )
            for item in drill.items:
                q = bank.by_id[item.question_id]
                wrong = [str(o.key) for o in q.options if o.key not in q.answer][: q.select]
                store.answer(drill.status.id, item.position, list(q.answer) if rng.random() < 0.7 else wrong)
                store.check(drill.status.id, item.position)
                clock.advance(40)
            store.submit(drill.status.id)
        view = store.start_exam("mla-c01", seed=5)
        for item in view.items[:30]:
            if item.type not in ("single", "multiple"):
                continue  # ordering and matching items take their own actions
            store.toggle(view.status.id, item.position, item.options[rng.randrange(len(item.options))].key)
            clock.advance(70)
        store.pause(view.status.id)
        clock.advance(24 * 3600)
        due = store.start_exam("mla-c01", seed=6, length=30)  # wrong answers to review
        for item in due.items:
            q = bank.by_id[item.question_id]
            if q.type not in ("single", "multiple"):
                continue  # left unanswered: wrong too
            store.answer(
                due.status.id,
                item.position,
                [str(o.key) for o in q.options if o.key not in q.answer][: q.select],
            )
        store.submit(due.status.id)


def settle(app: QApplication, ms: int = 150) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def wait(app: QApplication, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there")
        app.processEvents()
        time.sleep(0.01)


def key(app: QApplication, k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, k, mod)
    app.processEvents()


def shoot(app: QApplication, window: MainWindow, out: Path, name: str, box: QWidget | None = None) -> None:
    settle(app)
    image = window.grab()
    if box is not None:  # a question the app asks, drawn where it would appear: over the window's centre
        shot = box.grab()
        painter = QPainter(image)
        painter.fillRect(image.rect(), QColor(0, 0, 0, 70))
        painter.drawPixmap((image.width() - shot.width()) // 2, (image.height() - shot.height()) // 2, shot)
        painter.end()
    image.save(str(out / f"{name}.png"))
    print(out / f"{name}.png")


class Asker:
    """Stands in for `widgets.run_box`: grabs the question over the window, then answers it with `answer`."""

    def __init__(self, app: QApplication, window: MainWindow, out: Path) -> None:
        self.app, self.window, self.out = app, window, out
        self.name = ""
        self.answer = ""

    def __call__(self, box: QuestionBox) -> QAbstractButton | None:
        box.show()
        settle(self.app, 100)
        shoot(self.app, self.window, self.out, self.name, box)
        chosen = next((b for b in box.buttons() if b.text() == self.answer), box.defaultButton())
        box.hide()
        self.window.activateWindow()  # as after a modal dialog: the window has the keys again
        wait(self.app, lambda: QApplication.activeWindow() is self.window)
        return chosen


def render_all(
    app: QApplication, bank: Bank, seed_folder: Path, clock_start: datetime, out: Path, only: list[str]
) -> None:
    for theme_name, font_size in LOOKS:
        for width, height in SIZES:
            prefix = f"{theme_name}-{width}x{height}" + (f"-{font_size}pt" if font_size != 11 else "")
            if only and prefix not in only:
                continue
            if font_size != 11 and (width, height) == (1280, 800) and theme_name == "dark":
                continue  # the largest text: light at both sizes, dark at the smaller one
            render_look(
                app, bank, seed_folder, clock_start, out, prefix, theme_name, font_size, (width, height)
            )


def render_look(app: QApplication, bank: Bank, seed_folder: Path, clock_start: datetime, out: Path, prefix: str,
                theme_name: str, font_size: int, size: tuple[int, int]) -> None:  # fmt: skip
    work = Path(tempfile.mkdtemp(prefix="mlsquiz-shots-"))
    try:
        # a new user: the loading screen, then the dashboard as it first opens
        fresh = work / "fresh"
        save_settings(fresh, Settings.model_validate({"theme": theme_name, "font_size": font_size}))
        window = MainWindow(fresh, bank_loader=lambda: bank, clock=Clock(clock_start))
        window.resize(*size)
        window.show()
        window.controller.go(st.Loading())
        shoot(app, window, out, f"{prefix}-00-loading")
        window.start()
        wait(app, window.controller.is_ready)
        shoot(app, window, out, f"{prefix}-01-dashboard-new-user")
        window.close()

        folder = work / "data"
        shutil.copytree(seed_folder, folder)
        save_settings(folder, Settings.model_validate({"theme": theme_name, "font_size": font_size}))
        clock = Clock(clock_start)
        window = MainWindow(folder, bank_loader=lambda: bank, clock=clock)
        window.resize(*size)
        window.show()
        window.activateWindow()
        window.start()
        asker = Asker(app, window, out)
        widgets.run_box = asker  # type: ignore[assignment]
        c = window.controller
        wait(app, c.is_ready)
        shoot(app, window, out, f"{prefix}-01-dashboard")

        asker.name, asker.answer = f"{prefix}-02-ask-before-second-exam", "Discard and start new"
        window.screens.dashboard.setFocus()
        c.start_exam()
        wait(app, lambda: isinstance(c.state, st.Exam))
        settle(app)
        window.screens.exam.question.focus_question()
        for position in range(1, 24):
            item = window.screens.exam.current()
            assert item is not None
            picks = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4]
            if item.type == "multiple" and position % 3:
                key(app, picks[position % 4])  # one box of a "Select TWO": incomplete
            else:
                for n in range(item.select):
                    key(app, picks[(position + n) % 4])
            if position in (4, 9, 17):
                key(app, Qt.Key.Key_M)
            key(app, Qt.Key.Key_N)
        key(app, Qt.Key.Key_M)
        status = window.screens.exam.status
        assert status is not None and status.time_left is not None and isinstance(c.attempt, ExamController)
        clock.advance(status.time_left - 8 * 60 - 41)
        c.attempt.timer.timeout.emit()
        shoot(app, window, out, f"{prefix}-03-exam")
        key(app, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        shoot(app, window, out, f"{prefix}-04-summary")
        asker.name, asker.answer = f"{prefix}-05-ask-submit", "Back to questions"
        key(app, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        asker.name, asker.answer = f"{prefix}-05-ask-leave", "Keep going"
        window.screens.exam.show_questions()
        c.attempt.request_leave()
        c.close_attempt()

        c.go(st.DrillSetup())
        setup = window.screens.setup
        setup.domains.item(2).setCheckState(Qt.CheckState.Checked)
        setup.difficulties[1].setChecked(True)
        setup.topic_search.setText("Kinesis")
        settle(app, 300)
        shoot(app, window, out, f"{prefix}-06-drill-setup")

        choice = [q.id for q in bank.questions if q.source == "scenario" and not q.sequenced
                  and q.domains.get("mla-c01") == "3.1"][:6]  # fmt: skip
        c.start_drill(DrillFilter(blueprint="mla-c01", question_ids=choice, length=len(choice)))
        assert c.store is not None and c.attempt is not None
        first = c.store.attempt_view(c.attempt.attempt_id).items[0]
        window.screens.drill.question.focus_question()
        digits = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6]
        if first.type == "ordering":  # the drill may draw any item type: give each a full answer
            presses = digits[: len(first.options)]
        elif first.type == "matching":
            presses = digits[: len(first.prompts)]  # a response is used once: one each
        else:
            presses = [Qt.Key.Key_2, Qt.Key.Key_4][: first.select]  # a wrong pick shows more feedback
        for digit in presses:
            key(app, digit)
        key(app, Qt.Key.Key_Return)
        shoot(app, window, out, f"{prefix}-07-drill-feedback")
        shots_notes.drill(app, window, out, prefix, shoot)
        key(app, Qt.Key.Key_Return)
        asker.name, asker.answer = f"{prefix}-08-ask-finish-early", "Finish"
        window.screens.drill.finish.click()
        wait(app, lambda: isinstance(c.state, st.Results))
        shoot(app, window, out, f"{prefix}-09-results-drill-finished-early")

        store = c.store
        assert store is not None
        c.go(st.Home())
        wait(app, c.is_ready)
        c.start_review()
        window.screens.drill.question.focus_question()
        item = window.screens.drill.current()
        assert item is not None
        for n in range(item.select):
            key(app, [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3][n])
        key(app, Qt.Key.Key_Return)
        shoot(app, window, out, f"{prefix}-10-review-session")
        asker.name, asker.answer = f"{prefix}-10-ask-finish-review", "Finish"
        window.screens.drill.finish.click()
        wait(app, lambda: isinstance(c.state, st.Results))
        shoot(app, window, out, f"{prefix}-11-results-review")

        exam = next(
            h for h in store.history() if h.mode == "exam" and h.status == "submitted" and h.questions == 65
        )
        c.go(st.Results(exam.id))
        shoot(app, window, out, f"{prefix}-12-results-exam")
        timed_out = store.start_exam("mls-c01", seed=3, length=5)
        clock.advance(3 * 3600)
        store.tick(timed_out.status.id)
        c.go(st.Results(timed_out.status.id))
        shoot(app, window, out, f"{prefix}-13-results-timed-out")
        c.go(st.Review(exam.id))
        window.screens.review.set_filter("wrong")
        window.screens.review.list.setCurrentRow(1)
        shoot(app, window, out, f"{prefix}-14-review")
        shots_notes.review(app, window, out, prefix, shoot)
        c.go(st.History())
        running = next((r for r in range(window.screens.history.model.rowCount())
                        if window.screens.history.model.entries[r].status == "in_progress"), 0)  # fmt: skip
        window.screens.history.table.selectRow(running)
        shoot(app, window, out, f"{prefix}-15-history")
        asker.name, asker.answer = f"{prefix}-16-ask-discard", "Keep it"
        window.screens.history.discard.click()
        c.go(st.SettingsPage())
        shoot(app, window, out, f"{prefix}-17-settings")
        shots_notes.settings(app, window, out, prefix, shoot)
        panel = window.screens.settings.backups
        panel.backup.click()  # a backup made now, so the list and the result line show
        window.screens.settings.ensure_backups_visible()
        shoot(app, window, out, f"{prefix}-18-settings-backups")

        c.go(st.Home())  # an exam date: the dashboard's plan, the weak spots, a weak-spot drill
        wait(app, c.is_ready)
        exam_day = (clock.now() + timedelta(days=24)).astimezone().date()
        store.save_settings(store.settings().model_copy(update={"exam_date": exam_day}))
        c.refresh_dashboard()
        wait(app, c.is_ready)
        dashboard = window.screens.dashboard
        area = dashboard.findChild(QScrollArea)
        assert area is not None
        area.ensureWidgetVisible(dashboard.plan)
        shoot(app, window, out, f"{prefix}-19-dashboard-exam-plan")
        area.ensureWidgetVisible(dashboard.weak_spots)
        shoot(app, window, out, f"{prefix}-20-dashboard-weak-spots")
        c.start_weak_drill(None)
        shoot(app, window, out, f"{prefix}-21-weak-spot-drill")
        c.close_attempt()
        c.go(st.SettingsPage())
        window.screens.settings.area.ensureWidgetVisible(window.screens.settings.exam_date)
        shoot(app, window, out, f"{prefix}-22-settings-exam-date")

        render_aids(app, window, clock, asker, prefix, lambda n: shoot(app, window, out, n), key, wait)
        window.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str]) -> int:
    if not argv or (len(argv) > 1 and argv[1] != "--only"):
        print("usage: screenshots.py OUTDIR [--only LOOK ...]", file=sys.stderr)
        return 2
    out = Path(argv[0])
    only = argv[2:]
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    bank = load_bank()
    seed = Path(tempfile.mkdtemp(prefix="mlsquiz-seed-")) / "data"
    start = datetime.now(UTC) - timedelta(days=14)
    clock = Clock(start)
    make_history(seed, bank, clock)
    try:
        render_all(app, bank, seed, clock.current, out, only)
    finally:
        shutil.rmtree(seed.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
