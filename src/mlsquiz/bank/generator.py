"""Deterministic question templates over the knowledge base.

A generated question's id is `gen.<template>.<entities>`: the slugs it is about plus, where one entry yields
several questions, a short hash of the fact it asks about (or of the numbers, for calculations). It never
depends on the order of files or entries, so history and review cards keep pointing at the same question
across runs and releases. Every random choice is drawn from a generator seeded with that id.
"""

from __future__ import annotations

import functools
import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence

from mlsquiz.bank.calculations import CALCULATION_TEMPLATES
from mlsquiz.bank.compose import Choice, build, seeded, short_hash
from mlsquiz.bank.schema import KnowledgeEntry, Question

# Categories whose entries are close enough to stand in for each other as distractors when a category is
# too small on its own.
AREAS: dict[str, str] = {
    "storage": "data",
    "database": "data",
    "analytics": "data",
    "etl": "data",
    "streaming": "data",
    "orchestration": "data",
    "sagemaker-build": "sagemaker",
    "sagemaker-deploy": "sagemaker",
    "sagemaker-algorithm": "algorithm",
    "model": "algorithm",
    "model-family": "algorithm",
    "ai-service": "ai",
    "security": "security",
    "monitoring": "security",
    "networking": "security",
    "compute": "compute",
    "container": "compute",
    "iot-edge": "compute",
}

# Umbrella entries cover their members: never offer one as the other's distractor.
UMBRELLAS: dict[str, tuple[str, ...]] = {
    "sagemaker": ("sagemaker-",),
    "glue": ("glue-",),
    "kinesis": ("kinesis-",),
    "ec2": ("gpu-instances", "inferentia", "trainium"),
    "lambda": ("lambda-scaling",),
    "outlier-handling": ("z-score", "iqr", "isolation-forest"),
    "feature-binning": ("fixed-width-binning", "quantile-binning", "kmeans-binning"),
    "synthetic-features": ("polynomial-features", "feature-interaction", "log-transform"),
    "gradient-descent": ("batch-gradient-descent", "sgd", "mini-batch-gradient-descent", "adam"),
    "regularization": ("l1-regularization", "l2-regularization", "elastic-net", "dropout", "early-stopping"),
    "cross-validation": ("k-fold-cv", "stratified-k-fold", "leave-one-out-cv"),
    "weight-initialization": ("random-initialization", "xavier-initialization", "he-initialization"),
    "learning-rate": ("fixed-learning-rate", "learning-rate-decay", "adaptive-learning-rate"),
    "regression-metrics": ("mae", "mse", "rmse", "r-squared"),
    "deployment-strategies": (
        "multi-az-deployment",
        "multi-region-deployment",
        "blue-green-deployment",
        "canary-deployment",
    ),
    "ensemble-models": ("random-forest", "xgboost"),
}

NOUN = {"service": "AWS service", "concept": "technique or concept", "model": "model or algorithm"}


def plain_name(name: str, aliases: tuple[str, ...] = ()) -> list[str]:
    """The names a text must not contain to keep the answer hidden."""
    names = {name, *aliases}
    for name in list(names):
        short = re.sub(r"^(Amazon|AWS)\s+", "", name)
        names.add(short)
        names.add(re.sub(r"^SageMaker( AI)?\s+", "", short))
    return [n for n in names if len(n) >= 3]


@functools.lru_cache(maxsize=4096)
def _name_pattern(name: str, aliases: tuple[str, ...]) -> re.Pattern[str]:
    names = plain_name(name, aliases)
    alternatives = "|".join(re.escape(n.lower()) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


GENERIC_WORDS = frozenset(
    [
        "amazon",
        "aws",
        "sagemaker",
        "service",
        "services",
        "model",
        "models",
        "data",
        "learning",
        "machine",
        "mode",
        "input",
        "training",
        "inference",
        "endpoint",
        "endpoints",
        "feature",
        "features",
        "algorithm",
        "regression",
        "analysis",
        "error",
        "rate",
        "store",
        "based",
        "instances",
        "instance",
        "deployment",
        "strategies",
        "strategy",
        "metrics",
        "metric",
        "handling",
        "creation",
        "function",
        "functions",
        "with",
        "from",
        "into",
        "for",
        "the",
        "and",
        "managed",
        "apache",
        "time",
        "series",
        "cloud",
        "real",
    ]
)


def name_words(entry: KnowledgeEntry) -> set[str]:
    """The distinctive words of an entry's names ("blue", "green" for "Blue/green deployment")."""
    words: set[str] = set()
    for name in (entry.name, *entry.aliases):
        words |= {w for w in re.findall(r"[a-z0-9]+", name.lower()) if len(w) >= 4 and w not in GENERIC_WORDS}
    return words


def gives_away(text: str, entry: KnowledgeEntry) -> bool:
    """Stricter than `leaks`, for stems whose answer is the entry: no distinctive word of its name either."""
    return leaks(text, entry) or bool(name_words(entry) & set(re.findall(r"[a-z0-9]+", text.lower())))


def leaks(text: str, entry: KnowledgeEntry) -> bool:
    """Whether `text` names the entry (its name, an alias, or either without the Amazon/AWS prefix)."""
    return _name_pattern(entry.name, tuple(entry.aliases)).search(text.lower()) is not None


class Knowledge:
    """The knowledge base with the relations the templates need."""

    def __init__(self, entries: Sequence[KnowledgeEntry]) -> None:
        self.entries = sorted(entries, key=lambda e: e.slug)
        self.by_slug = {e.slug: e for e in self.entries}
        self.by_category: dict[str, list[KnowledgeEntry]] = defaultdict(list)
        self.by_area: dict[str, list[KnowledgeEntry]] = defaultdict(list)
        for e in self.entries:
            self.by_category[e.category].append(e)
            if e.category in AREAS:
                self.by_area[AREAS[e.category]].append(e)
        self._related: dict[str, set[str]] = {e.slug: set(e.overlaps) for e in self.entries}
        for e in self.entries:
            for other in e.overlaps:
                self._related.setdefault(other, set()).add(e.slug)
        for parent, members in UMBRELLAS.items():
            children = {
                e.slug
                for e in self.entries
                for m in members
                if e.slug == m or (m.endswith("-") and e.slug.startswith(m))
            }
            for child in children:
                self._related.setdefault(parent, set()).add(child)
                self._related.setdefault(child, set()).add(parent)

    def related(self, a: str, b: str) -> bool:
        return b in self._related.get(a, set())

    def candidates(self, entry: KnowledgeEntry, rng: random.Random) -> list[KnowledgeEntry]:
        """Plausible but wrong alternatives to `entry`: its category first, then its area, in seeded order."""

        def ok(o: KnowledgeEntry) -> bool:
            return o.slug != entry.slug and o.kind == entry.kind and not self.related(entry.slug, o.slug)

        same = [o for o in self.by_category[entry.category] if ok(o)]
        area = AREAS.get(entry.category)
        near = (
            [o for o in self.by_area.get(area, []) if o.category != entry.category and ok(o)] if area else []
        )
        rng.shuffle(same)
        rng.shuffle(near)
        return same + near

    def rivals(self, entry: KnowledgeEntry, rng: random.Random, n: int) -> list[KnowledgeEntry] | None:
        """`n` candidates, or None when the knowledge base has too few."""
        picked = self.candidates(entry, rng)[:n]
        return picked if len(picked) == n else None

    def distant(self, entry: KnowledgeEntry) -> list[KnowledgeEntry]:
        """Entries of another area, for statements that clearly do not belong to `entry`."""
        area = AREAS.get(entry.category, entry.category)
        return [
            o
            for o in self.entries
            if AREAS.get(o.category, o.category) != area
            and o.kind == entry.kind
            and not self.related(entry.slug, o.slug)
            and o.slug not in UMBRELLAS
        ]


def sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def about(entry: KnowledgeEntry) -> str:
    """A one-line reminder of what an entry is, for option explanations."""
    return f"{entry.name}: {sentence(entry.summary)}"


def tip(entry: KnowledgeEntry) -> str:
    """The closing lines of an explanation: the first exam tip, and what AWS said about availability."""
    text = f"\n\nExam tip: {entry.exam_tips[0]}" if entry.exam_tips else ""
    if entry.availability_note:
        text += f"\n\nAvailability: {entry.availability_note}"
    return text


def recommendable(entry: KnowledgeEntry) -> bool:
    """A retired service is never the answer to "which should the team choose"."""
    return entry.availability != "retired"


Template = Callable[[Knowledge], Iterator[Question]]


def need_to_entry(kb: Knowledge) -> Iterator[Question]:
    """Which service (or technique) meets a stated need; rivals come from the same category."""
    for entry in filter(recommendable, kb.entries):
        for need in entry.use_for:
            qid = f"gen.service-for-use.{entry.slug}.{short_hash(need)}"
            rivals = kb.rivals(entry, seeded(qid), 3)
            if rivals is None or gives_away(need, entry):
                continue
            noun = NOUN[entry.kind]
            stem = f"A machine learning team needs to {need.rstrip('.')}. Which {noun} best meets this need?"
            choices = [Choice(entry.name, f"Correct. {about(entry)}", True)]
            choices += [Choice(r.name, f"Not the best fit for this need. {about(r)}", False) for r in rivals]
            explanation = f"**{entry.name}** is the fit: {sentence(entry.summary)}{tip(entry)}"
            yield build(qid, "service-for-use", stem, choices, explanation, entry, [entry.slug], 1)


def describe(kb: Knowledge) -> Iterator[Question]:
    """Which entry a description names."""
    for entry in kb.entries:
        text = entry.definition or entry.summary
        qid = f"gen.name-from-description.{entry.slug}"
        rivals = kb.rivals(entry, seeded(qid), 3)
        if rivals is None or gives_away(text, entry):
            continue
        noun = NOUN[entry.kind]
        stem = f"Which {noun} does this description fit?\n\n> {sentence(text)}"
        choices = [Choice(entry.name, f"Correct. {about(entry)}", True)]
        choices += [Choice(r.name, f"Incorrect. {about(r)}", False) for r in rivals]
        explanation = f"The description is of **{entry.name}**.{tip(entry)}"
        difficulty = 1 if entry.kind == "service" else 2
        yield build(qid, "name-from-description", stem, choices, explanation, entry, [entry.slug], difficulty)


def choose_over(kb: Knowledge) -> Iterator[Question]:
    """X instead of Y under a stated condition; Y is among the options."""
    for entry in filter(recommendable, kb.entries):
        for contrast in entry.instead_of:
            other = kb.by_slug.get(contrast.other)
            if other is None or other.kind != entry.kind or gives_away(contrast.when, entry):
                continue
            qid = f"gen.choose-over.{entry.slug}.{other.slug}"
            rng = seeded(qid)
            pool = [r for r in kb.candidates(entry, rng) if r.slug != other.slug]
            pool = [r for r in pool if not kb.related(other.slug, r.slug)][:2]
            if len(pool) < 2:
                continue
            noun = NOUN[entry.kind]
            stem = (
                f"A team is choosing between several options, {other.name} among them. The deciding factor: "
                f"{contrast.when.rstrip('.')}. Which {noun} should the team choose?"
            )
            why = f"Choose {entry.name} over {other.name} when {contrast.when.rstrip('.')}."
            choices = [
                Choice(entry.name, f"Correct. {why}", True),
                Choice(other.name, f"Incorrect. {why} {about(other)}", False),
            ]
            choices += [Choice(r.name, f"Incorrect. {about(r)}", False) for r in pool]
            explanation = f"{why} {sentence(entry.summary)}{tip(entry)}"
            yield build(qid, "choose-over", stem, choices, explanation, entry, [entry.slug, other.slug], 2)


def _statements(
    kb: Knowledge, template: str, ask: str, pick: str, foil: str, ok_text: str, foil_text: str
) -> Iterator[Question]:
    for entry in kb.entries:
        facts: tuple[str, ...] = getattr(entry, pick)
        foils: tuple[str, ...] = getattr(entry, foil)
        if len(foils) < 3:
            continue
        for fact in facts:
            qid = f"gen.{template}.{entry.slug}.{short_hash(fact)}"
            chosen = seeded(qid).sample(list(foils), 3)
            if any(leaks(t, entry) for t in [fact, *chosen]):
                continue
            stem = f"Which statement describes {ask} of **{entry.name}**?"
            choices = [Choice(sentence(fact), f"Correct. {ok_text}", True)]
            choices += [Choice(sentence(f), f"Incorrect. {foil_text}", False) for f in chosen]
            explanation = f"{about(entry)}{tip(entry)}"
            yield build(qid, template, stem, choices, explanation, entry, [entry.slug], 2)


def limitation(kb: Knowledge) -> Iterator[Question]:
    yield from _statements(
        kb,
        "limitation",
        "a limitation",
        "cons",
        "pros",
        "This is a documented limitation to weigh when choosing it.",
        "This is true, but it is an advantage, not a limitation.",
    )


def advantage(kb: Knowledge) -> Iterator[Question]:
    yield from _statements(
        kb,
        "advantage",
        "an advantage",
        "pros",
        "cons",
        "This is one of its advantages.",
        "This is true, but it is a limitation, not an advantage.",
    )


def pitfall(kb: Knowledge) -> Iterator[Question]:
    yield from _statements(
        kb,
        "pitfall",
        "a pitfall or risk",
        "pitfalls",
        "pros",
        "This is a known pitfall to guard against.",
        "This is true, but it is a strength, not a pitfall.",
    )


def situation_to_technique(kb: Knowledge) -> Iterator[Question]:
    """Which technique suits a situation (concepts and models)."""
    for entry in filter(recommendable, kb.entries):
        for situation in entry.when_to_use:
            qid = f"gen.technique-for-situation.{entry.slug}.{short_hash(situation)}"
            rivals = kb.rivals(entry, seeded(qid), 3)
            if rivals is None or gives_away(situation, entry):
                continue
            noun = NOUN[entry.kind]
            stem = (
                f"A data scientist wants a {noun} to use when {situation.rstrip('.')}. Which one fits best?"
            )
            choices = [Choice(entry.name, f"Correct. {about(entry)}", True)]
            choices += [Choice(r.name, f"Not the best fit here. {about(r)}", False) for r in rivals]
            explanation = f"**{entry.name}** fits: {sentence(entry.definition or entry.summary)}{tip(entry)}"
            yield build(qid, "technique-for-situation", stem, choices, explanation, entry, [entry.slug], 2)


def two_uses(kb: Knowledge) -> Iterator[Question]:
    """Multiple response: which TWO needs an entry is designed for; the others belong to distant entries."""
    for entry in filter(recommendable, kb.entries):
        if len(entry.use_for) < 2 or entry.slug in UMBRELLAS:
            continue
        qid = f"gen.two-uses.{entry.slug}"
        rng = seeded(qid)
        right = rng.sample(list(entry.use_for), 2)
        others = kb.distant(entry)
        rng.shuffle(others)
        wrong: list[tuple[str, KnowledgeEntry]] = []
        for other in others:
            if other.use_for and len(wrong) < 3 and all(o.category != other.category for _, o in wrong):
                wrong.append((rng.choice(list(other.use_for)), other))
        if len(wrong) < 3 or any(leaks(t, entry) for t in right):
            continue
        stem = f"Which TWO needs is **{entry.name}** designed to meet?"
        choices = [
            Choice(cap(sentence(n)), f"Correct. This is a core use of {entry.name}.", True) for n in right
        ]
        choices += [
            Choice(cap(sentence(n)), f"Incorrect. This is a use of {o.name}, not of {entry.name}.", False)
            for n, o in wrong
        ]
        explanation = f"{about(entry)}{tip(entry)}"
        topics = [entry.slug] + [o.slug for _, o in wrong]
        yield build(qid, "two-uses", stem, choices, explanation, entry, topics, 2)


TEMPLATES: dict[str, Template] = {
    "service-for-use": need_to_entry,
    "name-from-description": describe,
    "choose-over": choose_over,
    "limitation": limitation,
    "advantage": advantage,
    "pitfall": pitfall,
    "technique-for-situation": situation_to_technique,
    "two-uses": two_uses,
}


def generate_questions(entries: Sequence[KnowledgeEntry]) -> list[Question]:
    """Every generated question, in a stable order (by template, then id)."""
    kb = Knowledge(entries)
    questions: list[Question] = []
    for name in sorted(TEMPLATES):
        questions += sorted(TEMPLATES[name](kb), key=lambda q: q.id)
    slugs = set(kb.by_slug)
    for calc in CALCULATION_TEMPLATES:
        questions += [q for q in calc() if set(q.topics) <= slugs]
    return questions
