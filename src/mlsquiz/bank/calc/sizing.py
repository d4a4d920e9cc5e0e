"""Sizing: Kinesis Data Streams shards and SageMaker endpoint auto scaling targets."""

from __future__ import annotations

import math
import random

from mlsquiz.bank.calc.common import INGESTION, SCALING_INFRA, Family, count, family, numeric_question
from mlsquiz.bank.schema import Question

RECORD_KB = [0.5, 1, 2, 3, 5, 10, 20, 50]
KINESIS_DOCS = [
    "https://docs.aws.amazon.com/streams/latest/dev/working-with-streams.html",
    "https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html",
]
SCALING_DOCS = ["https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-loadtest.html"]


@family("calc-kinesis-shards", kinds=2)
def kinesis_shards(f: Family, rng: random.Random, kind: int) -> Question | None:
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
        f.name,
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


@family("calc-autoscaling-target", kinds=2)
def autoscaling_target(f: Family, rng: random.Random, kind: int) -> Question | None:
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
        f.name,
        params,
        stem,
        right,
        wrong,
        working,
        ["sagemaker-endpoint-autoscaling"],
        SCALING_INFRA,
        references=SCALING_DOCS,
    )


FAMILIES = [kinesis_shards, autoscaling_target]
