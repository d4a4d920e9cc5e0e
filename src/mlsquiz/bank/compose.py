"""Assembling a generated question: seeded option order, answer keys, domains."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass

from mlsquiz.bank.schema import KnowledgeEntry, Option, OptionKey, Question

KEYS: tuple[OptionKey, ...] = ("A", "B", "C", "D", "E", "F")
COUNT_WORDS = {2: "TWO", 3: "THREE"}


def short_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:8]


def seeded(qid: str) -> random.Random:
    """A random generator that depends on nothing but the question id."""
    return random.Random(int(short_hash(qid), 16))


@dataclass(frozen=True)
class Choice:
    text: str
    explanation: str
    correct: bool


def entry_domains(entry: KnowledgeEntry) -> dict[str, str]:
    return {bp: tasks[0] for bp, tasks in entry.domains.items() if tasks}


def build(
    qid: str,
    template: str,
    stem: str,
    choices: Sequence[Choice],
    explanation: str,
    entry: KnowledgeEntry | None,
    topics: Sequence[str],
    difficulty: int,
    domains: dict[str, str] | None = None,
) -> Question:
    """Shuffle the choices with the question's own seed and assemble the question."""
    rng = seeded(qid)
    order = list(choices)
    rng.shuffle(order)
    answer = [KEYS[i] for i, c in enumerate(order) if c.correct]
    select = len(answer)
    if select > 1:
        stem += f" (Select {COUNT_WORDS[select]}.)"
    if domains is None:
        assert entry is not None, "a question needs domains or an entry to take them from"
        domains = entry_domains(entry)
    return Question(
        id=qid,
        type="single" if select == 1 else "multiple",
        select=select,
        stem=stem,
        options=[Option(key=KEYS[i], text=c.text, explanation=c.explanation) for i, c in enumerate(order)],
        answer=answer,
        explanation=explanation,
        domains=domains,
        topics=list(dict.fromkeys(topics)),
        source="generated",
        template=template,
        difficulty=difficulty,
        references=list(entry.references) if entry else [],
    )
