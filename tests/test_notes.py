"""Notes and reports in the store: one note per question, reports kept with the bank version, and a hidden
question left out of the user's drills, reviews and new exams (which still fill every domain)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mlsquiz import __version__
from mlsquiz.bank.bank import Bank
from mlsquiz.exam.assembly import assemble, domain_counts
from mlsquiz.store import backups
from mlsquiz.store.dbfile import Holding
from mlsquiz.store.errors import UserFacingError
from mlsquiz.store.facade import Store
from mlsquiz.store.notes import bank_version
from mlsquiz.study.drills import DrillFilter

from .conftest import FakeClock


def count(folder: Path, table: str) -> int:
    """Straight from the file, through a connection of its own: what a crash right now would keep."""
    conn = sqlite3.connect(folder / "mlsquiz.db")
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_a_note_is_set_replaced_and_deleted_by_saving_it_empty(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        assert store.notes.note("test.q1") == ""
        saved = store.notes.set_note("test.q1", "  S3 Select reads part of an object.  ")
        assert saved is not None and saved.text == "S3 Select reads part of an object."
        assert saved.stem == "Synthetic question 1 for task 1.2."
        assert count(data_dir, "question_note") == 1  # committed before the call returned
        clock.advance(60)
        replaced = store.notes.set_note("test.q1", "Second thoughts.")
        assert replaced is not None and replaced.updated_at > saved.updated_at
        clock.advance(1)
        store.notes.set_note("test.q2", "Another.")
        assert store.notes.note_texts() == {"test.q1": "Second thoughts.", "test.q2": "Another."}
        assert [n.question_id for n in store.notes.notes()] == ["test.q2", "test.q1"]  # newest first
    with Store.open(data_dir, small_bank, clock) as store:
        assert store.notes.note("test.q1") == "Second thoughts."
        assert store.notes.set_note("test.q1", "   \n ") is None  # empty deletes it
        assert store.notes.note("test.q1") == ""
        assert store.notes.set_note("test.q9", "") is None  # deleting what is not there is no error
    assert count(data_dir, "question_note") == 1


def test_bad_notes_and_reports_are_refused_and_change_nothing(small_bank: Bank, data_dir: Path) -> None:
    with Store.open(data_dir, small_bank) as store:
        store.notes.set_note("test.q1", "kept")
        with pytest.raises(UserFacingError, match="at most"):
            store.notes.set_note("test.q1", "x" * 10_001)
        with pytest.raises(UserFacingError, match="no question"):
            store.notes.set_note("no.such.question", "text")
        with pytest.raises(UserFacingError, match="wrong key"):
            store.notes.report("test.q1", "boring")
        with pytest.raises(UserFacingError, match="no question"):
            store.notes.report("no.such.question", "typo")
        assert store.notes.note("test.q1") == "kept"
        assert store.notes.reports() == []


def test_a_report_keeps_the_bank_version_and_can_be_deleted(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    question = small_bank.by_id["test.q3"]
    with Store.open(data_dir, small_bank, clock) as store:
        first = store.notes.report("test.q3", "typo", "  'Optoin' in B  ")
        clock.advance(5)
        second = store.notes.report("test.q3", "ambiguous")
        assert first.comment == "'Optoin' in B" and not first.hidden
        assert first.bank_version == bank_version(question)
        assert (
            first.bank_version.startswith(f"{__version__}/") and len(first.bank_version.split("/")[1]) == 10
        )
        assert [r.id for r in store.notes.reports()] == [second.id, first.id]
        assert count(data_dir, "question_report") == 2
        assert store.notes.delete_report(first.id)
        assert not store.notes.delete_report(first.id)
        assert [r.kind for r in store.notes.reports()] == ["ambiguous"]
    changed = question.model_copy(update={"stem": question.stem + " Edited."})
    assert bank_version(changed) != bank_version(question)  # the maintainers can tell an edited question


def test_a_hidden_question_leaves_drills_reviews_and_new_exams_until_shown_again(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    task_32 = [q.id for q in small_bank.questions if q.domains["mls-c01"] == "3.2" and q.type == "single"]
    hidden = task_32[:3]
    with Store.open(data_dir, small_bank, clock) as store:
        # a wrong answer to one of them first, so that it is due for review
        drill = store.start_drill(DrillFilter(question_ids=[hidden[0]], length=1), seed=1)
        item = drill.items[0]
        right = small_bank.by_id[hidden[0]].answer
        store.answer(drill.status.id, 1, [next(o.key for o in item.options if o.key not in right)])
        store.check(drill.status.id, 1)
        store.submit(drill.status.id)
        clock.advance(86400 * 30)
        due_before = store.due_count()
        assert due_before >= 1
        everything = DrillFilter(tasks=["3.2"], length=200)
        before = store.drill_pool_size(everything)
        for qid in hidden:
            store.notes.report(qid, "wrong key", hide=True)
        store.notes.report(task_32[5], "typo")  # reported but not hidden: still drawn
        assert store.notes.hidden_ids() == set(hidden)
        assert store.drill_pool_size(everything) == before - 3
        assert store.due_count() == due_before - 1
        drill = store.start_drill(everything, seed=2)
        drawn = {i.question_id for i in drill.items}
        assert len(drawn) == before - 3 and task_32[5] in drawn and not drawn & set(hidden)
        named = store.start_drill(DrillFilter(question_ids=[*hidden, task_32[4]], length=4), seed=3)
        assert [i.question_id for i in named.items] == [task_32[4]]  # "drill these" leaves them out too
        with pytest.raises(UserFacingError):
            store.start_drill(DrillFilter(question_ids=hidden, length=3), seed=4)
        for seed in range(8):
            exam = store.start_exam("mls-c01", seed=seed)
            assert not {i.question_id for i in exam.items} & set(hidden)
            assert exam.status.total == 65  # every domain still filled from the other questions
            store.discard(exam.status.id)
        assert store.notes.unhide(hidden[0]) == 1
        assert store.notes.hidden_ids() == set(hidden[1:])
        assert store.due_count() == due_before
        review = store.start_review()
        assert hidden[0] in {i.question_id for i in review.items}


def test_a_weak_spot_drill_draws_around_hidden_questions(small_bank: Bank, data_dir: Path) -> None:
    with Store.open(data_dir, small_bank) as store:
        first, _ = store.start_weak_drill("mls-c01", seed=1)
        weak = {i.question_id for i in first.items}
        store.discard(first.status.id)
        for qid in weak:
            store.notes.report(qid, "outdated", hide=True)
        again, _ = store.start_weak_drill("mls-c01", seed=1)
        drawn = {i.question_id for i in again.items}
    assert len(drawn) == len(weak) and not drawn & weak  # as long as before, from the other questions


def test_assembly_leaves_out_the_excluded_and_fills_each_domain(small_bank: Bank) -> None:
    blueprint = small_bank.blueprints["mls-c01"]
    plain = assemble(small_bank, blueprint, seed=7)
    excluded = {item.id for item in plain.items[:30]}
    again = assemble(small_bank, blueprint, seed=7, excluded=excluded)
    assert not {i.id for i in again.items} & excluded
    by_domain = {d: sum(i.domain == d for i in again.items) for d in domain_counts(blueprint)}
    assert by_domain == domain_counts(blueprint)
    assert assemble(small_bank, blueprint, seed=7, excluded=excluded) == again  # still deterministic


def test_a_backup_holding_more_notes_or_reports_is_never_pruned(small_bank: Bank, data_dir: Path) -> None:
    with Store.open(data_dir, small_bank) as store:
        store.notes.set_note("test.q1", "one")
        store.notes.set_note("test.q2", "two")
        store.notes.report("test.q3", "typo")
    db = data_dir / "mlsquiz.db"
    for b in sorted((data_dir / "backups").glob("mlsquiz-*.db")):
        b.unlink()
    start = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    fuller = backups.write_backup(db, now=start)
    assert fuller is not None and fuller.holding == Holding(0, 0, 2, 1)
    assert fuller.holding.describe() == "0 attempts, 0 answers, 2 notes, 1 report"
    with Store.open(data_dir, small_bank) as store:  # the user deletes a note: the database holds less
        store.notes.set_note("test.q2", "")
    for day in range(1, 13):
        for hour in (9, 13, 18):
            backups.write_backup(db, now=start + timedelta(days=day, hours=hour - 12))
    kept = [b.path for b in backups.list_backups(db)]
    assert fuller.path in kept  # every later backup holds one note less
    assert len(kept) < 3 * 12  # the others were pruned as usual
    assert Holding(5, 50, 1, 0).less_than(Holding(5, 50, 2, 0))
    assert Holding(5, 50, 2, 0).less_than(Holding(5, 50, 2, 1))
    assert not Holding(5, 50, 2, 1).less_than(Holding(5, 50, 2, 1))
    assert Holding(1, 2).describe() == "1 attempt, 2 answers"
