"""Templates whose options are entry names: which service, feature, technique or model fits.

The rivals are near misses (`Knowledge.rivals`: confusion sets first), the noun in the stem is one every option
is (`Knowledge.noun`), and every wrong option's explanation says what that option is and why it loses here.
"""

from __future__ import annotations

from collections.abc import Iterator

from mlsquiz.bank.compose import Choice, build, seeded, short_hash
from mlsquiz.bank.schema import KnowledgeEntry, Question
from mlsquiz.bank.templates.knowledge import (
    Knowledge,
    about,
    article,
    clause,
    gives_away,
    recommendable,
    sentence,
    tip,
)


def _name_choices(
    kb: Knowledge, entry: KnowledgeEntry, rivals: list[KnowledgeEntry], need: str | None
) -> list[Choice]:
    choices = [Choice(entry.name, f"Correct. {about(entry)}", True)]
    choices += [Choice(r.name, f"Incorrect. {kb.why_not(r, entry, need)}", False) for r in rivals]
    return choices


def service_for_use(kb: Knowledge) -> Iterator[Question]:
    """Which service (or feature, technique, model) meets a stated need."""
    for entry in filter(recommendable, kb.entries):
        for need in entry.use_for:
            qid = f"gen.service-for-use.{entry.slug}.{short_hash(need)}"
            rivals = kb.rivals(entry, seeded(qid), 3)
            if rivals is None or gives_away(need, entry):
                continue
            noun = kb.noun([entry, *rivals])
            stem = f"A machine learning team needs to {clause(need)}. Which {noun} best meets this need?"
            explanation = f"**{entry.name}** is the fit: {sentence(entry.summary)}{tip(entry)}"
            choices = _name_choices(kb, entry, rivals, need)
            topics = [entry.slug, *kb.umbrellas_of(entry)]
            yield build(qid, "service-for-use", stem, choices, explanation, entry, topics, 1)


def name_from_description(kb: Knowledge) -> Iterator[Question]:
    """Which entry a description names."""
    for entry in kb.entries:
        text = entry.definition or entry.summary
        qid = f"gen.name-from-description.{entry.slug}"
        rivals = kb.rivals(entry, seeded(qid), 3)
        if rivals is None or gives_away(text, entry):
            continue
        noun = kb.noun([entry, *rivals])
        stem = f"Which {noun} does this description fit?\n\n> {sentence(text)}"
        explanation = f"The description is of **{entry.name}**.{tip(entry)}"
        difficulty = 1 if entry.kind == "service" else 2
        choices = _name_choices(kb, entry, rivals, None)
        yield build(qid, "name-from-description", stem, choices, explanation, entry, [entry.slug], difficulty)


def technique_for_situation(kb: Knowledge) -> Iterator[Question]:
    """Which technique or model suits a situation (concepts and models)."""
    for entry in filter(recommendable, kb.entries):
        for situation in entry.when_to_use:
            qid = f"gen.technique-for-situation.{entry.slug}.{short_hash(situation)}"
            rivals = kb.rivals(entry, seeded(qid), 3)
            if rivals is None or gives_away(situation, entry):
                continue
            noun = kb.noun([entry, *rivals])
            stem = f"A data scientist wants {article(noun)} to use when {clause(situation)}. Which one fits best?"
            explanation = f"**{entry.name}** fits: {sentence(entry.definition or entry.summary)}{tip(entry)}"
            choices = _name_choices(kb, entry, rivals, None)
            topics = [entry.slug, *kb.umbrellas_of(entry)]
            yield build(qid, "technique-for-situation", stem, choices, explanation, entry, topics, 2)


def choose_over(kb: Knowledge) -> Iterator[Question]:
    """X instead of Y under a stated condition; Y is among the options, the others are near misses too."""
    for entry in filter(recommendable, kb.entries):
        for contrast in entry.instead_of:
            other = kb.by_slug.get(contrast.other)
            if other is None or other.kind != entry.kind or gives_away(contrast.when, entry):
                continue
            qid = f"gen.choose-over.{entry.slug}.{other.slug}"
            rng = seeded(qid)
            pool: list[KnowledgeEntry] = []
            for r in kb.candidates(entry, rng):
                clash = r.slug == other.slug or kb.related(other.slug, r.slug)
                if not clash and all(not kb.related(r.slug, p.slug) for p in pool):
                    pool.append(r)
            if len(pool) < 2:
                continue
            rivals = [other, *pool[:2]]
            noun = kb.noun([entry, *rivals])
            stem = (
                f"A team is choosing between several options, {other.name} among them. The deciding factor: "
                f"{clause(contrast.when)}. Which {noun} should the team choose?"
            )
            why = f"Choose {entry.name} over {other.name} when {clause(contrast.when)}."
            choices = [Choice(entry.name, f"Correct. {why}", True)]
            choices += [Choice(r.name, f"Incorrect. {kb.why_not(r, entry)}", False) for r in rivals]
            explanation = f"{why} {sentence(entry.summary)}{tip(entry)}"
            yield build(qid, "choose-over", stem, choices, explanation, entry, [entry.slug, other.slug], 2)
