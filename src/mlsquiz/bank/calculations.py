"""Parametric calculation questions: numbers from a seeded generator, distractors from the usual mistakes.

Each family makes `VARIANTS` questions. The numbers of variant *i* come from a generator seeded with the
family name and *i*; the question id is derived from the numbers themselves, so it names the exact question.
A variant whose distractors would coincide with the answer (after rounding) is skipped, never patched.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator, Sequence

from mlsquiz.bank.compose import Choice, build, short_hash
from mlsquiz.bank.schema import Question

VARIANTS = 10
DATA_PREP = {"mls-c01": "2.2", "mla-c01": "1.2"}
SCALING = {"mls-c01": "2.1", "mla-c01": "1.2"}
EVALUATION = {"mls-c01": "3.5", "mla-c01": "2.3"}
TUNING = {"mls-c01": "3.4", "mla-c01": "2.2"}


def fmt(x: float, places: int = 2) -> str:
    """Round half away from zero, so that a candidate's hand calculation matches."""
    scaled = abs(x) * 10**places
    rounded = math.floor(scaled + 0.5 + 1e-9) / 10**places
    return f"{math.copysign(rounded, x) if rounded else 0.0:.{places}f}"


def decimal(x: float) -> str:
    """A learning rate as a plain decimal (no exponent), without trailing zeros."""
    return f"{x:.8f}".rstrip("0").rstrip(".")


def distinct(values: Sequence[str]) -> bool:
    return len(set(values)) == len(values)


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
) -> Question | None:
    texts = [right[0], *(w[0] for w in wrong)]
    if not distinct(texts):
        return None
    choices = [Choice(right[0], f"Correct: {right[1]}", True)]
    choices += [Choice(t, f"Incorrect: {why}", False) for t, why in wrong]
    qid = f"gen.{family}.{short_hash(params)}"
    return build(qid, family, stem, choices, explanation, None, topics, difficulty, domains)


def variants(family: str) -> Iterator[random.Random]:
    for i in range(VARIANTS):
        yield random.Random(f"{family}:{i}")


def zscore() -> Iterator[Question]:
    for rng in variants("calc-zscore"):
        mean = rng.randrange(40, 160)
        std = rng.randrange(3, 16)
        x = mean + rng.choice([-1, 1]) * rng.randrange(std // 2 + 1, 5 * std)
        z = (x - mean) / std
        verdict = "an outlier" if abs(z) > 3 else "not an outlier"
        stem = (
            f"A sensor feature has a mean of {mean} and a standard deviation of {std}. A new reading is {x}. "
            "What is the reading's z-score? (Round to two decimal places.)"
        )
        q = numeric_question(
            "calc-zscore",
            f"{mean}|{std}|{x}",
            stem,
            (fmt(z), f"z = ({x} - {mean}) / {std} = {fmt(z)}."),
            [
                (fmt((x - mean) / std**2), "this divides by the variance instead of the standard deviation."),
                (fmt((mean - x) / std), "this subtracts the wrong way round, flipping the sign."),
                (fmt(x / std), "this forgets to subtract the mean."),
            ],
            f"z = (x - mean) / std = ({x} - {mean}) / {std} = {fmt(z)}. With the common |z| > 3 rule the reading "
            f"is {verdict}.",
            ["z-score", "outlier-handling"],
            DATA_PREP,
            1,
        )
        if q:
            yield q


def iqr_fences() -> Iterator[Question]:
    for rng in variants("calc-iqr-fences"):
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
        q = numeric_question(
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
        if q:
            yield q


def _regression_numbers(rng: random.Random) -> tuple[list[int], list[int]]:
    n = rng.choice([4, 5])
    actual = [rng.randrange(10, 60) for _ in range(n)]
    errors = [rng.choice([-1, 1]) * rng.randrange(0, 6) for _ in range(n)]
    return actual, [a + e for a, e in zip(actual, errors, strict=True)]


def regression_metric() -> Iterator[Question]:
    metrics = ["MAE", "MSE", "RMSE", "R²"]
    for i, rng in enumerate(variants("calc-regression-metric")):
        actual, predicted = _regression_numbers(rng)
        errors = [p - a for a, p in zip(actual, predicted, strict=True)]
        n = len(actual)
        mae = sum(abs(e) for e in errors) / n
        sse = sum(e * e for e in errors)
        mse = sse / n
        rmse = math.sqrt(mse)
        mean = sum(actual) / n
        sst = sum((a - mean) ** 2 for a in actual)
        if sst == 0 or sse == 0:
            continue
        r2 = 1 - sse / sst
        metric = metrics[i % 4]
        if metric == "MAE":
            right = (fmt(mae), "MAE is the mean of the absolute errors.")
            wrong = [
                (fmt(mse), "this is the MSE: the errors were squared."),
                (fmt(rmse), "this is the RMSE."),
                (fmt(abs(sum(errors)) / n), "this averages signed errors, so positive and negative cancel."),
            ]
        elif metric == "MSE":
            right = (fmt(mse), "MSE is the mean of the squared errors.")
            wrong = [
                (fmt(rmse), "this is the RMSE: the square root was taken."),
                (fmt(mae), "this is the MAE: the errors were not squared."),
                (fmt(sse), "this is the sum of squared errors, not divided by n."),
            ]
        elif metric == "RMSE":
            right = (fmt(rmse), "RMSE is the square root of the mean squared error.")
            wrong = [
                (fmt(mse), "this is the MSE: the square root is missing."),
                (fmt(mae), "this is the MAE."),
                (fmt(math.sqrt(sse)), "this takes the root of the sum, not of the mean."),
            ]
        else:
            right = (fmt(r2), "R² = 1 - SSE/SST.")
            wrong = [
                (fmt(sse / sst), "this is SSE/SST: the '1 -' is missing."),
                (fmt(1 - mse / sst), "this divides the MSE, not the SSE, by SST."),
                (fmt(1 - math.sqrt(sse / sst)), "this takes a square root that does not belong in R²."),
            ]
        table = " | ".join(f"{a} → {p}" for a, p in zip(actual, predicted, strict=True))
        stem = (
            f"A regression model's predictions on {n} validation rows (actual → predicted) are: {table}. "
            f"What is the {metric}? (Round to two decimal places.)"
        )
        expl = (
            f"Errors: {', '.join(str(e) for e in errors)}. MAE = {fmt(mae)}; SSE = {sse}; MSE = SSE/n = {fmt(mse)}; "
            f"RMSE = √MSE = {fmt(rmse)}; mean of actuals = {fmt(mean)}, SST = {fmt(sst)}, R² = 1 - SSE/SST = {fmt(r2)}."
        )
        slug = {"MAE": "mae", "MSE": "mse", "RMSE": "rmse", "R²": "r-squared"}[metric]
        params = f"{metric}|{actual}|{predicted}"
        q = numeric_question(
            "calc-regression-metric",
            params,
            stem,
            right,
            wrong,
            expl,
            [slug, "regression-metrics"],
            EVALUATION,
        )
        if q:
            yield q


def classification_metric() -> Iterator[Question]:
    metrics = ["precision", "recall", "F1 score", "accuracy"]
    for i, rng in enumerate(variants("calc-classification-metric")):
        tp, fp, fn, tn = (rng.randrange(5, 90) for _ in range(4))
        precision = tp / (tp + fp)
        recall = tp / (tp + fn)
        f1 = 2 * precision * recall / (precision + recall)
        accuracy = (tp + tn) / (tp + fp + fn + tn)
        specificity = tn / (tn + fp)
        metric = metrics[i % 4]
        values = {"precision": precision, "recall": recall, "F1 score": f1, "accuracy": accuracy}
        formulas = {
            "precision": "TP / (TP + FP)",
            "recall": "TP / (TP + FN)",
            "F1 score": "2 × precision × recall / (precision + recall)",
            "accuracy": "(TP + TN) / total",
        }
        mistakes = {
            "precision": [("recall", "this is recall, TP / (TP + FN): precision and recall swapped.")],
            "recall": [("precision", "this is precision, TP / (TP + FP): precision and recall swapped.")],
            "F1 score": [("accuracy", "this is accuracy.")],
            "accuracy": [("F1 score", "this is the F1 score.")],
        }[metric]
        wrong = [(fmt(values[m]), why) for m, why in mistakes]
        if metric == "F1 score":
            wrong += [
                (fmt((precision + recall) / 2), "this is the arithmetic mean; F1 is the harmonic mean."),
                (fmt(precision), "this is precision alone."),
            ]
        elif metric == "accuracy":
            wrong += [
                (fmt(tp / (tp + fp + fn)), "this leaves the true negatives out."),
                (fmt(specificity), "this is specificity, TN / (TN + FP)."),
            ]
        else:
            wrong += [
                (fmt(accuracy), "this is accuracy, (TP + TN) / total."),
                (fmt(specificity), "this is specificity, TN / (TN + FP)."),
            ]
        stem = (
            f"A binary classifier is evaluated on {tp + fp + fn + tn} labeled examples: {tp} true positives, "
            f"{fp} false positives, {fn} false negatives and {tn} true negatives. What is its {metric}? "
            "(Round to two decimal places.)"
        )
        expl = (
            f"Precision = TP/(TP+FP) = {tp}/{tp + fp} = {fmt(precision)}; recall = TP/(TP+FN) = {tp}/{tp + fn} = "
            f"{fmt(recall)}; F1 = 2PR/(P+R) = {fmt(f1)}; accuracy = (TP+TN)/total = {fmt(accuracy)}."
        )
        slug = {"precision": "precision", "recall": "recall", "F1 score": "f1-score", "accuracy": "accuracy"}
        q = numeric_question(
            "calc-classification-metric",
            f"{metric}|{tp}|{fp}|{fn}|{tn}",
            stem,
            (fmt(values[metric]), f"{metric} = {formulas[metric]}."),
            wrong,
            expl,
            [slug[metric], "confusion-matrix"],
            EVALUATION,
        )
        if q:
            yield q


def fixed_width_bins() -> Iterator[Question]:
    for rng in variants("calc-fixed-width-bins"):
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
        q = numeric_question(
            "calc-fixed-width-bins",
            f"{low}|{high}|{k}",
            stem,
            (edges(low, width, k), f"width = ({high} - {low}) / {k} = {width}."),
            [
                (
                    edges(low, (high - low) / (k - 1), k - 1),
                    f"this divides the range by {k - 1}, giving {k - 1} bins.",
                ),
                (edges(0, high / k, k), "this starts the first bin at 0 instead of the minimum."),
                (edges(low, (high - low) / (k + 1), k + 1), f"this makes {k + 1} bins."),
            ],
            f"Equal-width bins split the range into {k} intervals of the same width: ({high} - {low}) / {k} = "
            f"{width}, so the edges are {edges(low, width, k)}. Each bin covers the same span of values, whatever "
            "the number of rows in it.",
            ["fixed-width-binning", "feature-binning"],
            DATA_PREP,
            1,
        )
        if q:
            yield q


def quantile_bins() -> Iterator[Question]:
    for rng in variants("calc-quantile-bins"):
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
            continue
        stem = (
            f"A feature has these 12 values, in the order they were collected: {show(shown)}. It is discretized "
            "into 4 quantile (equal-frequency) bins. Which values land in the highest bin?"
        )
        q = numeric_question(
            "calc-quantile-bins",
            show(values),
            stem,
            (show(top_quantile), "with 12 values and 4 quantile bins, each bin holds 3 values."),
            [
                (show(top_fixed), "this is the top bin of 4 equal-width bins, which the outlier stretches."),
                (show(values[-4:]), "this puts 4 values in the top bin; 12 values in 4 bins gives 3 each."),
                (show(values[-2:]), "this puts only 2 values in the top bin; each bin holds 3."),
            ],
            "Quantile binning puts the same number of values in each bin: 12 / 4 = 3, so the highest bin holds the "
            f"3 largest values, {show(top_quantile)}. Equal-width bins would instead be stretched by the large "
            f"value {values[-1]}.",
            ["quantile-binning", "feature-binning"],
            DATA_PREP,
        )
        if q:
            yield q


def step_decay() -> Iterator[Question]:
    for rng in variants("calc-lr-step-decay"):
        lr0 = rng.choice([0.1, 0.2, 0.05, 0.01, 0.4])
        drop = rng.choice([0.5, 0.1])
        every = rng.choice([5, 10, 20])
        epoch = every * rng.randrange(1, 4) + rng.randrange(1, every)
        steps = epoch // every

        def lr(power: float, lr0: float = lr0, drop: float = drop) -> str:
            return decimal(lr0 * drop**power)

        stem = (
            f"Training uses step decay: the learning rate starts at {lr0} at epoch 0 and is multiplied by {drop} "
            f"every {every} epochs, that is at the start of epochs {every}, {2 * every}, {3 * every} and so on. "
            f"What learning rate is used during epoch {epoch}?"
        )
        q = numeric_question(
            "calc-lr-step-decay",
            f"{lr0}|{drop}|{every}|{epoch}",
            stem,
            (lr(steps), f"⌊{epoch}/{every}⌋ = {steps} drops: {lr0} × {drop}^{steps}."),
            [
                (lr(steps + 1), "this counts one drop too many."),
                (lr(steps - 1), "this counts one drop too few."),
                (
                    decimal(lr0 * drop * steps),
                    "this multiplies by the number of drops instead of raising the factor to that power.",
                ),
            ],
            f"Step decay: lr = lr0 × drop^⌊epoch / step⌋ = {lr0} × {drop}^⌊{epoch}/{every}⌋ = {lr0} × {drop}^{steps} "
            f"= {lr(steps)}.",
            ["learning-rate-decay", "learning-rate"],
            TUNING,
        )
        if q:
            yield q


def min_max_scaling() -> Iterator[Question]:
    for rng in variants("calc-min-max-scaling"):
        low = rng.randrange(0, 100)
        high = low + rng.choice([20, 40, 50, 80, 100, 200])
        x = rng.randrange(low + 1, high)
        stem = (
            f"A feature's minimum in the training set is {low} and its maximum is {high}. With min-max "
            f"normalization to the range [0, 1], what does the value {x} become? (Round to two decimal places.)"
        )
        q = numeric_question(
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
        if q:
            yield q


CALCULATION_TEMPLATES: list[Callable[[], Iterator[Question]]] = [
    zscore,
    iqr_fences,
    regression_metric,
    classification_metric,
    fixed_width_bins,
    quantile_bins,
    step_decay,
    min_max_scaling,
]
