"""How likely the user is to pass a blueprint's exam, estimated from recent first-attempt answers.

For each domain, first attempts at questions of that domain give a Beta(1 + right, 1 + wrong) posterior for the
chance of answering a new question of that domain right. A simulated exam draws a chance per domain from its
posterior, then the number right out of the blueprint's count for that domain; the scaled score follows
EXAM_FACTS.md. The share of simulated exams at or above the pass mark is the estimate; the 10th and 90th
percentiles of the simulated scaled scores give an 80% interval. It is an estimate, not a prediction of AWS's
scoring.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

from mlsquiz.bank.schema import Blueprint
from mlsquiz.exam.assembly import domain_counts
from mlsquiz.exam.scoring import Tally, scaled

SIMULATIONS = 4000
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


def _percentile(sorted_values: list[float], q: float) -> float:
    index = min(int(q * len(sorted_values)), len(sorted_values) - 1)
    return sorted_values[index]


def estimate(blueprint: Blueprint, tallies: Mapping[str, Tally], seed: int = 0) -> Readiness:
    rng = random.Random(seed)
    counts = domain_counts(blueprint)
    draws: dict[str, list[float]] = {d.id: [] for d in blueprint.domains}
    scores: list[float] = []
    for _ in range(SIMULATIONS):
        right = 0
        for domain in blueprint.domains:
            tally = tallies.get(domain.id, Tally())
            p = rng.betavariate(1 + tally.correct, 1 + tally.total - tally.correct)
            draws[domain.id].append(p)
            right += sum(rng.random() < p for _ in range(counts[domain.id]))
        scores.append(scaled(right / blueprint.questions))
    scores.sort()
    domains = []
    for domain in blueprint.domains:
        tally = tallies.get(domain.id, Tally())
        values = sorted(draws[domain.id])
        domains.append(
            DomainReadiness(
                domain.id,
                domain.title,
                domain.weight,
                tally.correct,
                tally.total,
                (1 + tally.correct) / (2 + tally.total),
                _percentile(values, 0.1),
                _percentile(values, 0.9),
            )
        )
    used = sum(t.total for t in tallies.values())
    return Readiness(
        blueprint=blueprint.id,
        pass_probability=sum(s >= blueprint.passing_score for s in scores) / len(scores),
        expected_score=round(sum(scores) / len(scores)),
        score_low=round(_percentile(scores, 0.1)),
        score_high=round(_percentile(scores, 0.9)),
        passing_score=blueprint.passing_score,
        answers_used=used,
        enough_data=used >= ENOUGH_ANSWERS,
        domains=tuple(domains),
    )
