"""Readiness is computed exactly (beta-binomial per domain, convolved); a plain simulation agrees with it."""

from __future__ import annotations

import math
import random

import pytest

from mlsquiz.bank.bank import Bank
from mlsquiz.exam.assembly import domain_counts
from mlsquiz.exam.scoring import Tally, scaled
from mlsquiz.study.readiness import beta_binomial, beta_percentile, convolve, estimate


def test_beta_binomial_is_a_distribution_and_uniform_under_a_flat_prior() -> None:
    assert beta_binomial(14, 1, 1) == pytest.approx([1 / 15] * 15)
    for n, a, b in ((18, 31, 11), (16, 3, 9), (1, 2, 2)):
        pmf = beta_binomial(n, a, b)
        assert sum(pmf) == pytest.approx(1.0)
        assert sum(k * p for k, p in enumerate(pmf)) == pytest.approx(n * a / (a + b))  # its known mean


def test_convolution_adds_independent_counts() -> None:
    coin = [0.5, 0.5]
    assert convolve(coin, coin) == pytest.approx([0.25, 0.5, 0.25])


def test_beta_percentiles_match_known_values() -> None:
    assert beta_percentile(1, 1, 0.1) == pytest.approx(0.1, abs=1e-3)  # uniform
    assert beta_percentile(2, 1, 0.25) == pytest.approx(0.5, abs=1e-3)  # CDF x², so x = √0.25
    assert beta_percentile(31, 11, 0.5) == pytest.approx(0.7427, abs=2e-3)  # the median of Beta(31, 11)


def simulate(bp: object, tallies: dict[str, Tally], runs: int = 20_000) -> tuple[float, float]:
    """An independent Monte Carlo of the same model: a chance per domain from its posterior, then Bernoulli
    answers; (share passing, mean scaled score)."""
    rng = random.Random(7)
    counts = domain_counts(bp)  # type: ignore[arg-type]
    passed, total = 0, 0.0
    for _ in range(runs):
        right = 0
        for d in bp.domains:  # type: ignore[attr-defined]
            t = tallies.get(d.id, Tally())
            p = rng.betavariate(1 + t.correct, 1 + t.total - t.correct)
            right += sum(rng.random() < p for _ in range(counts[d.id]))
        score = scaled(right / bp.questions)  # type: ignore[attr-defined]
        passed += score >= bp.passing_score  # type: ignore[attr-defined]
        total += score
    return passed / runs, total / runs


@pytest.mark.parametrize("blueprint_id", ["mla-c01", "mls-c01"])
def test_the_exact_estimate_agrees_with_a_simulation(shipped_bank: Bank, blueprint_id: str) -> None:
    bp = shipped_bank.blueprints[blueprint_id]
    tallies = {"1": Tally(30, 40), "2": Tally(20, 40), "3": Tally(35, 40), "4": Tally(10, 20)}
    exact = estimate(bp, tallies)
    share, mean = simulate(bp, tallies)
    standard_error = math.sqrt(share * (1 - share) / 20_000)
    assert abs(exact.pass_probability - share) < 4 * standard_error
    assert abs(exact.expected_score - mean) < 3
    assert exact.score_low <= exact.expected_score <= exact.score_high
