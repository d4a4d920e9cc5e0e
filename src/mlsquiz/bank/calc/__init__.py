"""Parametric calculation questions: numbers from a seeded generator, distractors from the usual mistakes.

`FAMILIES` lists every family; `vary` redraws a calculation question's numbers for a drill.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from functools import cache

from mlsquiz.bank.calc import costs, data, evaluation, features, imbalance, sizing, training
from mlsquiz.bank.calc.common import Family
from mlsquiz.bank.schema import Question

FAMILIES: list[Family] = [
    *data.FAMILIES,
    *features.FAMILIES,
    *evaluation.FAMILIES,
    *training.FAMILIES,
    *imbalance.FAMILIES,
    *sizing.FAMILIES[:1],
    *costs.FAMILIES,
    *sizing.FAMILIES[1:],
]
CALCULATION_TEMPLATES: list[Callable[[], Iterator[Question]]] = [f.questions for f in FAMILIES]
REDRAWS = 50


@cache
def _origins() -> dict[str, tuple[Family, int]]:
    """Each bank calculation question's id, with the family and kind that made it."""
    found: dict[str, tuple[Family, int]] = {}
    for family in FAMILIES:
        for i in range(family.variants):
            q = family.draw(i)
            if q is not None:
                found.setdefault(q.id, (family, i % family.kinds))
    return found


def is_calculation(question: Question) -> bool:
    return question.id in _origins()


def vary(question: Question, seed: int) -> Question:
    """The same calculation with fresh numbers drawn from `seed`; any other question comes back unchanged.

    The result keeps the question's id, template, family and kind (the metric asked, for example), so review
    cards and statistics stay attached to it; only the numbers, and with them the options, change. The same seed
    gives the same numbers.
    """
    origin = _origins().get(question.id)
    if origin is None:
        return question
    family, kind = origin
    rng = random.Random(f"{seed}:{question.id}")
    for _ in range(REDRAWS):
        fresh = family(rng, kind)
        if fresh is not None and fresh.stem != question.stem:
            return fresh.model_copy(update={"id": question.id})
    return question
