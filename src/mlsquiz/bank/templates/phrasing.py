"""The phrases the templates build explanations from: sentences and clauses, a reminder of what an entry is,
the exam tip and availability lines, and why the key is the right pick."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from mlsquiz.bank.schema import KnowledgeEntry
from mlsquiz.bank.templates.giveaways import stem_word


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


@functools.lru_cache(maxsize=16384)  # the generator compares the same facts and tips again and again
def content_words(text: str) -> frozenset[str]:
    """The words that say what a text is about, crudely stemmed ("time", "series" and "scaling" count)."""
    return frozenset(
        stem_word(w)
        for w in re.findall(r"[a-z0-9]+", text.lower())
        if len(w) >= 3 and w not in STOP_WORDS and w not in NAME_WORDS
    )


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
