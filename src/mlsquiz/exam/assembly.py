"""Assembling an exam from the bank by a blueprint's domain weights.

Rules, in order: domain counts by largest remainder (EXAM_FACTS.md); within a domain, the count spread over its
task statements as evenly as the bank allows; a single/multiple mix near the bank's own; the questions this user
has seen least recently (never seen first); ties broken by the seed. The same seed, bank and history give the
same exam.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.schema import Blueprint, Question


NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class ExamItem:
    id: str
    domain: str
    task: str
    type: str


@dataclass(frozen=True)
class AssembledExam:
    blueprint: str
    seed: int
    duration_minutes: int
    items: tuple[ExamItem, ...]


def largest_remainder(total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` in proportion to `weights`, rounding by largest remainder (ties to the earlier one)."""
    if total <= 0:
        return [0] * len(weights)
    scale = sum(weights)
    exact = [total * w / scale for w in weights]
    counts = [math.floor(x + 1e-9) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def domain_counts(blueprint: Blueprint, length: int | None = None) -> dict[str, int]:
    n = blueprint.questions if length is None else length
    counts = largest_remainder(n, [d.weight for d in blueprint.domains])
    return {d.id: c for d, c in zip(blueprint.domains, counts, strict=True)}


def _spread(total: int, capacities: Sequence[int], rng: random.Random) -> list[int]:
    """As even a split of `total` over slots as their capacities allow (water filling).

    The slots are visited in a seeded order, so the remainder does not always go to the first task statements.
    """
    counts = [0] * len(capacities)
    visit = list(range(len(capacities)))
    rng.shuffle(visit)
    remaining = min(total, sum(capacities))
    while remaining:
        open_slots = [i for i in visit if counts[i] < capacities[i]]
        share = max(remaining // len(open_slots), 1)
        for i in open_slots:
            take = min(share, capacities[i] - counts[i], remaining)
            counts[i] += take
            remaining -= take
            if not remaining:
                break
    return counts


class PoolIndex:
    """A bank's questions grouped by blueprint and task statement, built once per bank and reused."""

    def __init__(self, bank: Bank) -> None:
        self.by_task: dict[str, dict[str, list[Question]]] = defaultdict(lambda: defaultdict(list))
        for q in bank.questions:
            for bp, task in q.domains.items():
                self.by_task[bp][task].append(q)
        multiple = sum(q.type == "multiple" for q in bank.questions)
        self.multiple_share = multiple / len(bank.questions) if bank.questions else 0.0


_INDEX_CACHE: dict[int, tuple[Bank, PoolIndex]] = {}


def pool_index(bank: Bank) -> PoolIndex:
    cached = _INDEX_CACHE.get(id(bank))
    if cached is None or cached[0] is not bank:
        cached = (bank, PoolIndex(bank))
        _INDEX_CACHE.clear()
        _INDEX_CACHE[id(bank)] = cached
    return cached[1]


def _freshness_order(
    questions: Sequence[Question], last_seen: Mapping[str, datetime], rng: random.Random
) -> list[Question]:
    never = NEVER
    keyed = [(last_seen.get(q.id, never), rng.random(), q) for q in questions]
    keyed.sort(key=lambda t: (t[0], t[1]))
    return [q for _, _, q in keyed]


def _pick(
    candidates: Sequence[Question], n: int, multiple_share: float, rng: random.Random,
    last_seen: Mapping[str, datetime],
) -> list[Question]:  # fmt: skip
    ordered = _freshness_order(candidates, last_seen, rng)
    want_multiple = round(n * multiple_share + rng.random() - 0.5)
    multiples = [q for q in ordered if q.type == "multiple"][:want_multiple]
    singles = [q for q in ordered if q.type != "multiple"][: n - len(multiples)]
    chosen = multiples + singles
    if len(chosen) < n:  # not enough of one type: fill with the freshest of the rest
        taken = {q.id for q in chosen}
        chosen += [q for q in ordered if q.id not in taken][: n - len(chosen)]
    return chosen


def assemble(
    bank: Bank,
    blueprint: Blueprint,
    *,
    seed: int,
    length: int | None = None,
    last_seen: Mapping[str, datetime] | None = None,
) -> AssembledExam:
    """Pick and order an exam's questions. If the bank is short in a domain, the exam is shorter there."""
    rng = random.Random(seed)
    index = pool_index(bank)
    tasks = index.by_task.get(blueprint.id, {})
    seen = last_seen or {}
    picked: list[ExamItem] = []
    used: set[str] = set()
    counts = domain_counts(blueprint, length)
    for domain in blueprint.domains:
        n = counts[domain.id]
        groups = [[q for q in tasks.get(t.id, []) if q.id not in used] for t in domain.tasks]
        per_task = _spread(n, [len(g) for g in groups], rng)
        for task, group, count in zip(domain.tasks, groups, per_task, strict=True):
            for q in _pick(group, count, index.multiple_share, rng, seen):
                used.add(q.id)
                picked.append(ExamItem(q.id, domain.id, task.id, q.type))
    rng.shuffle(picked)
    minutes = blueprint.duration_minutes
    if length is not None and length != blueprint.questions:
        minutes = max(1, round(blueprint.duration_minutes * len(picked) / blueprint.questions))
    return AssembledExam(blueprint.id, seed, minutes, tuple(picked))
