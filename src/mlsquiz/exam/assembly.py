"""Assembling an exam from the bank by a blueprint's domain weights.

Rules, in order: domain counts by largest remainder (EXAM_FACTS.md); first the case studies, ordering and
matching items the blueprint's `item_mix` asks for (none for an exam guide without them), each counted against
its own domain; a case is drawn whole, its questions next to each other in the case's order; then, within each
domain, the rest spread over its task statements as evenly as the bank allows, with a single/multiple mix near
the bank's own; the questions this user has seen least recently (never seen first); ties broken by the seed.
The questions the user hid (`excluded`) are never drawn; their domains fill from the others.
The same seed, bank, history and hidden questions give the same exam.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
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
    case: str | None = None


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


@dataclass
class Group:
    """One task statement's questions of one type, hand-written scenarios apart from the rest."""

    scenarios: list[Question]
    others: list[Question]

    def __len__(self) -> int:
        return len(self.scenarios) + len(self.others)


class PoolIndex:
    """A bank's questions grouped by blueprint, task statement and type, built once per bank and reused."""

    def __init__(self, bank: Bank) -> None:
        self.by_task: dict[str, dict[str, tuple[Group, Group]]] = defaultdict(
            lambda: defaultdict(lambda: (Group([], []), Group([], [])))
        )
        self.sequenced: dict[str, dict[str, list[Question]]] = defaultdict(lambda: defaultdict(list))
        self.cases: dict[str, list[tuple[str, tuple[Question, ...]]]] = defaultdict(list)
        choice = 0
        for q in bank.questions:
            if q.case is not None:
                continue
            for bp, task in q.domains.items():
                if q.sequenced:
                    self.sequenced[bp][q.type].append(q)
                    continue
                group = self.by_task[bp][task][q.type == "multiple"]
                (group.scenarios if q.source == "scenario" else group.others).append(q)
            choice += not q.sequenced
        multiple = sum(q.type == "multiple" and q.case is None for q in bank.questions)
        self.multiple_share = multiple / choice if choice else 0.0
        for case in sorted(bank.cases.values(), key=lambda c: c.id):
            questions = tuple(bank.by_id[qid] for qid in case.questions if qid in bank.by_id)
            for bp in bank.blueprints:
                if questions and all(bp in q.domains for q in questions):
                    self.cases[bp].append((case.id, questions))


_INDEX_CACHE: dict[int, tuple[Bank, PoolIndex]] = {}


def pool_index(bank: Bank) -> PoolIndex:
    cached = _INDEX_CACHE.get(id(bank))
    if cached is None or cached[0] is not bank:
        cached = (bank, PoolIndex(bank))
        _INDEX_CACHE.clear()
        _INDEX_CACHE[id(bank)] = cached
    return cached[1]


def freshest(
    group: Group,
    k: int,
    rng: random.Random,
    last_seen: Mapping[str, datetime],
    stems: set[str] | None = None,
) -> list[Question]:
    """`k` questions: never seen ones first, then the least recently seen.

    Among the never seen, hand-written scenario questions come before generated ones: a mock exam should read
    like the real exam for as long as the bank has unseen scenarios. A question whose stem is already in
    `stems` (asked earlier in the same exam) is passed over, and the stems picked here are added to it.
    """
    if k <= 0:
        return []
    stems = set() if stems is None else stems
    scenarios, others = group.scenarios, group.others
    if last_seen:
        scenarios = [q for q in scenarios if q.id not in last_seen]
        others = [q for q in others if q.id not in last_seen]
    seen = [q for q in (*group.scenarios, *group.others) if q.id in last_seen]
    seen.sort(key=lambda q: (last_seen[q.id], q.id))
    ordered = rng.sample(scenarios, len(scenarios)) + rng.sample(others, len(others)) + seen
    chosen: list[Question] = []
    for q in ordered:
        if len(chosen) == k:
            break
        if q.stem not in stems:
            stems.add(q.stem)
            chosen.append(q)
    return chosen


def _pick(
    singles: Group,
    multiples: Group,
    n: int,
    multiple_share: float,
    rng: random.Random,
    last_seen: Mapping[str, datetime],
    stems: set[str],
) -> list[Question]:
    want_multiple = min(max(round(n * multiple_share + rng.random() - 0.5), 0), n)
    chosen = freshest(multiples, want_multiple, rng, last_seen, stems)
    chosen += freshest(singles, n - len(chosen), rng, last_seen, stems)
    if len(chosen) < n:  # not enough of one type: fill with the other
        taken = {q.id for q in chosen}
        rest = Group(
            [q for q in (*multiples.scenarios, *singles.scenarios) if q.id not in taken],
            [q for q in (*multiples.others, *singles.others) if q.id not in taken],
        )
        chosen += freshest(rest, n - len(chosen), rng, last_seen, stems)
    return chosen


def _without(pair: tuple[Group, Group], excluded: Collection[str]) -> tuple[Group, Group]:
    """A task's (singles, multiples) without the excluded questions (the index itself is shared, kept whole)."""
    if not excluded:
        return pair
    return (
        Group(*([q for q in qs if q.id not in excluded] for qs in (pair[0].scenarios, pair[0].others))),
        Group(*([q for q in qs if q.id not in excluded] for qs in (pair[1].scenarios, pair[1].others))),
    )


def _share(n: int, share: float, rng: random.Random) -> int:
    """`n × share` rounded at random in proportion to the fraction, so short exams get these items sometimes."""
    if share <= 0 or n <= 0:
        return 0
    return min(max(math.floor(n * share + rng.random()), 0), n)


def _recency(questions: Sequence[Question], last_seen: Mapping[str, datetime]) -> datetime:
    return max((last_seen.get(q.id, NEVER) for q in questions), default=NEVER)


class _Draft:
    """The exam being drawn: units (a lone question, or a case's questions in order) and room per domain."""

    def __init__(self, blueprint: Blueprint, counts: Mapping[str, int]) -> None:
        self.blueprint = blueprint
        self.room = dict(counts)
        self.units: list[list[ExamItem]] = []
        self.used: set[str] = set()

    def item(self, q: Question, case: str | None = None) -> ExamItem:
        task = q.domains[self.blueprint.id]
        return ExamItem(q.id, self.blueprint.domain_of(task), task, q.type, case)

    def fits(self, questions: Sequence[Question]) -> bool:
        need = Counter(self.blueprint.domain_of(q.domains[self.blueprint.id]) for q in questions)
        return all(q.id not in self.used for q in questions) and all(
            self.room.get(d, 0) >= n for d, n in need.items()
        )

    def add(self, questions: Sequence[Question], case: str | None = None) -> None:
        unit = [self.item(q, case) for q in questions]
        for item in unit:
            self.room[item.domain] -= 1
            self.used.add(item.id)
        self.units.append(unit)


def _draw_sequenced(
    draft: _Draft, index: PoolIndex, n: int, rng: random.Random, last_seen: Mapping[str, datetime]
) -> None:
    """Case studies first (whole, in their order), then ordering and matching items, as `item_mix` asks."""
    bp = draft.blueprint
    mix = bp.item_mix
    want_cases = _share(n, mix.case_study, rng)
    cases = index.cases.get(bp.id, []) if want_cases else []
    cases = sorted(cases, key=lambda c: (_recency(c[1], last_seen), rng.random()))
    in_cases = 0
    for case_id, questions in cases:
        if in_cases >= want_cases:
            break
        if in_cases + len(questions) <= want_cases + 1 and draft.fits(questions):
            draft.add(questions, case_id)
            in_cases += len(questions)
    drawn = Counter(item.type for unit in draft.units for item in unit)
    for kind, share in (("ordering", mix.ordering), ("matching", mix.matching)):
        want = _share(n, share, rng) - drawn[kind]
        pool = index.sequenced.get(bp.id, {}).get(kind, []) if want > 0 else []
        keyed = sorted(pool, key=lambda q: (last_seen.get(q.id, NEVER), rng.random()))
        for q in keyed:
            if want <= 0:
                break
            if draft.fits([q]):
                draft.add([q])
                want -= 1


def assemble(
    bank: Bank,
    blueprint: Blueprint,
    *,
    seed: int,
    length: int | None = None,
    last_seen: Mapping[str, datetime] | None = None,
    excluded: Collection[str] = frozenset(),
) -> AssembledExam:
    """Pick and order an exam's questions. If the bank is short in a domain, the exam is shorter there.
    `excluded` (the questions the user hid) are never drawn."""
    rng = random.Random(seed)
    index = pool_index(bank)
    tasks = index.by_task.get(blueprint.id, {})
    seen = last_seen or {}
    stems: set[str] = set()  # no stem twice in one exam, even from two different questions
    counts = domain_counts(blueprint, length)
    draft = _Draft(blueprint, counts)
    draft.used |= set(excluded)  # a case holding a hidden question is not drawn either
    _draw_sequenced(draft, index, sum(counts.values()), rng, seen)
    for domain in blueprint.domains:
        n = draft.room[domain.id]
        empty = (Group([], []), Group([], []))
        groups = [_without(tasks.get(t.id, empty), excluded) for t in domain.tasks]
        per_task = _spread(n, [len(g[0]) + len(g[1]) for g in groups], rng)
        for (singles, multiples), count in zip(groups, per_task, strict=True):
            for q in _pick(singles, multiples, count, index.multiple_share, rng, seen, stems):
                if q.id not in draft.used:
                    draft.add([q])
    rng.shuffle(draft.units)
    picked = tuple(item for unit in draft.units for item in unit)
    minutes = blueprint.duration_minutes
    if length is not None and length != blueprint.questions:
        minutes = max(1, round(blueprint.duration_minutes * len(picked) / blueprint.questions))
    return AssembledExam(blueprint.id, seed, minutes, picked)
