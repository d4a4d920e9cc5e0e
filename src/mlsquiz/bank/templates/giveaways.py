"""The words that give an answer away: an entry's names, and the distinctive words of its names in any form.

A stem or an option that names the key (or echoes a word of its name) lets a candidate match words instead of
knowing what the entry does; the templates test every text they write against these.
"""

from __future__ import annotations

import functools
import re

import yaml

from mlsquiz.bank.loader import shipped_root
from mlsquiz.bank.schema import KnowledgeEntry


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


_ENDING = re.compile(r"(?:ations?|ings?|ed|es|e|s)$")


@functools.lru_cache(maxsize=65536)  # the generator stems the same few thousand words hundreds of times each
def stem_word(word: str) -> str:
    """A crude stem, so that "scaling", "scale" and "scaled" (or "events" and "event") compare equal."""
    return _ENDING.sub("", word) if len(word) > 4 else word


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
