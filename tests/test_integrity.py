"""The store never misreports an attempt: full responses, early-finished sessions, discarding, history items."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlsquiz.bank.bank import Bank
from mlsquiz.cli import main
from mlsquiz.settings import Settings, load_settings
from mlsquiz.store.errors import UserFacingError
from mlsquiz.store.facade import Store
from mlsquiz.store.present import option_explanation
from mlsquiz.store.views import ItemView
from mlsquiz.study.drills import DrillFilter

from .conftest import FakeClock


def keys(bank: Bank, item: ItemView, right: bool) -> list[str]:
    answer = set(bank.by_id[item.question_id].answer)
    return [o.key for o in item.options if (o.key in answer) == right]


def first_multiple(view_items: list[ItemView]) -> ItemView:
    return next(i for i in view_items if i.type == "multiple")


def test_one_box_of_a_select_two_is_incomplete_not_answered(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_exam("mls-c01", seed=4, length=40)
        aid = view.status.id
        multiple = first_multiple(view.items)
        change = store.toggle(aid, multiple.position, keys(small_bank, multiple, True)[0])
        assert change.item is not None and not change.item.answered and change.item.incomplete
        assert change.status.answered == [] and change.status.incomplete == [multiple.position]
        assert multiple.position not in change.status.unanswered
        single = next(i for i in view.items if i.type == "single")
        change = store.toggle(aid, single.position, keys(small_bank, single, True)[0])
        assert change.status.answered == [single.position]
        (entry,) = [h.as_json() for h in store.history()]
        assert entry["answered"] == 1  # the half-answered "Select TWO" is not counted
        second = keys(small_bank, multiple, True)[1]
        change = store.toggle(aid, multiple.position, second)
        assert sorted(change.status.answered) == sorted([single.position, multiple.position])
        assert change.status.incomplete == []
        result = store.submit(aid)
    assert result.answered == 2 and result.correct == 2


def test_a_drill_cannot_check_half_an_answer(small_bank: Bank, data_dir: Path, clock: FakeClock) -> None:
    multiple = next(q for q in small_bank.questions if q.type == "multiple")
    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_drill(DrillFilter(question_ids=[multiple.id], length=1))
        store.answer(view.status.id, 1, [multiple.answer[0]])
        with pytest.raises(ValueError, match="choose 2 options first"):
            store.check(view.status.id, 1)


def make_due_cards(store: Store, bank: Bank, count: int) -> None:
    exam = store.start_exam("mls-c01", seed=8, length=count)
    for item in exam.items:
        store.answer(exam.status.id, item.position, keys(bank, item, False)[: item.select])
    store.submit(exam.status.id)


def test_a_review_finished_early_records_only_the_questions_checked(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        make_due_cards(store, small_bank, 30)
        assert store.due_count() == 30
        review = store.start_review(limit=20)
        rid = review.status.id
        assert review.status.title == "Review · 20 of 30 due"
        readiness_before = store.readiness("mls-c01").answers_used
        for item in review.items[:2]:
            store.answer(rid, item.position, keys(small_bank, item, True))
            store.check(rid, item.position)
        store.answer(rid, 3, keys(small_bank, review.items[2], False)[:1])  # chosen, never checked
        result = store.submit(rid)
        assert (result.correct, result.total) == (2, 2)
        assert [i.question_id for i in result.items] == [i.question_id for i in review.items[:2]]
        assert store.due_count() == 28  # the 18 unchecked cards (and the rest) stay due
        (entry, _exam) = [h.as_json() for h in store.history()]
        assert (entry["questions"], entry["correct"]) == (2, 2)
        assert "2 of 20 checked" in store.history()[0].title
        assert store.readiness("mls-c01").answers_used == readiness_before
        unchecked = store.start_drill(DrillFilter(question_ids=[review.items[5].question_id], length=1))
        with pytest.raises(UserFacingError, match="nothing has been checked"):
            store.submit(unchecked.status.id)


def test_discarding_an_unfinished_attempt_removes_it_everywhere(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        done = store.start_exam("mls-c01", seed=1, length=5)
        store.submit(done.status.id)
        drill = store.start_drill(DrillFilter(length=3), seed=2)
        did = drill.status.id
        store.answer(did, 1, keys(small_bank, drill.items[0], True))
        store.check(did, 1)
        used = store.readiness("mls-c01").answers_used
        exam = store.start_exam("mls-c01", seed=3, length=5)
        assert [r.id for r in store.in_progress_exams("mls-c01")] == [exam.status.id]
        assert store.in_progress_exams("mla-c01") == []
        store.discard(did)
        store.discard(exam.status.id)
        assert store.resumable() == [] and store.in_progress_exams("mls-c01") == []
        assert [h.id for h in store.history()] == [done.status.id]
        assert store.readiness("mls-c01").answers_used == used - 1
        with pytest.raises(UserFacingError, match="finished"):
            store.discard(done.status.id)
    with Store.open(data_dir, small_bank, clock) as store:
        assert [h.id for h in store.history()] == [done.status.id]


def test_history_items_follow_the_rules(
    small_bank: Bank, data_dir: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        finished = store.start_exam("mls-c01", seed=6, length=12)
        fid = finished.status.id
        multiple = first_multiple(finished.items)
        store.answer(fid, multiple.position, keys(small_bank, multiple, True)[:1])
        store.flag(fid, multiple.position, True)
        single = next(i for i in finished.items if i.type == "single")
        store.answer(fid, single.position, keys(small_bank, single, True))
        clock.advance(42)
        store.submit(fid)
        running = store.start_exam("mls-c01", seed=7, length=5)
        store.answer(
            running.status.id, 1, keys(small_bank, running.items[0], True)[: running.items[0].select]
        )
    assert main(["history", "--json", "--items", "--data-dir", str(data_dir)]) == 0
    newest, oldest = json.loads(capsys.readouterr().out)
    assert newest["status"] == "in_progress" and newest["answered"] == 1
    assert [(i["answered"], i["correct"]) for i in newest["items"]] == [(None, None)] * 5
    assert [i["position"] for i in oldest["items"]] == list(range(1, 13))
    lines = {i["position"]: i for i in oldest["items"]}
    assert set(lines[1]) == {"position", "question_id", "type", "answered", "correct", "flagged", "seconds"}
    half = lines[multiple.position]
    assert (half["type"], half["answered"], half["correct"], half["flagged"]) == (
        "multiple",
        False,
        False,
        True,
    )
    assert (lines[single.position]["answered"], lines[single.position]["correct"]) == (True, True)
    assert sum(i["seconds"] for i in oldest["items"]) == 42
    assert oldest["answered"] == 1 == sum(bool(i["answered"]) for i in oldest["items"])
    assert main(["history", "--json", "--data-dir", str(data_dir)]) == 0
    assert all("items" not in h for h in json.loads(capsys.readouterr().out))


def test_the_default_exam_follows_the_blueprint_flag(shipped_bank: Bank, data_dir: Path) -> None:
    assert Settings().default_blueprint is None
    assert shipped_bank.default_blueprint.id == "mla-c01"
    assert shipped_bank.blueprints["mls-c01"].retired is not None
    with Store.open(data_dir, shipped_bank) as store:
        assert store.blueprint().id == "mla-c01"
        store.save_settings(store.settings().model_copy(update={"default_blueprint": "mls-c01"}))
        assert store.blueprint().id == "mls-c01"
    assert load_settings(data_dir).default_blueprint == "mls-c01"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Correct.", ""),
        ("Correct: Firehose loads streams into S3.", "Firehose loads streams into S3."),
        ("Wrong: it is a batch service.", "It is a batch service."),
        ("Wrong.", ""),
        ("Right-sizing saves cost.", "Right-sizing saves cost."),
        ("Glue is a batch ETL service.", "Glue is a batch ETL service."),
    ],
)
def test_option_explanations_read_one_way(text: str, shown: str) -> None:
    assert option_explanation(text) == shown
