"""Templates whose options are statements of one shape: facts, needs, situations or deciding conditions.

All options of a question come from the same field of the knowledge base, so they share tone, grammar and
length; only knowing the entries tells them apart. The wrong options are facts of near-miss rivals (confusion
sets first) or reviewed false statements (`misconceptions`), never a true fact dressed as the wrong tone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from itertools import combinations

from mlsquiz.bank.compose import Choice, seeded, short_hash
from mlsquiz.bank.schema import Contrast, KnowledgeEntry, Misconception, Question
from mlsquiz.bank.templates.giveaways import echoes, leaks
from mlsquiz.bank.templates.knowledge import Knowledge, recommendable
from mlsquiz.bank.templates.phrasing import about, cap, clause, content_words, reason, sentence, tip
from mlsquiz.bank.templates.registry import Template, template

# Surface marks that differ between how people write false statements and their corrections: "cannot" and "no"
# in the false ones, "can" in the true ones. An option that is the only one with (or without) such a mark stands
# out by wording. The rule is symmetric on purpose: skipping only the questions where the *key* stands out would
# teach the opposite tell ("the odd one out is never the answer").
SURFACE_MARKS = (
    re.compile(r"\b(?:not|no|cannot|without|none|nor|never)\b|n't\b", re.I),
    re.compile(r"\bcan\b", re.I),
)


def lone_mark(options: Sequence[str]) -> bool:
    """Whether some option is the only one to carry, or the only one to lack, a surface mark."""
    for mark in SURFACE_MARKS:
        marked = [bool(mark.search(o)) for o in options]
        if sum(marked) in (1, len(options) - 1):
            return True
    return False


TRUE_STEMS = (
    "Which statement about **{name}** is true?",
    "Which of these statements about **{name}** is accurate?",
    "Which statement correctly describes **{name}**?",
    "What is true of **{name}**?",
)
USE_STEMS = (
    "Which need is **{name}** designed to meet?",
    "A team is considering **{name}**. Which need does it meet?",
    "Which task is **{name}** built for?",
)
SITUATION_STEMS = (
    "In which situation is **{name}** the right choice?",
    "When should a data scientist reach for **{name}**?",
    "Which situation calls for **{name}**?",
)


def _statement_groups(
    items: Sequence[Misconception],
) -> Iterator[tuple[Misconception, tuple[Misconception, ...]]]:
    """Disjoint groups of four misconceptions: one keyed by its truth, three shown by their false statements.

    Every misconception appears in at most one question. Were a false statement the distractor of several
    questions, having seen it marked wrong once would single out the key of the next question without any
    knowledge of the entry, and the option-only baseline learns exactly that.
    """
    remaining = sorted(items, key=lambda m: short_hash(m.truth))
    while len(remaining) >= 4:
        found = next(
            (
                (key, wrong)
                for key in remaining
                for wrong in combinations([m for m in remaining if m is not key], 3)
                if not lone_mark([key.truth, *(m.statement for m in wrong)])
                and all(m.statement != key.truth for m in wrong)
            ),
            None,
        )
        if found is None:
            return
        yield found
        remaining = [m for m in remaining if m is not found[0] and m not in found[1]]


@template("true-statement")
def true_statement(kb: Knowledge, t: Template) -> Iterator[Question]:
    """Which statement about X is true: one misconception's truth among other misconceptions' statements.

    A question is made only from a group of misconceptions that leaves no option alone with a surface mark
    (`lone_mark`), and no misconception is used twice (`_statement_groups`): then only knowing X tells the
    options apart.
    """
    for entry in kb.entries:
        for index, (item, wrong) in enumerate(_statement_groups(entry.misconceptions)):
            qid = t.qid(entry.slug, short_hash(item.truth))
            order = list(wrong)
            stem = TRUE_STEMS[index % len(TRUE_STEMS)].format(name=entry.name)
            choices = [Choice(sentence(item.truth), f"Correct. {sentence(item.why)}", True)]
            choices += [
                Choice(
                    sentence(m.statement),
                    f"Incorrect. {sentence(m.why)} What is true: {sentence(m.truth)}",
                    False,
                )
                for m in order
            ]
            explanation = f"{sentence(item.truth)} {sentence(item.why)}\n\n{about(entry)}{tip(entry)}"
            explanation = kb.flagged_question(explanation, stem, choices)
            yield t.build(qid, stem, choices, explanation, entry, [entry.slug], 2)


def _rival_facts(
    kb: Knowledge,
    entry: KnowledgeEntry,
    field: Callable[[KnowledgeEntry], Sequence[str]],
    qid: str,
    n: int,
    key: str = "",
) -> list[tuple[str, KnowledgeEntry]] | None:
    """`n` facts of one field, each from a different near-miss rival of `entry` that does not overlap the others.

    Of each rival's facts, the one nearest the key in subject (most content words shared with `key`) is taken:
    a forecasting key among forecasting-flavoured distractors, not among needs about text or images, so that
    the subject alone does not point at the key.
    """
    rng = seeded(qid)
    picked: list[tuple[str, KnowledgeEntry]] = []
    own = {clause(t).lower() for t in field(entry)}
    for rival in kb.candidates(entry, rng):
        facts = [
            f
            for f in field(rival)
            if clause(f).lower() not in own and not leaks(f, entry) and not echoes(f, entry)
        ]
        if not facts or any(kb.related(rival.slug, r.slug) for _, r in picked) or kb.is_umbrella(rival.slug):
            continue
        words = content_words(key)
        best = max(len(words & content_words(f)) for f in facts)
        picked.append((rng.choice([f for f in facts if len(words & content_words(f)) == best]), rival))
        if len(picked) == n:
            return picked
    return None


def _alike(key: str, others: Sequence[str]) -> bool:
    """Whether no option stands out by length or mirrors the key.

    An option twice as long as the rest, or a distractor that swaps the key's "X rather than Y" round, tells a
    test-wise candidate where the key is.
    """
    lengths = [len(key), *(len(o) for o in others)]
    if max(lengths) > 1.8 * sorted(lengths)[-2]:
        return False
    words = content_words(key)
    return all(
        len(words & content_words(o)) < 0.8 * max(1, min(len(words), len(content_words(o)))) for o in others
    )


def _fact_of(
    kb: Knowledge,
    t: Template,
    field: Callable[[KnowledgeEntry], Sequence[str]],
    stems: tuple[str, ...],
    verb: str,
) -> Iterator[Question]:
    """Which of these facts belongs to X: one of X's own, the others each from a rival X is confused with."""
    for entry in filter(recommendable, kb.entries):
        facts = sorted(field(entry), key=short_hash)
        if kb.is_umbrella(entry.slug):
            continue
        for index, fact in enumerate(facts):
            qid = t.qid(entry.slug, short_hash(fact))
            wrong = _rival_facts(kb, entry, field, qid, 3, fact)
            if wrong is None or leaks(fact, entry) or echoes(fact, entry):
                continue
            if not _alike(fact, [text for text, _ in wrong]):
                continue
            stem = stems[index % len(stems)].format(name=entry.name)
            choices = [Choice(cap(sentence(fact)), f"Correct. {reason(entry, fact)}", True)]
            choices += [
                Choice(
                    cap(sentence(text)),
                    f"Incorrect. {rival.name} {verb} {clause(text)}, not {entry.name}. {kb.why_not(rival, entry)}",
                    False,
                )
                for text, rival in wrong
            ]
            explanation = f"{about(entry)}{tip(entry, [r for _, r in wrong])}"
            topics = [entry.slug, *(r.slug for _, r in wrong)]
            explanation = kb.flagged_question(explanation, stem, choices)
            yield t.build(qid, stem, choices, explanation, entry, topics, 2)


@template("use-of")
def use_of(kb: Knowledge, t: Template) -> Iterator[Question]:
    """Which need X meets; the other needs are those of X's near-miss rivals."""
    yield from _fact_of(kb, t, lambda e: e.use_for, USE_STEMS, "is the choice to")


@template("situation-of")
def situation_of(kb: Knowledge, t: Template) -> Iterator[Question]:
    """In which situation X is the right choice (concepts and models); the others are rivals' situations."""
    yield from _fact_of(kb, t, lambda e: e.when_to_use, SITUATION_STEMS, "is the choice when")


@template("two-uses")
def two_uses(kb: Knowledge, t: Template) -> Iterator[Question]:
    """Multiple response: which TWO needs an entry is designed to meet; the others are its rivals' needs."""
    for entry in filter(recommendable, kb.entries):
        if len(entry.use_for) < 2 or kb.is_umbrella(entry.slug):
            continue
        qid = t.qid(entry.slug)
        right = seeded(qid).sample(list(entry.use_for), 2)
        wrong = _rival_facts(kb, entry, lambda e: e.use_for, qid, 3, " ".join(right))
        if wrong is None or any(leaks(n, entry) or echoes(n, entry) for n in right):
            continue
        stem = f"Which TWO needs is **{entry.name}** designed to meet?"
        reasons = [reason(entry, n) for n in right]
        if reasons[0] == reasons[1]:  # no exam tip bears on either need: say what it is in other words
            reasons[1] = f"{entry.name}: {sentence(entry.summary)}"
            if reasons[1] == reasons[0]:
                reasons[1] += " Both needs are uses it is built for."
        choices = [
            Choice(cap(sentence(n)), f"Correct. {r}", True) for n, r in zip(right, reasons, strict=True)
        ]
        choices += [
            Choice(
                cap(sentence(n)),
                f"Incorrect. {o.name} is the choice to {clause(n)}, not {entry.name}. {kb.why_not(o, entry)}",
                False,
            )
            for n, o in wrong
        ]
        explanation = f"{about(entry)}{tip(entry, [o for _, o in wrong])}"
        topics = [entry.slug] + [o.slug for _, o in wrong]
        explanation = kb.flagged_question(explanation, stem, choices)
        yield t.build(qid, stem, choices, explanation, entry, topics, 2)


@template("deciding-factor")
def deciding_factor(kb: Knowledge, t: Template) -> Iterator[Question]:
    """Which condition justifies X over Y; the other conditions argue for Y, or against X."""
    favouring: dict[str, list[tuple[KnowledgeEntry, Contrast]]] = {}
    against: dict[str, list[tuple[KnowledgeEntry, Contrast]]] = {}
    for e in kb.entries:
        for c in e.instead_of:
            favouring.setdefault(e.slug, []).append((e, c))
            against.setdefault(c.other, []).append((e, c))
    for entry in filter(recommendable, kb.entries):
        seen: set[str] = set()
        for contrast in entry.instead_of:
            other = kb.by_slug.get(contrast.other)
            if other is None or other.slug in seen:
                continue
            seen.add(other.slug)
            qid = t.qid(entry.slug, other.slug)
            # When the key is a kind of the other (a multi-model endpoint is a real-time endpoint), a reason to
            # choose the other over a third option holds for the key too: only reasons against the key remain.
            favoured = [] if kb.related(entry.slug, other.slug) else favouring.get(other.slug, [])
            pool = [
                (e, c)
                for e, c in favoured + against.get(entry.slug, [])
                if clause(c.when).lower() != clause(contrast.when).lower()
                and not (e.slug == other.slug and c.other == entry.slug)  # the key's mirror image
                and _alike(contrast.when, [c.when])
            ]
            pool = list({clause(c.when).lower(): (e, c) for e, c in pool}.values())
            pool = [(e, c) for e, c in pool if not leaks(c.when, entry) and not leaks(c.when, other)]
            if len(pool) < 3 or leaks(contrast.when, entry) or leaks(contrast.when, other):
                continue
            wrong = seeded(qid).sample(pool, 3)
            stem = f"A team chose **{entry.name}** rather than **{other.name}**. Which condition justifies that choice?"
            right = reason(entry, contrast.when)
            note = kb.differs(other, entry)
            right += f" {other.name}, by contrast, {clause(note)}." if note else f" {about(other)}"
            choices = [Choice(cap(sentence(contrast.when)), f"Correct. {right}", True)]
            for e, c in wrong:
                target = kb.by_slug.get(c.other)
                loser = target.name if target else c.other
                side = (
                    f"it argues for {other.name}, not for {entry.name}"
                    if e.slug == other.slug
                    else f"it argues against {entry.name}"
                )
                choices.append(
                    Choice(
                        cap(sentence(c.when)),
                        f"Incorrect. This is when to choose {e.name} over {loser}: {side}.",
                        False,
                    )
                )
            involved = [
                other,
                *(kb.by_slug[s] for e, c in wrong for s in (e.slug, c.other) if s in kb.by_slug),
            ]
            explanation = (
                f"Choose {entry.name} over {other.name} when {clause(contrast.when)}. {sentence(entry.summary)}"
                f"{tip(entry, involved)}"
            )
            explanation = kb.flagged_question(explanation, stem, choices)
            yield t.build(qid, stem, choices, explanation, entry, [entry.slug, other.slug], 2, versus=[other])
