"""The dashboard reads only what it shows, and shows what the full reads would."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event

from mlsquiz.bank.bank import Bank
from mlsquiz.store.facade import Store
from mlsquiz.store.reads import RECENT_ON_DASHBOARD

from .conftest import FakeClock


def test_the_recent_list_is_the_newest_submitted_attempts_of_the_history(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        for n in range(RECENT_ON_DASHBOARD + 4):
            view = store.start_exam(seed=n, length=3)
            store.answer(view.status.id, 1, [view.items[0].options[n % 2].key])
            clock.advance(30)
            if n % 5 == 2:
                store.pause(view.status.id)  # left in progress: never in the recent list
            else:
                store.submit(view.status.id)
            clock.advance(60)
        expected = [h for h in store.history() if h.status == "submitted"][:RECENT_ON_DASHBOARD]
        assert len(expected) == RECENT_ON_DASHBOARD
        assert store.dashboard("mls-c01").recent == expected


def test_readiness_and_the_weak_spots_read_the_answers_once(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_exam(seed=3, length=4)
        for item in view.items:
            store.answer(view.status.id, item.position, [item.options[0].key])
        store.submit(view.status.id)
        queries: list[str] = []
        event.listen(store.database.engine, "before_cursor_execute", lambda *args: queries.append(args[2]))
        first = store.dashboard("mls-c01")
        answer_reads = [q for q in queries if "answered_at" in q and "ORDER BY" in q]
        assert len(answer_reads) == 1, answer_reads
        view = store.start_exam(seed=4, length=2)
        store.answer(view.status.id, 1, [view.items[0].options[1].key])
        store.submit(view.status.id)
        queries.clear()
        again = store.dashboard("mls-c01")
        assert [q for q in queries if "answered_at" in q and "ORDER BY" in q]  # a write: read afresh
        assert again.readiness != first.readiness or again.recent != first.recent


def test_only_a_change_to_what_the_dashboard_shows_recomputes_it(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_exam(seed=5, length=3)
        store.answer(view.status.id, 1, [view.items[0].options[0].key])
        store.submit(view.status.id)
        question = view.items[0].question_id
        queries: list[str] = []
        event.listen(store.database.engine, "before_cursor_execute", lambda *args: queries.append(args[2]))

        def recomputed() -> bool:
            queries.clear()
            store.dashboard("mls-c01")
            return [q for q in queries if q.lstrip().upper().startswith("SELECT")] != []

        assert recomputed()  # the first time
        assert not recomputed()
        store.notes.set_note(question, "SageMaker Clarify: bias before and after training")
        assert not recomputed()  # a note is not on the dashboard
        settings = store.settings()
        store.save_settings(settings.model_copy(update={"theme": "dark", "font_size": 14}))
        assert not recomputed()  # nor the look
        store.save_settings(store.settings().model_copy(update={"drill_length": settings.drill_length + 5}))
        assert recomputed()  # the weak-spot drill's length is
        store.notes.report(question, "wrong key", "", hide=True)
        assert recomputed()  # a hidden question leaves the reviews due
        store.bank = small_bank
        assert recomputed()  # another bank: other counts
