"""Deterministic question templates over the knowledge base.

A generated question's id is `gen.<template>.<entities>`: the slugs it is about plus, where one entry yields
several questions, a short hash of the fact it asks about (or of the numbers, for calculations). It never
depends on the order of files or entries, so history and review cards keep pointing at the same question
across runs and releases. Every random choice is drawn from a generator seeded with that id.

No template makes its key the odd one out by tone: options of one question are all names of the same kind, or
all statements from the same field of the knowledge base (see `templates/`).
"""

from __future__ import annotations

from collections.abc import Sequence

from mlsquiz.bank.calculations import CALCULATION_TEMPLATES
from mlsquiz.bank.schema import ConfusionSet, KnowledgeEntry, Question, Taxonomy
from mlsquiz.bank.templates import naming, statements
from mlsquiz.bank.templates.giveaways import gives_away, leaks, plain_name
from mlsquiz.bank.templates.knowledge import Knowledge
from mlsquiz.bank.templates.registry import REGISTRY, Template

__all__ = ["TEMPLATES", "Knowledge", "generate_questions", "gives_away", "leaks", "plain_name"]

# The modules whose `@template` functions are the generator's templates: a new module is added here.
TEMPLATE_MODULES = (naming, statements)
TEMPLATES: dict[str, Template] = dict(REGISTRY)


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
