"""Confidence and calibration: storing a confidence (write-through, resume), the calibration table on crafted
attempts, and the review queue taking the "sure and wrong" answers first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mlsquiz.bank.bank import Bank
from mlsquiz.exam.attempt import AttemptError
from mlsquiz.store.facade import Store
from mlsquiz.study.calibration import RatedAnswer, calibrate, sure_and_wrong
from mlsquiz.study.drills import DrillFilter
from mlsquiz.study.review import due_order

from .calibration_helpers import stored_confidence
from .conftest import FakeClock


def rated(position: int, domain: str, confidence: str, correct: bool, answered: bool = True) -> RatedAnswer:
    return RatedAnswer(position, f"q{position}", domain, confidence, answered, correct)


def test_calibration_per_domain_and_overall() -> None:
    answers = [
        rated(1, "1", "sure", True),
        rated(2, "1", "sure", False),
        rated(3, "1", "guess", True),
        rated(4, "2", "sure", True),
        rated(5, "2", "unsure", False),
        rated(6, "2", "unsure", True),
        rated(7, "2", "", False),  # no confidence: not counted
        rated(8, "1", "sure", False, answered=False),  # unanswered: says nothing
    ]
    rows = calibrate(answers)
    assert [r.domain for r in rows] == ["1", "2", "all"]
    one, two, everything = rows
    assert {k: (t.right, t.total) for k, t in one.levels.items()} == {
        "sure": (1, 2),
        "unsure": (0, 0),
        "guess": (1, 1),
    }
    assert {k: (t.right, t.total) for k, t in two.levels.items()} == {
        "sure": (1, 1),
        "unsure": (1, 2),
        "guess": (0, 0),
    }
    assert everything.levels["sure"].fraction == pytest.approx(2 / 3)
    assert everything.levels["guess"].fraction == 1.0 and one.levels["unsure"].fraction is None
    assert everything.rated == 6
    assert [a.position for a in sure_and_wrong(answers)] == [2]
    assert calibrate([rated(1, "1", "", True)]) == []


def test_due_order_puts_sure_and_wrong_first() -> None:
    t = datetime(2026, 12, 1, tzinfo=UTC)
    due = [
        ("a", t),
        ("b", t + timedelta(hours=1)),
        ("c", t - timedelta(hours=1)),
        ("d", t + timedelta(hours=2)),
    ]
    assert due_order(due, set()) == ["c", "a", "b", "d"]
    assert due_order(due, {"d", "b"}) == ["b", "d", "c", "a"]


def test_confidence_is_written_through_and_restored_on_resume(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_exam("mls-c01", seed=4, length=5)
        aid = view.status.id
        change = store.set_confidence(aid, 2, "sure")
        assert change.item is not None and change.item.confidence == "sure"
        assert stored_confidence(data_dir, aid)[2] == "sure"  # committed before the call returned
        store.set_confidence(aid, 3, "guess")
        store.set_confidence(aid, 3, "")
        with pytest.raises(AttemptError, match="not a confidence"):
            store.set_confidence(aid, 4, "certain")
        assert stored_confidence(data_dir, aid) == {1: "", 2: "sure", 3: "", 4: "", 5: ""}
        store.pause(aid)
    with Store.open(data_dir, small_bank, clock) as store:
        again = store.resume(aid)
        assert [i.confidence for i in again.items] == ["", "sure", "", "", ""]


def test_a_checked_drill_answer_keeps_its_confidence(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_drill(DrillFilter(blueprint="mls-c01", length=2), seed=3)
        aid = view.status.id
        store.answer(aid, 1, [view.items[0].options[0].key])
        store.set_confidence(aid, 1, "unsure")
        store.check(aid, 1)
        with pytest.raises(AttemptError, match="checked"):
            store.set_confidence(aid, 1, "sure")
        assert stored_confidence(data_dir, aid)[1] == "unsure"


def _wrong_keys(store: Store, aid: int, position: int, bank: Bank) -> list[str]:
    item = store.attempt_view(aid).items[position - 1]
    right = set(bank.by_id[item.question_id].answer)
    return [o.key for o in item.options if o.key not in right][: item.select]


def _right_keys(store: Store, aid: int, position: int, bank: Bank) -> list[str]:
    item = store.attempt_view(aid).items[position - 1]
    return list(bank.by_id[item.question_id].answer)


def test_results_calibration_and_the_review_queue(small_bank: Bank, data_dir: Path, clock: FakeClock) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_exam("mls-c01", seed=8, length=6)
        aid = view.status.id
        ids = {i.position: i.question_id for i in view.items}
        wrong = [1, 2, 3, 5]
        # the "sure" one is the wrong answer whose card would come last otherwise (same due time, then by id)
        sure = max(wrong, key=lambda p: ids[p])
        others = iter(["unsure", "guess", ""])
        plan = {p: ("sure", False) if p == sure else (next(others), False) for p in wrong} | {
            4: ("sure", True)
        }
        for position, (level, right) in sorted(plan.items()):
            keys = (_right_keys if right else _wrong_keys)(store, aid, position, small_bank)
            store.answer(aid, position, keys)
            if level:
                store.set_confidence(aid, position, level)
            clock.advance(10)
        result = store.submit(aid)
        assert result.calibration is not None
        everything = result.calibration.rows[-1]
        assert everything.domain == "all"
        assert [(lv.level, lv.right, lv.total) for lv in everything.levels] == [
            ("sure", 1, 2),
            ("unsure", 0, 1),
            ("guess", 0, 1),
        ]
        assert [q.position for q in result.calibration.sure_and_wrong] == [sure]
        # the wrong answers became cards due now, all at the same time; "sure and wrong" comes first
        clock.advance(60)
        review = store.start_review(limit=20, blueprint_id="mls-c01")
        order = [i.question_id for i in review.items]
        assert order[0] == ids[sure]
        assert order[1:] == sorted(ids[p] for p in wrong if p != sure)


def test_a_later_right_answer_clears_sure_and_wrong(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    from mlsquiz.store.misconceptions import sure_and_wrong as stored_sure_and_wrong

    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_exam("mls-c01", seed=9, length=5)
        aid = view.status.id
        qid = view.items[0].question_id
        store.answer(aid, 1, _wrong_keys(store, aid, 1, small_bank))
        store.set_confidence(aid, 1, "sure")
        store.submit(aid)
        assert stored_sure_and_wrong(store.database.session, [qid]) == {qid}
        clock.advance(60)
        drill = store.start_drill(DrillFilter(blueprint="mls-c01", question_ids=[qid], length=1), seed=1)
        did = drill.status.id
        store.answer(did, 1, _right_keys(store, did, 1, small_bank))
        store.check(did, 1)
        assert stored_sure_and_wrong(store.database.session, [qid]) == set()


def test_no_confidence_means_no_calibration(small_bank: Bank, data_dir: Path, clock: FakeClock) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_exam("mls-c01", seed=2, length=5)
        store.answer(view.status.id, 1, _right_keys(store, view.status.id, 1, small_bank))
        assert store.submit(view.status.id).calibration is None
