"""How likely the user is to pass a blueprint's exam, estimated from recent first-attempt answers.

For each domain, first attempts at questions of that domain give a Beta(1 + right, 1 + wrong) posterior for the
chance of answering a new question of that domain right. The number right out of the blueprint's count for that
domain then follows a beta-binomial distribution; the domains' distributions, convolved, give the exam's number
right exactly (no sampling), and the scaled score follows EXAM_FACTS.md. The chance of a scaled score at or
above the pass mark is the estimate; the 10th and 90th percentiles of the scaled score give an 80% interval,
and each domain's bar shows its posterior's 10th and 90th percentiles. It is an estimate, not a prediction of
AWS's scoring.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from mlsquiz.bank.schema import Blueprint
from mlsquiz.exam.assembly import domain_counts
from mlsquiz.exam.scoring import Tally, scaled

ENOUGH_ANSWERS = 40


@dataclass(frozen=True)
class DomainReadiness:
    domain: str
    title: str
    weight: float
    correct: int
    total: int
    mean: float
    low: float
    high: float


@dataclass(frozen=True)
class Readiness:
    blueprint: str
    pass_probability: float
    expected_score: int
    score_low: int
    score_high: int
    passing_score: int
    answers_used: int
    enough_data: bool
    domains: tuple[DomainReadiness, ...]


GRID = 2000  # points of the posterior's density for its percentiles


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def beta_binomial(n: int, a: float, b: float) -> list[float]:
    """P(k right of n) when the chance of a right answer is Beta(a, b)."""
    return [
        math.exp(
            math.lgamma(n + 1)
            - math.lgamma(k + 1)
            - math.lgamma(n - k + 1)
            + _log_beta(k + a, n - k + b)
            - _log_beta(a, b)
        )
        for k in range(n + 1)
    ]


def convolve(p: list[float], q: list[float]) -> list[float]:
    out = [0.0] * (len(p) + len(q) - 1)
    for i, x in enumerate(p):
        for j, y in enumerate(q):
            out[i + j] += x * y
    return out


@cache
def _grid() -> tuple[list[float], list[float], list[float]]:
    """The grid's cell midpoints x, with log(x) and log(1 - x)."""
    xs = [(i + 0.5) / GRID for i in range(GRID)]
    return xs, [math.log(x) for x in xs], [math.log1p(-x) for x in xs]


@lru_cache(maxsize=4096)  # the same few tallies come back on every dashboard
def beta_percentile(a: float, b: float, q: float) -> float:
    """The `q` quantile of Beta(a, b), from its density on a grid of cell midpoints."""
    xs, log_x, log_1mx = _grid()
    logs = [(a - 1) * lx + (b - 1) * l1 for lx, l1 in zip(log_x, log_1mx, strict=True)]
    top = max(logs)
    weights = [math.exp(v - top) for v in logs]
    target, seen = q * sum(weights), 0.0
    for x, w in zip(xs, weights, strict=True):
        seen += w
        if seen >= target:
            return x
    return xs[-1]


def _percentile(values: Sequence[float], probabilities: Sequence[float], q: float) -> float:
    """The smallest value whose cumulative probability reaches `q` (values ascending)."""
    seen = 0.0
    for value, probability in zip(values, probabilities, strict=True):
        seen += probability
        if seen >= q - 1e-12:
            return value
    return values[-1]


def estimate(blueprint: Blueprint, tallies: Mapping[str, Tally]) -> Readiness:
    counts = domain_counts(blueprint)
    right = [1.0]
    for domain in blueprint.domains:
        tally = tallies.get(domain.id, Tally())
        a, b = 1 + tally.correct, 1 + tally.total - tally.correct
        right = convolve(right, beta_binomial(counts[domain.id], a, b))
    total = sum(right)
    chances = [p / total for p in right]  # P(k right of the exam's questions)
    scores = [scaled(k / blueprint.questions) for k in range(len(chances))]
    domains = []
    for domain in blueprint.domains:
        tally = tallies.get(domain.id, Tally())
        a, b = 1 + tally.correct, 1 + tally.total - tally.correct
        domains.append(
            DomainReadiness(
                domain.id,
                domain.title,
                domain.weight,
                tally.correct,
                tally.total,
                (1 + tally.correct) / (2 + tally.total),
                beta_percentile(a, b, 0.1),
                beta_percentile(a, b, 0.9),
            )
        )
    used = sum(t.total for t in tallies.values())
    return Readiness(
        blueprint=blueprint.id,
        pass_probability=sum(p for p, s in zip(chances, scores, strict=True) if s >= blueprint.passing_score),
        expected_score=round(sum(p * s for p, s in zip(chances, scores, strict=True))),
        score_low=round(_percentile(scores, chances, 0.1)),
        score_high=round(_percentile(scores, chances, 0.9)),
        passing_score=blueprint.passing_score,
        answers_used=used,
        enough_data=used >= ENOUGH_ANSWERS,
        domains=tuple(domains),
    )
