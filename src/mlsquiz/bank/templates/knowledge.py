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

import yaml

from mlsquiz.bank.compose import Choice
from mlsquiz.bank.loader import shipped_root
from mlsquiz.bank.schema import Category, ConfusionSet, FeatureGroup, KnowledgeEntry, Taxonomy, Umbrella

KIND_NOUN = {
    "service": "AWS service or feature",
    "concept": "technique or concept",
    "model": "model or algorithm",
}


def _generic_words() -> frozenset[str]:
    """`generic_words` of the shipped `taxonomy.yaml`: words of entry names too common to point at one entry."""
    data = yaml.safe_load((shipped_root() / "taxonomy.yaml").read_text(encoding="utf-8"))
    return frozenset(str(w).lower() for w in data.get("generic_words") or [])


GENERIC_WORDS = _generic_words()


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


def stem_word(word: str) -> str:
    """A crude stem, so that "scaling", "scale" and "scaled" (or "events" and "event") compare equal."""
    return re.sub(r"(?:ations?|ings?|ed|es|e|s)$", "", word) if len(word) > 4 else word


def echoes(text: str, entry: KnowledgeEntry) -> bool:
    """Whether `text` repeats a distinctive word of the entry's name in another form.

    "Prepare inputs for scale-sensitive methods" echoes "Feature scaling", and "event patterns" echoes
    "EventBridge" (a word of five letters or more that begins a name word). A layperson matches such words
    to the name without knowing what the entry does.
    """
    names = name_words(entry)
    stems = {stem_word(w) for w in names}
    for token in re.findall(r"[a-z0-9]+", text.lower()):
        if token in GENERIC_WORDS or len(token) < 4:
            continue
        short = stem_word(token)
        if short in stems:
            return True
        if len(short) >= 5 and any(w != token and w.startswith(short) for w in names):
            return True
    return False


def gives_away(text: str, entry: KnowledgeEntry) -> bool:
    """Stricter than `leaks`, for stems whose answer is the entry: no distinctive word of its name, in any form."""
    return (
        leaks(text, entry)
        or bool(name_words(entry) & set(re.findall(r"[a-z0-9]+", text.lower())))
        or echoes(text, entry)
    )


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


STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "or",
        "and",
        "for",
        "by",
        "with",
        "as",
        "at",
        "is",
        "are",
        "be",
        "it",
        "its",
        "this",
        "that",
        "than",
        "from",
        "into",
        "when",
        "which",
        "not",
        "can",
        "each",
        "their",
        "they",
        "them",
        "such",
        "so",
        "no",
        "more",
        "most",
        "one",
        "two",
        "any",
        "all",
        "only",
        "also",
        "instead",
        "rather",
        "use",
        "used",
        "uses",
    ]
)


NAME_WORDS = frozenset(["amazon", "aws", "sagemaker", "data", "model", "models", "machine", "learning"])


def content_words(text: str) -> set[str]:
    """The words that say what a text is about, crudely stemmed ("time", "series" and "scaling" count)."""
    return {
        stem_word(w)
        for w in re.findall(r"[a-z0-9]+", text.lower())
        if len(w) >= 3 and w not in STOP_WORDS and w not in NAME_WORDS
    }


def availability(entries: Sequence[KnowledgeEntry]) -> str:
    """What AWS said about every closed or retired entry among `entries`, once each, key first."""
    seen: set[str] = set()
    text = ""
    for e in entries:
        if e.availability_note and e.availability != "available" and e.slug not in seen:
            seen.add(e.slug)
            text += f"\n\nAvailability: {e.availability_note}"
    return text


def tip(entry: KnowledgeEntry, others: Sequence[KnowledgeEntry] = (), skip: int = 0) -> str:
    """The closing lines of an explanation: the first exam tip not already used (`skip`), and what AWS said about
    the availability of the key and of every other entry the question offers or names (a closed distractor is
    flagged as the key is)."""
    tips = entry.exam_tips[skip:]
    text = f"\n\nExam tip: {tips[0]}" if tips else ""
    return text + availability([entry, *others])


def reason(entry: KnowledgeEntry, fact: str | None = None) -> str:
    """Why the entry is the right pick: what it is and does, plus the exam tip or strength that bears on `fact`.

    Never the option's own words again ("X is the choice to <option>"), which teaches nothing.
    """
    text = about(entry)
    if fact:
        words = content_words(fact)
        shown = content_words(text)
        best, score = None, 1
        for candidate in (*entry.exam_tips, *entry.pros):
            cwords = content_words(candidate)
            overlap = len(words & cwords)
            if overlap > score and not cwords <= shown:
                best, score = candidate, overlap
        if best:
            text += f" {sentence(cap(best))}"
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
        self.closed = [e for e in self.entries if e.availability != "available" and e.availability_note]
        # one pattern per closed entry, any of its names as a whole word (built once: `flagged` runs per question)
        self._closed_patterns = [
            (e, re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, self.names_of(e))) + r")(?![\w-])"))
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
            for e, pattern in self._closed_patterns
            if (e.availability_note or "") not in explanation and pattern.search(body)
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
