"""Cost: training jobs (on demand and managed Spot) and hosting (real-time, A/B variants, batch transform).

Prices are given in the stem as illustrative figures; no question states a real AWS price.
"""

from __future__ import annotations

import math
import random

from mlsquiz.bank.calc.common import COST, Family, family, money, numeric_question, percent
from mlsquiz.bank.schema import Question

SPOT_DOCS = [
    "https://docs.aws.amazon.com/sagemaker/latest/dg/model-managed-spot-training.html",
    "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html",
]


@family("calc-training-cost", kinds=3)
def training_cost(f: Family, rng: random.Random, kind: int) -> Question | None:
    price = rng.randrange(40, 1600) / 100
    instances = rng.choice([1, 2, 4, 8])
    if kind == 1:
        training = rng.randrange(20, 200) * 60
        billable = round(training * rng.randrange(10, 80) / 100)
        instances = rng.choice([2, 4, 8])
        saving = 1 - billable / training
        stem = (
            f"A SageMaker managed Spot training job on {instances} instances reports TrainingTimeInSeconds = "
            f"{training:,} and BillableTimeInSeconds = {billable:,}. What are its managed Spot savings? (One "
            "decimal place.)"
        )
        return numeric_question(
            f.name,
            f"spot-savings|{instances}|{training}|{billable}",
            stem,
            (percent(saving), f"(1 - {billable:,} / {training:,}) × 100."),
            [
                (
                    percent(billable / training),
                    "this is the billable share of the training time, not the saving.",
                ),
                *(
                    [
                        (
                            percent((training - billable) / billable),
                            "this divides the time saved by the billable time, not the training time.",
                        )
                    ]
                    if 2 * billable > training  # below 100%, so that it is a plausible saving
                    else []
                ),
                *(
                    [
                        (
                            percent(1 - instances * billable / training),
                            "this multiplies the billable time by the instance count; both times are wall-clock, "
                            "so the count does not enter the percentage.",
                        )
                    ]
                    if instances * billable < training
                    else []
                ),
                (
                    percent(1 - billable / (training * instances)),
                    "this multiplies the training time by the instance count; both times are wall-clock, so the "
                    "count does not enter the percentage.",
                ),
                (
                    percent(saving / instances),
                    "this divides the saving among the instances; both times are wall-clock, so the count does "
                    "not enter the percentage.",
                ),
            ],
            f"Savings = (1 - BillableTimeInSeconds / TrainingTimeInSeconds) × 100 = (1 - {billable:,} / {training:,}) "
            f"× 100 = {percent(saving)}. The instance count matters for the bill (billable time × {instances} "
            "instances), not for the percentage.",
            ["sagemaker-managed-spot-training"],
            COST,
            references=SPOT_DOCS,
        )
    minutes = rng.randrange(3, 20) * 15
    hours = minutes / 60
    if kind == 0:
        stem = (
            f"A SageMaker training job runs on {instances} instance{'s' if instances > 1 else ''} for {minutes} "
            f"minutes. Take ${price:.2f} per instance-hour as the on-demand price (an illustrative figure, not a "
            "quoted one). What is the job's compute cost?"
        )
        cost = instances * hours * price
        right = (money(cost), f"{instances} × {hours:g} h × ${price:.2f}.")
        wrong = [
            (money(hours * price), "this prices one instance; every instance of the job is billed."),
            (
                money(instances * minutes / 100 * price),
                f"this reads {minutes} minutes as {minutes / 100:g} hours.",
            ),
            (money(instances * math.ceil(hours) * price), "this rounds the run up to whole hours."),
            (money(instances * price), "this prices a single hour."),
        ]
        working = f"{minutes} minutes = {hours:g} hours; cost = instances × hours × price = {instances} × {hours:g} × ${price:.2f} = {money(cost)}."
        topics = ["sagemaker"]
        params = f"on-demand|{instances}|{minutes}|{price}"
    else:
        saving = rng.randrange(4, 19) * 5 / 100
        stem = (
            f"A SageMaker training job runs on {instances} instance{'s' if instances > 1 else ''} for {minutes} "
            f"minutes. Take ${price:.2f} per instance-hour as the on-demand price (an illustrative figure), and "
            f"assume managed Spot training saves {saving:.0%} of the on-demand cost. What does the job cost with "
            "managed Spot training?"
        )
        full = instances * hours * price
        cost = full * (1 - saving)
        right = (money(cost), f"{money(full)} on demand × (1 - {saving:g}).")
        wrong = [
            (
                money(full * saving),
                f"this is the amount saved, not the amount paid: {saving:.0%} of {money(full)}.",
            ),
            (
                money(hours * price * (1 - saving)),
                "this prices one instance; every instance of the job is billed.",
            ),
            (money(full), "this is the on-demand cost, without the Spot saving."),
            (money(full / (1 - saving)), "this divides by the remaining share instead of multiplying."),
        ]
        working = (
            f"On demand: {instances} × {hours:g} h × ${price:.2f} = {money(full)}. With a {saving:.0%} saving the job "
            f"costs {money(full)} × {1 - saving:g} = {money(cost)}."
        )
        topics = ["sagemaker-managed-spot-training"]
        params = f"spot|{instances}|{minutes}|{price}|{saving}"
    return numeric_question(f.name, params, stem, right, wrong, working, topics, COST)


@family("calc-hosting-cost", kinds=3)
def hosting_cost(f: Family, rng: random.Random, kind: int) -> Question | None:
    price = rng.randrange(5, 500) / 100
    days = rng.choice([28, 30, 31])
    if kind == 0:
        instances = rng.randrange(2, 7)
        busy = rng.randrange(6, 15)
        weekdays = rng.choice([20, 21, 22])
        stem = (
            f"A SageMaker real-time endpoint runs {instances} instances all month ({days} days); it gets traffic "
            f"only about {busy} hours a day on the {weekdays} weekdays. Take ${price:.2f} per instance-hour (an "
            "illustrative price). What is the endpoint's compute cost for the month?"
        )
        cost = instances * 24 * days * price
        right = (
            money(cost),
            f"{instances} × 24 × {days} × ${price:.2f}: instances are billed while they run.",
        )
        wrong = [
            (
                money(instances * busy * weekdays * price),
                "this bills only the busy hours; idle instances are billed too.",
            ),
            (
                money(instances * 24 * weekdays * price),
                "this bills only the weekdays; the instances also run at weekends.",
            ),
            (money(24 * days * price), "this prices one instance; each instance is billed."),
        ]
        working = (
            f"A real-time endpoint is billed for every hour each instance runs, busy or idle: {instances} × 24 h × "
            f"{days} days × ${price:.2f} = {money(cost)}. Idle hours are a reason to consider serverless or "
            "asynchronous inference."
        )
        topics, params = ["sagemaker-realtime-inference"], f"rt|{instances}|{days}|{busy}|{weekdays}|{price}"
    elif kind == 1:
        a, b = rng.randrange(2, 6), rng.randrange(1, 4)
        price_b = rng.randrange(5, 500) / 100
        share = rng.choice([0.9, 0.8, 0.7])
        stem = (
            f"An endpoint has two production variants for an A/B test: variant A on {a} instances at ${price:.2f} "
            f"per instance-hour and variant B on {b} instance{'s' if b > 1 else ''} at ${price_b:.2f} (illustrative "
            f"prices), with traffic weights of {share:.0%} and {1 - share:.0%}. Both run for {days} days. What is "
            "the endpoint's compute cost?"
        )
        hourly = a * price + b * price_b
        cost = 24 * days * hourly
        right = (money(cost), f"24 × {days} × ({a} × ${price:.2f} + {b} × ${price_b:.2f}).")
        weighted = 24 * days * (a * price * share + b * price_b * (1 - share))
        wrong = [
            (
                money(weighted),
                "this scales each variant by its traffic weight; instances cost the same at any traffic.",
            ),
            (money(24 * days * a * price), "this leaves out variant B, whose instances run too."),
            (money(24 * days * (price + price_b)), "this prices one instance per variant."),
            (money(24 * days * (a + b) * price), "this prices variant B's instances at variant A's rate."),
        ]
        working = (
            f"Each variant's instances are billed for every hour they run, whatever share of traffic they get: "
            f"per hour {a} × ${price:.2f} + {b} × ${price_b:.2f} = ${hourly:,.2f}; × 24 × {days} = {money(cost)}."
        )
        topics, params = ["sagemaker-production-variants"], f"ab|{a}|{b}|{price}|{price_b}|{share}|{days}"
    else:
        instances = rng.randrange(2, 11)
        minutes = rng.randrange(2, 16) * 10
        stem = (
            f"A nightly SageMaker batch transform job runs on {instances} instances for {minutes} minutes, every "
            f"night for {days} nights. Take ${price:.2f} per instance-hour (an illustrative price). What does it "
            "cost for the month?"
        )
        cost = instances * minutes / 60 * days * price
        right = (money(cost), f"{instances} × {minutes}/60 h × {days} × ${price:.2f}.")
        wrong = [
            (
                money(instances * 24 * days * price),
                "this bills the instances all day; batch transform releases them when the job ends.",
            ),
            (money(minutes / 60 * days * price), "this prices one instance; each instance is billed."),
            (
                money(instances * minutes / 100 * days * price),
                f"this reads {minutes} minutes as {minutes / 100:g} hours.",
            ),
            (money(instances * minutes / 60 * price), "this prices a single night."),
        ]
        working = (
            f"Batch transform instances are billed only while the job runs: {instances} × {minutes / 60:.4g} h × "
            f"{days} nights × ${price:.2f} = {money(cost)}."
        )
        topics, params = ["sagemaker-batch-transform"], f"batch|{instances}|{minutes}|{days}|{price}"
    return numeric_question(f.name, params, stem, right, wrong, working, topics, COST)


FAMILIES = [training_cost, hosting_cost]
