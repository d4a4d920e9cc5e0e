"""Weakest-first drills: the task statements where practice should raise the exam score most, and their questions.

Each task statement of a blueprint gets the same posterior the readiness estimate uses for a domain: from the
user's first answers to questions of that task, Beta(1 + right, 1 + wrong), whose mean is
p = (1 + right) / (2 + answers). Its expected gain is

    gain = weight × (max(0, pass level − p) + DATA_BONUS / (answers + BONUS_HALF))

where `weight` is the task's share of the exam (the domain's weight split evenly over its task statements: the
exam guides give no finer weights) and the pass level is the fraction right at which the app's scaled score
(100 + 900 × fraction) reaches the pass mark: (pass mark − 100) / 900, 0.689 for MLA-C01 (720) and 0.722 for
MLS-C01 (750). The bonus rewards tasks with little data (0.1 with no answers, 0.05 after five, 0.01 after 45): a
task never tried may be weak, and a few answers there tell the estimate most. Ties keep the blueprint's order.

A weak-spot drill takes the `TASKS_PER_DRILL` tasks of largest gain that have questions, splits the drill's
length over them in proportion to their gain (each at least one), and draws in each task: never answered
before, hand-written scenarios first, then the user's imported questions, then generated ones; then questions
answered wrong before; then the rest, least recently seen first. The seed breaks the remaining ties, so the same
seed, bank and history give the same drill. The questions are asked task by task in turn.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.schema import Blueprint, Question
from mlsquiz.exam.assembly import NEVER
from mlsquiz.exam.scoring import Tally
from mlsquiz.study.drills import DrillFilter, matches

DATA_BONUS = 0.5
BONUS_HALF = 5
TASKS_PER_DRILL = 3
_SOURCE_RANK = {"scenario": 0, "imported": 1, "generated": 2}


def pass_level(blueprint: Blueprint) -> float:
    """The fraction right that the scaled score 100 + 900 × fraction needs to reach the pass mark."""
    return (blueprint.passing_score - 100) / 900


@dataclass(frozen=True)
class TaskGain:
    """One task statement's standing: the user's first answers there and the expected gain of drilling it."""

    task: str
    title: str
    domain: str
    weight: float
    answers: int
    right: int
    posterior: float
    gain: float
    questions: int  # how many questions of this task the bank holds

    @property
    def explanation(self) -> str:
        """ "Task 3.4: 9 answers, 44% right, weight 7%", or "Task 3.4: no answers yet, weight 7%"."""
        weight = f"weight {round(self.weight * 100)}%"
        if not self.answers:
            return f"Task {self.task}: no answers yet, {weight}"
        noun = "answer" if self.answers == 1 else "answers"
        return f"Task {self.task}: {self.answers} {noun}, {round(self.right / self.answers * 100)}% right, {weight}"


def expected_gain(weight: float, tally: Tally, level: float) -> float:
    posterior = (1 + tally.correct) / (2 + tally.total)
    return weight * (max(0.0, level - posterior) + DATA_BONUS / (tally.total + BONUS_HALF))


def rank_tasks(
    blueprint: Blueprint, tallies: Mapping[str, Tally], available: Mapping[str, int]
) -> list[TaskGain]:
    """Every task statement of the blueprint, largest expected gain first (ties in the blueprint's order).

    `tallies` are the first answers per task id; `available` the bank's question count per task id.
    """
    level = pass_level(blueprint)
    ranked = []
    for domain in blueprint.domains:
        weight = domain.weight / len(domain.tasks)
        for task in domain.tasks:
            tally = tallies.get(task.id, Tally())
            ranked.append(
                TaskGain(
                    task=task.id,
                    title=task.title,
                    domain=domain.id,
                    weight=weight,
                    answers=tally.total,
                    right=tally.correct,
                    posterior=(1 + tally.correct) / (2 + tally.total),
                    gain=expected_gain(weight, tally, level),
                    questions=available.get(task.id, 0),
                )
            )
    return sorted(ranked, key=lambda t: -t.gain)  # sorted() is stable: equal gains keep the blueprint's order


def weakest(ranked: Sequence[TaskGain], length: int) -> list[TaskGain]:
    """The tasks a drill of `length` questions works on: the largest gains among tasks that have questions."""
    return [t for t in ranked if t.questions > 0][: min(TASKS_PER_DRILL, max(length, 1))]


def quotas(tasks: Sequence[TaskGain], length: int) -> list[int]:
    """`length` split over `tasks` in proportion to their gain (largest remainder), each at least one."""
    if not tasks:
        return []
    spare = length - len(tasks)
    total = sum(t.gain for t in tasks) or 1.0
    shares = [spare * t.gain / total for t in tasks]
    counts = [1 + int(s) for s in shares]
    order = sorted(range(len(tasks)), key=lambda i: (-(shares[i] - int(shares[i])), i))
    for i in order[: length - sum(counts)]:
        counts[i] += 1
    return counts


def _queue(
    pool: list[Question],
    rng: random.Random,
    seen: set[str],
    wrong: set[str],
    last_seen: Mapping[str, datetime],
) -> list[Question]:
    """A task's questions in the order a weak-spot drill takes them (see the module's docstring)."""

    def key(q: Question) -> tuple[int, datetime, float]:
        tier = _SOURCE_RANK.get(q.source, 2) if q.id not in seen else 3 if q.id in wrong else 4
        return tier, last_seen.get(q.id, NEVER), rng.random()

    return sorted(pool, key=key)


def draw(
    bank: Bank,
    blueprint: Blueprint,
    tasks: Sequence[TaskGain],
    length: int,
    *,
    seed: int,
    seen: set[str],
    wrong: set[str],
    last_seen: Mapping[str, datetime],
    excluded: Collection[str] = frozenset(),
) -> list[Question]:
    """Up to `length` questions on `tasks`, no stem twice, asked task by task in turn; never one the user hid
    (`excluded`)."""
    rng = random.Random(seed)
    queues = []
    for t in tasks:
        f = DrillFilter(blueprint=blueprint.id, tasks=[t.task])
        pool = [q for q in bank.questions if q.id not in excluded and matches(q, f, seen, wrong)]
        queues.append(_queue(pool, rng, seen, wrong, last_seen))
    wanted = quotas(tasks, length)
    stems: set[str] = set()
    picked: list[list[Question]] = [[] for _ in tasks]

    def take(i: int) -> bool:
        while queues[i]:
            q = queues[i].pop(0)
            if q.stem not in stems:
                stems.add(q.stem)
                picked[i].append(q)
                return True
        return False

    for i, n in enumerate(wanted):
        while len(picked[i]) < n and take(i):
            pass
    short = length - sum(len(p) for p in picked)
    while short > 0 and any(queues):  # a task that ran out: the others, by gain, make up its share
        for i in range(len(tasks)):
            if short and take(i):
                short -= 1
    return [q for row in _interleave(picked) for q in row]


def _interleave(picked: list[list[Question]]) -> list[list[Question]]:
    rounds = max((len(p) for p in picked), default=0)
    return [[p[r] for p in picked if r < len(p)] for r in range(rounds)]
