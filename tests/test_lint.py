"""The linter finds each kind of tell and slip it promises, and the CLI exits 1 on errors."""

from __future__ import annotations

import json

import pytest

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.lint import lint_bank
from mlsquiz.bank.schema import KnowledgeEntry, Question
from mlsquiz.cli import main

from .conftest import synthetic_bank

KNOWLEDGE = {
    "s3": KnowledgeEntry.model_validate(
        {"slug": "s3", "name": "Amazon S3", "kind": "service", "category": "storage", "summary": "Objects.",
         "domains": {"mls-c01": ["1.1"]}}
    )
}  # fmt: skip


def question(i: int, **changes: object) -> Question:
    base: dict[str, object] = {
        "id": f"scn.1-1.lint-{i}",
        "type": "single",
        "select": 1,
        "stem": f"Scenario number {i} about a company storing data number {i * 7919} in a place. Which option fits?",
        "options": [
            {"key": k, "text": f"Option {k} text {i}", "explanation": f"Why option {k} is right or wrong."}
            for k in "ABCD"
        ],
        "answer": ["ABCD"[i % 4]],
        "explanation": "Because of the constraints.",
        "domains": {"mls-c01": "1.1", "mla-c01": "1.1"},
        "topics": ["s3"],
        "source": "scenario",
        "difficulty": 2,
    }
    base.update(changes)
    return Question.model_validate(base)


def bank_of(*questions: Question) -> Bank:
    return Bank(knowledge=KNOWLEDGE, blueprints=synthetic_bank(1).blueprints, questions=tuple(questions))


def checks(bank: Bank) -> dict[str, str]:
    return {f.check: f.level for f in lint_bank(bank).findings}


def test_a_clean_bank_has_no_findings() -> None:
    assert checks(bank_of(*(question(i) for i in range(40)))) == {}


def test_unbalanced_answer_positions() -> None:
    assert checks(bank_of(*(question(i, answer=["A"]) for i in range(40))))["answer-positions"] == "error"


def test_correct_option_too_often_the_longest() -> None:
    def longest(i: int) -> Question:
        q = question(i)
        options = [
            {"key": o.key, "text": o.text + (" and much more detail" if o.key in q.answer else ""),
             "explanation": o.explanation}
            for o in q.options
        ]  # fmt: skip
        return question(i, options=options)

    assert checks(bank_of(*(longest(i) for i in range(40))))["longest-option"] == "error"


def test_near_duplicate_stems() -> None:
    twin = question(1, id="scn.1-1.twin", stem=question(1).stem.replace("Which option fits?", "Which fits?"))
    assert checks(bank_of(question(1), twin, question(2)))["near-duplicate"] == "error"


def test_stem_containing_its_answer_and_all_of_the_above() -> None:
    q = question(0)
    right = q.options[0].text
    leaky = question(0, stem=f"A company thinks {right} is best. Which option fits?")
    assert checks(bank_of(leaky))["answer-in-stem"] == "error"
    options = [
        *(o.model_dump() for o in q.options[:3]),
        {"key": "D", "text": "All of the above", "explanation": "No."},
    ]
    found = checks(bank_of(question(0, options=options)))
    assert found["all-none-of-the-above"] == "error"
    assert found["option-explanation"] == "error"  # "No." explains nothing


def test_multiple_response_stem_must_say_select_two() -> None:
    options = [
        {"key": k, "text": f"Choice {k}", "explanation": f"Why {k} is or is not right."} for k in "ABCDE"
    ]
    q = question(0, type="multiple", select=2, answer=["A", "C"], options=options)
    assert checks(bank_of(q))["select"] == "error"
    ok = question(
        0, type="multiple", select=2, answer=["A", "C"], options=options, stem=q.stem + " (Select TWO.)"
    )
    assert "select" not in checks(bank_of(ok))


def test_unknown_topic_and_old_service_names() -> None:
    found = checks(bank_of(question(0, topics=["nowhere"])))
    assert found["unknown-topic"] == "error"
    old = question(0, stem="A team streams clicks into Kinesis Data Firehose. Which option fits?")
    assert checks(bank_of(old))["old-name"] == "warning"
    both = question(
        0, stem="A team streams into Amazon Data Firehose (formerly Kinesis Data Firehose). Which fits?"
    )
    assert "old-name" not in checks(bank_of(both))


def test_cli_exit_codes_and_json(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(
        "mlsquiz.bank.bank.load_bank", lambda *a, **k: bank_of(question(0, topics=["nowhere"]))
    )
    assert main(["bank", "lint", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 1 and report["findings"][0]["check"] == "unknown-topic"
    monkeypatch.setattr("mlsquiz.bank.bank.load_bank", lambda *a, **k: bank_of(question(0)))
    assert main(["bank", "lint"]) == 0
