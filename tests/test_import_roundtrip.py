"""Export then import, per format, on the whole shipped bank: the same stems, options, answers and explanations."""

from __future__ import annotations

import pytest

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.importers import read_text_as
from mlsquiz.bank.text_export import export_text
from mlsquiz.bank.user_bank import blueprint_tasks


def _content(q: object) -> tuple[object, ...]:
    from mlsquiz.bank.schema import Question

    assert isinstance(q, Question)
    return (
        q.type,
        q.select,
        q.stem,
        [(o.key, o.text, o.explanation) for o in q.options],
        q.answer,
        q.explanation,
        q.topics,
        q.domains,
    )


@pytest.mark.parametrize("fmt", ["gift", "csv", "markdown"])
def test_round_trip_of_every_choice_question(shipped_bank: Bank, fmt: str) -> None:
    choice = [q for q in shipped_bank.questions if q.type in ("single", "multiple")]
    exported = export_text(shipped_bank.questions, fmt)
    others = len(shipped_bank.questions) - len(choice)
    assert exported.left_out == (others - sum(q.type == "matching" for q in shipped_bank.questions)
                                 if fmt == "gift" else others)  # fmt: skip
    result = read_text_as(exported.text, f"bank.{fmt}", fmt, blueprint_tasks(shipped_bank))  # type: ignore[arg-type]
    assert not result.errors and not result.skipped
    back = {result.titles[q.id]: q for q in result.questions}  # the title of an exported question is its id
    assert len(choice) > 2000
    for q in choice:
        assert _content(back[q.id]) == _content(q), q.id
        assert back[q.id].source == "imported"


def test_gift_keeps_matching_items(shipped_bank: Bank) -> None:
    matching = [q for q in shipped_bank.questions if q.type == "matching"]
    assert matching
    exported = export_text(matching, "gift")
    result = read_text_as(exported.text, "m.gift", "gift", blueprint_tasks(shipped_bank))
    assert not result.errors and len(result.questions) == len(matching)
    for q, back in zip(matching, result.questions, strict=True):
        assert back.type == "matching"
        assert [p.text for p in back.prompts] == [p.text for p in q.prompts]
        right = {o.key: o.text for o in q.options}
        got = {o.key: o.text for o in back.options}
        assert [got[k] for k in back.answer] == [right[k] for k in q.answer]
        assert sorted(got.values()) == sorted(right.values())
