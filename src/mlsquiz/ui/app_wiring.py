"""What each screen's signals do: the connections between the screens and the `AppController`.

Every request goes through the controller's guard: an action waits for a running worker (and for the screens
built after the first dashboard), and a refusal from the core becomes a message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlsquiz.ui import state as st

if TYPE_CHECKING:
    from mlsquiz.ui.app_controller import AppController


def wire_home(c: AppController) -> None:
    """The dashboard's requests (made with the dashboard, before the other screens exist)."""
    d, g = c.s.dashboard, c._guard
    d.exam_requested.connect(g(c.start_exam))
    d.drill_requested.connect(g(lambda: c.go(st.DrillSetup())))
    d.review_requested.connect(g(c.start_review))
    d.weak_spots_requested.connect(g(lambda: c.start_weak_drill(c.blueprint_id)))
    d.history_requested.connect(g(lambda: c.go(st.History())))
    d.settings_requested.connect(g(lambda: c.go(st.SettingsPage())))
    d.resume_requested.connect(g(c.resume))
    d.discard_requested.connect(g(c.discard))
    d.attempt_requested.connect(g(lambda i: c.go(st.Results(i))))
    d.blueprint_changed.connect(g(c.choose_blueprint))
    d.import_requested.connect(g(lambda: c.imports.choose_file()))
    d.my_questions_requested.connect(g(lambda: c.imports.show_my_questions()))


def wire(c: AppController) -> None:
    """The other screens' requests (made once they are built)."""
    s, g = c.s, c._guard
    c.imports.dialog_closed.connect(
        lambda: s.dashboard.focus_first() if isinstance(c.state, st.Home) else None
    )
    s.history.discard_requested.connect(g(c.discard))
    s.results.weak_spots_requested.connect(g(c.start_weak_drill))
    s.results.more_review_requested.connect(g(c.start_review))
    s.setup.filter_changed.connect(g(c._count))
    s.setup.start_requested.connect(g(c.start_drill))
    s.setup.back_requested.connect(g(c.back))
    s.results.review_requested.connect(g(lambda i: c.go(st.Review(i))))
    s.results.review_question_requested.connect(g(lambda i, p: c.go(st.Review(i, p))))
    s.results.drill_wrong_requested.connect(g(c._drill_wrong))
    s.results.home_requested.connect(g(lambda: c.go(st.Home())))
    s.review.drill_requested.connect(g(lambda ids: c._drill_these(ids, s.review.blueprint())))
    s.review.back_requested.connect(g(c.back))
    s.history.open_requested.connect(g(lambda i: c.go(st.Review(i))))
    s.history.back_requested.connect(g(c.back))
    s.settings.back_requested.connect(g(c.back))
    s.settings.backups.backup_requested.connect(g(lambda: c._backups(lambda st_: st_.backup_now())))
    s.settings.backups.restore_requested.connect(g(lambda n: c._backups(lambda st_: st_.restore_backup(n))))
    s.settings.backups.check_requested.connect(g(lambda: c._backups(lambda st_: st_.check_data())))
