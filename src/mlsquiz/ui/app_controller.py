"""The app's state machine: which screen shows what, and the store calls behind every navigation.

Screens report what the user did; this controller asks the store and hands the views to the screen of the new
state. Slow work (loading the bank, the dashboard's readiness estimate) runs on the thread pool; while it runs
the GUI thread keeps away from the store, and whatever the user asked for meanwhile runs when it is done.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from mlsquiz.startup import mark, settle
from mlsquiz.store.errors import UserFacingError
from mlsquiz.ui import state as st
from mlsquiz.ui.app_attempts import AttemptActions
from mlsquiz.ui.app_wiring import wire, wire_home
from mlsquiz.ui.loader import TaskSignals, run_in_pool
from mlsquiz.ui.screens import Screens, import_screen_modules

if TYPE_CHECKING:  # the core is imported after the first frame is painted (see `start` and `core`)
    from PySide6.QtWidgets import QWidget

    from mlsquiz.bank.bank import Bank
    from mlsquiz.exam.attempt import Clock
    from mlsquiz.settings import Settings
    from mlsquiz.store.facade import Store
    from mlsquiz.store.views import BlueprintView, DashboardView
    from mlsquiz.ui.attempt_controller import AttemptController


def core_errors() -> tuple[type[Exception], ...]:
    """The errors a user action may meet that are the user's to read (imported late, once the core is in)."""
    from mlsquiz.exam.attempt import AttemptError

    return (UserFacingError, AttemptError)


class AppController(QObject, AttemptActions):
    ready = Signal()  # the store is open and the first dashboard is shown
    built = Signal()  # the screens exist (made after the first frame)
    load_failed = Signal(str)
    state_changed = Signal(object)
    dashboard_shown = Signal()

    def __init__(
        self,
        screens: Screens,
        data_dir: Path,
        bank_loader: Callable[[], Bank],
        clock: Clock | None,
        notify: Callable[[str, str], None],
    ) -> None:
        super().__init__()
        self.s = screens
        self.data_dir = data_dir
        self.bank_loader = bank_loader
        self.clock = clock
        self.notify = notify
        self.store: Store | None = None
        self.blueprints: list[BlueprintView] = []
        self.blueprint_id: str | None = None
        self.state: st.State = st.Loading()
        self.trail: list[st.State] = []
        self.attempt: AttemptController | None = None
        self._task: TaskSignals | None = None
        self._queued: list[Callable[[], None]] = []
        self.closed = False
        self._screens = self._state_table()

    def build_screens(self) -> None:
        """Make the screens other than the dashboard and connect them (once), after the first dashboard."""
        if self.s.built:
            return
        self.s.build()
        from mlsquiz.ui.import_flow import ImportFlow
        from mlsquiz.ui.notes_flow import NotesFlow

        def bank() -> Bank | None:
            return self.store.bank if self.store else None

        self.imports = ImportFlow(
            self.data_dir, self.s.window, bank, self._guard(self._replace_bank), self.notify
        )
        self.notes = NotesFlow(self.s, lambda: self.store, self.notify, self._guard)
        self.state_changed.connect(self.notes.state_changed)
        wire(self)
        self.built.emit()

    def is_ready(self) -> bool:
        """The store is open, every screen is built and no worker is using the store."""
        return self.store is not None and self._task is None and self.s.built

    @property
    def busy(self) -> bool:
        """A worker is using the store."""
        return self._task is not None

    def _guard(self, action: Callable[..., None]) -> Callable[..., None]:
        """Run a user action now, or after the running worker; a refusal from the core becomes a message."""

        def run(*args: Any) -> None:
            if self._task is not None or self.store is None or not self.s.built:
                self._queued.append(lambda: run(*args))
                return
            from mlsquiz.store.facade import DamagedDuringSession

            try:
                action(*args)
            except DamagedDuringSession:
                self.recover_from_damage()
            except core_errors() as exc:
                self.notify(str(exc), "error")

        return run

    # -- start-up and the dashboard -------------------------------------------------------------------------
    def start(self) -> None:
        """Show "Loading…" (painted already, from the app); import the core and the dashboard's module, load the
        bank and open the store on the thread pool (imports happen on one thread at a time); then the dashboard."""
        self.go(st.Loading())
        loader, folder, clock = self.bank_loader, self.data_dir, self.clock

        def work() -> tuple[Store, DashboardView, list[BlueprintView]]:
            from mlsquiz.bank.user_bank import with_user_bank
            from mlsquiz.store.facade import Store
            from mlsquiz.ui.screens import import_home_modules

            import_home_modules()
            mark("core-imported")
            bank = with_user_bank(loader(), folder)
            mark("bank-loaded")
            store = Store.open(folder, bank, clock)  # the start's backup follows the first dashboard
            mark("store-open")
            return store, store.dashboard(), store.blueprints()

        self._task = run_in_pool(work, self._loaded, self._failed_to_load)

    def _loaded(self, value: object) -> None:
        self._task = None
        assert isinstance(value, tuple)
        if self.closed:  # the window closed while the bank was loading
            value[0].close()
            return
        self.store, view, self.blueprints = value
        self.s.build_home()
        wire_home(self)
        mark("dashboard-built")
        self._show_dashboard(view)
        if self.store.notice:  # e.g. the database was restored from its backup: say so until dismissed
            self.notify(self.store.notice, "error")
        self.ready.emit()
        # before any write: the start's backup (pool, SQLite only) and the other screens (this thread, next turn)
        store = self.store

        def backup() -> str | None:
            store.backup_quietly()
            return store.backup_error

        self._task = run_in_pool(backup, self._backed_up, self._failed_to_load)
        QTimer.singleShot(0, self._build_rest)

    def _build_rest(self) -> None:
        if not self.closed:
            import_screen_modules()
            self.build_screens()
            mark("screens-built")
            self._run_queued()
            QTimer.singleShot(0, settle)

    def _backed_up(self, backup_error: object) -> None:
        self._task = None
        if backup_error:
            self.notify(f"The automatic backup at start could not be written: {backup_error}", "error")
        self._run_queued()

    def _failed_to_load(self, message: str) -> None:
        self._task = None
        settle()
        self.s.loading.show_error(message)
        self.load_failed.emit(message)

    def refresh_dashboard(self) -> None:
        store, bid = self.store, self.blueprint_id
        if store is None or self._task is not None:
            return
        self.s.dashboard.set_busy(True)
        self._task = run_in_pool(lambda: store.dashboard(bid), self._refreshed, self._refresh_failed)

    def _refreshed(self, value: object) -> None:
        self._task = None
        self.s.dashboard.set_busy(False)
        from mlsquiz.store.views import DashboardView

        assert isinstance(value, DashboardView)
        if isinstance(self.state, st.Home):
            self._show_dashboard(value)
        self._run_queued()

    def _refresh_failed(self, message: str) -> None:
        self._task = None
        self.s.dashboard.set_busy(False)
        self.notify(f"Could not update the dashboard: {message}", "error")
        self._run_queued()

    def _run_queued(self) -> None:
        queued, self._queued = self._queued, []
        for action in queued:
            action()

    def _show_dashboard(self, view: DashboardView) -> None:
        self.blueprint_id = view.blueprint
        self.s.dashboard.show_dashboard(view, self.blueprints)
        if not isinstance(self.state, st.Home):
            self._switch(st.Home())
        self.dashboard_shown.emit()

    def _replace_bank(self, bank: Bank) -> None:
        """The user's bank changed (an import, a delete): the store reads the new bank from now on."""
        if self.store is not None:
            self.store.bank = bank
            if isinstance(self.state, st.Home):
                self.refresh_dashboard()

    def choose_blueprint(self, blueprint_id: str) -> None:
        """The exam chosen on the dashboard is the user's choice: it is remembered across restarts."""
        self.blueprint_id = blueprint_id
        if self.store is not None:
            settings = self.store.settings()
            if settings.default_blueprint != blueprint_id:
                self.store.save_settings(settings.model_copy(update={"default_blueprint": blueprint_id}))
        self.refresh_dashboard()

    # -- navigation ------------------------------------------------------------------------------------------
    def go(self, state: st.State) -> None:
        """Show `state`. Attempts and results replace the screen they came from; other screens stack on it."""
        if isinstance(state, st.Home | st.Loading):
            self.trail = []
        elif isinstance(state, st.Exam | st.Drill):
            self.trail = [st.Home()]
        elif not isinstance(self.state, st.Exam | st.Drill | st.Loading):
            self.trail.append(self.state)
        self._switch(state)
        if isinstance(state, st.Home):
            self.refresh_dashboard()

    def back(self) -> None:
        previous = self.trail.pop() if self.trail else st.Home()
        self._switch(previous)
        if isinstance(previous, st.Home):
            self.trail = []
            self.refresh_dashboard()

    def _switch(self, state: st.State) -> None:
        """Show the screen of `state`, filled from the store where it needs one (nothing yet without one)."""
        self.state = state
        screen = self._screens[type(state)](state)
        if screen is None:
            return
        self.s.bring(screen)
        self.state_changed.emit(state)

    def _state_table(self) -> dict[type, Callable[[Any], QWidget | None]]:
        """Each state's screen: the attempt screens are filled by their controllers, the rest from the store."""
        return {
            st.Loading: lambda _state: self.s.loading,
            st.Home: lambda _state: self.s.dashboard,
            st.Exam: lambda _state: self.s.exam,
            st.Drill: lambda _state: self.s.drill,
            st.DrillSetup: self._with_store(self._fill_setup),
            st.Results: self._with_store(self._fill_results),
            st.Review: self._with_store(self._fill_review),
            st.History: self._with_store(self._fill_history),
            st.SettingsPage: self._with_store(self._fill_settings),
        }

    def _with_store(self, fill: Callable[[Store, Any], QWidget]) -> Callable[[Any], QWidget | None]:
        return lambda state: None if self.store is None else fill(self.store, state)

    def _fill_setup(self, store: Store, _state: st.DrillSetup) -> QWidget:
        setup = self.s.setup
        setup.show_options(
            self.blueprints,
            store.blueprint(self.blueprint_id).id,
            store.topics(),
            store.settings().drill_length,
        )
        setup.show_count(store.drill_pool_size(setup.drill_filter()))
        return setup

    def _fill_results(self, store: Store, state: st.Results) -> QWidget:
        result = store.result(state.attempt_id)
        self.s.results.show_result(result)
        self.s.results.show_more_due(store.due_count() if result.mode == "review" else 0)
        return self.s.results

    def _fill_review(self, store: Store, state: st.Review) -> QWidget:
        result = store.result(state.attempt_id)
        bp = next((b for b in self.blueprints if b.id == result.blueprint), None)
        self.s.review.show_result(result, {d.id: d.title for d in bp.domains} if bp else {})
        if state.position is not None:
            self.s.review.show_position(state.position)
        return self.s.review

    def _fill_history(self, store: Store, _state: st.History) -> QWidget:
        self.s.history.show_history(store.history(), {b.id: b.passing_score for b in self.blueprints})
        return self.s.history

    def _fill_settings(self, store: Store, _state: st.SettingsPage) -> QWidget:
        self.s.settings.show_settings(store.settings(), self.blueprints)
        self.s.settings.backups.show_backups(store.backups())
        return self.s.settings

    def rerender(self) -> None:
        """Draw the current screen again (after a theme change: charts and Markdown take the new colours)."""
        if isinstance(self.state, st.Exam | st.Drill):
            (self.s.exam if isinstance(self.state, st.Exam) else self.s.drill).restyle()
        elif isinstance(self.state, st.Results | st.History | st.Review):
            self._switch(self.state)
        if self.s.home_built:
            self.s.dashboard.update()

    # -- settings and shutting down ----------------------------------------------------------------------------
    def save_settings(self, settings: Settings) -> Settings:
        """Save the Settings page; a new default exam becomes the dashboard's exam too."""
        assert self.store is not None
        before = self.store.settings().default_blueprint
        saved = self.store.save_settings(settings)
        if saved.default_blueprint != before:
            self.blueprint_id = saved.default_blueprint
        return saved

    def shutdown(self, geometry: str | None) -> None:
        """Wait for the worker, pause the open attempt, remember the window, close the store."""
        from PySide6.QtCore import QThreadPool

        self.closed = True
        QThreadPool.globalInstance().waitForDone()
        self.close_attempt()
        if self.store is not None:
            if geometry is not None:
                current = self.store.settings()
                with contextlib.suppress(UserFacingError):  # the window's size is not worth a failed quit
                    self.store.save_settings(current.model_copy(update={"window_geometry": geometry}))
            self.store.close()
            self.store = None
