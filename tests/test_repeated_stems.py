"""No stem twice in one drill or one exam: several generated questions can share a stem ("Which statement
describes ... ?"), and a drill that asks the same thing twice reads as a repeat."""

from __future__ import annotations

from dataclasses import replace

from mlsquiz.bank.bank import Bank
from mlsquiz.exam.assembly import assemble
from mlsquiz.study.drills import DrillFilter, choose

from .conftest import synthetic_bank


def shared_stems(bank: Bank, every: int) -> Bank:
    """The same bank, with every `every` questions of one type sharing one stem."""
    questions = tuple(
        q.model_copy(update={"stem": f"Shared stem {i // every} ({q.type}, select {q.select})."})
        for i, q in enumerate(bank.questions)
    )
    return replace(bank, questions=questions)


def test_a_drill_never_repeats_a_stem() -> None:
    bank = shared_stems(synthetic_bank(120), 4)
    for seed in range(25):
        drill = choose(bank, DrillFilter(length=20), seed=seed, seen=set(), wrong=set(), last_seen={})
        stems = [q.stem for q in drill]
        assert len(drill) == 20
        assert len(set(stems)) == len(stems)


def test_a_drill_is_shorter_rather_than_repeat_a_stem() -> None:
    bank = shared_stems(synthetic_bank(40), 10)
    distinct = len({q.stem for q in bank.questions})
    assert distinct < 20
    drill = choose(bank, DrillFilter(length=20), seed=1, seen=set(), wrong=set(), last_seen={})
    assert len({q.stem for q in drill}) == len(drill) == distinct


def test_an_exam_never_repeats_a_stem() -> None:
    bank = shared_stems(synthetic_bank(900), 3)
    for seed in range(10):
        for bp in bank.blueprints.values():
            exam = assemble(bank, bp, seed=seed)
            stems = [bank.by_id[i.id].stem for i in exam.items]
            assert len(set(stems)) == len(stems)
            assert len(stems) == bp.questions
