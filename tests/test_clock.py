"""Exam time is charged from a monotonic clock, one charge capped: the wall clock only stamps times."""

from __future__ import annotations

from pathlib import Path

from mlsquiz.bank.bank import Bank
from mlsquiz.store.facade import Store

from .conftest import FakeClock


def ticking(store: Store, clock: FakeClock, aid: int, seconds: int) -> None:
    """The screen's one-second timer, for `seconds` seconds."""
    for _ in range(seconds):
        clock.advance(1)
        store.tick(aid)


def test_setting_the_clock_back_charges_nothing_extra(small_bank: Bank, data_dir: Path) -> None:
    clock = FakeClock(max_step=5)
    with Store.open(data_dir, small_bank, clock) as store:
        aid = store.start_exam(seed=1, length=5).status.id
        ticking(store, clock, aid, 30)
        clock.jump_wall(-3600)  # the user sets the system clock back an hour
        ticking(store, clock, aid, 60)
        status = store.tick(aid).status
    assert 89 <= status.elapsed <= 91  # 90 real seconds, not 3,690


def test_clock_jumps_and_flapping_never_submit_an_exam(small_bank: Bank, data_dir: Path) -> None:
    clock = FakeClock(max_step=5)
    with Store.open(data_dir, small_bank, clock) as store:
        aid = store.start_exam(seed=2, length=5).status.id
        for _ in range(3):
            clock.jump_wall(86400)  # a day forward
            ticking(store, clock, aid, 1)
            clock.jump_wall(-86400 * 2)  # and back
            ticking(store, clock, aid, 1)
        status = store.tick(aid).status
    assert status.status == "in_progress"
    assert status.elapsed <= 7


def test_a_suspend_costs_at_most_one_capped_step(small_bank: Bank, data_dir: Path) -> None:
    clock = FakeClock(max_step=5)
    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_exam(seed=3, length=5)
        aid = view.status.id
        ticking(store, clock, aid, 10)
        clock.advance(7200)  # the laptop slept two hours with the exam open
        change = store.answer(aid, 1, [view.items[0].options[0].key])
        assert change.status.elapsed <= 15
        assert (
            change.item is not None and change.item.seconds <= 15
        )  # per-question time is capped the same way
