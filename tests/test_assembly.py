"""Exam assembly: counts by blueprint, no repeats, determinism, freshness, type mix."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from mlsquiz.bank.bank import Bank
from mlsquiz.exam.assembly import assemble, domain_counts, largest_remainder

from .conftest import synthetic_bank

BANK = synthetic_bank(900)


def test_official_domain_counts() -> None:
    assert domain_counts(BANK.blueprints["mls-c01"]) == {"1": 13, "2": 16, "3": 23, "4": 13}
    assert domain_counts(BANK.blueprints["mla-c01"]) == {"1": 18, "2": 17, "3": 14, "4": 16}


@given(total=st.integers(0, 500), weights=st.lists(st.floats(0.01, 1.0), min_size=1, max_size=8))
def test_largest_remainder_sums_and_stays_within_one(total: int, weights: list[float]) -> None:
    counts = largest_remainder(total, weights)
    assert sum(counts) == total
    exact = [total * w / sum(weights) for w in weights]
    assert all(abs(c - e) < 1 + 1e-9 for c, e in zip(counts, exact, strict=True))


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**31), length=st.integers(1, 65), blueprint=st.sampled_from(["mls-c01", "mla-c01"])
)
def test_assembly_counts_repeats_and_determinism(seed: int, length: int, blueprint: str) -> None:
    bp = BANK.blueprints[blueprint]
    exam = assemble(BANK, bp, seed=seed, length=length)
    ids = [i.id for i in exam.items]
    assert len(ids) == length
    assert len(set(ids)) == length
    assert dict(Counter(i.domain for i in exam.items)) == {
        d: n for d, n in domain_counts(bp, length).items() if n
    }
    for item in exam.items:
        assert BANK.by_id[item.id].domains[blueprint] == item.task
    assert assemble(BANK, bp, seed=seed, length=length) == exam


def test_tasks_are_spread_within_a_domain() -> None:
    exam = assemble(BANK, BANK.blueprints["mls-c01"], seed=3)
    per_task = Counter(i.task for i in exam.items)
    for domain in BANK.blueprints["mls-c01"].domains:
        counts = [per_task[t.id] for t in domain.tasks]
        assert max(counts) - min(counts) <= 1, (domain.id, counts)


def test_type_mix_near_the_bank() -> None:
    bank_share = sum(q.type == "multiple" for q in BANK.questions) / len(BANK.questions)
    shares = []
    for seed in range(20):
        exam = assemble(BANK, BANK.blueprints["mls-c01"], seed=seed)
        shares.append(sum(i.type == "multiple" for i in exam.items) / len(exam.items))
    assert abs(sum(shares) / len(shares) - bank_share) < 0.05


def test_least_recently_seen_first() -> None:
    bp = BANK.blueprints["mls-c01"]
    first = assemble(BANK, bp, seed=1)
    seen = {i.id: datetime(2026, 1, 1, tzinfo=UTC) for i in first.items}
    second = assemble(BANK, bp, seed=1, last_seen=seen)
    assert not {i.id for i in first.items} & {i.id for i in second.items}


def test_short_bank_gives_shorter_exam() -> None:
    tiny = Bank(knowledge={}, blueprints=BANK.blueprints, questions=BANK.questions[:20])
    exam = assemble(tiny, tiny.blueprints["mls-c01"], seed=0)
    assert len(exam.items) == 20
    assert len({i.id for i in exam.items}) == 20


def test_custom_length_scales_time() -> None:
    bp = BANK.blueprints["mls-c01"]
    assert assemble(BANK, bp, seed=0).duration_minutes == 180
    assert assemble(BANK, bp, seed=0, length=13).duration_minutes == 36


def test_unseen_scenarios_come_before_generated_questions() -> None:
    questions = tuple(
        q.model_copy(update={"source": "scenario"}) if i % 2 == 0 else q for i, q in enumerate(BANK.questions)
    )
    bank = Bank(knowledge={}, blueprints=BANK.blueprints, questions=questions)
    exam = assemble(bank, bank.blueprints["mls-c01"], seed=4)
    assert all(bank.by_id[i.id].source == "scenario" for i in exam.items)
    seen = {i.id: datetime(2026, 1, 1, tzinfo=UTC) for i in exam.items}
    again = assemble(bank, bank.blueprints["mls-c01"], seed=4, last_seen=seen)
    assert not {i.id for i in exam.items} & {i.id for i in again.items}
