"""`bank lint` over the whole shipped bank, and its option-only baseline alone; baseline: the lint without it."""

from __future__ import annotations

from _common import report, timings

from mlsquiz.bank import cues
from mlsquiz.bank.bank import load_bank
from mlsquiz.bank.lint import lint_bank

bank = load_bank()
report(
    "baseline: lint_bank() without the wording-cue baseline",
    timings(lambda: lint_bank(bank, wording_cues=False), 3),
)
report("option-only baseline, every group", timings(lambda: cues.option_only_baseline(bank.questions), 3))
report("lint_bank(): every check", timings(lambda: lint_bank(bank), 3))
print(f"bank: {len(bank.questions)} questions")
