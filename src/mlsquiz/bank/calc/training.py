"""Training: learning-rate schedules, steps and epochs, and the loss of one prediction."""

from __future__ import annotations

import math
import random

from mlsquiz.bank.calc.common import (
    TRAINING,
    TUNING,
    Family,
    count,
    decimal,
    family,
    fmt,
    numeric_question,
)
from mlsquiz.bank.schema import Question


@family("calc-lr-step-decay")
def step_decay(f: Family, rng: random.Random, kind: int) -> Question | None:
    lr0 = rng.choice([0.1, 0.2, 0.05, 0.01, 0.4])
    drop = rng.choice([0.5, 0.1])
    every = rng.choice([5, 10, 20])
    epoch = every * rng.randrange(1, 4) + rng.randrange(1, every)
    steps = epoch // every

    def lr(power: float, lr0: float = lr0, drop: float = drop) -> str:
        return decimal(lr0 * drop**power)

    # Every option is written with as many decimals as the longest, so that none stands out by its form.
    texts = [lr(steps), lr(steps + 1), lr(steps - 1), decimal(lr0 * drop * steps)]
    places = max(len(t.partition(".")[2]) for t in texts)
    key, more, fewer, product = (f"{float(t):.{places}f}" for t in texts)
    stem = (
        f"Training uses step decay: the learning rate starts at {lr0} at epoch 0 and is multiplied by {drop} "
        f"every {every} epochs, that is at the start of epochs {every}, {2 * every}, {3 * every} and so on. "
        f"What learning rate is used during epoch {epoch}?"
    )
    return numeric_question(
        f.name,
        f"{lr0}|{drop}|{every}|{epoch}",
        stem,
        (key, f"⌊{epoch}/{every}⌋ = {steps} drops: {lr0} × {drop}^{steps}."),
        [
            (more, "this counts one drop too many."),
            (fewer, "this counts one drop too few."),
            (product, "this multiplies by the number of drops instead of raising the factor to that power."),
        ],
        f"Step decay: lr = lr0 × drop^⌊epoch / step⌋ = {lr0} × {drop}^⌊{epoch}/{every}⌋ = {lr0} × {drop}^{steps} "
        f"= {key}.",
        ["learning-rate-decay", "learning-rate"],
        TUNING,
    )


@family("calc-training-steps", kinds=3)
def training_steps(f: Family, rng: random.Random, kind: int) -> Question | None:
    examples = rng.randrange(20, 400) * 250 + rng.randrange(1, 250)
    if kind == 0:
        batch = rng.choice([32, 64, 128, 256, 512])
        epochs = rng.randrange(3, 21)
        per_epoch = math.ceil(examples / batch)
        total = per_epoch * epochs
        stem = (
            f"A model trains on {examples:,} examples with a mini-batch size of {batch} for {epochs} epochs on one "
            "GPU. The last, smaller batch of each epoch is kept. How many optimizer steps does the whole job take?"
        )
        right = (count(total), f"⌈{examples:,} / {batch}⌉ = {per_epoch:,} steps per epoch × {epochs}.")
        wrong = [
            (
                count(examples // batch * epochs),
                "this drops the last, smaller batch of each epoch; it is kept.",
            ),
            (count(per_epoch), "this is the steps of one epoch, not of all of them."),
            (
                count(math.ceil(examples * epochs / batch)),
                "this lets a batch run across epochs; each epoch starts a new batch.",
            ),
            (count(examples * epochs // batch - epochs), "this counts one step too few per epoch."),
        ]
        working = (
            f"Steps per epoch = ⌈{examples:,} / {batch}⌉ = {per_epoch:,}; × {epochs} epochs = {total:,}."
        )
        topics = ["mini-batch-gradient-descent"]
        params = f"{examples}|{batch}|{epochs}"
    else:
        nodes = rng.choice([1, 2, 4])
        gpus = rng.choice([4, 8])
        batch = rng.choice([16, 32, 64, 128])
        world = nodes * gpus
        global_batch = world * batch
        per_epoch = math.ceil(examples / global_batch)
        epochs = 1 if kind == 1 else rng.randrange(2, 11)
        total = per_epoch * epochs
        ask = (
            "How many steps make one epoch?"
            if kind == 1
            else f"How many steps does a job of {epochs} epochs take?"
        )
        stem = (
            f"A data-parallel training job runs on {nodes} instance{'s' if nodes > 1 else ''} with {gpus} GPUs{' each' if nodes > 1 else ''}, "
            f"{batch} examples per GPU per step, over {examples:,} examples. Each step, every GPU processes its own "
            f"mini-batch and the gradients are averaged; the last, smaller global batch is kept. {ask}"
        )
        right = (
            count(total),
            f"global batch {world} GPUs × {batch} = {global_batch:,}; ⌈{examples:,} / {global_batch:,}⌉"
            + (f" × {epochs}." if epochs > 1 else "."),
        )
        wrong = [
            (
                count(math.ceil(examples / batch) * epochs),
                "this ignores the other GPUs: each step covers all of their batches.",
            ),
            (
                count(math.ceil(examples / (nodes * batch)) * epochs),
                "this counts instances, not GPUs, as workers.",
            ),
            (
                count(examples // global_batch * epochs),
                "this drops the last, smaller global batch; it is kept.",
            ),
            (
                count(math.ceil(examples / batch) * world * epochs),
                "this multiplies by the number of GPUs instead of dividing.",
            ),
        ]
        working = (
            f"Global batch = {nodes} × {gpus} GPUs × {batch} = {global_batch:,} examples per step. Steps per epoch "
            f"= ⌈{examples:,} / {global_batch:,}⌉ = {per_epoch:,}"
            + (f"; × {epochs} epochs = {total:,}." if epochs > 1 else ".")
        )
        topics = ["sagemaker-distributed-training", "mini-batch-gradient-descent"]
        params = f"{kind}|{examples}|{nodes}|{gpus}|{batch}|{epochs}"
    return numeric_question(f.name, params, stem, right, wrong, working, topics, TRAINING)


@family("calc-log-loss", kinds=2)
def log_loss(f: Family, rng: random.Random, kind: int) -> Question | None:
    p = rng.randrange(5, 96) / 100
    actual = 1 - kind  # kind 0: the example is positive; kind 1: negative
    p_true = p if actual == 1 else 1 - p
    loss = -math.log(p_true)
    label = "fraudulent (class 1)" if actual == 1 else "legitimate (class 0)"
    stem = (
        f"A binary classifier gives a transaction a probability of {p:.2f} of being fraudulent (class 1). The "
        f"transaction is actually {label}. What is the log loss (binary cross-entropy, natural logarithm) of this "
        "one prediction? (Round to three decimal places.)"
    )
    return numeric_question(
        f.name,
        f"{p}|{actual}",
        stem,
        (fmt(loss, 3), f"-ln({p_true:.2f}) = {fmt(loss, 3)}."),
        [
            (
                fmt(-math.log(1 - p_true), 3),
                "this takes the log of the probability given to the wrong class.",
            ),
            (fmt(-math.log10(p_true), 3), "this uses the base-10 logarithm; log loss uses the natural log."),
            (fmt(1 - p_true, 3), "this is the absolute error of the probability, not its log loss."),
            (fmt((1 - p_true) ** 2, 3), "this is the squared error (the Brier score), not the log loss."),
        ],
        f"Log loss = -[y × ln(p) + (1 - y) × ln(1 - p)] with y = {actual} and p = {p:.2f}, so only the term for the "
        f"true class remains: -ln({p_true:.2f}) = {fmt(loss, 3)}. A confident wrong prediction costs far more than "
        "a hesitant one.",
        ["logistic-regression"],
        TRAINING,
    )


FAMILIES = [step_decay, training_steps, log_loss]
