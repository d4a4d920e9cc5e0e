"""Assembling a 65-question exam from a 20,000-question bank; baseline: random.sample of 65 ids."""

from __future__ import annotations

import random

from _common import report, timings
from tests.conftest import synthetic_bank

from mlsquiz.exam.assembly import assemble, pool_index

bank = synthetic_bank(20_000)
blueprint = bank.blueprints["mls-c01"]
ids = [q.id for q in bank.questions]
rng = random.Random(0)
last_seen = {}  # a user who has seen a quarter of the bank
from datetime import UTC, datetime, timedelta  # noqa: E402

start = datetime(2026, 1, 1, tzinfo=UTC)
for i, qid in enumerate(rng.sample(ids, 5000)):
    last_seen[qid] = start + timedelta(minutes=i)

report("baseline: random.sample(65 of 20,000 ids)", timings(lambda: rng.sample(ids, 65), 200))
pool_index(bank)  # built once per bank, at load time
seeds = iter(range(10**6))
report(
    "assemble 65 of 20,000 (fresh user)", timings(lambda: assemble(bank, blueprint, seed=next(seeds)), 100)
)
report(
    "assemble 65 of 20,000 (5,000 seen)",
    timings(lambda: assemble(bank, blueprint, seed=next(seeds), last_seen=last_seen), 100),
)
