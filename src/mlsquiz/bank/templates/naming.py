"""Templates whose options are entry names: which service, feature, technique or model fits.

The rivals are near misses (`Knowledge.rivals`: confusion sets first), the noun in the stem is one every option
is (`Knowledge.noun`), and every wrong option's explanation says what that option is and why it loses here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from mlsquiz.bank.compose import Choice, seeded, short_hash
from mlsquiz.bank.schema import KnowledgeEntry, Question
from mlsquiz.bank.templates.giveaways import gives_away
from mlsquiz.bank.templates.knowledge import Knowledge, recommendable
from mlsquiz.bank.templates.phrasing import article, cap, clause, reason, sentence, tip
from mlsquiz.bank.templates.registry import Template, template


def _name_choices(
    kb: Knowledge, entry: KnowledgeEntry, rivals: list[KnowledgeEntry], need: str | None
) -> list[Choice]:
    choices = [Choice(entry.name, f"Correct. {reason(entry, need)}", True)]
    choices += [Choice(r.name, f"Incorrect. {kb.why_not(r, entry, need)}", False) for r in rivals]
    return choices


def _described(
    kb: Knowledge, entry: KnowledgeEntry, rivals: list[KnowledgeEntry], shown: str
) -> tuple[str, int]:
    """Why the key fits a description, never the description again: what sets it apart from the options
    offered (its confusion-set note), the other of its summary and definition, and its first exam tip.

    Returns the text and how many exam tips it used, so that the closing tip does not repeat one.
    """
    parts: list[str] = []
    notes = [kb.differs(entry, r) for r in rivals]
    note = next((n for n in notes if n), None)
    if note:
        parts.append(f"{entry.name} {clause(note)}.")
    other = entry.summary if entry.definition and shown == entry.definition else entry.definition
    if other and clause(other) != clause(shown):
        parts.append(f"{entry.name}: {sentence(other)}" if not parts else sentence(cap(other)))
    used = 0
    if entry.exam_tips:
        parts.append(sentence(cap(entry.exam_tips[0])))
        used = 1
    if not parts:
        parts.append(f"{entry.name}: {sentence(shown)}")
    return " ".join(parts), used


def _fitting(
    kb: Knowledge,
    t: Template,
    needs: Callable[[KnowledgeEntry], list[str]],
    ask: Callable[[str, str], str],
    fit: Callable[[KnowledgeEntry], str],
    *,
    need_in_choices: bool,
    difficulty: int,
) -> Iterator[Question]:
    """Which entry fits each of its `needs` (a use, a situation): the stem is `ask(need, noun)`, the
    explanation "**Entry** `fit(entry)`" plus a tip."""
    for entry in filter(recommendable, kb.entries):
        for need in needs(entry):
            qid = t.qid(entry.slug, short_hash(need))
            rivals = kb.rivals(entry, seeded(qid), 3)
            if rivals is None or gives_away(need, entry):
                continue
            stem = ask(need, kb.noun([entry, *rivals]))
            if gives_away(stem, entry):
                continue
            explanation = f"**{entry.name}** {fit(entry)}{tip(entry, rivals)}"
            choices = _name_choices(kb, entry, rivals, need if need_in_choices else None)
            topics = [entry.slug, *kb.umbrellas_of(entry)]
            explanation = kb.flagged_question(explanation, stem, choices)
            yield t.build(qid, stem, choices, explanation, entry, topics, difficulty)


@template("service-for-use")
def service_for_use(kb: Knowledge, t: Template) -> Iterator[Question]:
    """Which service (or feature, technique, model) meets a stated need."""
    return _fitting(
        kb,
        t,
        lambda entry: entry.use_for,
        lambda need, noun: (
            f"A machine learning team needs to {clause(need)}. Which {noun} best meets this need?"
        ),
        lambda entry: f"is the fit: {sentence(entry.summary)}",
        need_in_choices=True,
        difficulty=1,
    )


@template("name-from-description")
def name_from_description(kb: Knowledge, t: Template) -> Iterator[Question]:
    """Which entry a description names."""
    for entry in kb.entries:
        text = entry.definition or entry.summary
        qid = t.qid(entry.slug)
        rivals = kb.rivals(entry, seeded(qid), 3, described=True)
        if rivals is None or gives_away(text, entry):
            continue
        noun = kb.noun([entry, *rivals])
        stem = f"Which {noun} does this description fit?\n\n> {sentence(text)}"
        if gives_away(stem, entry):
            continue
        right, tips = _described(kb, entry, rivals, text)
        explanation = f"The description is of **{entry.name}**.{tip(entry, rivals, tips)}"
        difficulty = 1 if entry.kind == "service" else 2
        choices = [Choice(entry.name, f"Correct. {right}", True)]
        choices += [Choice(r.name, f"Incorrect. {kb.why_not(r, entry)}", False) for r in rivals]
        explanation = kb.flagged_question(explanation, stem, choices)
        yield t.build(qid, stem, choices, explanation, entry, [entry.slug], difficulty)


@template("technique-for-situation")
def technique_for_situation(kb: Knowledge, t: Template) -> Iterator[Question]:
    """Which technique or model suits a situation (concepts and models)."""
    return _fitting(
        kb,
        t,
        lambda entry: entry.when_to_use,
        lambda situation, noun: (
            f"A data scientist wants {article(noun)} to use when {clause(situation)}. Which one fits best?"
        ),
        lambda entry: f"fits: {sentence(entry.definition or entry.summary)}",
        need_in_choices=False,
        difficulty=2,
    )


@template("choose-over")
def choose_over(kb: Knowledge, t: Template) -> Iterator[Question]:
    """X instead of Y under a stated condition; Y is among the options, the others are near misses too.

    The stem states the condition only and never names Y: a stem naming one option "among them" would tell a
    test-wise candidate that this option is never the key.
    """
    for entry in filter(recommendable, kb.entries):
        for contrast in entry.instead_of:
            other = kb.by_slug.get(contrast.other)
            if other is None or other.kind != entry.kind or gives_away(contrast.when, entry):
                continue
            qid = t.qid(entry.slug, other.slug)
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
                f"A team is choosing among several options. The deciding factor: {clause(contrast.when)}. "
                f"Which {noun} should the team choose?"
            )
            why = f"Choose {entry.name} over {other.name} when {clause(contrast.when)}."
            right = reason(entry, contrast.when)
            note = kb.differs(other, entry)
            if note:
                right += f" {other.name}, by contrast, {clause(note)}."
            choices = [Choice(entry.name, f"Correct. {right}", True)]
            choices += [Choice(r.name, f"Incorrect. {kb.why_not(r, entry)}", False) for r in rivals]
            explanation = f"{why} {sentence(entry.summary)}{tip(entry, rivals)}"
            explanation = kb.flagged_question(explanation, stem, choices)
            yield t.build(qid, stem, choices, explanation, entry, [entry.slug, other.slug], 2, versus=[other])
