"""Read models are recomputed only when something they show may have changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event

from mlsquiz.bank.bank import Bank
from mlsquiz.store import facade
from mlsquiz.store.facade import Store

from .conftest import FakeClock


def test_the_dashboard_again_after_nothing_changed_does_no_query(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_exam(seed=1, length=5)
        store.answer(view.status.id, 1, [view.items[0].options[0].key])
        store.pause(view.status.id)
        queries: list[str] = []
        event.listen(store.database.engine, "before_cursor_execute", lambda *args: queries.append(args[2]))
        first = store.dashboard("mls-c01")
        assert queries  # computed
        queries.clear()
        assert store.dashboard("mls-c01") == first
        assert queries == []  # nothing changed: no store query
        store.settings()  # reading settings is no write
        assert store.dashboard("mls-c01") == first and queries == []
        store.answer(view.status.id, 2, [view.items[1].options[0].key])
        queries.clear()
        again = store.dashboard("mls-c01")
        assert queries and again.resumable[0].answered == 2  # an answer changes what it shows
        queries.clear()
        store.dashboard("mla-c01")
        assert queries  # another blueprint is another view
        clock.advance(61)
        queries.clear()
        store.dashboard("mla-c01")
        assert queries  # a minute on, review cards may have fallen due


def test_settings_are_read_once_and_kept_current_by_saving(
    small_bank: Bank, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[Path] = []
    real_load = facade.load_settings
    monkeypatch.setattr(facade, "load_settings", lambda folder: reads.append(folder) or real_load(folder))
    with Store.open(data_dir, small_bank, clock) as store:
        for _ in range(3):
            store.blueprint()
            store.dashboard()
        assert len(reads) == 1  # read once, not on every blueprint() call
        store.save_settings(store.settings().model_copy(update={"default_blueprint": "mla-c01"}))
        assert store.blueprint().id == "mla-c01" and len(reads) == 1
    with Store.open(data_dir, small_bank, clock) as store:
        assert store.blueprint().id == "mla-c01"  # saved to the folder, read back by the next store
