"""Between an open attempt and its screen: turns the screen's requests into store actions and shows the result.

The screen never sees the store. Every action returns a `Change`, which goes straight back to the screen; an
attempt that is no longer in progress (submitted, or auto-submitted when the exam's time ran out) ends the
controller with `finished(attempt_id, timed_out)`, and leaving pauses the attempt and reports `left(attempt_id)`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from mlsquiz.exam.attempt import AttemptError, SelectLimitReached
from mlsquiz.store.errors import UserFacingError
from mlsquiz.store.facade import DamagedDuringSession, SaveFailed, StaleAttempt, Store
from mlsquiz.store.views import AttemptView, Change
from mlsquiz.study.session import DrillSession
from mlsquiz.ui.attempt_screen import AttemptScreen
from mlsquiz.ui.drill_screen import DrillScreen
from mlsquiz.ui.exam_screen import ExamScreen
from mlsquiz.ui.widgets import confirm, plural

TICK_MS = 1000


class AttemptController(QObject):
    finished = Signal(int, bool)  # attempt id, submitted because the time ran out
    left = Signal(int)
    stale = Signal(str)  # another window changed the attempt: nothing was saved here
    damaged = Signal(str)  # the data file was found damaged: the app restores the newest backup
    discarded = Signal(int)

    def __init__(self, store: Store, screen: AttemptScreen, view: AttemptView) -> None:
        super().__init__(screen)
        self.store = store
        self.screen = screen
        self.attempt_id = view.status.id
        self.active = True
        self.save_problem = False  # the last write failed: its message stays on screen until one succeeds
        blueprint = store.blueprint(view.status.blueprint)
        titles = {t.id: t.title for d in blueprint.domains for t in d.tasks}
        self._connections = [
            (screen.option_toggled, self._toggle),
            (screen.take_back_requested, self._take_back),
            (screen.arrange_requested, self._arrange),
            (screen.match_requested, self._match),
            (screen.goto_requested, self._goto),
            (screen.flag_requested, self._flag),
            (screen.leave_requested, self.request_leave),
            (screen.confidence_requested, self._confidence),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)
        settings = store.settings()
        screen.set_aids(pace_line=settings.pace_line, confidence=settings.confidence)
        screen.load(view, titles)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        """Every second: keep the attempt's time current (an exam's countdown, every question's own time).

        While saving fails the clock stands (the store charges no more than a few seconds across any gap) and
        each tick retries the save; the first one that succeeds clears the message."""
        if not self.active:
            return
        change = self._run(lambda: self.store.tick(self.attempt_id), apply=False)
        if change is None:
            return
        if change.status.status != "in_progress":
            self.finish(auto=True)
        else:
            self.screen.show_status(change.status)

    def _run(self, action: Callable[[], Change], *, apply: bool = True) -> Change | None:
        """Do one store action; a refused one is explained on the screen and redrawn as it was."""
        if not self.active:
            return None
        try:
            change = action()
        except StaleAttempt as exc:
            self.shutdown_without_saving()
            self.stale.emit(str(exc))
            return None
        except DamagedDuringSession as exc:
            self.shutdown_without_saving()
            self.damaged.emit(str(exc))
            return None
        except (AttemptError, UserFacingError) as exc:
            self.save_problem = isinstance(exc, SaveFailed)
            if isinstance(exc, SelectLimitReached):
                self.screen.show_hint(exc.hint, "warning")
            else:
                self.screen.show_hint(str(exc), "danger")
            self.screen.redraw()
            return None
        if self.save_problem:  # a write went through again: the banner goes
            self.save_problem = False
            self.screen.show_hint("")
        if apply:
            self.apply(change)
        return change

    def shutdown_without_saving(self) -> None:
        """Stop driving the screen when the store refuses to write for this attempt (stale, or damaged)."""
        self._detach()

    def apply(self, change: Change) -> None:
        if change.status.status != "in_progress":
            self.finish(auto=change.status.auto_submitted)
            return
        self.screen.apply_change(change)

    def _toggle(self, position: int, key: str) -> None:
        self._run(lambda: self.store.toggle(self.attempt_id, position, key))

    def _take_back(self, position: int) -> None:
        self._run(lambda: self.store.take_back(self.attempt_id, position))

    def _arrange(self, position: int, keys: list[str]) -> None:
        self._run(lambda: self.store.answer(self.attempt_id, position, keys))

    def _match(self, position: int, prompt: str, key: str | None) -> None:
        self._run(lambda: self.store.match(self.attempt_id, position, prompt, key))

    def _confidence(self, position: int, level: str) -> None:
        self._run(lambda: self.store.set_confidence(self.attempt_id, position, level))

    def _goto(self, position: int) -> None:
        self._run(lambda: self.store.goto(self.attempt_id, position))

    def _flag(self, position: int, flagged: bool) -> None:
        self._run(lambda: self.store.flag(self.attempt_id, position, flagged))

    def request_leave(self) -> None:
        self.leave()

    def leave(self) -> None:
        """Pause the attempt (its clock stops; it stays resumable) and hand control back."""
        if not self.active:
            return
        self.shutdown()
        self.left.emit(self.attempt_id)

    def _detach(self) -> bool:
        """Stop driving the screen; False if that had already happened."""
        if not self.active:
            return False
        self.active = False
        self.timer.stop()
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._disconnect_more()
        return True

    def shutdown(self) -> None:
        """Stop driving the screen and pause the attempt (leaving the screen, or closing the window)."""
        if self._detach():
            with contextlib.suppress(UserFacingError):  # unsaved time only; answers were saved as given
                self.store.pause(self.attempt_id)

    def _disconnect_more(self) -> None:
        """Subclasses drop their own connections."""

    def finish(self, *, auto: bool = False) -> None:
        if not self.active:
            return
        try:
            self.store.submit(self.attempt_id)
        except (SaveFailed, AttemptError) as exc:  # not submitted: the exam stays open, its answers as saved
            self.save_problem = isinstance(exc, SaveFailed)
            self.screen.show_hint(f"The exam could not be submitted. {exc}", "danger")
            return
        except StaleAttempt as exc:
            self.shutdown_without_saving()
            self.stale.emit(str(exc))
            return
        except DamagedDuringSession as exc:
            self.shutdown_without_saving()
            self.damaged.emit(str(exc))
            return
        self._detach()
        self.finished.emit(self.attempt_id, auto)


class ExamController(AttemptController):
    """Adds the countdown: `store.tick` every second; the store submits the exam when time is up."""

    def __init__(self, store: Store, screen: ExamScreen, view: AttemptView) -> None:
        super().__init__(store, screen, view)
        self.exam = screen
        screen.submit_requested.connect(self.request_submit)

    def request_submit(self) -> None:
        status = self.exam.status
        if status is None or not self.active:
            return
        missing, partial = len(status.unanswered), len(status.incomplete)
        notes = []
        if missing:
            notes.append(f"{missing} question{'s are' if missing != 1 else ' is'} unanswered")
        if partial:
            notes.append(f"{partial} {'are' if partial != 1 else 'is'} incomplete (not every box ticked)")
        detail = (" and ".join(notes) + "; they count as wrong.") if notes else "Every question is answered."
        if confirm(self.exam, "Submit the exam and see your score?", detail, "Submit", "Back to questions"):
            self.finish()

    def request_leave(self) -> None:
        if confirm(
            self.exam,
            "Leave the exam?",
            "Your answers are saved and the clock stops. Resume any time from the dashboard (Ctrl+U).",
            "Leave exam",
            "Keep going",
        ):
            self.leave()

    def _disconnect_more(self) -> None:
        self.exam.submit_requested.disconnect(self.request_submit)


class DrillController(AttemptController):
    """Check reveals the verdict (and schedules the review card); continue moves to the next unchecked one."""

    def __init__(self, store: Store, screen: DrillScreen, view: AttemptView) -> None:
        self.session = DrillSession.of(
            view.status.total, view.status.position, (i.position for i in view.items if i.revealed)
        )
        super().__init__(store, screen, view)
        self.drill = screen
        self._more = [
            (screen.check_requested, self._check),
            (screen.continue_requested, self.go_on),
            (screen.finish_requested, self.request_finish),
        ]
        for signal, slot in self._more:
            signal.connect(slot)

    def _check(self, position: int) -> None:
        self._run(lambda: self.store.check(self.attempt_id, position))

    def apply(self, change: Change) -> None:
        """The session learns what the store reported before the screen shows it."""
        self.session.moved_to(change.status.position)
        if change.item is not None:
            self.session.record(change.item.position, checked=change.item.revealed)
        super().apply(change)

    def go_on(self) -> None:
        """Continue: the session names the next unchecked question, or the drill is done."""
        if not self.active:
            return
        position = self.session.next_position()
        if position is None:
            self.finish()
        else:
            self._goto(position)

    def request_finish(self) -> None:
        """Finishing early keeps only the questions checked; with none checked there is nothing to keep."""
        unchecked = self.session.unchecked
        checked = self.session.total - len(unchecked)
        what = "review" if self.drill.status is not None and self.drill.status.mode == "review" else "drill"
        if self.session.nothing_checked:
            if confirm(
                self.drill,
                f"Nothing has been checked yet. Discard this {what}?",
                "Nothing is recorded, and every review card stays due.",
                f"Discard {what}",
                "Keep going",
            ):
                self.discard()
            return
        if unchecked and not confirm(
            self.drill,
            "Finish now and see your results?",
            f"{plural(checked, 'question')} checked {'is' if checked == 1 else 'are'} scored; "
            f"{plural(len(unchecked), 'question')} not checked {'is' if len(unchecked) == 1 else 'are'} left out, "
            "and their review cards stay due.",
            "Finish",
            "Keep going",
        ):
            return
        self.finish()

    def discard(self) -> None:
        if self._detach():
            self.store.discard(self.attempt_id)
            self.discarded.emit(self.attempt_id)

    def _disconnect_more(self) -> None:
        for signal, slot in self._more:
            signal.disconnect(slot)
