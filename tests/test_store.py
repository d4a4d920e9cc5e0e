"""The facade over SQLite: persistence, resume, grading, history JSON, drills, review cards, readiness."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mlsquiz.bank.bank import Bank
from mlsquiz.store.errors import UserFacingError
from mlsquiz.store.facade import Store
from mlsquiz.study.drills import DrillFilter

from .conftest import FakeClock


def right_key(view_item: object) -> list[str]:
    return [o.key for o in view_item.options if o.key in BANK_KEYS[view_item.question_id]]  # type: ignore[attr-defined]


BANK_KEYS: dict[str, set[str]] = {}


@pytest.fixture(autouse=True)
def _keys(small_bank: Bank) -> None:
    BANK_KEYS.update({q.id: set(q.answer) for q in small_bank.questions})


def answer_all(store: Store, attempt_id: int, right: int) -> None:
    view = store.attempt_view(attempt_id)
    for item in view.items[:right]:
        store.answer(attempt_id, item.position, right_key(item))
    for item in view.items[right:]:  # a full response, all of it wrong
        wrong = [o.key for o in item.options if o.key not in BANK_KEYS[item.question_id]]
        store.answer(attempt_id, item.position, wrong[: item.select])


def test_full_exam_scores_and_history(small_bank: Bank, data_dir: Path, clock: FakeClock) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_exam("mls-c01", seed=5)
        assert view.status.total == 65 and view.status.time_left == 180 * 60
        attempt = view.status.id
        answer_all(store, attempt, 49)
        clock.advance(7800)
        result = store.submit(attempt)
    assert (result.correct, result.total, result.scaled_score, result.passed) == (49, 65, 778, True)
    assert sum(t.total for t in result.by_domain) == 65
    assert [(t.id, t.total) for t in result.by_domain] == [("1", 13), ("2", 16), ("3", 23), ("4", 13)]
    with Store.open(data_dir, small_bank, clock) as store:
        (entry,) = [h.as_json() for h in store.history()]
    assert entry["mode"] == "exam" and entry["status"] == "submitted"
    assert (entry["questions"], entry["answered"], entry["correct"]) == (65, 65, 49)
    assert entry["elapsed_seconds"] == 7800 and entry["scaled_score"] == 778 and entry["passed"] is True
    assert entry["started_at"].endswith("+00:00")
    assert sum(d["total"] for d in entry["by_domain"].values()) == 65


def test_options_are_shuffled_per_attempt_and_kept(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        a = store.start_exam(seed=1)
        orders = [[o.key for o in i.options] for i in a.items]
        assert any(order != sorted(order) for order in orders)
        store.pause(a.status.id)
    with Store.open(data_dir, small_bank, clock) as store:
        again = store.resume(a.status.id)
        assert [[o.key for o in i.options] for i in again.items] == orders
        assert all([o.label for o in i.options] == list("ABCDEF"[: len(i.options)]) for i in again.items)


def test_resume_after_reopening_keeps_everything(small_bank: Bank, data_dir: Path, clock: FakeClock) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_exam(seed=2)
        aid = view.status.id
        first = view.items[0]
        store.answer(aid, 1, [first.options[2].key])
        store.flag(aid, 3, True)
        store.goto(aid, 7)
        clock.advance(100)
    clock.advance(5000)  # the app is closed: the exam's clock stands still
    with Store.open(data_dir, small_bank, clock) as store:
        (resumable,) = store.resumable()
        assert resumable.id == aid and resumable.answered == 1
        view = store.resume(aid)
    assert view.status.position == 7
    assert view.items[0].options[2].chosen
    assert view.status.flagged == [3]
    assert view.status.time_left == 130 * 60 - 100  # MLA-C01, the default blueprint


def test_time_up_while_away_submits_on_resume(small_bank: Bank, data_dir: Path, clock: FakeClock) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_exam(seed=2, length=10)
        aid = view.status.id
        assert view.status.time_left == 20 * 60  # MLA-C01, the default: 130 min x 10/65
        clock.advance(28 * 60 + 1)
        change = store.tick(aid)
    assert change.status.auto_submitted and change.status.status == "submitted"


def test_drill_filters_check_and_review_cards(small_bank: Bank, data_dir: Path, clock: FakeClock) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        f = DrillFilter(tasks=["3.2"], length=6)
        assert store.drill_pool_size(f) == sum(q.domains["mls-c01"] == "3.2" for q in small_bank.questions)
        drill = store.start_drill(f, seed=3)
        aid = drill.status.id
        assert drill.status.time_left is None
        assert all(i.task == "3.2" for i in drill.items)
        item = drill.items[0]
        wrong = next(o.key for o in item.options if o.key not in BANK_KEYS[item.question_id])
        store.answer(aid, 1, [wrong])
        checked = store.check(aid, 1).item
        assert checked is not None and checked.revealed and checked.correct is False
        assert checked.explanation and all(o.explanation for o in checked.options)
        assert store.due_count() == 1
        store.answer(aid, 2, right_key(drill.items[1]))
        assert store.check(aid, 2).item.correct  # type: ignore[union-attr]
        assert store.due_count() == 1  # a right answer makes no card
        store.submit(aid)
        wrong_before = store.drill_pool_size(DrillFilter(wrong_before=True))
        assert wrong_before == 1  # the checked wrong one; the four left unanswered were not answered wrong
        assert (
            store.drill_pool_size(DrillFilter(tasks=["3.2"], unseen_only=True))
            == store.drill_pool_size(DrillFilter(tasks=["3.2"])) - 2
        )


def test_review_session_and_card_leaves_when_learned(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        exam = store.start_exam(seed=9, length=5)
        aid = exam.status.id
        answer_all(store, aid, 0)
        store.submit(aid)
        assert store.due_count() == 5
        for _ in range(12):
            if store.due_count() == 0:
                clock.advance(86400 * 400)
                if store.due_count() == 0:
                    break
            review = store.start_review()
            assert review.status.mode == "review"
            rid = review.status.id
            for item in review.items:
                store.answer(rid, item.position, right_key(item))
                store.check(rid, item.position)
            store.submit(rid)
            clock.advance(86400 * 60)
        assert store.due_count() == 0
        with pytest.raises(UserFacingError):
            store.start_review()
        modes = [h.mode for h in store.history()]
    assert "review" in modes


def test_readiness_moves_with_answers(small_bank: Bank, data_dir: Path, clock: FakeClock) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        before = store.readiness()
        assert not before.enough_data
        for seed in range(3):
            aid = store.start_exam(seed=seed, length=40).status.id
            answer_all(store, aid, 38)
            store.submit(aid)
        after = store.readiness()
    assert after.enough_data and after.answers_used == 120
    assert after.pass_probability > 0.9 > before.pass_probability
    assert after.score_low <= after.expected_score <= after.score_high
    assert {d.domain for d in after.domains} == {"1", "2", "3", "4"}


def test_every_answer_is_committed_at_once(small_bank: Bank, data_dir: Path, clock: FakeClock) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_exam(seed=4)
        store.answer(view.status.id, 1, [view.items[0].options[1].key])
        conn = sqlite3.connect(data_dir / "mlsquiz.db")  # a second connection sees it before close
        (answer,) = conn.execute("SELECT answer FROM attempt_item WHERE position = 1").fetchone()
        conn.close()
    assert answer == view.items[0].options[1].key


def test_newer_database_is_refused_and_not_changed(small_bank: Bank, data_dir: Path) -> None:
    Store.open(data_dir, small_bank).close()
    db = data_dir / "mlsquiz.db"
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(UserFacingError, match="newer mlsquiz"):
        Store.open(data_dir, small_bank)
    assert db.read_bytes() == before


def test_wal_mode(small_bank: Bank, data_dir: Path) -> None:
    with Store.open(data_dir, small_bank):
        conn = sqlite3.connect(data_dir / "mlsquiz.db")
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.close()


def test_damaged_database_is_restored_from_the_backup(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        aid = store.start_exam(seed=3, length=5).status.id
        store.submit(aid)
    assert list((data_dir / "backups").glob("mlsquiz-*.db"))  # written on a normal close
    (data_dir / "mlsquiz.db").write_bytes(b"this is not a database" * 100)
    with Store.open(data_dir, small_bank, clock) as store:
        assert store.notice is not None and "restored" in store.notice
        assert [h.id for h in store.history()] == [aid]
    assert list(data_dir.glob("mlsquiz.db.damaged-*"))
    with Store.open(data_dir, small_bank, clock) as store:
        assert store.notice is None


def test_damaged_database_without_backup_is_kept_aside_and_said(small_bank: Bank, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "mlsquiz.db").write_bytes(b"garbage" * 1000)
    with Store.open(data_dir, small_bank) as store:
        assert store.notice is not None and "no backup" in store.notice
        assert store.history() == []
    (aside,) = data_dir.glob("mlsquiz.db.damaged-*")
    assert aside.read_bytes() == b"garbage" * 1000
