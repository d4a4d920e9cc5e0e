"""Data preparation: outliers, binning and scaling."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from mlsquiz.bank.calc.common import DATA_PREP, SCALING, Family, family, fmt, numeric_question
from mlsquiz.bank.schema import Question


@family("calc-zscore")
def zscore(f: Family, rng: random.Random, kind: int) -> Question | None:
    mean = rng.randrange(40, 160)
    std = rng.randrange(3, 16)
    x = mean + rng.choice([-1, 1]) * rng.randrange(std // 2 + 1, 5 * std)
    z = (x - mean) / std
    verdict = "an outlier" if abs(z) > 3 else "not an outlier"
    stem = (
        f"A sensor feature has a mean of {mean} and a standard deviation of {std}. A new reading is {x}. "
        "What is the reading's z-score? (Round to two decimal places.)"
    )
    return numeric_question(
        f.name,
        f"{mean}|{std}|{x}",
        stem,
        (fmt(z), f"z = ({x} - {mean}) / {std} = {fmt(z)}."),
        [
            (fmt((x - mean) / std**2), "this divides by the variance instead of the standard deviation."),
            (fmt((mean - x) / std), "this subtracts the wrong way round, flipping the sign."),
            (fmt(x / std), "this forgets to subtract the mean."),
            (
                fmt((x - mean) / math.sqrt(std)),
                "this takes the square root of the standard deviation, as if it were the variance.",
            ),
        ],
        f"z = (x - mean) / std = ({x} - {mean}) / {std} = {fmt(z)}. With the common |z| > 3 rule the reading "
        f"is {verdict}.",
        ["z-score", "outlier-handling"],
        DATA_PREP,
        1,
    )


@family("calc-iqr-fences")
def iqr_fences(f: Family, rng: random.Random, kind: int) -> Question | None:
    q1 = rng.randrange(10, 60)
    iqr = rng.randrange(2, 20) * 2
    q3 = q1 + iqr
    median = q1 + rng.randrange(1, iqr)
    lo, hi = q1 - 1.5 * iqr, q3 + 1.5 * iqr

    def pair(a: float, b: float) -> str:
        return f"lower {a:g}, upper {b:g}"

    stem = (
        f"A feature's first quartile is {q1}, its median {median} and its third quartile {q3}. Using the "
        "1.5 × IQR rule, what are the fences beyond which a value counts as an outlier?"
    )
    return numeric_question(
        f.name,
        f"{q1}|{median}|{q3}",
        stem,
        (pair(lo, hi), f"IQR = {q3} - {q1} = {iqr}; fences Q1 - 1.5×IQR and Q3 + 1.5×IQR."),
        [
            (pair(q1 - iqr, q3 + iqr), "this uses 1 × IQR instead of 1.5 × IQR."),
            (
                pair(median - 1.5 * iqr, median + 1.5 * iqr),
                "fences start from Q1 and Q3, not the median.",
            ),
            (
                pair(q1 - 3 * iqr, q3 + 3 * iqr),
                "3 × IQR gives the 'extreme outlier' fences, not the 1.5 rule.",
            ),
        ],
        f"IQR = Q3 - Q1 = {q3} - {q1} = {iqr}. Lower fence = {q1} - 1.5 × {iqr} = {lo:g}; upper fence = "
        f"{q3} + 1.5 × {iqr} = {hi:g}. Values outside [{lo:g}, {hi:g}] are outliers.",
        ["iqr", "outlier-handling"],
        DATA_PREP,
    )


@family("calc-fixed-width-bins")
def fixed_width_bins(f: Family, rng: random.Random, kind: int) -> Question | None:
    k = rng.choice([3, 4, 5])
    width = rng.choice([5, 8, 10, 12, 15, 20, 25])
    low = rng.randrange(0, 50)
    high = low + k * width

    def edges(start: float, step: float, count: int) -> str:
        # whole numbers, so that a slip's fractional edges do not mark it as wrong by their form
        return ", ".join(str(math.floor(start + j * step + 0.5)) for j in range(count + 1))

    stem = (
        f"A numeric feature ranges from {low} to {high}. It is discretized into {k} fixed-width (equal-width) "
        "bins. What are the bin edges? (Edges rounded to whole numbers.)"
    )
    return numeric_question(
        f.name,
        f"{low}|{high}|{k}",
        stem,
        (edges(low, width, k), f"width = ({high} - {low}) / {k} = {width}."),
        [
            (edges(0, width, k), "this starts the first bin at 0 instead of at the minimum."),
            (
                edges(low, high / k, k),
                f"this takes the maximum / {k} as the width instead of the range / {k}.",
            ),
            (
                edges(low, (high - low) / (k + 1), k),
                f"this divides the range by {k + 1}, so the last edge falls short of the maximum.",
            ),
            (
                edges(low, (high - low) / (k - 1), k),
                f"this divides the range by {k - 1}, so the edges run past the maximum.",
            ),
        ],
        f"Equal-width bins split the range into {k} intervals of the same width: ({high} - {low}) / {k} = "
        f"{width}, so the edges are {edges(low, width, k)}. Each bin covers the same span of values, whatever "
        "the number of rows in it.",
        ["fixed-width-binning", "feature-binning"],
        DATA_PREP,
        1,
    )


@family("calc-quantile-bins")
def quantile_bins(f: Family, rng: random.Random, kind: int) -> Question | None:
    values = sorted([*rng.sample(range(1, 40), 11), rng.randrange(120, 400)])
    top_quantile = values[-3:]
    cut = values[0] + 3 * (values[-1] - values[0]) / 4
    top_fixed = [v for v in values if v >= cut]

    def show(vs: Sequence[int]) -> str:
        return ", ".join(str(v) for v in vs)

    # Listed in collection order, not sorted, so that the answer is not a run of the stem's text.
    shown = list(values)
    runs = [show(o) for o in (top_quantile, values[-4:], values[-2:], top_fixed) if len(o) > 1]
    for _ in range(100):
        if not any(run in show(shown) for run in runs):
            break
        rng.shuffle(shown)
    else:
        return None
    stem = (
        f"A feature has these 12 values, in the order they were collected: {show(shown)}. It is discretized "
        "into 4 quantile (equal-frequency) bins. Which values land in the highest bin?"
    )
    return numeric_question(
        f.name,
        show(values),
        stem,
        (show(top_quantile), "with 12 values and 4 quantile bins, each bin holds 3 values."),
        [
            (
                show(values[-4:-1]),
                f"this leaves out the large value {values[-1]}; binning keeps every value, and the largest "
                "belongs in the highest bin.",
            ),
            (
                show(sorted(shown[-3:])),
                "these are the last 3 values collected; bins are formed from the values in sorted order.",
            ),
            (show(values[6:9]), "these are the third bin's values, not the highest bin's."),
            (
                show(sorted(shown[:3])),
                "these are the first 3 values collected; bins are formed from the values in sorted order.",
            ),
        ],
        "Quantile binning puts the same number of values in each bin: 12 / 4 = 3, so the highest bin holds the "
        f"3 largest values, {show(top_quantile)}. Equal-width bins would instead be stretched by the large "
        f"value {values[-1]}.",
        ["quantile-binning", "feature-binning"],
        DATA_PREP,
    )


@family("calc-min-max-scaling")
def min_max_scaling(f: Family, rng: random.Random, kind: int) -> Question | None:
    low = rng.randrange(0, 100)
    high = low + rng.choice([20, 40, 50, 80, 100, 200])
    x = rng.randrange(low + 1, high)
    stem = (
        f"A feature's minimum in the training set is {low} and its maximum is {high}. With min-max "
        f"normalization to the range [0, 1], what does the value {x} become? (Round to two decimal places.)"
    )
    return numeric_question(
        f.name,
        f"{low}|{high}|{x}",
        stem,
        (fmt((x - low) / (high - low)), f"({x} - {low}) / ({high} - {low})."),
        [
            (fmt(x / high), "this divides by the maximum without subtracting the minimum."),
            (fmt((x - low) / high), "the denominator is the range (max - min), not the maximum."),
            (
                fmt((high - x) / (high - low)),
                "this measures the distance from the maximum, reversing the scale.",
            ),
        ],
        f"Min-max normalization: x' = (x - min) / (max - min) = ({x} - {low}) / ({high} - {low}) = "
        f"{fmt((x - low) / (high - low))}. Use the training set's min and max for new data too.",
        ["feature-scaling"],
        SCALING,
        1,
    )


FAMILIES = [zscore, iqr_fences, fixed_width_bins, quantile_bins, min_max_scaling]
