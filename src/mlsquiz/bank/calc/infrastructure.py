"""Sizing and cost: Kinesis shards, training and hosting cost, endpoint auto scaling targets.

Prices are given in the stem as illustrative figures; no question states a real AWS price.
"""

from __future__ import annotations

import math
import random

from mlsquiz.bank.calc.common import (
    COST,
    INGESTION,
    SCALING_INFRA,
    Family,
    count,
    money,
    numeric_question,
    percent,
)
from mlsquiz.bank.schema import Question

RECORD_KB = [0.5, 1, 2, 3, 5, 10, 20, 50]
KINESIS_DOCS = [
    "https://docs.aws.amazon.com/streams/latest/dev/working-with-streams.html",
    "https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html",
]
SPOT_DOCS = [
    "https://docs.aws.amazon.com/sagemaker/latest/dg/model-managed-spot-training.html",
    "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html",
]
SCALING_DOCS = ["https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-loadtest.html"]


def kinesis_shards(rng: random.Random, kind: int) -> Question | None:
    size = rng.choice(RECORD_KB)
    rate = rng.randrange(15, 400) * 100
    mb = rate * size / 1024
    by_bytes, by_records = math.ceil(mb), math.ceil(rate / 1000)
    write = max(by_bytes, by_records)
    if by_bytes == by_records or write > 80:
        return None
    intro = (
        f"Producers write {rate:,} records per second to an Amazon Kinesis Data Streams stream in provisioned "
        f"mode; records average {size:g} KB (1 MB = 1,024 KB, as the shard limits use)."
    )
    limits = (
        f"Each shard takes up to 1 MB/s or 1,000 records/s of writes. Bytes: {rate:,} × {size:g} KB = "
        f"{mb:,.2f} MB/s → {by_bytes} shards; records: {rate:,} / 1,000 → {by_records} shards; writes need "
        f"{write}."
    )
    wrong_limit = "records" if write == by_bytes else "bytes"
    if kind == 0:
        stem = f"{intro} What is the fewest shards that can take this write load?"
        value = write
        right = (count(write), "the larger of the byte and the record limits, each rounded up.")
        wrong = [
            (
                count(min(by_bytes, by_records)),
                f"this checks only the {wrong_limit} limit, but the {'byte' if wrong_limit == 'records' else 'record'} limit needs more shards.",
            ),
            (
                count(math.ceil(mb / 2)),
                "this uses the 2 MB/s read limit for writes; writes get 1 MB/s per shard.",
            ),
            (
                count(by_bytes + by_records),
                "this adds the two limits; a shard meets both at once, so take the larger.",
            ),
            (
                count(math.floor(max(mb, rate / 1000))),
                "this rounds down; part of a shard's load still needs a whole shard.",
            ),
        ]
        working = limits
        params = f"{rate}|{size}"
    else:
        consumers = rng.randrange(3, 7)
        read_mb = consumers * mb
        by_reads = math.ceil(read_mb / 2)
        if by_reads <= write:
            return None
        value = by_reads
        stem = (
            f"{intro} {consumers} consumer applications each read every record with the standard shared-"
            "throughput GetRecords API (no enhanced fan-out). What is the fewest shards that serves both the "
            "writes and the reads?"
        )
        right = (count(value), f"reads of {read_mb:,.2f} MB/s at 2 MB/s per shard need more than the writes.")
        wrong = [
            (
                count(write),
                "this sizes for the writes only; the consumers share each shard's 2 MB/s of reads.",
            ),
            (count(math.ceil(read_mb)), "this gives reads 1 MB/s per shard; a shard serves 2 MB/s of reads."),
            (count(math.ceil(mb / 2)), "this counts one consumer; every consumer reads the whole stream."),
            (count(write + by_reads), "this adds the write and read shard counts; each shard serves both."),
        ]
        working = (
            f"{limits} Reads: {consumers} consumers × {mb:,.2f} MB/s = {read_mb:,.2f} MB/s, shared by all "
            f"consumers at 2 MB/s per shard → {by_reads} shards. The stream needs the largest of these, {value}."
        )
        params = f"{rate}|{size}|{consumers}"
    return numeric_question(
        "calc-kinesis-shards",
        params,
        stem,
        right,
        wrong,
        working + " (Enhanced fan-out would give each consumer its own 2 MB/s per shard.)"
        if kind
        else working,
        ["kinesis-data-streams"],
        INGESTION,
        2 if kind == 0 else 3,
        KINESIS_DOCS,
    )


def training_cost(rng: random.Random, kind: int) -> Question | None:
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
            "calc-training-cost",
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
    return numeric_question("calc-training-cost", params, stem, right, wrong, working, topics, COST)


def hosting_cost(rng: random.Random, kind: int) -> Question | None:
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
    return numeric_question("calc-hosting-cost", params, stem, right, wrong, working, topics, COST)


def autoscaling_target(rng: random.Random, kind: int) -> Question | None:
    if kind == 0:
        max_rps = rng.randrange(2, 40) * 10
        safety = rng.choice([0.5, 0.6, 0.7, 0.8])
        target = max_rps * safety * 60
        stem = (
            f"Load tests show that one instance of a SageMaker endpoint variant handles at most {max_rps} requests "
            f"per second before latency climbs. With a safety factor of {safety:g}, what target value should a "
            "target-tracking policy on SageMakerVariantInvocationsPerInstance use?"
        )
        right = (count(round(target)), f"{max_rps} × {safety:g} × 60.")
        wrong = [
            (
                count(round(max_rps * safety)),
                "this stays in requests per second; the metric counts invocations per minute.",
            ),
            (
                count(max_rps * 60),
                "this leaves out the safety factor, so instances would run at their limit.",
            ),
            (
                count(round(max_rps * 60 / safety)),
                "this divides by the safety factor instead of multiplying.",
            ),
        ]
        working = (
            f"SageMakerVariantInvocationsPerInstance is a per-minute metric, so target = MAX_RPS × SAFETY_FACTOR × "
            f"60 = {max_rps} × {safety:g} × 60 = {round(target):,}. SageMaker suggests starting load tests with a "
            "safety factor of 0.5."
        )
        params = f"target|{max_rps}|{safety}"
    else:
        target = rng.randrange(5, 80) * 50
        peak = rng.randrange(20, 800) * 5
        needed = math.ceil(peak * 60 / target)
        if peak * 60 % target == 0 or needed < 2:
            return None
        stem = (
            f"A SageMaker endpoint's target-tracking policy keeps SageMakerVariantInvocationsPerInstance at "
            f"{target:,}. Peak traffic is {peak:,} requests per second across the endpoint. What is the smallest "
            "number of instances that keeps the invocations per instance at or below the target at peak?"
        )
        right = (count(needed), f"⌈{peak:,} × 60 / {target:,}⌉.")
        wrong = [
            (
                count(math.floor(peak * 60 / target)),
                "this rounds down, leaving each instance above the target.",
            ),
            (count(math.ceil(peak / target)), "this compares requests per second with a per-minute target."),
            (
                count(math.ceil(peak * 60 / target / 2)),
                "this halves the load as if a safety factor were applied twice.",
            ),
            (
                count(math.ceil(peak * 3600 / target)),
                "this converts the load to requests per hour, not per minute.",
            ),
        ]
        working = (
            f"The metric is invocations per instance per minute. Peak load = {peak:,} × 60 = {peak * 60:,} per "
            f"minute; {peak * 60:,} / {target:,} = {peak * 60 / target:.2f} → {needed} instances."
        )
        params = f"instances|{target}|{peak}"
    return numeric_question(
        "calc-autoscaling-target",
        params,
        stem,
        right,
        wrong,
        working,
        ["sagemaker-endpoint-autoscaling"],
        SCALING_INFRA,
        references=SCALING_DOCS,
    )


FAMILIES = [
    Family("calc-kinesis-shards", kinesis_shards, kinds=2),
    Family("calc-training-cost", training_cost, kinds=3),
    Family("calc-hosting-cost", hosting_cost, kinds=3),
    Family("calc-autoscaling-target", autoscaling_target, kinds=2),
]
