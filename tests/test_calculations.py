"""Calculation questions: every family's key recomputed here from the numbers in its stem, with its own
arithmetic (exact fractions and decimals, half-up rounding as a candidate rounds by hand); options that are
alike and distinct; fresh numbers for drills; and the counts the shipped bank promises."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.calculations import CALCULATION_TEMPLATES, FAMILIES, is_calculation, vary
from mlsquiz.bank.schema import Question
from mlsquiz.store.facade import Store
from mlsquiz.study.drills import DrillFilter

from .conftest import FakeClock

D = Decimal
Number = Decimal | Fraction | float | int

# -- independent arithmetic --------------------------------------------------------------------------------------


def dec(x: Number) -> Decimal:
    if isinstance(x, Fraction):
        return D(x.numerator) / D(x.denominator)
    if isinstance(x, float):
        return D(repr(x))
    return D(x)


def rounded(x: Number, places: int = 2) -> str:
    value = dec(x).quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{value:.{places}f}".replace("-0.00", "0.00")


def pct(x: Number, places: int = 1) -> str:
    return f"{rounded(dec(x) * 100, places)}%"


def dollars(x: Number) -> str:
    return f"${dec(x).quantize(D('0.01'), rounding=ROUND_HALF_UP):,.2f}"


def whole(n: int) -> str:
    return f"{n:,}"


def ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def ints(text: str) -> list[int]:
    return [int(x.replace(",", "")) for x in re.findall(r"-?\d[\d,]*", text)]


def grab(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    assert match is not None, f"{pattern!r} not in {text!r}"
    return match.group(1)


def num(pattern: str, text: str) -> int:
    return int(grab(pattern, text).replace(",", ""))


def frac(pattern: str, text: str) -> Fraction:
    return Fraction(grab(pattern, text).replace(",", ""))


# -- one solver per family: the expected answer text, from the stem alone ----------------------------------------


def zscore(s: str) -> str:
    mean, std, x = ints(s)[:3]
    return rounded(Fraction(x - mean, std))


def iqr_fences(s: str) -> str:
    q1, _median, q3 = ints(s)[:3]
    iqr = Fraction(q3 - q1)
    return f"lower {float(q1 - Fraction(3, 2) * iqr):g}, upper {float(q3 + Fraction(3, 2) * iqr):g}"


def fixed_width_bins(s: str) -> str:
    low, high, k = ints(s)[:3]
    width = Fraction(high - low, k)
    return ", ".join(f"{float(low + i * width):g}" for i in range(k + 1))


def quantile_bins(s: str) -> str:
    values = sorted(ints(grab(r"collected: ([\d, ]+)\.", s)))
    assert len(values) == 12
    return ", ".join(map(str, values[-3:]))


def min_max_scaling(s: str) -> str:
    low, high = ints(s)[:2]
    x = num(r"the value (\d+)", s)
    return rounded(Fraction(x - low, high - low))


def regression_metric(s: str) -> str:
    pairs = [(int(a), int(p)) for a, p in re.findall(r"(\d+) → (\d+)", s)]
    errors = [p - a for a, p in pairs]
    n = len(errors)
    sse = sum(e * e for e in errors)
    mean = Fraction(sum(a for a, _ in pairs), n)
    sst = sum((a - mean) ** 2 for a, _ in pairs)
    metric = grab(r"What is the (MAE|MSE|RMSE|R²)\?", s)
    value: Number = {
        "MAE": Fraction(sum(map(abs, errors)), n),
        "MSE": Fraction(sse, n),
        "RMSE": math.sqrt(sse / n),
        "R²": 1 - Fraction(sse) / sst,
    }[metric]
    return rounded(value)


def classification_metric(s: str) -> str:
    tp, fp, fn, tn = (
        num(rf"(\d+) {w}", s)
        for w in ("true positives", "false positives", "false negatives", "true negatives")
    )
    precision, recall = Fraction(tp, tp + fp), Fraction(tp, tp + fn)
    metric = grab(r"What is its (precision|recall|F1 score|accuracy)\?", s)
    return rounded(
        {
            "precision": precision,
            "recall": recall,
            "F1 score": 2 * precision * recall / (precision + recall),
            "accuracy": Fraction(tp + tn, tp + fp + fn + tn),
        }[metric]
    )


def step_decay(s: str) -> str:
    lr0, drop = (D(x) for x in re.findall(r"\d+\.\d+", s)[:2])
    every = num(r"every (\d+) epochs", s)
    epoch = num(r"during epoch (\d+)", s)
    return f"{(lr0 * drop ** (epoch // every)).normalize():f}"


def one_hot_columns(s: str) -> str:
    numeric = num(r"has (\d+) numeric feature columns", s)
    cards = [int(c) for c in re.findall(r"\((\d+) distinct values\)", s)]
    dropped = len(cards) if "drop='first'" in s else 0
    return whole(numeric + sum(cards) - dropped)


def tf_idf(s: str) -> str:
    docs = num(r"has ([\d,]+) support tickets", s)
    df = num(r"appears in ([\d,]+) of them", s)
    words = num(r"has (\d+) words", s)
    times = num(r"words, (\d+) of which", s)
    ratio = docs // df
    assert ratio * df == docs and 10 ** round(math.log10(ratio)) == ratio  # a power of ten: idf is exact
    return rounded(Fraction(times, words) * round(math.log10(ratio)), 4)


def pca_variance(s: str) -> str:
    eig = [Fraction(e) for e in grab(r"largest first: ([\d., ]+?)\. ", s).split(", ")]
    total = sum(eig)
    if "does principal component" in s:
        return pct(eig[num(r"principal component (\d) explain", s) - 1] / total)
    if "do the first" in s:
        return pct(sum(eig[: num(r"the first (\d) principal components", s)]) / total)
    threshold = Fraction(num(r"at least (\d+)% of the variance", s), 100)
    return str(next(m for m in range(1, len(eig) + 1) if sum(eig[:m]) / total >= threshold))


def f_beta(s: str) -> str:
    beta = Fraction(grab(r"β = ([\d.]+)\)", s))
    if "true positives" in s:
        tp, fp, fn = (num(rf"(\d+) {w}", s) for w in ("true positives", "false positives", "false negatives"))
        b2 = beta * beta
        return rounded((1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp))  # the count form of the formula
    p, r = frac(r"precision (0\.\d\d)", s), frac(r"recall (0\.\d\d)", s)
    b2 = beta * beta
    return rounded((1 + b2) * p * r / (b2 * p + r))


def confusion_rates(s: str) -> str:
    tp, fp, fn, tn = (
        num(rf"(\d+) {w}", s)
        for w in ("true positives", "false positives", "false negatives", "true negatives")
    )
    metric = grab(r"What is its (specificity|false positive rate|false negative rate)\?", s)
    return rounded(
        {
            "specificity": Fraction(tn, tn + fp),
            "false positive rate": Fraction(fp, fp + tn),
            "false negative rate": Fraction(fn, fn + tp),
        }[metric]
    )


def threshold_metrics(s: str) -> str:
    rows = [
        (Fraction(score), label == "fraud")
        for score, label in re.findall(r"(0\.\d\d) \((fraud|legitimate)\)", s)
    ]
    assert len(rows) == 10
    cut = frac(r"at least (0\.\d\d)", s)
    tp = sum(1 for score, fraud in rows if fraud and score >= cut)
    flagged = sum(1 for score, _ in rows if score >= cut)
    frauds = sum(1 for _, fraud in rows if fraud)
    metric = grab(r"What is the (recall|precision) for", s)
    return rounded(Fraction(tp, flagged if metric == "precision" else frauds))


def log_loss(s: str) -> str:
    p = float(grab(r"probability of (0\.\d\d)", s))
    fraud = "actually fraudulent" in s
    return rounded(-math.log(p if fraud else 1 - p), 3)


def training_steps(s: str) -> str:
    if "on one GPU" in s:
        examples = num(r"trains on ([\d,]+) examples", s)
        batch = num(r"mini-batch size of (\d+)", s)
        epochs = num(r"for (\d+) epochs", s)
        return whole(ceil_div(examples, batch) * epochs)
    nodes = num(r"runs on (\d+) instance", s)
    gpus = num(r"with (\d+) GPUs", s)
    batch = num(r"(\d+) examples per GPU per step", s)
    examples = num(r"over ([\d,]+) examples", s)
    epochs = num(r"a job of (\d+) epochs", s) if "a job of" in s else 1
    return whole(ceil_div(examples, nodes * gpus * batch) * epochs)


def class_weights(s: str) -> str:
    if "scale_pos_weight" in s:
        positives = num(r"has ([\d,]+) \w+ examples \(the positive class\)", s)
        negatives = num(r"and ([\d,]+) \w+ ones", s)
        return rounded(Fraction(negatives, positives))
    counts = {
        name: int(n.replace(",", ""))
        for n, name in re.findall(r"(\d[\d,]*) (\w+)", grab(r"has (.+?) (?:risk-level )?examples\.", s))
    }
    asked = grab(r"does the (\w+) class get", s)
    return rounded(Fraction(sum(counts.values()), len(counts) * counts[asked]))


def stratified_split(s: str) -> str:
    if "test share" in s:
        positives = num(r"rows, ([\d,]+) of them", s)
        share = Fraction(num(r"a (\d+)% test share", s), 100)
        value = positives * share
        assert value.denominator == 1
        return whole(int(value) if "in the test set" in s else positives - int(value))
    positives, negatives = ints(grab(r"has ([\d,]+ \w+ and [\d,]+) \w+ rows", s))
    k = num(r"stratified (\d+)-fold", s)
    if "training portion" in s:
        return whole(positives * (k - 1) // k)
    return whole(negatives // k)


def kinesis_shards(s: str) -> str:
    rate = num(r"write ([\d,]+) records per second", s)
    size = Fraction(grab(r"records average ([\d.]+) KB", s))
    mb_per_s = rate * size / 1024
    shards = max(math.ceil(mb_per_s), ceil_div(rate, 1000))  # 1 MB/s and 1,000 records/s in, per shard
    if "consumer applications" in s:
        consumers = num(r"(\d+) consumer applications", s)
        shards = max(shards, math.ceil(consumers * mb_per_s / 2))  # 2 MB/s out per shard, shared
    return whole(shards)


def training_cost(s: str) -> str:
    if "BillableTimeInSeconds" in s:
        training = num(r"TrainingTimeInSeconds = ([\d,]+)", s)
        billable = num(r"BillableTimeInSeconds = ([\d,]+)", s)
        return pct(1 - Fraction(billable, training))
    instances = num(r"runs on (\d+) instance", s)
    hours = Fraction(num(r"for (\d+) minutes", s), 60)
    price = frac(r"\$([\d.]+) per instance-hour", s)
    cost = instances * hours * price
    if "managed Spot training saves" in s:
        cost *= 1 - Fraction(num(r"saves (\d+)% of the on-demand cost", s), 100)
    return dollars(cost)


def hosting_cost(s: str) -> str:
    if "production variants" in s:
        a, price_a = (
            num(r"variant A on (\d+) instance", s),
            frac(r"variant A on \d+ instances? at \$([\d.]+)", s),
        )
        b, price_b = (
            num(r"variant B on (\d+) instance", s),
            frac(r"variant B on \d+ instances? at \$([\d.]+)", s),
        )
        days = num(r"run for (\d+) days", s)
        return dollars(24 * days * (a * price_a + b * price_b))
    price = frac(r"\$([\d.]+) per instance-hour", s)
    if "batch transform" in s:
        instances = num(r"runs on (\d+) instances", s)
        minutes = num(r"for (\d+) minutes", s)
        nights = num(r"for (\d+) nights", s)
        return dollars(instances * Fraction(minutes, 60) * nights * price)
    instances = num(r"runs (\d+) instances all month", s)
    days = num(r"all month \((\d+) days\)", s)
    return dollars(instances * 24 * days * price)


def autoscaling_target(s: str) -> str:
    if "safety factor" in s:
        max_rps = num(r"at most (\d+) requests per second", s)
        safety = frac(r"safety factor of ([\d.]+)", s)
        target = max_rps * safety * 60
        assert target.denominator == 1
        return whole(int(target))
    target_value = num(r"SageMakerVariantInvocationsPerInstance at ([\d,]+)", s)
    peak = num(r"Peak traffic is ([\d,]+) requests per second", s)
    return whole(ceil_div(peak * 60, target_value))


def cosine_similarity(s: str) -> str:
    a, b = ([int(x) for x in v.split(", ")] for v in re.findall(r"\((-?\d+(?:, -?\d+)+)\)", s))
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    return rounded(dot / math.sqrt(sum(x * x for x in a) * sum(y * y for y in b)))


def majority_baseline(s: str) -> str:
    n = num(r"([\d,]+) rows", s)
    rare = num(r"rows, ([\d,]+) of them", s)
    baseline = Fraction(n - rare, n)
    if "What accuracy" in s:
        return pct(baseline)
    accuracy = frac(r"reaches ([\d.]+)% accuracy", s) / 100
    return f"{rounded((accuracy - baseline) * 100, 1)} points"


SOLVERS: dict[str, Callable[[str], str]] = {
    "calc-zscore": zscore,
    "calc-iqr-fences": iqr_fences,
    "calc-fixed-width-bins": fixed_width_bins,
    "calc-quantile-bins": quantile_bins,
    "calc-min-max-scaling": min_max_scaling,
    "calc-regression-metric": regression_metric,
    "calc-classification-metric": classification_metric,
    "calc-lr-step-decay": step_decay,
    "calc-one-hot-columns": one_hot_columns,
    "calc-tf-idf": tf_idf,
    "calc-pca-variance": pca_variance,
    "calc-f-beta": f_beta,
    "calc-confusion-rates": confusion_rates,
    "calc-threshold-metrics": threshold_metrics,
    "calc-log-loss": log_loss,
    "calc-training-steps": training_steps,
    "calc-class-weights": class_weights,
    "calc-stratified-split": stratified_split,
    "calc-kinesis-shards": kinesis_shards,
    "calc-training-cost": training_cost,
    "calc-hosting-cost": hosting_cost,
    "calc-autoscaling-target": autoscaling_target,
    "calc-cosine-similarity": cosine_similarity,
    "calc-majority-baseline": majority_baseline,
}


def same(shown: str, expected: str) -> bool:
    """Learning rates are padded to the longest option's decimals; every other answer must match as text."""
    if re.fullmatch(r"0\.\d+", shown) and re.fullmatch(r"0\.\d+", expected) and shown.startswith(expected):
        return D(shown) == D(expected)
    return shown == expected


def answer_text(q: Question) -> str:
    (option,) = q.correct_options
    return option.text


def all_calculations() -> list[Question]:
    return [q for make in CALCULATION_TEMPLATES for q in make()]


@pytest.fixture(scope="module")
def calcs() -> list[Question]:
    return all_calculations()


# -- the families ------------------------------------------------------------------------------------------------


def test_every_family_has_an_independent_solver() -> None:
    assert {f.name for f in FAMILIES} == set(SOLVERS)
    assert len(FAMILIES) >= 24


@pytest.mark.parametrize("family", [f.name for f in FAMILIES])
def test_keys_match_an_independent_calculation(calcs: list[Question], family: str) -> None:
    questions = [q for q in calcs if q.template == family]
    assert len(questions) >= 10, family
    for q in questions:
        assert same(answer_text(q), SOLVERS[family](q.stem)), q.id


def test_options_are_distinct_and_alike(calcs: list[Question]) -> None:
    for q in calcs:
        texts = [o.text for o in q.options]
        assert q.type == "single" and len(texts) == 4 and len(set(texts)) == 4, q.id
        single = [re.fullmatch(r"(\$?)-?[\d,]*\d(\.(\d+))?(%| points)?", t) for t in texts]
        if all(single):
            forms = {(m.group(1), len(m.group(3) or ""), m.group(4)) for m in single if m}
            assert len(forms) == 1, f"{q.id}: options differ in form: {texts}"
        elif q.template == "calc-iqr-fences":
            assert all(re.fullmatch(r"lower -?[\d.]+, upper -?[\d.]+", t) for t in texts), q.id
        else:
            assert all(re.fullmatch(r"-?[\d.]+(, -?[\d.]+)*", t) for t in texts), q.id  # lists of values


def test_explanations_name_the_mistake_and_show_the_working(calcs: list[Question]) -> None:
    for q in calcs:
        for o in q.options:
            prefix = "Correct: " if o.key in q.answer else "Incorrect: "
            assert o.explanation.startswith(prefix) and len(o.explanation) > len(prefix) + 10, q.id
        assert len({o.explanation for o in q.options}) == 4, q.id
        key = answer_text(q)
        if re.fullmatch(r"[$\d,.%-]+", key):
            assert key in q.explanation or key.rstrip("%") in q.explanation, f"{q.id}: working lacks {key}"


def test_answers_vary_in_rank_among_the_options(calcs: list[Question]) -> None:
    """Where distractors can fall on both sides, the answer is not always the largest or the smallest."""
    ranks: Counter[int] = Counter()
    for q in calcs:
        values = [
            float(re.sub(r"[$,%]", "", o.text)) for o in q.options if re.fullmatch(r"[$\d,.%-]+", o.text)
        ]
        if len(values) == 4:
            ranks[sorted(values).index(float(re.sub(r"[$,%]", "", answer_text(q))))] += 1
    total = sum(ranks.values())
    assert total >= 150
    assert all(ranks[r] / total <= 0.4 for r in range(4)), ranks


def test_every_question_maps_to_task_statements_of_both_exams(
    shipped_bank: Bank, calcs: list[Question]
) -> None:
    tasks = {bp: shipped_bank.blueprints[bp].task_ids() for bp in ("mls-c01", "mla-c01")}
    for q in calcs:
        for bp, known in tasks.items():
            assert q.domains.get(bp) in known, q.id


def test_ids_come_from_the_numbers_and_the_original_ids_stay() -> None:
    first = [q.id for q in all_calculations()]
    assert first == [q.id for q in all_calculations()]
    assert len(set(first)) == len(first)
    kept = {  # one question of each original family, as released
        "gen.calc-zscore.c7f4891c",
        "gen.calc-iqr-fences.7f4535ec",
        "gen.calc-regression-metric.fee4d012",
        "gen.calc-classification-metric.ed1ea518",
        "gen.calc-fixed-width-bins.68117038",
        "gen.calc-quantile-bins.61e7a645",
        "gen.calc-lr-step-decay.5d6e9ab9",
        "gen.calc-min-max-scaling.e84797fc",
    }
    assert kept <= set(first)


# -- the shipped bank --------------------------------------------------------------------------------------------


def test_the_shipped_bank_holds_every_family(shipped_bank: Bank) -> None:
    shipped = [q for q in shipped_bank.questions if q.template and q.template.startswith("calc-")]
    per_family = Counter(q.template for q in shipped)
    assert len(shipped) >= 150
    assert len(per_family) >= 12
    assert set(per_family) == set(SOLVERS), "a family whose topics are not all knowledge entries is dropped"
    assert min(per_family.values()) >= 10, per_family


# -- fresh numbers in drills -------------------------------------------------------------------------------------


def test_vary_redraws_the_numbers_and_keeps_the_identity(calcs: list[Question]) -> None:
    changed = 0
    for q in calcs:
        a, again, b = vary(q, 11), vary(q, 11), vary(q, 12)
        assert a == again, q.id
        for fresh in (a, b):
            assert fresh.id == q.id and fresh.template == q.template and fresh.domains == q.domains
            assert fresh.stem != q.stem, q.id
            assert same(answer_text(fresh), SOLVERS[q.template or ""](fresh.stem)), q.id
            assert len({o.text for o in fresh.options}) == 4
        changed += a.stem != b.stem
    assert changed >= 0.95 * len(calcs)


def test_vary_keeps_the_kind_of_question(calcs: list[Question]) -> None:
    for q in calcs:
        if q.template == "calc-regression-metric":
            asked = grab(r"What is the (MAE|MSE|RMSE|R²)\?", q.stem)
            assert grab(r"What is the (MAE|MSE|RMSE|R²)\?", vary(q, 5).stem) == asked


def test_vary_leaves_other_questions_alone(shipped_bank: Bank) -> None:
    others = [q for q in shipped_bank.questions if not (q.template or "").startswith("calc-")][:50]
    assert others
    for q in others:
        assert not is_calculation(q)
        assert vary(q, 3) is q


def test_a_drill_shows_fresh_numbers_and_keeps_them(
    shipped_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    calc = [q for q in shipped_bank.questions if q.template == "calc-kinesis-shards"][:2]
    other = next(q for q in shipped_bank.questions if q.source == "scenario")
    chosen = [*calc, other]
    drill = DrillFilter(question_ids=[q.id for q in chosen], length=3)
    by_id = {q.id: q for q in chosen}
    with Store.open(data_dir, shipped_bank, clock) as store:
        first = store.start_drill(drill, seed=101)
        again = store.start_drill(drill, seed=101)
        later = store.start_drill(drill, seed=202)
        stems = {i.question_id: i.stem for i in first.items}
        assert stems == {i.question_id: i.stem for i in again.items}
        for qid, stem in stems.items():
            if qid == other.id:
                assert stem == other.stem
                continue
            assert stem != by_id[qid].stem
            assert stem != next(i.stem for i in later.items if i.question_id == qid)
            assert stem == vary(by_id[qid], 101).stem
        item = next(i for i in first.items if i.question_id == calc[0].id)
        key = answer_text(vary(calc[0], 101))
        assert SOLVERS["calc-kinesis-shards"](item.stem) == key
        store.answer(first.status.id, item.position, [next(o.key for o in item.options if o.text == key)])
        assert store.check(first.status.id, item.position).item.correct  # type: ignore[union-attr]
        aid = first.status.id
    with Store.open(data_dir, shipped_bank, clock) as store:
        reopened = store.attempt_view(aid)
        assert {i.question_id: i.stem for i in reopened.items} == stems
        shown = next(i for i in reopened.items if i.question_id == calc[0].id)
        assert [o.text for o in shown.options if o.chosen] == [key]


def test_questions_on_aws_limits_cite_the_documentation(calcs: list[Question]) -> None:
    for q in calcs:
        if (
            q.template in ("calc-kinesis-shards", "calc-autoscaling-target")
            or "BillableTimeInSeconds" in q.stem
        ):
            assert q.references and all(r.startswith("https://docs.aws.amazon.com/") for r in q.references), (
                q.id
            )


def test_fresh_numbers_are_right_over_many_draws(calcs: list[Question]) -> None:
    """Drills can draw any numbers: every kind of every family, over many seeds, still has the right key."""
    firsts: dict[tuple[str, str], Question] = {}
    for q in calcs:
        words = re.sub(r"[\d.,$%-]+", "#", q.stem)  # the kind of question, without its numbers
        firsts.setdefault((q.template or "", words[-80:]), q)
    for q in firsts.values():
        for seed in range(25):
            fresh = vary(q, seed)
            assert same(answer_text(fresh), SOLVERS[q.template or ""](fresh.stem)), (q.id, seed)
            assert len({o.text for o in fresh.options}) == 4, (q.id, seed)
