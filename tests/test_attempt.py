"""The attempt state machine with an injected clock: every transition, auto-submit, time accounting."""

from __future__ import annotations

import pytest

from mlsquiz.bank.bank import Bank
from mlsquiz.exam.attempt import AttemptError, AttemptState, ItemState, SelectLimitReached, TimeUp

from .conftest import FakeClock


def make(
    bank: Bank, clock: FakeClock, mode: str = "exam", limit: int | None = 600, n: int = 5
) -> AttemptState:
    singles = [q for q in bank.questions if q.type == "single"][: n - 1]
    multiple = next(q for q in bank.questions if q.type == "multiple")
    items = [
        ItemState(position=i + 1, question=q, order=tuple(o.key for o in q.options), domain="1", task="1.1")
        for i, q in enumerate([*singles, multiple])
    ]
    state = AttemptState(
        id=1,
        mode=mode,
        blueprint="mls-c01",
        passing_score=750,
        items=items,  # type: ignore[arg-type]
        started_at=clock.now(),
        limit_seconds=limit,
    )
    state.open(clock.now())
    return state


def test_answer_clear_and_toggle_single(small_bank: Bank, clock: FakeClock) -> None:
    s = make(small_bank, clock)
    s.toggle(1, "A", clock.now())
    s.toggle(1, "C", clock.now())
    assert s.item(1).answer == {"C"}
    s.answer(1, (), clock.now())  # cleared
    assert s.item(1).answer == frozenset()
    with pytest.raises(AttemptError):
        s.answer(1, {"A", "B"}, clock.now())
    with pytest.raises(AttemptError):
        s.answer(1, {"Z"}, clock.now())


def test_multiple_allows_up_to_select(small_bank: Bank, clock: FakeClock) -> None:
    s = make(small_bank, clock)
    pos = 5
    s.toggle(pos, "A", clock.now())
    s.toggle(pos, "B", clock.now())
    with pytest.raises(AttemptError, match="at most 2") as refused:
        s.toggle(pos, "C", clock.now())
    assert isinstance(refused.value, SelectLimitReached)
    assert refused.value.hint == "Select TWO. Clear one of your choices first."  # what the screen shows
    assert s.item(pos).answer == {"A", "B"}
    s.toggle(pos, "A", clock.now())
    s.toggle(pos, "C", clock.now())
    assert s.item(pos).answer == {"B", "C"}


def test_flag_goto_summary(small_bank: Bank, clock: FakeClock) -> None:
    s = make(small_bank, clock)
    s.answer(2, {"A"}, clock.now())
    s.flag(3, True, clock.now())
    s.goto(4, clock.now())
    assert s.position == 4
    summary = s.summary()
    assert summary.answered == (2,)
    assert summary.unanswered == (1, 3, 4, 5)
    assert summary.flagged == (3,)
    with pytest.raises(AttemptError):
        s.goto(9, clock.now())


def test_time_runs_only_while_open_and_is_spent_per_question(small_bank: Bank, clock: FakeClock) -> None:
    s = make(small_bank, clock)
    clock.advance(30)
    s.goto(2, clock.now())
    clock.advance(10)
    s.close(clock.now())
    assert s.elapsed_seconds == 40
    assert (s.item(1).seconds, s.item(2).seconds) == (30, 10)
    clock.advance(1000)  # closed: no time passes
    s.open(clock.now())
    assert s.time_left(clock.now()) == 560
    clock.advance(5)
    assert s.time_left(clock.now()) == 555


def test_auto_submit_at_zero(small_bank: Bank, clock: FakeClock) -> None:
    s = make(small_bank, clock, limit=60)
    s.answer(1, {"A"}, clock.now())
    clock.advance(59)
    assert s.tick(clock.now()) is False
    clock.advance(2)
    assert s.tick(clock.now()) is True
    assert s.status == "submitted"
    assert s.elapsed_seconds == 60  # never more than the limit
    with pytest.raises(AttemptError):
        s.answer(2, {"A"}, clock.now())


def test_action_after_deadline_submits(small_bank: Bank, clock: FakeClock) -> None:
    s = make(small_bank, clock, limit=60)
    clock.advance(61)
    with pytest.raises(TimeUp):
        s.answer(1, {"A"}, clock.now())
    assert s.status == "submitted"
    assert s.item(1).answer == frozenset()


def test_check_is_for_drills_and_locks(small_bank: Bank, clock: FakeClock) -> None:
    exam = make(small_bank, clock)
    exam.answer(1, {"A"}, clock.now())
    with pytest.raises(AttemptError):
        exam.check(1, clock.now())
    drill = make(small_bank, clock, mode="drill", limit=None)
    with pytest.raises(AttemptError, match="choose"):
        drill.check(1, clock.now())
    drill.answer(1, set(drill.item(1).question.answer), clock.now())
    assert drill.check(1, clock.now()).correct
    with pytest.raises(AttemptError):
        drill.answer(1, {"B"}, clock.now())
    assert drill.time_left(clock.now()) is None


def test_submit_ends_the_attempt(small_bank: Bank, clock: FakeClock) -> None:
    s = make(small_bank, clock)
    right = small_bank.questions[0]
    s.answer(1, set(s.item(1).question.answer), clock.now())
    s.submit(clock.now())
    assert s.status == "submitted" and s.submitted_at == clock.now()
    report = s.report()
    assert (report.correct, report.total, report.answered) == (1, 5, 1)
    assert right is not None
    with pytest.raises(AttemptError):
        s.submit(clock.now())
