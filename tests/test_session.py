"""The drill and review order, decided in the core: no screen, no store, plain positions."""

from __future__ import annotations

from mlsquiz.study.session import DrillSession


def test_next_is_the_first_unchecked_after_the_current_one() -> None:
    session = DrillSession.of(total=5, position=2, checked=[1, 3])
    assert session.next_position() == 4
    session.record(4, checked=True)
    assert session.next_position() == 5


def test_next_wraps_around_to_the_first_unchecked() -> None:
    session = DrillSession.of(total=5, position=4, checked=[3, 4, 5])
    assert session.next_position() == 1
    session.record(1, checked=True)
    assert session.next_position() == 2


def test_skipped_questions_come_back_after_the_last() -> None:
    """Skipping with N leaves a question unchecked: continuing from the end returns to it."""
    session = DrillSession.of(total=3, position=1, checked=[])
    session.record(1, checked=True)
    session.moved_to(3)  # question 2 skipped
    session.record(3, checked=True)
    assert session.next_position() == 2


def test_the_session_finishes_when_every_question_is_checked() -> None:
    session = DrillSession.of(total=3, position=3, checked=[1, 2])
    assert not session.finished and session.next_position() == 3
    session.record(3, checked=True)
    assert session.finished
    assert session.next_position() is None


def test_nothing_checked_and_out_of_range_reports() -> None:
    session = DrillSession.of(total=2, position=1, checked=[0, 9])
    assert session.nothing_checked and session.unchecked == [1, 2]
    session.record(7, checked=True)
    assert session.nothing_checked
    session.record(2, checked=True)
    assert not session.nothing_checked and session.unchecked == [1]
    session.record(2, checked=False)  # a restored, unchecked item after a failed save
    assert session.unchecked == [1, 2]
