"""Data preparation and feature engineering: outliers, binning, scaling, encodings, PCA."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from mlsquiz.bank.calc.common import (
    DATA_PREP,
    SCALING,
    Family,
    count,
    fmt,
    numeric_question,
    percent,
)
from mlsquiz.bank.schema import Question


def zscore(rng: random.Random, kind: int) -> Question | None:
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
        "calc-zscore",
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


def iqr_fences(rng: random.Random, kind: int) -> Question | None:
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
        "calc-iqr-fences",
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


def fixed_width_bins(rng: random.Random, kind: int) -> Question | None:
    k = rng.choice([3, 4, 5])
    width = rng.choice([5, 8, 10, 12, 15, 20, 25])
    low = rng.randrange(0, 50)
    high = low + k * width

    def edges(start: float, step: float, count: int) -> str:
        return ", ".join(f"{start + j * step:g}" for j in range(count + 1))

    stem = (
        f"A numeric feature ranges from {low} to {high}. It is discretized into {k} fixed-width (equal-width) "
        "bins. What are the bin edges?"
    )
    return numeric_question(
        "calc-fixed-width-bins",
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


def quantile_bins(rng: random.Random, kind: int) -> Question | None:
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
        "calc-quantile-bins",
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


def min_max_scaling(rng: random.Random, kind: int) -> Question | None:
    low = rng.randrange(0, 100)
    high = low + rng.choice([20, 40, 50, 80, 100, 200])
    x = rng.randrange(low + 1, high)
    stem = (
        f"A feature's minimum in the training set is {low} and its maximum is {high}. With min-max "
        f"normalization to the range [0, 1], what does the value {x} become? (Round to two decimal places.)"
    )
    return numeric_question(
        "calc-min-max-scaling",
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


CATEGORICAL = [
    "country",
    "device type",
    "browser",
    "payment method",
    "plan tier",
    "store region",
    "product line",
]


def one_hot_columns(rng: random.Random, kind: int) -> Question | None:
    k = rng.choice([2, 3, 4])
    features = rng.sample(CATEGORICAL, k)
    cards = [rng.randrange(3, 16) for _ in features]
    numeric = rng.randrange(2, 15)
    full = numeric + sum(cards)
    dummy = numeric + sum(c - 1 for c in cards)
    product = numeric + math.prod(cards)
    listed = ", ".join(f"{f} ({c} distinct values)" for f, c in zip(features, cards, strict=True))
    scheme = (
        "one-hot encoded with one binary column per category"
        if kind == 0
        else "one-hot encoded with the first category of each column dropped (scikit-learn's "
        "OneHotEncoder(drop='first'), or pandas get_dummies with drop_first=True)"
    )
    stem = (
        f"A training table has {numeric} numeric feature columns and {k} categorical feature columns: {listed}. "
        f"Every categorical column is {scheme}, and replaced by its encoded columns; the numeric columns are "
        "kept as they are. How many feature columns does the encoded table have?"
    )
    working = " + ".join(str(c) for c in cards) if kind == 0 else " + ".join(f"({c} - 1)" for c in cards)
    if kind == 0:
        right = (count(full), f"{numeric} numeric + ({working}) one-hot columns = {full}.")
        wrong = [
            (
                count(dummy),
                "this drops one category per column, which is dummy encoding, not what was asked.",
            ),
            (count(sum(cards)), "this leaves out the numeric columns, which are kept."),
            (count(numeric + k), "this keeps one column per categorical feature, as label encoding would."),
            (count(full - 1), "this drops one column in total instead of keeping every category."),
            (count(product), "this makes one column per combination of categories, not per category."),
        ]
    else:
        right = (count(dummy), f"{numeric} numeric + ({working}) dummy columns = {dummy}.")
        wrong = [
            (count(full), "this keeps every category, which is full one-hot encoding, not what was asked."),
            (count(sum(c - 1 for c in cards)), "this leaves out the numeric columns, which are kept."),
            (count(full - 1), "this drops one column in total instead of one per categorical column."),
            (count(numeric + k), "this keeps one column per categorical feature, as label encoding would."),
        ]
    total = full if kind == 0 else dummy
    return numeric_question(
        "calc-one-hot-columns",
        f"{kind}|{numeric}|{features}|{cards}",
        stem,
        right,
        wrong,
        f"Encoded columns: {numeric} numeric + {working} = {total}. One-hot encoding makes one binary column per "
        "category; dropping the first category (dummy encoding) removes one per feature, because the remaining "
        "columns already imply it.",
        ["one-hot-encoding"],
        DATA_PREP,
        1,
    )


def tf_idf(rng: random.Random, kind: int) -> Question | None:
    ratio = rng.choice([10, 100, 1000])
    docs = ratio * rng.choice([10, 20, 50, 100])
    df = docs // ratio
    words = rng.choice([100, 125, 200, 250, 400, 500])
    times = rng.randrange(2, 13)
    term = rng.choice(["refund", "latency", "warranty", "invoice", "outage", "upgrade"])
    tf = times / words
    idf = math.log10(ratio)
    score = tf * idf
    stem = (
        f"A corpus has {docs:,} support tickets, and the word '{term}' appears in {df:,} of them. One ticket has "
        f"{words} words, {times} of which are '{term}'. Taking the term frequency as the word's share of the "
        f"ticket's words and the plain (unsmoothed) inverse document frequency with a base-10 logarithm, what is "
        f"the TF-IDF weight of '{term}' in that ticket? (Round to four decimal places.)"
    )
    return numeric_question(
        "calc-tf-idf",
        f"{docs}|{df}|{words}|{times}",
        stem,
        (fmt(score, 4), f"tf × idf = {times}/{words} × log10({docs:,}/{df:,}) = {fmt(score, 4)}."),
        [
            (fmt(tf, 4), "this is the term frequency alone: the idf factor is missing."),
            (
                fmt(times * idf, 4),
                "this multiplies the raw count, not the count divided by the ticket's length.",
            ),
            (fmt(tf * ratio, 4), "this multiplies by N/df without taking its logarithm."),
            (fmt(tf * math.log10(df), 4), "this takes the log of the document frequency instead of N/df."),
            (
                fmt(tf * math.log(ratio), 4),
                "this uses the natural logarithm; the idf here is defined with log10.",
            ),
            (fmt(tf / idf, 4), "this divides by the idf instead of multiplying by it."),
        ],
        f"tf = {times}/{words} = {fmt(tf, 4)}; idf = log10({docs:,}/{df:,}) = log10({ratio}) = {idf:g}; "
        f"TF-IDF = {fmt(tf, 4)} × {idf:g} = {fmt(score, 4)}. A word in fewer documents gets a larger idf, so "
        "words that are common everywhere count for little.",
        ["tf-idf"],
        DATA_PREP,
    )


def _eigenvalues(rng: random.Random) -> list[float]:
    n = rng.choice([5, 6])
    tenths = sorted(rng.sample(range(2, 80), n), reverse=True)
    return [t / 10 for t in tenths]


def pca_variance(rng: random.Random, kind: int) -> Question | None:
    eig = _eigenvalues(rng)
    n = len(eig)
    total = sum(eig)
    shown = ", ".join(f"{e:.1f}" for e in eig)
    cumulative = [sum(eig[: i + 1]) / total for i in range(n)]
    intro = (
        f"PCA on a dataset's features gives these eigenvalues of the covariance matrix, one per component, largest "
        f"first: {shown}."
    )
    working = (
        f"The eigenvalues sum to {fmt(total, 1)}; component i explains λi / {fmt(total, 1)} of the variance."
    )
    if kind == 0:
        k = rng.choice([2, 3])
        lam = eig[k - 1]
        ratio = lam / total
        stem = (
            f"{intro} What share of the variance does principal component {k} explain? (One decimal place.)"
        )
        right = (percent(ratio), f"{lam:.1f} / {fmt(total, 1)} = {percent(ratio)}.")
        wrong = [
            (percent(cumulative[k - 1]), f"this is the cumulative share of components 1 to {k}."),
            (
                percent(lam / eig[0]),
                "this divides by the first eigenvalue instead of the sum of all of them.",
            ),
            (percent(lam / (total - lam)), "this leaves the component's own eigenvalue out of the total."),
            (percent(1 - ratio), "this is the share of all the other components."),
        ]
        params = f"{kind}|{eig}|{k}"
    elif kind == 1:
        m = rng.choice([2, 3])
        stem = f"{intro} What share of the variance do the first {m} principal components explain together? (One decimal place.)"
        right = (
            percent(cumulative[m - 1]),
            f"({' + '.join(f'{e:.1f}' for e in eig[:m])}) / {fmt(total, 1)}.",
        )
        wrong = [
            (percent(eig[m - 1] / total), f"this is the share of component {m} alone, not of the first {m}."),
            (percent(m / n), "this is the share of components kept, not of variance explained."),
            (percent(cumulative[m - 1] / m), "this averages the components' shares instead of adding them."),
            (percent(1 - cumulative[m - 1]), "this is the share of variance the dropped components carry."),
        ]
        params = f"{kind}|{eig}|{m}"
    else:
        threshold = rng.choice([0.8, 0.85, 0.9, 0.95])
        if any(abs(c - threshold) < 1e-9 for c in cumulative):
            return None
        m = next(i + 1 for i, c in enumerate(cumulative) if c >= threshold)
        if m < 2 or m >= n:
            return None
        stem = (
            f"{intro} What is the smallest number of principal components that together explain at least "
            f"{threshold:.0%} of the variance?"
        )
        right = (
            str(m),
            f"the first {m} explain {percent(cumulative[m - 1])}, the first {m - 1} only {percent(cumulative[m - 2])}.",
        )
        wrong = [
            (
                str(m - 1),
                f"the first {m - 1} explain only {percent(cumulative[m - 2])}, short of {threshold:.0%}.",
            ),
            (
                str(m + 1),
                f"{m} components already reach {percent(cumulative[m - 1])}; one more is not needed.",
            ),
            (
                str(math.ceil(threshold * n)),
                "this takes the threshold as a share of the components, not of variance.",
            ),
            *(
                [(str(m + 2), f"{m} components already reach {percent(cumulative[m - 1])}.")]
                if m + 2 <= n
                else []
            ),
        ]
        params = f"{kind}|{eig}|{threshold}"
        working += f" The first {m} components are the fewest that reach {threshold:.0%}."
    shares = ", ".join(percent(e / total) for e in eig)
    running = ", ".join(percent(c) for c in cumulative)
    return numeric_question(
        "calc-pca-variance",
        params,
        stem,
        right,
        wrong,
        f"Shares: {shares}; cumulative: {running}. {working}",
        ["pca"],
        DATA_PREP,
    )


FAMILIES = [
    Family("calc-zscore", zscore),
    Family("calc-iqr-fences", iqr_fences),
    Family("calc-fixed-width-bins", fixed_width_bins),
    Family("calc-quantile-bins", quantile_bins),
    Family("calc-min-max-scaling", min_max_scaling),
    Family("calc-one-hot-columns", one_hot_columns, kinds=2),
    Family("calc-tf-idf", tf_idf),
    Family("calc-pca-variance", pca_variance, kinds=3),
]
