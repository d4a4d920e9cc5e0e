"""Ordering, matching and case-study items through the core: validation, assembly, state, scoring, storage, CLI."""

from __future__ import annotations

import json
import sqlite3
import textwrap
import zipfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mlsquiz.bank.anki import write_deck
from mlsquiz.bank.bank import Bank
from mlsquiz.bank.schema import Question
from mlsquiz.cli import main
from mlsquiz.exam import responses
from mlsquiz.exam.assembly import assemble, domain_counts
from mlsquiz.exam.attempt import AttemptError, AttemptState, ItemState
from mlsquiz.exam.scoring import GradedItem, score
from mlsquiz.store.facade import Store
from mlsquiz.study.drills import DrillFilter

from .conftest import FakeClock, stored_answers

ORDERING = """\
- id: scn.4-4.test-order
  type: ordering
  difficulty: 2
  domains: {mls-c01: "4.4", mla-c01: "3.3"}
  topics: [s3]
  stem: Put the steps in order.
  options:
    - {key: A, text: Second step, explanation: Comes second.}
    - {key: B, text: First step, explanation: Comes first.}
    - {key: C, text: Fourth step, explanation: Comes last.}
    - {key: D, text: Third step, explanation: Comes third.}
  answer: [B, A, D, C]
  explanation: First, second, third, fourth.
"""

MATCHING = """\
- id: scn.4-4.test-match
  type: matching
  difficulty: 1
  domains: {mls-c01: "4.4", mla-c01: "3.1"}
  topics: [s3]
  stem: Match each need to a service.
  prompts:
    - {key: "1", text: Need one, explanation: One goes with C.}
    - {key: "2", text: Need two, explanation: Two goes with A.}
    - {key: "3", text: Need three, explanation: Three goes with B.}
  options:
    - {key: A, text: Service A, explanation: For need two.}
    - {key: B, text: Service B, explanation: For need three.}
    - {key: C, text: Service C, explanation: For need one.}
    - {key: D, text: Service D, explanation: Not used.}
  answer: [C, A, B]
  explanation: Each need has its service.
"""

SINGLE = """\
- id: scn.4-4.test-case-q{n}
  case: case.test.shop
  type: single
  select: 1
  difficulty: 1
  domains: {{mls-c01: "4.4", mla-c01: "3.1"}}
  topics: [s3]
  stem: Case question {n}?
  options:
    - {{key: A, text: Right, explanation: Right.}}
    - {{key: B, text: Wrong one, explanation: Wrong.}}
    - {{key: C, text: Wrong two, explanation: Wrong.}}
    - {{key: D, text: Wrong three, explanation: Wrong.}}
  answer: [A]
  explanation: A is right.
"""


def case_file(n_questions: int, listed: int | None = None) -> str:
    listed = n_questions if listed is None else listed
    ids = "".join(f"    - scn.4-4.test-case-q{i}\n" for i in range(1, listed + 1))
    head = "- id: case.test.shop\n  title: A shop\n  text: |\n    A shop sells things.\n  questions:\n" + ids
    return head + "".join(SINGLE.format(n=i) for i in range(1, n_questions + 1))


def validate(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> tuple[Path, int, list[str]]:
    path = tmp_path / "items.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    code = main(["bank", "validate", str(path)])
    err = capsys.readouterr().err
    return path, code, [line for line in err.splitlines() if line and not line.endswith("error(s)")]


def line_of(text: str, needle: str, item: str) -> int:
    """The line of `needle` within the entry whose id is `item`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"- id: {item}"))
    return next(i for i, line in enumerate(lines[start:], start=start + 1) if needle in line)


# -- validation ------------------------------------------------------------------------------------------------


def test_good_ordering_matching_and_case_files_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, code, errors = validate(tmp_path, capsys, ORDERING + MATCHING + case_file(2))
    assert (code, errors) == (0, [])


@pytest.mark.parametrize(
    ("text", "item", "field", "needle", "message"),
    [
        (
            ORDERING.replace("[B, A, D, C]", "[B, A, D, D]"),
            "scn.4-4.test-order",
            "answer",
            "answer:",
            "every step",
        ),
        (
            ORDERING.replace("[B, A, D, C]", "[B, A, D]"),
            "scn.4-4.test-order",
            "answer",
            "answer:",
            "every step",
        ),
        (
            ORDERING.replace("[B, A, D, C]", "[A, B, C, D]"),
            "scn.4-4.test-order",
            "answer",
            "answer:",
            "order",
        ),
        (
            ORDERING.replace("  difficulty: 2\n", "  select: 3\n  difficulty: 2\n"),
            "scn.4-4.test-order",
            "select",
            "select:",
            "is 3 but answer has 4",
        ),
        (
            MATCHING.replace("[C, A, B]", "[C, A]"),
            "scn.4-4.test-match",
            "answer",
            "answer:",
            "one per prompt",
        ),
        (
            MATCHING.replace("[C, A, B]", "[C, A, F]"),
            "scn.4-4.test-match",
            "answer",
            "answer:",
            "not an option",
        ),
        (MATCHING.replace("[C, A, B]", "[C, A, A]"), "scn.4-4.test-match", "answer", "answer:", "twice"),
        (
            MATCHING.replace("  difficulty: 1\n", "  responses_reused: true\n  difficulty: 1\n"),
            "scn.4-4.test-match",
            "stem",
            "stem:",
            "more than once",
        ),
        (MATCHING.replace("[C, A, B]", "[A, B, C]"), "scn.4-4.test-match", "answer", "answer:", "mix them"),
        (case_file(1), "case.test.shop", "questions", "questions:", "2-4 questions, not 1"),
        (case_file(5), "case.test.shop", "questions", "questions:", "2-4 questions, not 5"),
        (case_file(3, listed=2), "scn.4-4.test-case-q3", "case", "case: case.test.shop", "does not list"),
        (
            ORDERING.replace("  type: ordering\n", "  case: case.test.none\n  type: ordering\n"),
            "scn.4-4.test-order",
            "case",
            "case: case.test.none",
            "case 'case.test.none' does not exist",
        ),
    ],
)
def test_broken_items_have_located_errors(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    item: str,
    field: str,
    needle: str,
    message: str,
) -> None:
    path, code, errors = validate(tmp_path, capsys, text)
    assert code == 1
    expected = f"{path}:{line_of(text, needle, item)}: {item}: {field}: "
    assert any(e.startswith(expected) and message in e for e in errors), errors


def test_reused_responses_need_the_flag_and_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reused = MATCHING.replace("[C, A, B]", "[C, A, A]").replace(
        "  difficulty: 1\n", "  responses_reused: true\n  difficulty: 1\n"
    )
    reused = reused.replace(
        "Match each need to a service.", "Match each need; a service may match more than once."
    )
    _, code, errors = validate(tmp_path, capsys, reused)
    assert (code, errors) == (0, [])


def test_choice_types_take_no_prompts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        SINGLE.format(n=1)
        .replace("  case: case.test.shop\n", "")
        .replace("  select: 1\n", '  select: 1\n  prompts: [{key: "1", text: P, explanation: E}]\n')
    )
    path, code, errors = validate(tmp_path, capsys, text)
    assert code == 1
    where = f"{path}:{line_of(text, 'type: single', 'scn.4-4.test-case-q1')}: scn.4-4.test-case-q1: type: "
    assert any(e.startswith(where) and "a single question has no prompts" in e for e in errors), errors


# -- state transitions -----------------------------------------------------------------------------------------


def question(text: str) -> Question:
    import yaml

    data = yaml.safe_load(textwrap.dedent(text))[0]
    data.setdefault("select", len(data["answer"]))
    return Question.model_validate({"source": "scenario", **data})


ORDER_Q = question(ORDERING)
MATCH_Q = question(MATCHING)
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def attempt(*questions: Question) -> AttemptState:
    items = [
        ItemState(position=i, question=q, order=tuple(o.key for o in q.options), domain="3", task="3.1")
        for i, q in enumerate(questions, start=1)
    ]
    return AttemptState(1, "exam", "mla-c01", 720, items, started_at=NOW)


def test_ordering_places_in_the_next_free_position_and_takes_back_the_last() -> None:
    s = attempt(ORDER_Q)
    s.place(1, "C", NOW)
    s.place(1, "A", NOW)
    s.place(1, "C", NOW)  # already placed: nothing happens
    assert s.item(1).sequence == ("C", "A")
    assert not s.item(1).answered and s.summary().incomplete == (1,)
    s.take_back(1, NOW)
    assert s.item(1).sequence == ("C",)
    s.take_back(1, NOW)
    s.take_back(1, NOW)  # nothing left to take back
    assert s.item(1).sequence == () and not s.item(1).answer
    for key in "BADC":
        s.toggle(1, key, NOW)  # a key press on an ordering item places the step
    assert s.item(1).answered and s.summary().answered == (1,)
    assert s.item(1).correct
    with pytest.raises(AttemptError):
        s.place(1, "G", NOW)
    with pytest.raises(AttemptError):
        s.match(1, "1", "A", NOW)


def test_ordering_can_be_rearranged_whole() -> None:
    s = attempt(ORDER_Q)
    s.answer(1, ["A", "B", "C", "D"], NOW)
    assert s.item(1).sequence == ("A", "B", "C", "D") and not s.item(1).correct
    with pytest.raises(AttemptError):
        s.answer(1, ["A", "A"], NOW)
    s.answer(1, (), NOW)  # cleared
    assert s.item(1).sequence == ()


def test_matching_sets_and_clears_per_prompt_and_moves_a_response_used_twice() -> None:
    s = attempt(MATCH_Q)
    s.match(1, "2", "A", NOW)
    assert s.item(1).sequence == ("", "A", "") and not s.item(1).answered
    s.match(1, "1", "A", NOW)  # not reusable: A moves from prompt 2 to prompt 1
    assert s.item(1).sequence == ("A", "", "")
    s.match(1, "1", "C", NOW)
    s.match(1, "2", "A", NOW)
    s.match(1, "3", "B", NOW)
    assert s.item(1).answered and s.item(1).correct
    s.match(1, "3", None, NOW)
    assert s.item(1).sequence == ("C", "A", "") and not s.item(1).answered
    s.match(1, "1", None, NOW)
    s.match(1, "2", None, NOW)
    assert s.item(1).sequence == () and not s.item(1).answer
    with pytest.raises(AttemptError):
        s.match(1, "4", "A", NOW)
    with pytest.raises(AttemptError):
        s.toggle(1, "A", NOW)


def test_matching_with_reused_responses_keeps_both() -> None:
    q = MATCH_Q.model_copy(update={"responses_reused": True})
    pairs = responses.match(("", "A", ""), q, "1", "A")
    assert pairs == ("A", "A", "")


def test_scoring_is_all_or_nothing() -> None:
    s = attempt(ORDER_Q, MATCH_Q)
    for key in "BACD":  # two steps swapped
        s.place(1, key, NOW)
    for prompt, key in (("1", "C"), ("2", "A"), ("3", "D")):  # one pair wrong
        s.match(2, prompt, key, NOW)
    report = s.report()
    assert (report.correct, report.answered) == (0, 2)
    s.answer(1, ["B", "A", "D", "C"], NOW)
    s.match(2, "3", "B", NOW)
    assert s.report().correct == 2
    partial = GradedItem("q", "3", "3.1", ("B", "A"), ("B", "A", "D", "C"))
    assert not partial.correct and not partial.answered
    assert score([partial], 720).correct == 0


def test_stored_answers_keep_order_and_pairs() -> None:
    assert responses.encode(ORDER_Q, frozenset("CA"), ("C", "A")) == "CA"
    assert responses.encode(MATCH_Q, frozenset("A"), ("", "A", "")) == ".A."
    assert responses.encode(MATCH_Q, frozenset(), ()) == ""
    assert responses.decode(ORDER_Q, "CA") == (frozenset("CA"), ("C", "A"))
    assert responses.decode(MATCH_Q, ".A.") == (frozenset("A"), ("", "A", ""))
    assert responses.decode(MATCH_Q, "") == (frozenset(), ())


# -- assembly ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3, 7, 11, 42])
def test_mla_mock_has_every_item_type_and_keeps_cases_whole_and_in_order(
    shipped_bank: Bank, seed: int
) -> None:
    bp = shipped_bank.blueprints["mla-c01"]
    exam = assemble(shipped_bank, bp, seed=seed)
    types = Counter(i.type for i in exam.items)
    assert types["ordering"] >= 1 and types["matching"] >= 1
    cases = [i.case for i in exam.items if i.case]
    assert cases, "a full MLA-C01 mock includes a case study"
    assert Counter(i.domain for i in exam.items) == Counter(domain_counts(bp))
    assert len({i.id for i in exam.items}) == len(exam.items)
    for case_id in set(cases):
        positions = [n for n, i in enumerate(exam.items) if i.case == case_id]
        assert positions == list(range(positions[0], positions[0] + len(positions))), "next to each other"
        assert [exam.items[n].id for n in positions] == shipped_bank.cases[case_id].questions, (
            "whole, in order"
        )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mls_exam_has_no_ordering_matching_or_case_items(shipped_bank: Bank, seed: int) -> None:
    exam = assemble(shipped_bank, shipped_bank.blueprints["mls-c01"], seed=seed)
    assert {i.type for i in exam.items} <= {"single", "multiple"}
    assert all(i.case is None for i in exam.items)


# -- storage, resume and review ----------------------------------------------------------------------------------


def first(bank: Bank, kind: str) -> Question:
    return next(q for q in bank.questions if q.type == kind and q.case is None)


def test_partial_answers_persist_exactly_and_resume(
    shipped_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    order_q, match_q = first(shipped_bank, "ordering"), first(shipped_bank, "matching")
    drill = DrillFilter(blueprint="mla-c01", question_ids=[order_q.id, match_q.id], length=2)
    with Store.open(data_dir, shipped_bank, clock) as store:
        view = store.start_drill(drill, seed=5)
        attempt_id = view.status.id
        positions = {i.question_id: i.position for i in view.items}
        op, mp = positions[order_q.id], positions[match_q.id]
        shown = [o.key for o in view.items[op - 1].options]
        assert shown != list(order_q.answer), "steps are shuffled"
        assert [o.key for o in view.items[mp - 1].options] == [o.key for o in match_q.options], "not shuffled"
        placed = [order_q.answer[2], order_q.answer[0]]
        for key in placed:
            store.toggle(attempt_id, op, key)  # an ordering step: placed next
        change = store.match(attempt_id, mp, "2", match_q.answer[1])
        assert change.item is not None and not change.item.answered
        assert change.item.prompts[1].response == match_q.answer[1]
        assert stored_answers(data_dir, attempt_id)[op] == "".join(placed)
        assert stored_answers(data_dir, attempt_id)[mp] == "." + match_q.answer[1] + "." * (
            len(match_q.prompts) - 2
        )
    with Store.open(data_dir, shipped_bank, clock) as store:
        view = store.resume(attempt_id)
        order_view, match_view = view.items[op - 1], view.items[mp - 1]
        assert order_view.sequence == placed
        assert {o.key: o.place for o in order_view.options if o.place} == {placed[0]: 1, placed[1]: 2}
        assert [p.response for p in match_view.prompts][:2] == [None, match_q.answer[1]]
        assert view.status.incomplete == sorted([op, mp])
        store.take_back(attempt_id, op)
        for key in order_q.answer:
            store.toggle(attempt_id, op, key)  # an ordering step: placed next
        for prompt, key in zip(match_q.prompts, match_q.answer, strict=True):
            store.match(attempt_id, mp, prompt.key, key)
        store.match(attempt_id, mp, "1", None)
        status = store.attempt_view(attempt_id).status
        assert status.answered == [op] and status.incomplete == [mp]


def test_review_sets_the_users_order_and_pairs_beside_the_right_ones(
    shipped_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    order_q, match_q = first(shipped_bank, "ordering"), first(shipped_bank, "matching")
    drill = DrillFilter(blueprint="mla-c01", question_ids=[order_q.id, match_q.id], length=2)
    with Store.open(data_dir, shipped_bank, clock) as store:
        view = store.start_drill(drill, seed=9)
        attempt_id = view.status.id
        positions = {i.question_id: i.position for i in view.items}
        op, mp = positions[order_q.id], positions[match_q.id]
        swapped = [order_q.answer[1], order_q.answer[0], *order_q.answer[2:]]
        store.answer(attempt_id, op, swapped)
        for prompt, key in zip(match_q.prompts, match_q.answer, strict=True):
            store.match(attempt_id, mp, prompt.key, key)
        store.check(attempt_id, op)
        store.check(attempt_id, mp)
        result = store.submit(attempt_id)
    order_view, match_view = result.items[op - 1], result.items[mp - 1]
    assert (order_view.correct, match_view.correct) == (False, True)
    assert result.correct == 1
    by_key = {o.key: o for o in order_q.options}
    assert [s.right_text for s in order_view.steps] == [by_key[k].text for k in order_q.answer]
    assert [s.chosen_text for s in order_view.steps] == [by_key[k].text for k in swapped]
    assert [s.correct for s in order_view.steps] == [False, False] + [True] * (len(swapped) - 2)
    assert all(
        s.explanation == by_key[k].explanation for s, k in zip(order_view.steps, order_q.answer, strict=True)
    )
    assert [p.right_response for p in match_view.prompts] == list(match_q.answer)
    assert all(p.correct for p in match_view.prompts)
    assert [p.explanation for p in match_view.prompts] == [p.explanation for p in match_q.prompts]


def test_case_questions_carry_their_case(shipped_bank: Bank, data_dir: Path, clock: FakeClock) -> None:
    case = next(iter(shipped_bank.cases.values()))
    drill = DrillFilter(blueprint="mla-c01", question_ids=list(case.questions), length=4)
    with Store.open(data_dir, shipped_bank, clock) as store:
        view = store.start_drill(drill, seed=1)
    for item in view.items:
        assert item.case is not None and item.case.id == case.id and item.case.text == case.text
        assert item.case.index == case.questions.index(item.question_id) + 1
        assert item.case.size == len(case.questions)


# -- command line and Anki ---------------------------------------------------------------------------------------


def test_export_stats_and_exam_build_json(
    shipped_bank: Bank, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bank.json"
    assert main(["bank", "export", "--format", "json", "-o", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    questions = {q["id"]: q for q in doc["questions"]}
    match_q = first(shipped_bank, "matching")
    assert questions[match_q.id]["prompts"][0]["key"] == "1"
    assert len(questions[match_q.id]["answer"]) == len(questions[match_q.id]["prompts"])
    assert {c["id"] for c in doc["cases"]} == set(shipped_bank.cases)
    for case in doc["cases"]:
        assert {"id", "title", "text"} <= set(case)
        assert all(questions[qid]["case"] == case["id"] for qid in case["questions"])

    capsys.readouterr()
    assert main(["bank", "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert set(stats["by_type"]) == {"single", "multiple", "ordering", "matching"}
    assert stats["by_type"]["ordering"] == sum(q.type == "ordering" for q in shipped_bank.questions)
    assert stats["cases"] == len(shipped_bank.cases)
    per_task = stats["by_task_type"]["mla-c01"]
    assert sum(t["matching"] for t in per_task.values()) == stats["by_type"]["matching"]

    assert (
        main(
            ["exam", "build", "--blueprint", "mla-c01", "--seed", "2", "--json", "--data-dir", str(tmp_path)]
        )
        == 0
    )
    built = json.loads(capsys.readouterr().out)
    assert all("type" in q and "case" in q for q in built["questions"])
    assert {"ordering", "matching"} <= {q["type"] for q in built["questions"]}
    assert any(q["case"] for q in built["questions"])


def test_anki_renders_ordering_matching_and_case_text(shipped_bank: Bank, tmp_path: Path) -> None:
    order_q, match_q = first(shipped_bank, "ordering"), first(shipped_bank, "matching")
    case = next(iter(shipped_bank.cases.values()))
    case_q = shipped_bank.by_id[case.questions[0]]
    path = tmp_path / "deck.apkg"
    assert write_deck([order_q, match_q, case_q], path, cases=shipped_bank.cases) == 3
    with zipfile.ZipFile(path) as z:
        z.extract("collection.anki2", tmp_path)
    conn = sqlite3.connect(tmp_path / "collection.anki2")
    rows = [r[0].split("\x1f") for r in conn.execute("SELECT flds FROM notes ORDER BY id")]
    conn.close()
    order_fields, match_fields, case_fields = rows
    assert order_fields[2] == "Order: " + " → ".join(order_q.answer)
    assert match_fields[2] == "Pairs: " + ", ".join(
        f"{p.key} → {k}" for p, k in zip(match_q.prompts, match_q.answer, strict=True)
    )
    assert all(p.explanation.split("'")[0] in match_fields[3] for p in match_q.prompts)
    assert case.title in case_fields[0]
