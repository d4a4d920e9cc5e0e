"""What the user starts and ends: mock exams, drills, reviews, their controllers, and recovery from damage.

A part of `AppController` (mixed in), kept apart so that the controller's navigation and loading read on their
own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mlsquiz.store.errors import UserFacingError
from mlsquiz.ui import state as st
from mlsquiz.ui.widgets import ask, confirm

if TYPE_CHECKING:
    from mlsquiz.store.facade import Store
    from mlsquiz.store.views import AttemptView
    from mlsquiz.study.drills import DrillFilter
    from mlsquiz.ui.attempt_controller import AttemptController
    from mlsquiz.ui.screens import Screens


class AttemptActions:
    """Starting, resuming, finishing and discarding attempts (a mixin of `AppController`)."""

    if TYPE_CHECKING:  # provided by AppController
        store: Store | None
        s: Screens
        attempt: AttemptController | None
        blueprint_id: str | None
        state: st.State
        trail: list[st.State]
        notify: Callable[[str, str], None]

        def go(self, state: st.State) -> None: ...
        def _switch(self, state: st.State) -> None: ...
        def refresh_dashboard(self) -> None: ...

    def start_exam(self) -> None:
        """A new mock exam; with one of this exam already in progress, ask first (Enter resumes it)."""
        assert self.store is not None
        bid = self.store.blueprint(self.blueprint_id).id
        running = self.store.in_progress_exams(bid)
        if running:
            r = running[0]
            started = r.started_at.astimezone().strftime("%d %b %Y %H:%M")
            answer = ask(
                self.s,
                f"You have a {bid.upper()} mock exam in progress. Resume it?",
                f"Started {started}, {r.answered} of {r.total} answered. Discarding it deletes its answers; it "
                "will not appear in History.",
                [("resume", "Resume"), ("discard", "Discard and start new"), ("cancel", "Cancel")],
                default="resume",
                cancel="cancel",
            )
            if answer == "resume":
                self.resume(r.id)
                return
            if answer != "discard":
                return
            self.store.discard(r.id)
        self.open_attempt(self.store.start_exam(bid))

    def discard(self, attempt_id: int) -> None:
        """Discard an unfinished attempt, after asking; it leaves the dashboard, History and readiness."""
        assert self.store is not None
        entry = next((h for h in self.store.history() if h.id == attempt_id), None)
        if entry is None or entry.status == "submitted":
            return
        if not confirm(
            self.s,
            f"Discard “{entry.title}”?",
            f"Its {entry.answered} answer{'s' if entry.answered != 1 else ''} are deleted, and it "
            "leaves History and the readiness estimate. This cannot be undone.",
            "Discard",
            "Keep it",
            enter_says_yes=False,
        ):
            return
        self.store.discard(attempt_id)
        self.notify(f"Discarded “{entry.title}”.", "info")
        if isinstance(self.state, st.History):
            self._switch(self.state)
        elif isinstance(self.state, st.Home):
            self.refresh_dashboard()

    def start_review(self) -> None:
        assert self.store is not None
        self.open_attempt(self.store.start_review(blueprint_id=self.blueprint_id))

    def start_weak_drill(self, blueprint_id: str | None) -> None:
        """A drill on the weakest task statements; the banner says which and why, as the dashboard does."""
        assert self.store is not None
        view, why = self.store.start_weak_drill(blueprint_id)
        self.open_attempt(view)
        self.notify("Weak spots: " + "; ".join(t.explanation for t in why.tasks) + ".", "info")

    def start_drill(self, drill: DrillFilter) -> None:
        assert self.store is not None
        self.open_attempt(self.store.start_drill(drill))

    def resume(self, attempt_id: int) -> None:
        assert self.store is not None
        view = self.store.resume(attempt_id)
        if view.status.status != "in_progress":
            self.notify("The exam's time ran out while you were away; it has been submitted.", "info")
            self.go(st.Results(attempt_id))
            return
        self.open_attempt(view)

    def open_attempt(self, view: AttemptView) -> None:
        assert self.store is not None
        self.close_attempt()
        from mlsquiz.ui.attempt_controller import DrillController, ExamController

        controller: AttemptController
        if view.status.mode == "exam":
            controller = ExamController(self.store, self.s.exam, view)
            self.go(st.Exam(view.status.id))
        else:
            controller = DrillController(self.store, self.s.drill, view)
            self.go(st.Drill(view.status.id))
        controller.finished.connect(self._attempt_finished)
        controller.left.connect(self._attempt_left)
        controller.stale.connect(self._attempt_stale)
        controller.damaged.connect(self.recover_from_damage)
        controller.discarded.connect(self._attempt_discarded)
        self.attempt = controller

    def _backups(self, action: Callable[[Store], str]) -> None:
        """Settings → Backups: do it, then show the result and the new list (a restore also resets the view)."""
        assert self.store is not None
        panel = self.s.settings.backups
        from mlsquiz.store.facade import DamagedDuringSession

        try:
            panel.show_result(action(self.store), "success")
        except DamagedDuringSession:
            self.recover_from_damage()
            return
        except UserFacingError as exc:
            panel.show_result(str(exc), "danger")
        panel.show_backups(self.store.backups())

    def _attempt_stale(self, message: str) -> None:
        self._drop_attempt()
        self.go(st.Home())
        self.notify(message, "error")

    def recover_from_damage(self, _message: str = "") -> None:
        """The data file was found damaged during use: keep it aside, restore the newest good backup, go home."""
        if self.store is None:
            return
        if self.attempt is not None:
            self.attempt.shutdown_without_saving()
        self._drop_attempt()
        try:
            notice = self.store.recover_from_damage()
        except UserFacingError as exc:
            notice = f"Your data file is damaged and could not be restored: {exc}"
        self.trail = []
        self._switch(st.Home())
        self.notify(notice, "error")

    def _attempt_finished(self, attempt_id: int, timed_out: bool) -> None:
        self._drop_attempt()
        self.trail = [st.Home()]
        self._switch(st.Results(attempt_id))
        if timed_out:
            self.notify("Time is up: the exam was submitted with the answers you had given.", "info")

    def _attempt_left(self, _attempt_id: int) -> None:
        self._drop_attempt()
        self.go(st.Home())

    def _attempt_discarded(self, _attempt_id: int) -> None:
        self._drop_attempt()
        self.notify("Discarded: nothing was recorded.", "info")
        self.go(st.Home())

    def close_attempt(self) -> None:
        """Pause the open attempt, if any (leaving it for another, or closing the window)."""
        if self.attempt is not None:
            self.attempt.shutdown()
        self._drop_attempt()

    def _drop_attempt(self) -> None:
        """The attempt's controller has ended (finished, left, stale, damaged, discarded, closed): it goes.

        `deleteLater`, because this often runs inside the controller's own signal."""
        if self.attempt is not None:
            self.attempt.deleteLater()
            self.attempt = None

    def _count(self, drill: DrillFilter) -> None:
        assert self.store is not None
        self.s.setup.show_count(self.store.drill_pool_size(drill))

    def _drill_wrong(self, attempt_id: int) -> None:
        assert self.store is not None
        blueprint = self.s.results.result.blueprint if self.s.results.result else None
        self._drill_these(self.store.question_ids_of(attempt_id, "wrong"), blueprint)

    def _drill_these(self, ids: list[str], blueprint: str | None) -> None:
        review = self.s.review.result
        if isinstance(self.state, st.Review) and (review is None or review.status != "submitted"):
            return  # a drill would show the answers of an attempt still in progress
        if ids:
            bid = blueprint or self.blueprint_id or "mls-c01"
            from mlsquiz.study.drills import DrillFilter

            self.start_drill(DrillFilter(blueprint=bid, question_ids=ids, length=len(ids)))
