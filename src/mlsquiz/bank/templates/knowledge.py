"""The knowledge base as the templates see it: entries, their areas and umbrellas, and their near-miss rivals.

Rivals come from data, not code: the confusion sets (`confusions.yaml`) first, then the entry's category, then
its area (`taxonomy.yaml`). Entries that overlap (`overlaps`, or an umbrella and its members) are never each
other's rivals, since either could be right. The words that give a name away are in `giveaways`, the phrases
explanations are made of in `phrasing`.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Sequence

from mlsquiz.bank.compose import Choice
from mlsquiz.bank.schema import Category, ConfusionSet, FeatureGroup, KnowledgeEntry, Taxonomy, Umbrella
from mlsquiz.bank.templates.giveaways import echoes, name_words, plain_name
from mlsquiz.bank.templates.phrasing import about, availability, clause

KIND_NOUN = {
    "service": "AWS service or feature",
    "concept": "technique or concept",
    "model": "model or algorithm",
}


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
        self.closed = [e for e in self.entries if e.availability != "available" and e.availability_note]
        # one pattern per closed entry, any of its names as a whole word (built once: `flagged` runs per question),
        # with the names themselves: a text holding none of them cannot match, and `in` says so far sooner
        self._closed_patterns = [
            (
                e,
                tuple(self.names_of(e)),
                re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, self.names_of(e))) + r")(?![\w-])"),
            )
            for e in self.closed
            if self.names_of(e)
        ]
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

    def flagged(self, explanation: str, texts: Sequence[str]) -> str:
        """`explanation` with the availability note of every closed or retired entry that `texts` (the stem, the
        options and their explanations) name and the explanation does not flag yet, so that no question offers
        or mentions such an entry without saying what AWS announced."""
        body = "\n".join([re.sub(r"\n\nAvailability: [^\n]*", "", explanation), *texts])
        named = [
            e
            for e, names, pattern in self._closed_patterns
            if (e.availability_note or "") not in explanation
            and any(n in body for n in names)
            and pattern.search(body)
        ]
        return explanation + availability(named)

    def flagged_question(self, explanation: str, stem: str, choices: Sequence[Choice]) -> str:
        """`flagged` over everything a question shows: its stem, its options and their explanations."""
        return self.flagged(explanation, [stem, *(x for c in choices for x in (c.text, c.explanation))])

    @staticmethod
    def names_of(entry: KnowledgeEntry) -> list[str]:
        """The names that refer to an entry unambiguously in running text: as written, and of two words or more
        ("SageMaker Debugger", "Ground Truth", but not "Forecast", which is also an ordinary word)."""
        names = plain_name(entry.name, tuple(entry.aliases))
        return [n for n in names if n in (entry.name, *entry.aliases) or " " in n]

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

    def apart(self, a: str, b: str, described: bool = False) -> bool:
        """Whether `a` and `b` may be offered side by side as options where one of them is the key.

        Overlapping entries never are, since some needs fit both; but when the stem is an entry's own
        description (`described`), members of one confusion set that overlap only through `overlaps` (not as an
        umbrella and its member) are: a description names one entry exactly, and they are its nearest misses.
        """
        if not self.related(a, b):
            return True
        if not described or self.is_umbrella(a) or self.is_umbrella(b):
            return False
        return any(b in cs.slugs for cs in self.sets_of.get(a, []))

    def candidates(
        self, entry: KnowledgeEntry, rng: random.Random, described: bool = False
    ) -> list[KnowledgeEntry]:
        """Plausible but wrong alternatives to `entry`, nearest first, each tier in seeded order.

        The tiers: its confusion sets; its category, same form (service or feature of the same parent) first;
        its area. Never itself, another kind of entry, or an entry that overlaps it (see `apart`).
        """

        def ok(o: KnowledgeEntry) -> bool:
            return o.slug != entry.slug and o.kind == entry.kind and self.apart(entry.slug, o.slug, described)

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

    def rivals(
        self, entry: KnowledgeEntry, rng: random.Random, n: int, described: bool = False
    ) -> list[KnowledgeEntry] | None:
        """`n` candidates that do not overlap each other either, or None when there are too few."""
        picked: list[KnowledgeEntry] = []
        for o in self.candidates(entry, rng, described):
            if all(self.apart(o.slug, p.slug, described) for p in picked):
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
        if noun is None or any(name_words(o) & words or echoes(noun, o) for o in options):
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
