"""The knowledge base as the templates see it: entries, their near-miss rivals, and the words that leak a name.

Rivals come from data, not code: the confusion sets (`confusions.yaml`) first, then the entry's category, then
its area (`taxonomy.yaml`). Entries that overlap (`overlaps`, or an umbrella and its members) are never each
other's rivals, since either could be right.
"""

from __future__ import annotations

import functools
import random
import re
from collections import defaultdict
from collections.abc import Sequence

from mlsquiz.bank.schema import Category, ConfusionSet, FeatureGroup, KnowledgeEntry, Taxonomy, Umbrella

KIND_NOUN = {
    "service": "AWS service or feature",
    "concept": "technique or concept",
    "model": "model or algorithm",
}

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


def name_words(entry: KnowledgeEntry) -> set[str]:
    """The distinctive words of an entry's names ("blue", "green" for "Blue/green deployment")."""
    words: set[str] = set()
    for name in (entry.name, *entry.aliases):
        words |= {w for w in re.findall(r"[a-z0-9]+", name.lower()) if len(w) >= 4 and w not in GENERIC_WORDS}
    return words


def leaks(text: str, entry: KnowledgeEntry) -> bool:
    """Whether `text` names the entry (its name, an alias, or either without the Amazon/AWS prefix)."""
    return _name_pattern(entry.name, tuple(entry.aliases)).search(text.lower()) is not None


def gives_away(text: str, entry: KnowledgeEntry) -> bool:
    """Stricter than `leaks`, for stems whose answer is the entry: no distinctive word of its name either."""
    return leaks(text, entry) or bool(name_words(entry) & set(re.findall(r"[a-z0-9]+", text.lower())))


def sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def clause(text: str) -> str:
    """A need or condition without its closing full stop, to go inside a sentence."""
    return text.strip().rstrip(".")


def article(noun: str) -> str:
    """The noun with "a" or "an" before it."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def about(entry: KnowledgeEntry) -> str:
    """A one-line reminder of what an entry is, for option explanations."""
    return f"{entry.name}: {sentence(entry.definition or entry.summary)}"


def tip(entry: KnowledgeEntry) -> str:
    """The closing lines of an explanation: the first exam tip, and what AWS said about availability."""
    text = f"\n\nExam tip: {entry.exam_tips[0]}" if entry.exam_tips else ""
    if entry.availability_note:
        text += f"\n\nAvailability: {entry.availability_note}"
    return text


def recommendable(entry: KnowledgeEntry) -> bool:
    """A retired service is never the answer to "which should the team choose"."""
    return entry.availability != "retired"


class Knowledge:
    """The knowledge base with the relations the templates need."""

    def __init__(
        self,
        entries: Sequence[KnowledgeEntry],
        confusions: Sequence[ConfusionSet] = (),
        taxonomy: Taxonomy | None = None,
    ) -> None:
        self.entries = sorted(entries, key=lambda e: e.slug)
        self.by_slug = {e.slug: e for e in self.entries}
        self.confusions = sorted(confusions, key=lambda c: c.id)
        self.categories: dict[str, Category] = {c.id: c for c in taxonomy.categories} if taxonomy else {}
        self.feature_of: dict[str, FeatureGroup] = {
            slug: group for group in (taxonomy.features if taxonomy else []) for slug in group.members
        }
        self.by_category: dict[str, list[KnowledgeEntry]] = defaultdict(list)
        self.by_area: dict[str, list[KnowledgeEntry]] = defaultdict(list)
        for e in self.entries:
            self.by_category[e.category].append(e)
            self.by_area[self.area(e)].append(e)
        self.sets_of: dict[str, list[ConfusionSet]] = defaultdict(list)
        for cs in self.confusions:
            for slug in cs.slugs:
                self.sets_of[slug].append(cs)
        self._related: dict[str, set[str]] = {e.slug: set(e.overlaps) for e in self.entries}
        for e in self.entries:
            for other in e.overlaps:
                self._related.setdefault(other, set()).add(e.slug)
        self.umbrellas: list[Umbrella] = list(taxonomy.umbrellas) if taxonomy else []
        for umbrella in self.umbrellas:
            for child in (
                e.slug for e in self.entries if umbrella.holds(e.slug) and e.slug != umbrella.parent
            ):
                self._related.setdefault(umbrella.parent, set()).add(child)
                self._related.setdefault(child, set()).add(umbrella.parent)

    def area(self, entry: KnowledgeEntry) -> str:
        category = self.categories.get(entry.category)
        return category.area if category else entry.category

    def umbrellas_of(self, entry: KnowledgeEntry) -> list[str]:
        """The umbrella entries that cover `entry` ("regularization" for dropout): also topics of its questions."""
        return [
            u.parent
            for u in self.umbrellas
            if u.parent in self.by_slug and self.related(u.parent, entry.slug)
        ]

    def is_umbrella(self, slug: str) -> bool:
        return any(u.parent == slug for u in self.umbrellas)

    def related(self, a: str, b: str) -> bool:
        return b in self._related.get(a, set())

    def confusable(self, entry: KnowledgeEntry) -> list[KnowledgeEntry]:
        """The other members of the entry's confusion sets, in set order."""
        slugs = [s for cs in self.sets_of.get(entry.slug, []) for s in cs.slugs if s != entry.slug]
        return [self.by_slug[s] for s in dict.fromkeys(slugs) if s in self.by_slug]

    def candidates(self, entry: KnowledgeEntry, rng: random.Random) -> list[KnowledgeEntry]:
        """Plausible but wrong alternatives to `entry`, nearest first, each tier in seeded order.

        The tiers: its confusion sets; its category, same form (service or feature of the same parent) first;
        its area. Never itself, another kind of entry, or an entry that overlaps it.
        """

        def ok(o: KnowledgeEntry) -> bool:
            return o.slug != entry.slug and o.kind == entry.kind and not self.related(entry.slug, o.slug)

        form = self.form(entry)
        tiers = [
            [o for o in self.confusable(entry) if ok(o)],
            [o for o in self.by_category[entry.category] if ok(o) and self.form(o) == form],
            [o for o in self.by_category[entry.category] if ok(o)],
            [o for o in self.by_area.get(self.area(entry), []) if ok(o)],
        ]
        out: dict[str, KnowledgeEntry] = {}
        for tier in tiers:
            rng.shuffle(tier)
            for o in tier:
                out.setdefault(o.slug, o)
        return list(out.values())

    def rivals(self, entry: KnowledgeEntry, rng: random.Random, n: int) -> list[KnowledgeEntry] | None:
        """`n` candidates that do not overlap each other either, or None when there are too few."""
        picked: list[KnowledgeEntry] = []
        for o in self.candidates(entry, rng):
            if all(not self.related(o.slug, p.slug) for p in picked):
                picked.append(o)
            if len(picked) == n:
                return picked
        return None

    def form(self, entry: KnowledgeEntry) -> str:
        """What an entry is as an option: an AWS service, a feature of a parent service, a concept, a model."""
        if entry.kind != "service":
            return entry.kind
        group = self.feature_of.get(entry.slug)
        return f"feature:{group.parent}" if group else "service"

    def noun(self, options: Sequence[KnowledgeEntry]) -> str:
        """What a question asks for, given its options: only ever a noun that every option is.

        A declared noun that shares a distinctive word with an option's name ("regularization technique" beside
        "L1 regularization") would point at that option, so the kind's plain noun is used instead.
        """
        forms = {self.form(o) for o in options}
        categories = {o.category for o in options}
        category = self.categories.get(options[0].category) if len(categories) == 1 else None
        noun: str | None = None
        if forms == {"service"}:
            noun = category.noun if category else "AWS service"
        elif len(forms) == 1 and (group := self.feature_of.get(options[0].slug)):
            noun = group.noun
        elif forms <= {"concept", "model"} and category:
            noun = category.noun
        words = set(re.findall(r"[a-z0-9]+", (noun or "").lower()))
        if noun is None or any(name_words(o) & words for o in options):
            noun = "AWS service" if forms == {"service"} else KIND_NOUN[options[0].kind]
        return noun

    def differs(self, entry: KnowledgeEntry, key: KnowledgeEntry) -> str | None:
        """The note of a confusion set holding both entries that says what sets `entry` apart."""
        for cs in self.sets_of.get(entry.slug, []):
            if key.slug in cs.slugs:
                return next(m.differs for m in cs.members if m.slug == entry.slug)
        return None

    def why_not(self, rival: KnowledgeEntry, key: KnowledgeEntry, need: str | None = None) -> str:
        """Why `rival` is the wrong pick where `key` is right: what it is, and the contrast that rules it out."""
        parts = []
        note = self.differs(rival, key)
        parts.append(f"{rival.name}: this option {clause(note)}." if note else about(rival))
        for contrast in key.instead_of:
            if contrast.other == rival.slug:
                parts.append(f"Choose {key.name} over it when {clause(contrast.when)}.")
                break
        else:
            for contrast in rival.instead_of:
                if contrast.other == key.slug:
                    parts.append(f"Choose it over {key.name} when {clause(contrast.when)}.")
                    break
        if need and not note and len(parts) == 1:
            parts.append(f"It is not designed to {clause(need)}.")
        return " ".join(parts)
