"""What every calculation family shares: number formats, the question builder, the family record.

A family is a function `make(rng, kind)` that draws its numbers from `rng` and returns one question (or None
when the draw is unusable: an option would coincide with another after rounding, the answer would be printed
in the stem, ...). `kind` picks the variant of the family (which metric is asked, for example); the bank's
variant *i* uses kind `i % kinds` and a generator seeded with the family name and *i*, so the bank is the same
on every load. A question's id derives from its numbers, so it names the exact question.
"""

from __future__ import annotations

import functools
import math
import random
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import yaml

from mlsquiz.bank.compose import Choice, build, short_hash
from mlsquiz.bank.loader import shipped_root
from mlsquiz.bank.schema import Question

VARIANTS = 12


@functools.cache
def _calculation_tasks() -> dict[str, dict[str, str]]:
    """Subject -> blueprint id -> task statement, from the `calculations` mapping of each shipped blueprint."""
    found: dict[str, dict[str, str]] = {}
    for path in sorted((shipped_root() / "blueprints").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for subject, task in (data.get("calculations") or {}).items():
            found.setdefault(subject, {})[data["id"]] = str(task)
    return found


def task_ids(subject: str) -> dict[str, str]:
    """The task statement per blueprint of a subject of calculations ("evaluation", "cost", ...)."""
    tasks = _calculation_tasks().get(subject)
    if not tasks:
        raise KeyError(f"no blueprint lists the calculation subject {subject!r} under `calculations`")
    return dict(tasks)


DATA_PREP = task_ids("data-prep")
SCALING = task_ids("scaling")
EVALUATION = task_ids("evaluation")
TUNING = task_ids("tuning")
TRAINING = task_ids("training")
INGESTION = task_ids("ingestion")
IMBALANCE = task_ids("imbalance")
COST = task_ids("cost")
SCALING_INFRA = task_ids("scaling-infra")
WRONG_OPTIONS = 3
DRAWS = 20
NUMBER = re.compile(r"\$?(-?[\d,]*\.?\d+)(?:%| points)?")

Maker = Callable[["Family", random.Random, int], Question | None]
NAME = re.compile(r"calc(?:-[a-z0-9]+)+")


@dataclass(frozen=True)
class Family:
    """One calculation family: its template name, its maker, how many kinds and bank variants it has. Made by
    `@family("calc-name")`, so the name is written once; the maker reads it as `f.name`."""

    name: str
    make: Maker
    kinds: int = 1
    variants: int = VARIANTS

    def __call__(self, rng: random.Random, kind: int) -> Question | None:
        """One draw of kind `kind` from `rng` (None when the draw is unusable)."""
        return self.make(self, rng, kind)

    def draw(self, i: int) -> Question | None:
        """Variant *i*: the first usable draw from generators seeded with the family name, *i* and the try."""
        for attempt in range(DRAWS):
            seed = f"{self.name}:{i}" if attempt == 0 else f"{self.name}:{i}:{attempt}"
            q = self(random.Random(seed), i % self.kinds)
            if q is not None:
                return q
        return None

    def questions(self) -> Iterator[Question]:
        seen: set[str] = set()
        for i in range(self.variants):
            q = self.draw(i)
            if q is not None and q.id not in seen:
                seen.add(q.id)
                yield q


def family(name: str, kinds: int = 1) -> Callable[[Maker], Family]:
    """Make the decorated maker the calculation family `name` ("calc-" and lowercase words joined by hyphens),
    with `kinds` kinds; the maker gets the family first, so its questions take their template name from it."""
    if not NAME.fullmatch(name):
        raise ValueError(
            f"a calculation family's name is calc- and lowercase words joined by hyphens, not {name!r}"
        )

    def register(make: Maker) -> Family:
        return Family(name, make, kinds)

    return register


def fmt(x: float, places: int = 2) -> str:
    """Round half away from zero, so that a candidate's hand calculation matches."""
    scaled = abs(x) * 10**places
    rounded = math.floor(scaled + 0.5 + 1e-9) / 10**places
    return f"{math.copysign(rounded, x) if rounded else 0.0:.{places}f}"


def decimal(x: float) -> str:
    """A learning rate as a plain decimal (no exponent), without trailing zeros."""
    return f"{x:.8f}".rstrip("0").rstrip(".")


def money(x: float) -> str:
    """US dollars with cents and thousands separators: $1,234.50."""
    return f"${float(fmt(x)):,.2f}"


def percent(ratio: float, places: int = 1) -> str:
    """A ratio as a percentage: 0.2345 -> 23.5%."""
    return f"{fmt(ratio * 100, places)}%"


def count(n: int) -> str:
    return f"{n:,}"


def number(text: str) -> float | None:
    """The value of an option that is a single number ($1,234.50, 23.5%, 0.25, 1,024); None otherwise."""
    match = NUMBER.fullmatch(text.strip())
    return float(match.group(1).replace(",", "")) if match else None


def spread(right: str, pool: Sequence[tuple[str, str]], rng: random.Random) -> list[tuple[str, str]]:
    """Three mistakes from `pool` (in order of preference) that put the answer at a seeded rank among the options.

    Mistakes tend to fall on one side of the answer (forgetting a factor makes a number smaller), which would
    let the answer's rank give it away. When the pool offers a choice, the answer's rank among the four values
    is drawn from `rng` and the mistakes are taken, in order of preference, from below and above it to match.
    """
    if len(pool) == WRONG_OPTIONS:
        return list(pool)
    key = number(right)
    values = [number(t) for t, _ in pool]
    if key is None or any(v is None for v in values):
        return list(pool[:WRONG_OPTIONS])
    below = [m for m, v in zip(pool, values, strict=True) if v is not None and v < key]
    above = [m for m, v in zip(pool, values, strict=True) if v is not None and v > key]
    target = rng.randrange(WRONG_OPTIONS + 1)
    feasible = [r for r in range(WRONG_OPTIONS + 1) if len(below) >= r and len(above) >= WRONG_OPTIONS - r]
    if not feasible:
        return list(pool[:WRONG_OPTIONS])
    rank = min(feasible, key=lambda r: (abs(r - target), r))
    picked = below[:rank] + above[: WRONG_OPTIONS - rank]
    return [m for m in pool if m in picked]


def numeric_question(
    family: str,
    params: str,
    stem: str,
    right: tuple[str, str],
    wrong: Sequence[tuple[str, str]],
    explanation: str,
    topics: Sequence[str],
    domains: dict[str, str],
    difficulty: int = 2,
    references: Sequence[str] = (),
) -> Question | None:
    """A single-answer question whose options are the answer and the first three distinct mistakes.

    `wrong` lists the mistakes in order of preference, each with the explanation of how it arises; a mistake
    whose value equals the answer or an earlier mistake is passed over. None when fewer than three remain, or
    when the answer is printed in the stem.
    """
    seen = {right[0]}
    pool: list[tuple[str, str]] = []
    for text, why in wrong:
        if text not in seen:
            seen.add(text)
            pool.append((text, why))
    if len(pool) < WRONG_OPTIONS:
        return None
    chosen = spread(right[0], pool, random.Random(short_hash("spread", family, params)))
    if len(right[0]) >= 4 and right[0].lower() in stem.lower():
        return None
    choices = [Choice(right[0], f"Correct: {right[1]}", True)]
    choices += [Choice(t, f"Incorrect: {why}", False) for t, why in chosen]
    qid = f"gen.{family}.{short_hash(params)}"
    q = build(qid, family, stem, choices, explanation, None, topics, difficulty, domains)
    return q.model_copy(update={"references": list(references)}) if references else q
