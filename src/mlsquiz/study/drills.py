"""Choosing a drill's questions from filters. No storage here: the store passes in what the user has seen."""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.schema import Question
from mlsquiz.exam.assembly import NEVER


class DrillFilter(BaseModel):
    """What a drill draws from. Empty lists mean "any"."""

    model_config = ConfigDict(frozen=True)

    blueprint: str = "mls-c01"
    domains: list[str] = Field(default_factory=list)
    tasks: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    sources: list[Literal["generated", "scenario", "imported"]] = Field(default_factory=list)
    difficulties: list[int] = Field(default_factory=list)
    unseen_only: bool = False
    wrong_before: bool = False
    question_ids: list[str] = Field(default_factory=list)  # "drill these": exactly these questions
    length: int = Field(default=10, ge=1)


def matches(q: Question, f: DrillFilter, seen: set[str], wrong: set[str]) -> bool:
    task = q.domains.get(f.blueprint)
    if task is None:  # an imported question with no task statement drills in any blueprint, unless a domain
        if q.source != "imported" or q.domains or f.domains or f.tasks:  # or a task is asked for
            return False
        task = ""
    return (
        (not f.domains or task.split(".")[0] in f.domains)
        and (not f.tasks or task in f.tasks)
        and (not f.topics or any(t in f.topics for t in q.topics))
        and (not f.sources or q.source in f.sources)
        and (not f.difficulties or q.difficulty in f.difficulties)
        and (not f.unseen_only or q.id not in seen)
        and (not f.wrong_before or q.id in wrong)
    )


def count_matching(
    bank: Bank, f: DrillFilter, seen: set[str], wrong: set[str], excluded: Collection[str] = frozenset()
) -> int:
    """How many questions a drill with these filters draws from; `excluded` (hidden by the user) never count."""
    if f.question_ids:
        return sum(qid in bank.by_id and qid not in excluded for qid in f.question_ids)
    return sum(matches(q, f, seen, wrong) and q.id not in excluded for q in bank.questions)


def choose(
    bank: Bank,
    f: DrillFilter,
    *,
    seed: int,
    seen: set[str],
    wrong: set[str],
    last_seen: Mapping[str, datetime],
    excluded: Collection[str] = frozenset(),
) -> Sequence[Question]:
    """Up to `f.length` matching questions, least recently seen first, ties broken by the seed. The questions
    the user hid (`excluded`) are never drawn, not even when named in `f.question_ids`.

    No two chosen questions share a stem: a generated stem such as "Which statement about X is true?" can head
    several questions, and a drill that asks the same thing twice reads as a repeat.
    """
    if f.question_ids:
        named = [qid for qid in dict.fromkeys(f.question_ids) if qid in bank.by_id and qid not in excluded]
        return [bank.by_id[qid] for qid in named][: f.length]
    rng = random.Random(seed)
    pool = [q for q in bank.questions if q.id not in excluded and matches(q, f, seen, wrong)]
    keyed = sorted(((last_seen.get(q.id, NEVER), rng.random(), q) for q in pool), key=lambda t: t[:2])
    chosen: list[Question] = []
    stems: set[str] = set()
    for *_, q in keyed:
        if len(chosen) == f.length:
            break
        if q.stem not in stems:
            stems.add(q.stem)
            chosen.append(q)
    rng.shuffle(chosen)
    return chosen
