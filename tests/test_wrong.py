""" "Wrong" has one meaning (`scoring.is_wrong`): the store's SQL, the attempt, the views the screens read and
`history --json` all agree with it."""

from __future__ import annotations

import itertools
from pathlib import Path

from sqlalchemy import Boolean, Column, Integer, MetaData, Table, create_engine, insert, select

from mlsquiz.bank.bank import Bank
from mlsquiz.exam.scoring import is_wrong, verdict, wrong_sql
from mlsquiz.store.facade import Store
from mlsquiz.study.drills import DrillFilter

from .conftest import FakeClock


def test_the_sql_condition_is_the_python_rule_for_every_stored_verdict() -> None:
    """Every (graded, correct) pair stored as its verdict, then selected by `wrong_sql`: the rows SQLite calls
    wrong are exactly those `is_wrong` calls wrong."""
    pairs = list(itertools.product([True, False], [True, False, None]))
    table = Table("item", MetaData(), Column("id", Integer, primary_key=True), Column("correct", Boolean))
    engine = create_engine("sqlite://")
    table.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(table), [{"id": n, "correct": verdict(*pair)} for n, pair in enumerate(pairs)])
        found = set(conn.execute(select(table.c.id).where(wrong_sql(table.c.correct))).scalars())
    assert found == {n for n, pair in enumerate(pairs) if is_wrong(*pair)}
    assert found  # the rule can tell: some pairs are wrong, some are not
    assert len(found) < len(pairs)


def wrong_key(store: Store, qid: str) -> str:
    q = store.bank.by_id[qid]
    return next(o.key for o in q.options if o.key not in q.answer)


def test_the_store_and_its_views_agree_on_what_is_wrong(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        exam = store.start_exam(seed=5, length=4)
        eid = exam.status.id
        ids = [i.question_id for i in exam.items]
        store.answer(eid, 1, list(store.bank.by_id[ids[0]].answer))  # right
        store.answer(eid, 2, [wrong_key(store, ids[1])])  # wrong
        # 3 and 4 left unanswered: wrong once graded, though never answered
        store.submit(eid)
        singles = [q.id for q in small_bank.questions if q.type == "single" and q.id not in ids][:3]
        drill = store.start_drill(DrillFilter(question_ids=singles, length=3), seed=1)
        did = drill.status.id
        drill_ids = [i.question_id for i in drill.items]
        store.answer(did, 1, [wrong_key(store, drill_ids[0])])
        store.check(did, 1)  # checked: graded, wrong
        store.answer(did, 2, [wrong_key(store, drill_ids[1])])  # not checked: no verdict yet
        store.pause(did)

        assert store.question_ids_of(eid, "wrong") == ids[1:]
        assert store.question_ids_of(did, "wrong") == drill_ids[:1]
        assert store.wrong_question_ids() == {ids[1], drill_ids[0]}  # answered and wrong (the drill filter)

        for attempt, wrong in ((eid, set(ids[1:])), (did, {drill_ids[0]})):
            shown = {
                v.question_id for v in store.attempt_view(attempt).items if is_wrong(v.revealed, v.correct)
            }
            assert shown == wrong
        entries = {e.id: e for e in store.history(with_items=True)}
        assert entries[eid].items is not None and entries[did].items is not None
        listed = {h.question_id for h in entries[eid].items if is_wrong(h.correct is not None, h.correct)}
        assert listed == set(ids[1:])
        assert [h.correct for h in entries[did].items] == [None, None, None]  # in progress: no verdict shown
