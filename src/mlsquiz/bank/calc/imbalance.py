"""Imbalanced classes: class weights and stratified splits."""

from __future__ import annotations

import random

from mlsquiz.bank.calc.common import (
    EVALUATION,
    IMBALANCE,
    TRAINING,
    TUNING,
    Family,
    count,
    family,
    fmt,
    numeric_question,
    percent,
    task_ids,
)
from mlsquiz.bank.schema import Question

LABELS = [
    ("fraudulent", "legitimate"),
    ("churned", "retained"),
    ("defective", "sound"),
    ("malignant", "benign"),
]
SPLIT = task_ids("split")


@family("calc-class-weights", kinds=3)
def class_weights(f: Family, rng: random.Random, kind: int) -> Question | None:
    rare, common = rng.choice(LABELS)
    if kind == 2:
        positives = rng.randrange(2, 60) * 10
        negatives = positives * rng.randrange(3, 40) + rng.randrange(0, positives, 10)
        n = positives + negatives
        stem = (
            f"A training set has {positives:,} {rare} examples (the positive class) and {negatives:,} {common} "
            "ones. What value does XGBoost's documentation suggest as the typical starting point for its "
            "scale_pos_weight parameter? (Round to two decimal places.)"
        )
        value = negatives / positives
        return numeric_question(
            f.name,
            f"xgb|{positives}|{negatives}",
            stem,
            (fmt(value), f"{negatives:,} / {positives:,} = {fmt(value)}."),
            [
                (fmt(positives / negatives), "this divides the wrong way round: positives over negatives."),
                (
                    fmt(n / (2 * positives)),
                    "this is scikit-learn's 'balanced' weight of the positive class, not the ratio.",
                ),
                (
                    fmt(n / positives),
                    "this divides all examples, not only the negative ones, by the positives.",
                ),
                (fmt(negatives / n), "this is the share of negatives in the data."),
            ],
            f"scale_pos_weight multiplies the weight of every positive example; the typical starting value is "
            f"sum(negatives) / sum(positives) = {negatives:,} / {positives:,} = {fmt(value)}, so the two classes "
            "weigh the same in total.",
            ["xgboost", "class-imbalance"],
            TUNING,
            references=["https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost_hyperparameters.html"],
        )
    if kind == 0:
        counts = {rare: rng.randrange(3, 80) * 10}
        counts[common] = counts[rare] * rng.randrange(3, 25) + rng.randrange(0, 100, 10)
        asked = rare
    else:
        names = ["low", "medium", "high"]
        counts = {name: rng.randrange(5, 300) * 10 for name in names}
        if len(set(counts.values())) < 3:
            return None
        asked = rng.choice(names)
    n, k = sum(counts.values()), len(counts)
    n_c = counts[asked]
    weight = n / (k * n_c)
    others = [c for c in counts if c != asked]
    parts = [f"{v:,} {c}" for c, v in counts.items()]
    listed = f"{', '.join(parts[:-1])} and {parts[-1]}"
    noun = "examples" if kind == 0 else "risk-level examples"
    stem = (
        f"A training set has {listed} {noun}. With scikit-learn's class_weight='balanced', what weight does the "
        f"{asked} class get? (Round to two decimal places.)"
    )
    return numeric_question(
        f.name,
        f"{kind}|{sorted(counts.items())}|{asked}",
        stem,
        (fmt(weight), f"{n:,} / ({k} × {n_c:,}) = {fmt(weight)}."),
        [
            (fmt(n / n_c), "this leaves the number of classes out of the denominator."),
            (fmt(n_c / n), "this is the class's share of the data, the inverse of what 'balanced' uses."),
            (fmt(n / (k * counts[others[0]])), f"this is the weight of the {others[0]} class."),
            (
                fmt(max(counts.values()) / n_c),
                "this is the largest class's count over this class's count, a different heuristic.",
            ),
            (fmt(n / ((k + 1) * n_c)), f"this counts {k + 1} classes instead of {k}."),
        ],
        f"n_samples = {n:,}, n_classes = {k}. Weight = {n:,} / ({k} × {n_c:,}) = {fmt(weight)}. Rarer classes get "
        "larger weights, so that every class contributes the same total weight to the loss.",
        ["class-imbalance"],
        IMBALANCE,
        references=[
            "https://scikit-learn.org/stable/modules/generated/sklearn.utils.class_weight.compute_class_weight.html"
        ],
    )


@family("calc-stratified-split", kinds=4)
def stratified_split(f: Family, rng: random.Random, kind: int) -> Question | None:
    rare, common = rng.choice(LABELS)
    if kind in (0, 3):
        test = rng.choice([0.2, 0.25])
        unit = 20 if test == 0.2 else 4
        positives = rng.randrange(5, 150) * unit
        n = positives * rng.randrange(4, 30) + rng.randrange(0, 50) * unit
        in_test = round(positives * test)
        in_train = positives - in_test
        side = "test" if kind == 0 else "training"
        stem = (
            f"A dataset has {n:,} rows, {positives:,} of them {rare}. It is split into training and test sets with "
            f"a {test:.0%} test share, stratified by the label. How many {rare} rows land in the {side} set?"
        )
        twice = (
            count(round(positives * (1 - test) * test)),
            "this applies the test share twice, to rows already split.",
        )
        if kind == 0:
            right = (
                count(in_test),
                f"{positives:,} × {test:g} = {in_test:,}: the test set keeps the {rare} share.",
            )
            wrong = [
                (count(round(n * test)), f"this is the size of the whole test set, not its {rare} rows."),
                (count(in_train), f"this is the number of {rare} rows in the training set."),
                *(
                    [
                        (
                            count(round(n * test / 2)),
                            "this assumes the test set is half and half, which stratification does not do.",
                        )
                    ]
                    if n * test / 2 < positives  # never more than there are
                    else []
                ),
                twice,
            ]
        else:
            right = (
                count(in_train),
                f"{positives:,} × {1 - test:g} = {in_train:,}: the training set keeps the {rare} share.",
            )
            wrong = [
                (count(in_test), f"this is the number of {rare} rows in the test set."),
                (
                    count(round(n * (1 - test))),
                    f"this is the size of the whole training set, not its {rare} rows.",
                ),
                (count(positives), f"this is every {rare} row; {test:.0%} of them go to the test set."),
                twice,
            ]
        working = (
            f"Stratification keeps each class's share in both sets: {positives:,} / {n:,} of the rows are {rare}, "
            f"so the test set gets {test:.0%} of them, {positives:,} × {test:g} = {in_test:,}, and the training set "
            f"the other {in_train:,}."
        )
        topics, domains, params = ["class-imbalance"], SPLIT, f"{kind}|{n}|{positives}|{test}"
    else:
        k = rng.choice([4, 5, 10])
        positives = rng.randrange(4, 60) * k
        negatives = positives * rng.randrange(3, 20) + rng.randrange(0, 20) * k
        n = positives + negatives
        if kind == 1:
            ask = f"How many {rare} rows does each round's training portion hold?"
            value = positives * (k - 1) // k
            right = (count(value), f"{positives:,} × ({k} - 1) / {k} = {value:,}.")
            wrong = [
                (
                    count(positives // k),
                    f"this is the {rare} rows of one fold, the validation part of a round.",
                ),
                (count(n * (k - 1) // k), "this is every row of the training portion, of both classes."),
                (count(positives), f"this is every {rare} row; one fold of them is held out each round."),
                (count(negatives * (k - 1) // k), f"this counts the {common} rows of the training portion."),
            ]
        else:
            ask = f"How many {common} rows does each validation fold hold?"
            value = negatives // k
            right = (count(value), f"{negatives:,} / {k} = {value:,}.")
            wrong = [
                (count(n // k), "this is the size of a whole fold, both classes together."),
                (
                    count(negatives * (k - 1) // k),
                    f"this is the {common} rows of a round's training portion.",
                ),
                (count(positives // k), f"this counts the {rare} rows of a fold."),
                (count(negatives // (k - 1)), f"this divides by {k - 1} instead of {k} folds."),
                (count(negatives // (k + 1)), f"this divides by {k + 1} instead of {k} folds."),
            ]
        stem = (
            f"A dataset has {positives:,} {rare} and {negatives:,} {common} rows. It is evaluated with stratified "
            f"{k}-fold cross-validation: each round holds out one fold for validation and trains on the other "
            f"{k - 1}. {ask}"
        )
        working = (
            f"Stratified folds keep the class shares: each of the {k} folds gets {positives:,} / {k} = "
            f"{positives // k:,} {rare} and {negatives:,} / {k} = {negatives // k:,} {common} rows. A round trains "
            f"on {k - 1} folds: {positives * (k - 1) // k:,} {rare} and {negatives * (k - 1) // k:,} {common} rows."
        )
        topics, domains, params = (
            ["stratified-k-fold", "class-imbalance"],
            TRAINING,
            f"{kind}|{k}|{positives}|{negatives}",
        )
    return numeric_question(f.name, params, stem, right, wrong, working, topics, domains)


@family("calc-majority-baseline", kinds=2)
def majority_baseline(f: Family, rng: random.Random, kind: int) -> Question | None:
    rare, common = rng.choice(LABELS)
    n = rng.randrange(2, 100) * 1000  # whole thousands: the baseline is exact to 0.1%
    positives = n // 1000 * rng.randrange(5, 150)
    baseline = (n - positives) / n
    if kind == 0:
        stem = (
            f"A dataset has {n:,} rows, {positives:,} of them {rare}. What accuracy does a model that always "
            f"predicts '{common}' reach on it? (One decimal place.)"
        )
        right = (percent(baseline), f"it is right on every {common} row: {n - positives:,} / {n:,}.")
        wrong = [
            (
                percent(positives / n),
                f"this is the {rare} share, the accuracy of always predicting '{rare}'.",
            ),
            (
                percent(0.5),
                f"this treats the constant guess as a coin flip; it is right on every {common} row.",
            ),
            (
                percent(0.0),
                f"this is its recall on the {rare} class; accuracy also counts the {common} rows.",
            ),
            (percent((n - 2 * positives) / n), f"this subtracts the {rare} rows twice."),
        ]
        working = (
            f"Always predicting '{common}' is right on all {n - positives:,} {common} rows and wrong on the "
            f"{positives:,} {rare} ones: accuracy = {n - positives:,} / {n:,} = {percent(baseline)}, while it finds "
            f"none of the {rare} rows. On imbalanced data, compare a model's accuracy with this baseline, or use "
            "precision, recall, F1 or PR-AUC."
        )
        params = f"{kind}|{n}|{positives}"
    else:
        accuracy = round(baseline * 1000 + rng.randrange(-25, 26)) / 1000
        if accuracy >= 1 or accuracy == round(baseline, 3):
            return None
        gain = (accuracy - baseline) * 100

        def points(x: float) -> str:
            return f"{fmt(x, 1)} points"

        stem = (
            f"A model reaches {percent(accuracy)} accuracy on a test set of {n:,} rows, {positives:,} of them "
            f"{rare}. By how many percentage points does it beat a model that always predicts '{common}'? (One "
            "decimal place; negative if it does worse.)"
        )
        right = (points(gain), f"{percent(accuracy)} - {percent(baseline)}.")
        wrong = [
            (
                points(accuracy * 100 - 50),
                "this compares with a coin flip, not with always predicting the majority.",
            ),
            (
                points((accuracy - positives / n) * 100),
                f"this compares with the {rare} share, not the {common} share.",
            ),
            (
                points(accuracy * 100),
                "this compares with zero; the trivial model already scores the majority share.",
            ),
            (points(-gain), "this subtracts the wrong way round."),
        ]
        working = (
            f"Always predicting '{common}' scores {n - positives:,} / {n:,} = {percent(baseline)}; the model's "
            f"{percent(accuracy)} is {points(abs(gain))} {'above' if gain > 0 else 'below'} it. A high accuracy on "
            "imbalanced data can still be no better than the trivial baseline."
        )
        params = f"{kind}|{n}|{positives}|{accuracy}"
    return numeric_question(
        f.name,
        params,
        stem,
        right,
        wrong,
        working,
        ["accuracy", "class-imbalance"],
        EVALUATION,
    )


FAMILIES = [class_weights, stratified_split, majority_baseline]
