"""Deterministic question templates over the knowledge base.

A generated question's id is `gen.<template>.<entities>`: the slugs it is about plus, where one entry yields
several questions, a short hash of the fact it asks about (or of the numbers, for calculations). It never
depends on the order of files or entries, so history and review cards keep pointing at the same question
across runs and releases. Every random choice is drawn from a generator seeded with that id.

No template makes its key the odd one out by tone: options of one question are all names of the same kind, or
all statements from the same field of the knowledge base (see `templates/`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from mlsquiz.bank.calculations import CALCULATION_TEMPLATES
from mlsquiz.bank.schema import ConfusionSet, KnowledgeEntry, Question, Taxonomy
from mlsquiz.bank.templates.knowledge import Knowledge, gives_away, leaks, plain_name
from mlsquiz.bank.templates.naming import (
    choose_over,
    name_from_description,
    service_for_use,
    technique_for_situation,
)
from mlsquiz.bank.templates.statements import deciding_factor, situation_of, true_statement, two_uses, use_of

__all__ = ["TEMPLATES", "Knowledge", "generate_questions", "gives_away", "leaks", "plain_name"]

Template = Callable[[Knowledge], Iterator[Question]]

TEMPLATES: dict[str, Template] = {
    "service-for-use": service_for_use,
    "name-from-description": name_from_description,
    "choose-over": choose_over,
    "technique-for-situation": technique_for_situation,
    "two-uses": two_uses,
    "true-statement": true_statement,
    "use-of": use_of,
    "situation-of": situation_of,
    "deciding-factor": deciding_factor,
}


def generate_questions(
    entries: Sequence[KnowledgeEntry],
    confusions: Sequence[ConfusionSet] = (),
    taxonomy: Taxonomy | None = None,
) -> list[Question]:
    """Every generated question, in a stable order (by template, then id)."""
    kb = Knowledge(entries, confusions, taxonomy)
    questions: list[Question] = []
    for name in sorted(TEMPLATES):
        questions += sorted(TEMPLATES[name](kb), key=lambda q: q.id)
    slugs = set(kb.by_slug)
    for calc in CALCULATION_TEMPLATES:
        questions += [q for q in calc() if set(q.topics) <= slugs]
    return questions
