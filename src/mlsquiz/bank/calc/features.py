"""Feature engineering: one-hot columns, TF-IDF weights, PCA explained variance, cosine similarity."""

from __future__ import annotations

import math
import random

from mlsquiz.bank.calc.common import (
    DATA_PREP,
    Family,
    count,
    family,
    fmt,
    numeric_question,
    percent,
    task_ids,
)
from mlsquiz.bank.schema import Question

CATEGORICAL = [
    "country",
    "device type",
    "browser",
    "payment method",
    "plan tier",
    "store region",
    "product line",
]


@family("calc-one-hot-columns", kinds=2)
def one_hot_columns(f: Family, rng: random.Random, kind: int) -> Question | None:
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
        f.name,
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


@family("calc-tf-idf")
def tf_idf(f: Family, rng: random.Random, kind: int) -> Question | None:
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
        f.name,
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


@family("calc-pca-variance", kinds=3)
def pca_variance(f: Family, rng: random.Random, kind: int) -> Question | None:
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
        f.name,
        params,
        stem,
        right,
        wrong,
        f"Shares: {shares}; cumulative: {running}. {working}",
        ["pca"],
        DATA_PREP,
    )


SIMILARITY = task_ids("similarity")


@family("calc-cosine-similarity")
def cosine_similarity(f: Family, rng: random.Random, kind: int) -> Question | None:
    dim = rng.choice([3, 4])
    a = [rng.randrange(-3, 7) for _ in range(dim)]
    b = [rng.randrange(-3, 7) for _ in range(dim)]
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm_a, norm_b = math.sqrt(sum(x * x for x in a)), math.sqrt(sum(y * y for y in b))
    if not norm_a or not norm_b or dot == 0:
        return None
    cos = dot / (norm_a * norm_b)
    if abs(cos) > 0.995:
        return None
    distance = math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)))

    def show(v: list[int]) -> str:
        return "(" + ", ".join(str(x) for x in v) + ")"

    stem = (
        f"A retrieval step ranks documents by the cosine similarity of their embeddings to the query's. The query "
        f"embeds to {show(a)} and a document to {show(b)}. What is their cosine similarity? (Round to two decimal "
        "places.)"
    )
    # Mistakes whose value lies outside [-1, 1] are left out: anyone who knows that a cosine similarity lies in
    # that range would rule them out without calculating.
    head_a, head_b = a[:-1], b[:-1]
    head_norms = math.sqrt(sum(x * x for x in head_a)) * math.sqrt(sum(y * y for y in head_b))
    mistakes: list[tuple[float, str]] = [
        (1 - cos, "this is the cosine distance, 1 minus the similarity."),
        (dot / (norm_a * norm_a), "this divides by the query's norm twice and ignores the document's."),
        (dot / (norm_b * norm_b), "this divides by the document's norm twice and ignores the query's."),
        (
            2 * dot / (norm_a**2 + norm_b**2),
            "this divides by the mean of the two squared lengths, not by the product of the lengths.",
        ),
    ]
    if head_norms:
        mistakes.append(
            (
                sum(x * y for x, y in zip(head_a, head_b, strict=True)) / head_norms,
                "this leaves the last component out of the dot product and of both lengths.",
            )
        )
    mistakes += [
        (dot / (norm_a + norm_b), "this divides the dot product by the sum of the norms, not their product."),
        (distance, "this is the Euclidean distance between the two vectors."),
        (dot / dim, "this averages the element-wise products instead of dividing by the norms."),
    ]
    squares_a = " + ".join(f"({x})²" if x < 0 else f"{x}²" for x in a)
    squares_b = " + ".join(f"({y})²" if y < 0 else f"{y}²" for y in b)
    return numeric_question(
        f.name,
        f"{a}|{b}",
        stem,
        (fmt(cos), f"{dot} / ({fmt(norm_a)} × {fmt(norm_b)}) = {fmt(cos)}."),
        [(fmt(v), why) for v, why in mistakes if -1 <= v <= 1],
        f"Dot product = {' + '.join(f'({x})×({y})' for x, y in zip(a, b, strict=True))} = {dot}; "
        f"|query| = √({squares_a}) = {fmt(norm_a)}; |document| = √({squares_b}) = {fmt(norm_b)}; cosine "
        f"similarity = {dot} / ({fmt(norm_a)} × {fmt(norm_b)}) = {fmt(cos)}. It ignores the vectors' lengths, so "
        "only their direction counts; 1 means the same direction.",
        ["sagemaker-knn", "opensearch"],
        SIMILARITY,
    )


FAMILIES = [one_hot_columns, tf_idf, pca_variance, cosine_similarity]
