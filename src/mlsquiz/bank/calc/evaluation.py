"""Model evaluation: regression and classification metrics, F-beta, confusion-matrix rates, thresholds."""

from __future__ import annotations

import math
import random

from mlsquiz.bank.calc.common import (
    EVALUATION,
    Family,
    family,
    fmt,
    numeric_question,
)
from mlsquiz.bank.schema import Question


def _regression_numbers(rng: random.Random) -> tuple[list[int], list[int]]:
    n = rng.choice([4, 5])
    actual = [rng.randrange(10, 60) for _ in range(n)]
    errors = [rng.choice([-1, 1]) * rng.randrange(0, 6) for _ in range(n)]
    return actual, [a + e for a, e in zip(actual, errors, strict=True)]


@family("calc-regression-metric", kinds=4)
def regression_metric(f: Family, rng: random.Random, kind: int) -> Question | None:
    metrics = ["MAE", "MSE", "RMSE", "R²"]
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
        return None
    r2 = 1 - sse / sst
    metric = metrics[kind]
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
    return numeric_question(
        f.name,
        params,
        stem,
        right,
        wrong,
        expl,
        [slug, "regression-metrics"],
        EVALUATION,
    )


@family("calc-classification-metric", kinds=4)
def classification_metric(f: Family, rng: random.Random, kind: int) -> Question | None:
    metrics = ["precision", "recall", "F1 score", "accuracy"]
    tp, fp, fn, tn = (rng.randrange(5, 90) for _ in range(4))
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    accuracy = (tp + tn) / (tp + fp + fn + tn)
    specificity = tn / (tn + fp)
    metric = metrics[kind]
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
    return numeric_question(
        f.name,
        f"{metric}|{tp}|{fp}|{fn}|{tn}",
        stem,
        (fmt(values[metric]), f"{metric} = {formulas[metric]}."),
        wrong,
        expl,
        [slug[metric], "confusion-matrix"],
        EVALUATION,
    )


def _f_beta(beta: float, precision: float, recall: float) -> float:
    b2 = beta * beta
    return (1 + b2) * precision * recall / (b2 * precision + recall)


@family("calc-f-beta", kinds=3)
def f_beta(f: Family, rng: random.Random, kind: int) -> Question | None:
    beta = {0: 0.5, 1: 2.0}.get(kind, rng.choice([0.5, 2.0]))
    name = "F0.5" if beta == 0.5 else "F2"
    favours = "precision" if beta == 0.5 else "recall"
    if kind < 2:
        precision, recall = rng.randrange(40, 96) / 100, rng.randrange(40, 96) / 100
        if abs(precision - recall) < 0.1:
            return None
        given = f"precision {precision:.2f} and recall {recall:.2f}"
        params = f"{beta}|{precision}|{recall}"
    else:
        tp, fp, fn = rng.randrange(30, 200), rng.randrange(5, 120), rng.randrange(5, 120)
        precision, recall = tp / (tp + fp), tp / (tp + fn)
        given = f"{tp} true positives, {fp} false positives and {fn} false negatives"
        params = f"{beta}|{tp}|{fp}|{fn}"
    score = _f_beta(beta, precision, recall)
    swapped = _f_beta(beta, recall, precision)
    unsquared = (1 + beta) * precision * recall / (beta * precision + recall)
    f1 = _f_beta(1.0, precision, recall)
    stem = (
        f"A fraud model has {given} on the validation set. Because {favours} matters more to the business, the "
        f"team reports the {name} score (β = {beta:g}). What is it? (Round to two decimal places.)"
    )
    b2 = beta * beta
    return numeric_question(
        f.name,
        params,
        stem,
        (fmt(score), f"(1 + {b2:g}) × P × R / ({b2:g} × P + R) = {fmt(score)}."),
        [
            (fmt(swapped), f"this puts β² on recall instead of precision, which gives F{1 / beta:g}."),
            (fmt(f1), "this is the F1 score, which weighs precision and recall equally."),
            (fmt(unsquared), "this uses β where the formula has β²."),
            (fmt((precision + recall) / 2), "this is the arithmetic mean of precision and recall."),
        ],
        f"Precision P = {fmt(precision, 3)}, recall R = {fmt(recall, 3)}. F-beta = (1 + β²) × P × R / (β² × P + R); "
        f"with β = {beta:g}: (1 + {b2:g}) × {fmt(precision, 3)} × {fmt(recall, 3)} / ({b2:g} × {fmt(precision, 3)} + "
        f"{fmt(recall, 3)}) = {fmt(score)}. β > 1 weighs recall more, β < 1 weighs precision more; F1 = {fmt(f1)}.",
        ["f1-score", "precision", "recall"],
        EVALUATION,
    )


RATES = ["specificity", "false positive rate", "false negative rate"]


@family("calc-confusion-rates", kinds=3)
def confusion_rates(f: Family, rng: random.Random, kind: int) -> Question | None:
    tp, fp, fn, tn = (
        rng.randrange(20, 150),
        rng.randrange(5, 90),
        rng.randrange(5, 90),
        rng.randrange(100, 900),
    )
    values = {
        "specificity": tn / (tn + fp),
        "false positive rate": fp / (fp + tn),
        "false negative rate": fn / (fn + tp),
        "recall": tp / (tp + fn),
        "precision": tp / (tp + fp),
        "NPV": tn / (tn + fn),
        "FDR": fp / (fp + tp),
        "FOR": fn / (fn + tn),
    }
    metric = RATES[kind]
    mistakes = {
        "specificity": [
            ("recall", "this is recall (sensitivity), TP / (TP + FN): the rate for actual positives."),
            (
                "NPV",
                "this divides by the predicted negatives (TN + FN) instead of the actual negatives (TN + FP).",
            ),
            (
                "false positive rate",
                "this is the false positive rate, FP / (FP + TN), which is 1 - specificity.",
            ),
        ],
        "false positive rate": [
            ("FDR", "this divides by the predicted positives (FP + TP): that is 1 - precision, not the FPR."),
            ("specificity", "this is specificity, TN / (TN + FP); the FPR is 1 minus it."),
            ("false negative rate", "this is the false negative rate, FN / (FN + TP)."),
        ],
        "false negative rate": [
            (
                "FOR",
                "this divides by the predicted negatives (FN + TN) instead of the actual positives (FN + TP).",
            ),
            ("recall", "this is recall, TP / (TP + FN); the false negative rate is 1 minus it."),
            ("false positive rate", "this is the false positive rate, FP / (FP + TN)."),
        ],
    }[metric]
    formulas = {
        "specificity": f"TN / (TN + FP) = {tn} / {tn + fp}",
        "false positive rate": f"FP / (FP + TN) = {fp} / {fp + tn}",
        "false negative rate": f"FN / (FN + TP) = {fn} / {fn + tp}",
    }
    stem = (
        f"A screening model is evaluated on {tp + fp + fn + tn:,} labeled cases: {tp} true positives, {fp} false "
        f"positives, {fn} false negatives and {tn} true negatives. What is its {metric}? (Round to two decimal "
        "places.)"
    )
    return numeric_question(
        f.name,
        f"{metric}|{tp}|{fp}|{fn}|{tn}",
        stem,
        (fmt(values[metric]), f"{metric} = {formulas[metric]}."),
        [(fmt(values[m]), why) for m, why in mistakes],
        f"Actual negatives = TN + FP = {tn + fp}; actual positives = TP + FN = {tp + fn}. Specificity = TN / (TN + FP) "
        f"= {fmt(values['specificity'])}; FPR = FP / (FP + TN) = {fmt(values['false positive rate'])} (the x-axis of a "
        f"ROC curve); FNR = FN / (FN + TP) = {fmt(values['false negative rate'])}; recall = {fmt(values['recall'])}.",
        ["confusion-matrix", "auc-roc"] if metric == "false positive rate" else ["confusion-matrix"],
        EVALUATION,
    )


@family("calc-threshold-metrics", kinds=2)
def threshold_metric(f: Family, rng: random.Random, kind: int) -> Question | None:
    scores = sorted(rng.sample(range(5, 99), 10), reverse=True)
    labels = [1 if rng.random() < 0.15 + s / 110 else 0 for s in scores]
    cut = scores[rng.randrange(3, 7)]

    def metrics(pred: list[int]) -> dict[str, float]:
        tp = sum(p and y for p, y in zip(pred, labels, strict=True))
        fp = sum(p and not y for p, y in zip(pred, labels, strict=True))
        fn = sum(y and not p for p, y in zip(pred, labels, strict=True))
        hits = sum(p == y for p, y in zip(pred, labels, strict=True))
        return {
            "precision": tp / (tp + fp) if tp + fp else math.nan,
            "recall": tp / (tp + fn) if tp + fn else math.nan,
            "accuracy": hits / len(labels),
        }

    at = metrics([int(s >= cut) for s in scores])
    above = metrics([int(s > cut) for s in scores])
    metric = ["recall", "precision"][kind]
    other = "precision" if metric == "recall" else "recall"
    value = at[metric]
    if value in (0.0, 1.0) or any(math.isnan(v) for v in (value, at[other], above[metric])):
        return None
    order = rng.sample(range(10), 10)
    listed = "; ".join(f"{scores[i] / 100:.2f} ({'fraud' if labels[i] else 'legitimate'})" for i in order)
    stem = (
        f"A fraud model scores 10 validation transactions (score, true label): {listed}. A transaction is "
        f"flagged as fraud when its score is at least {cut / 100:.2f}. What is the {metric} for the fraud class at "
        "this threshold? (Round to two decimal places.)"
    )
    tp = sum(s >= cut and y for s, y in zip(scores, labels, strict=True))
    flagged = sum(s >= cut for s in scores)
    frauds = sum(labels)
    return numeric_question(
        f.name,
        f"{metric}|{scores}|{labels}|{cut}",
        stem,
        (
            fmt(value),
            f"{tp} of the {flagged} flagged transactions are fraud: {tp}/{flagged}."
            if metric == "precision"
            else f"{tp} of the {frauds} frauds are flagged: {tp}/{frauds}.",
        ),
        [
            (fmt(at[other]), f"this is the {other}: precision and recall swapped."),
            (
                fmt(above[metric]),
                f"this leaves out the transaction scoring exactly {cut / 100:.2f}; 'at least' includes it.",
            ),
            (fmt(at["accuracy"]), "this is the accuracy over all 10 transactions."),
            (fmt(1 - value), f"this is 1 minus the {metric}."),
        ],
        f"At the threshold {cut / 100:.2f}, {flagged} transactions are flagged, {tp} of them fraud; there are {frauds} "
        f"frauds in all. Precision = TP / flagged = {tp}/{flagged} = {fmt(at['precision'])}; recall = TP / frauds "
        f"= {tp}/{frauds} = {fmt(at['recall'])}.",
        ["precision", "recall"],
        EVALUATION,
    )


FAMILIES = [regression_metric, classification_metric, f_beta, confusion_rates, threshold_metric]
