"""Generated questions: every template's output, stable ids, and calculations recomputed independently."""

from __future__ import annotations

import math
import random
import re
from collections import Counter

import pytest

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.calculations import CALCULATION_TEMPLATES
from mlsquiz.bank.generator import TEMPLATES, generate_questions, gives_away, leaks
from mlsquiz.bank.schema import KnowledgeEntry, Question


def entry(slug: str, category: str = "storage", kind: str = "service", **facts: object) -> KnowledgeEntry:
    base: dict[str, object] = {
        "slug": slug,
        "name": f"Amazon {slug.title()}",
        "kind": kind,
        "category": category,
        "summary": f"A thing whose mark is the letter {slug[0]} and {len(slug)} more.",
        "domains": {"mls-c01": ["1.1"], "mla-c01": ["1.1"]},
    }
    base.update(facts)
    return KnowledgeEntry.model_validate(base)


FACTS = {
    "use_for": ["keep blobs of every size durably", "serve files to many hosts at once"],
    "pros": ["It is cheap per gigabyte.", "It scales without limits you manage.", "It is durable by design."],
    "cons": ["It has higher latency than block storage.", "It is not a file system.", "It has no joins."],
    "instead_of": [{"other": "beta", "when": "the data set is huge and rarely changes"}],
}


def mis(statement: str, truth: str) -> dict[str, str]:
    return {
        "statement": statement,
        "truth": truth,
        "why": f"Because {truth.lower()}",
        "reference": "https://x",
    }


MISCONCEPTIONS = [
    mis("It keeps objects in folders on disks.", "It keeps objects in buckets as keys."),
    mis("It charges for each bucket per hour.", "It charges for the bytes stored per month."),
    mis("It replicates objects to every Region.", "It replicates objects within one Region."),
    mis("It encrypts objects only on request.", "It encrypts new objects by default."),
]
KB = [
    entry("alpha", misconceptions=MISCONCEPTIONS, **FACTS),
    entry("beta", use_for=["attach low-latency volumes to one host"]),
    entry("gamma", use_for=["share a POSIX file system"], overlaps=["alpha"]),
    entry("delta", use_for=["archive cold records for years"]),
    entry(
        "epsilon",
        use_for=["cache hot keys in memory"],
        instead_of=[{"other": "alpha", "when": "reads are hot"}],
    ),
    entry(
        "zeta",
        use_for=["move data between Regions"],
        instead_of=[{"other": "beta", "when": "hosts are many"}],
    ),
    entry("eta", category="security"),
    entry("theta", category="compute", use_for=["run code for each event"]),
    entry("iota", category="ai-service", use_for=["turn speech into text"]),
    entry("kappa", category="monitoring", use_for=["collect metrics and alarms"]),
]
NAMING = ("service-for-use", "name-from-description", "choose-over", "technique-for-situation")
STATEMENTS = ("true-statement", "use-of", "situation-of", "two-uses", "deciding-factor")
FORBIDDEN = ("but it is an advantage", "but it is a limitation", "not a pitfall", "this is true, but")


def by_template(questions: list[Question]) -> dict[str, list[Question]]:
    out: dict[str, list[Question]] = {}
    for q in questions:
        out.setdefault(q.template or "", []).append(q)
    return out


def correct_texts(q: Question) -> list[str]:
    return [o.text for o in q.options if o.key in q.answer]


def test_the_tone_templates_are_retired() -> None:
    assert not {"advantage", "limitation", "pitfall"} & set(TEMPLATES)
    assert len(TEMPLATES) >= 8


def test_naming_templates_offer_non_overlapping_entries_of_one_kind() -> None:
    groups = by_template(generate_questions(KB))
    for name in ("service-for-use", "name-from-description", "choose-over"):
        assert groups.get(name), f"template {name} produced nothing"
    names = {e.name: e for e in KB}
    for q in groups["service-for-use"] + groups["name-from-description"] + groups["choose-over"]:
        (answer,) = correct_texts(q)
        right = names[answer]
        assert not leaks(q.stem, right), q.stem
        options = [names[o.text] for o in q.options]
        assert {o.kind for o in options} == {right.kind}
        for a in options:
            for b in options:
                assert a.slug not in b.overlaps, (q.id, a.slug, b.slug)


def test_overlapping_entries_are_never_distractors() -> None:
    for q in generate_questions(KB):
        if q.template == "service-for-use" and correct_texts(q) == ["Amazon Alpha"]:
            assert "Amazon Gamma" not in [o.text for o in q.options]


def test_ids_are_stable_and_independent_of_order() -> None:
    first = generate_questions(KB)
    shuffled = list(KB)
    random.Random(7).shuffle(shuffled)
    second = generate_questions(shuffled)
    assert [q.model_dump() for q in first] == [q.model_dump() for q in second]
    assert len({q.id for q in first}) == len(first)
    ids = {q.id for q in first}
    assert "gen.choose-over.alpha.beta" in ids
    assert "gen.name-from-description.alpha" in ids
    # the id of an unchanged question hashes its fact exactly as releases before did
    assert "gen.service-for-use.alpha.8aef5291" in ids


def test_no_explanation_argues_by_tone() -> None:
    for q in generate_questions(KB):
        texts = [q.explanation, *(o.explanation for o in q.options)]
        assert not any(p in t.lower() for t in texts for p in FORBIDDEN), q.id


def test_a_fact_that_names_its_entry_is_skipped() -> None:
    leaky = entry("omega", summary="Amazon Omega stores things.")
    kb = [*KB, leaky]
    assert "gen.name-from-description.omega" not in {q.id for q in generate_questions(kb)}


def test_a_distinctive_word_of_the_name_gives_the_answer_away() -> None:
    blue_green = entry(
        "blue-green", name="Blue/green deployment", kind="concept", category="deployment-strategy"
    )
    assert gives_away("The current fleet (blue) keeps serving while green is provisioned.", blue_green)
    assert not gives_away("A second fleet is provisioned and traffic is shifted to it.", blue_green)
    assert not leaks("The current fleet (blue) keeps serving.", blue_green)


def test_templates_registry_has_eight_families_plus_calculations() -> None:
    assert len(TEMPLATES) >= 8
    assert len(CALCULATION_TEMPLATES) >= 6


# -- calculations, recomputed here from the numbers in the stem -------------------------------------------------


def calc_questions() -> list[Question]:
    return [q for make in CALCULATION_TEMPLATES for q in make()]


def answer_text(q: Question) -> str:
    (text,) = correct_texts(q)
    return text


def ints(text: str) -> list[int]:
    return [int(x) for x in re.findall(r"-?\d+", text)]


def r2(x: float) -> str:
    return f"{math.floor(abs(x) * 100 + 0.5) / 100 * (1 if x >= 0 else -1):.2f}".replace("-0.00", "0.00")


@pytest.fixture(scope="module")
def calcs() -> dict[str, list[Question]]:
    return by_template(calc_questions())


def test_every_calculation_family_makes_several_distinct_questions(calcs: dict[str, list[Question]]) -> None:
    assert len(calcs) == len(CALCULATION_TEMPLATES)
    for name, qs in calcs.items():
        assert len(qs) >= 5, name
        for q in qs:
            texts = [o.text for o in q.options]
            assert len(set(texts)) == len(texts), q.id
            assert len(q.answer) == 1


def test_zscore(calcs: dict[str, list[Question]]) -> None:
    for q in calcs["calc-zscore"]:
        mean, std, x = ints(q.stem)[:3]
        assert answer_text(q) == r2((x - mean) / std)


def test_iqr_fences(calcs: dict[str, list[Question]]) -> None:
    for q in calcs["calc-iqr-fences"]:
        q1, _median, q3 = ints(q.stem)[:3]
        iqr = q3 - q1
        assert answer_text(q) == f"lower {q1 - 1.5 * iqr:g}, upper {q3 + 1.5 * iqr:g}"


def test_regression_metrics(calcs: dict[str, list[Question]]) -> None:
    seen = set()
    for q in calcs["calc-regression-metric"]:
        pairs = re.findall(r"(\d+) → (\d+)", q.stem)
        actual = [int(a) for a, _ in pairs]
        predicted = [int(p) for _, p in pairs]
        errors = [p - a for a, p in zip(actual, predicted, strict=True)]
        n = len(errors)
        mean = sum(actual) / n
        values = {
            "MAE": sum(map(abs, errors)) / n,
            "MSE": sum(e * e for e in errors) / n,
            "RMSE": math.sqrt(sum(e * e for e in errors) / n),
            "R²": 1 - sum(e * e for e in errors) / sum((a - mean) ** 2 for a in actual),
        }
        metric = re.search(r"What is the (MAE|MSE|RMSE|R²)\?", q.stem)
        assert metric is not None
        seen.add(metric.group(1))
        assert answer_text(q) == r2(values[metric.group(1)]), q.id
    assert seen == {"MAE", "MSE", "RMSE", "R²"}


def test_classification_metrics(calcs: dict[str, list[Question]]) -> None:
    seen = set()
    for q in calcs["calc-classification-metric"]:
        _total, tp, fp, fn, tn = ints(q.stem)[:5]
        precision, recall = tp / (tp + fp), tp / (tp + fn)
        values = {
            "precision": precision,
            "recall": recall,
            "F1 score": 2 * precision * recall / (precision + recall),
            "accuracy": (tp + tn) / (tp + fp + fn + tn),
        }
        metric = re.search(r"What is its (precision|recall|F1 score|accuracy)\?", q.stem)
        assert metric is not None
        seen.add(metric.group(1))
        assert answer_text(q) == r2(values[metric.group(1)]), q.id
        if metric.group(1) in ("precision", "recall"):  # the swap mistake is offered
            other = "recall" if metric.group(1) == "precision" else "precision"
            assert r2(values[other]) in [o.text for o in q.options] or r2(values[other]) == answer_text(q)
    assert seen == {"precision", "recall", "F1 score", "accuracy"}


def test_fixed_width_bins(calcs: dict[str, list[Question]]) -> None:
    for q in calcs["calc-fixed-width-bins"]:
        low, high, k = ints(q.stem)[:3]
        width = (high - low) / k
        assert answer_text(q) == ", ".join(f"{low + i * width:g}" for i in range(k + 1))


def test_quantile_bins(calcs: dict[str, list[Question]]) -> None:
    for q in calcs["calc-quantile-bins"]:
        values = sorted(ints(q.stem.split(":")[1].split(".")[0]))
        assert len(values) == 12
        assert answer_text(q) == ", ".join(map(str, values[-3:]))


def test_step_decay(calcs: dict[str, list[Question]]) -> None:
    for q in calcs["calc-lr-step-decay"]:
        lr0, drop = (float(x) for x in re.findall(r"\d+\.\d+", q.stem)[:2])
        every = int(re.search(r"every (\d+) epochs", q.stem).group(1))  # type: ignore[union-attr]
        epoch = int(re.search(r"during epoch (\d+)", q.stem).group(1))  # type: ignore[union-attr]
        assert math.isclose(float(answer_text(q)), lr0 * drop ** (epoch // every), rel_tol=1e-6)


def test_min_max_scaling(calcs: dict[str, list[Question]]) -> None:
    for q in calcs["calc-min-max-scaling"]:
        low, high = ints(q.stem)[:2]
        x = int(re.search(r"the value (\d+)", q.stem).group(1))  # type: ignore[union-attr]
        assert answer_text(q) == r2((x - low) / (high - low))


def test_calculation_ids_derive_from_their_numbers() -> None:
    first = {q.id: q.stem for q in calc_questions()}
    again = {q.id: q.stem for q in calc_questions()}
    assert first == again
    assert len(first) == len(calc_questions())


# -- the shipped bank ----------------------------------------------------------------------------------------------


def test_shipped_generated_questions(shipped_bank: Bank) -> None:
    generated = [q for q in shipped_bank.questions if q.source == "generated"]
    knowledge = [q for q in generated if not (q.template or "").startswith("calc-")]
    per_template = Counter(q.template for q in knowledge)
    assert len(knowledge) >= 1200, per_template
    assert len(per_template) >= 8, per_template
    assert all(n >= 40 for n in per_template.values()), per_template  # enough for the wording-cue check
    tagged = {t for q in generated for t in q.topics}
    untagged = set(shipped_bank.knowledge) - tagged
    assert not untagged, f"knowledge entries no generated question is about: {sorted(untagged)}"
    naming = {
        "service-for-use",
        "name-from-description",
        "technique-for-situation",
    }  # choose-over names a rival
    for q in generated:
        texts = [q.explanation, *(o.explanation for o in q.options)]
        assert not any(p in t.lower() for t in texts for p in FORBIDDEN), q.id
        if q.template in naming:
            answer = shipped_bank.knowledge[q.topics[0]]
            assert correct_texts(q) == [answer.name], q.id
            assert not gives_away(q.stem, answer), q.id


def test_shipped_service_questions_offer_services_only(shipped_bank: Bank) -> None:
    """A "which AWS service" question never offers a feature such as an input mode, nor a concept."""
    by_name = {e.name: e for e in shipped_bank.knowledge.values()}
    features = {
        s for g in (shipped_bank.taxonomy.features if shipped_bank.taxonomy else []) for s in g.members
    }
    asked = 0
    for q in shipped_bank.questions:
        if q.template in ("service-for-use", "name-from-description", "choose-over") and "AWS service?" in (
            q.stem.replace(" best meets this need?", "?").replace(" should the team choose?", "?")
        ):
            asked += 1
            for o in q.options:
                option = by_name[o.text]
                assert option.kind == "service" and option.slug not in features, (q.id, o.text)
    assert asked >= 50


def test_retired_entries_are_never_recommended_and_closures_are_explained() -> None:
    retired = entry(
        "omicron", use_for=["ingest device telemetry into a time-series store"], availability="retired",
        availability_note="AWS ended support on 15 December 2025.",
    )  # fmt: skip
    closed = entry(
        "sigma", use_for=["forecast retail demand for many products"], availability="closed-to-new-customers",
        availability_note="Closed to new customers since 29 July 2024.",
    )  # fmt: skip
    questions = generate_questions([*KB, retired, closed])
    keyed = {q.topics[0] for q in questions if q.template == "service-for-use"}
    assert "sigma" in keyed and "omicron" not in keyed
    sigma = next(q for q in questions if q.template == "service-for-use" and q.topics[0] == "sigma")
    assert "Closed to new customers since 29 July 2024." in sigma.explanation
    with pytest.raises(ValueError, match="availability_note"):
        entry("tau", availability="retired")


def test_no_knowledge_template_gives_its_key_away_by_wording(shipped_bank: Bank) -> None:
    """The option-only baseline of `bank lint`, on each knowledge template of the shipped bank."""
    pytest.importorskip("sklearn")
    from mlsquiz.bank.cues import MARGIN_LIMIT, option_only_baseline

    knowledge = [q for q in shipped_bank.questions if q.template in TEMPLATES]
    results = option_only_baseline(knowledge)
    assert {r.group for r in results} == set(TEMPLATES)
    for r in results:
        assert r.margin <= MARGIN_LIMIT, (r.group, r.accuracy, r.chance)


def test_every_closed_or_retired_entry_a_question_mentions_carries_its_note(shipped_bank: Bank) -> None:
    """Model Monitor, Ground Truth, Debugger...: whether key, distractor or named in an explanation, the question
    says what AWS announced, in the same words every time."""
    from mlsquiz.bank.templates.knowledge import Knowledge

    closed = [e for e in shipped_bank.knowledge.values() if e.availability != "available"]
    assert {"sagemaker-ground-truth", "sagemaker-debugger", "sagemaker-model-monitor"} <= {
        e.slug for e in closed
    }
    assert all(Knowledge.names_of(e) for e in closed)
    # one pattern per entry, matching any of its names as a whole word (compiled once, not per question)
    names = {
        e.slug: re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(n) for n in Knowledge.names_of(e))})(?![\w-])")
        for e in closed
    }
    for q in shipped_bank.questions:
        if q.source != "generated" or (q.template or "").startswith("calc-"):
            continue
        body = re.sub(r"\n\nAvailability: [^\n]*", "", q.explanation)
        texts = [q.stem, *(t for o in q.options for t in (o.text, o.explanation)), body]
        for e in closed:
            named = any(names[e.slug].search(t) for t in texts)
            if named or e.slug in q.topics:
                assert e.availability_note and e.availability_note in q.explanation, (q.id, e.slug)


def test_correct_options_are_explained_by_a_fact_not_restated(shipped_bank: Bank) -> None:
    """No "X is the choice to <the option>" or "Choose X over Y when <the stem>" as the key's explanation, no
    "A common belief is the opposite" filler, and no choose-over stem that names one option as a rival."""
    for q in shipped_bank.questions:
        if q.source != "generated" or (q.template or "").startswith("calc-"):
            continue
        assert "common belief" not in q.explanation.lower(), q.id
        for o in q.correct_options:
            assert "is the choice to" not in o.explanation and "is the choice when" not in o.explanation, q.id
            assert not o.explanation.startswith("Correct. Choose "), q.id
        if q.template == "choose-over":
            assert "among them" not in q.stem
            assert not any(o.text in q.stem for o in q.options), q.id


def test_no_distractor_mirrors_the_key_of_a_deciding_factor(shipped_bank: Bank) -> None:
    """ "X rather than Y" beside "Y rather than X" tells a test-wise candidate that the key is one of the two."""
    for q in shipped_bank.questions:
        if q.template != "deciding-factor":
            continue
        key = set(re.findall(r"[a-z]+", q.correct_options[0].text.lower()))
        for o in q.options:
            if o.key not in q.answer:
                words = set(re.findall(r"[a-z]+", o.text.lower()))
                assert len(key & words) < 0.8 * min(len(key), len(words)), q.id


# A reference is the English page on its canonical host: no locale folders, Markdown sources, PDFs, redirects,
# query strings, China mirrors or pages without their extension.
SANE_URL = re.compile(r"^https://[a-z0-9.-]+\.[a-z]{2,}(?:/[A-Za-z0-9_.~%+:,()-]*)*(?:#[A-Za-z0-9_.-]+)?$")
BAD_URL = re.compile(
    r"/(?:[a-z]{2}_[a-z]{2}|jp|de|fr|cn|kr)/|\.md$|\.pdf$|/goto/|/pdfs/|docs\.amazonaws\.cn|^https://www\.scikit"
)


def test_every_reference_is_a_sane_https_url(shipped_bank: Bank) -> None:
    refs = [
        (e.slug, r)
        for e in shipped_bank.knowledge.values()
        for r in [*e.references, *(m.reference for m in e.misconceptions)]
    ]
    assert refs
    for slug, ref in refs:
        assert SANE_URL.match(ref) and not BAD_URL.search(ref), (slug, ref)
        if ref.startswith("https://docs.aws.amazon.com/"):
            assert ref.endswith((".html", "/")) or "#" in ref, (slug, ref)


def test_a_description_is_never_its_keys_explanation(shipped_bank: Bank) -> None:
    """The key of "which entry does this description fit" is explained by what sets it apart, not by the
    description again, which teaches nothing."""
    made = [q for q in shipped_bank.questions if q.template == "name-from-description"]
    assert made
    for q in made:
        described = q.stem.split("> ", 1)[1].rstrip(".")
        for o in q.correct_options:
            assert described not in o.explanation, q.id


def test_exam_tips_teach_content_not_bank_jargon(shipped_bank: Bank) -> None:
    for e in shipped_bank.knowledge.values():
        for text in e.exam_tips:
            assert "in this bank" not in text.lower(), e.slug


def test_cosine_similarity_options_all_lie_in_its_range(calcs: dict[str, list[Question]]) -> None:
    """A value outside [-1, 1] is ruled out by anyone who knows the range, without calculating."""
    made = calcs["calc-cosine-similarity"]
    assert made
    for q in made:
        assert all(-1 <= float(o.text) <= 1 for o in q.options), q.id


def test_a_deciding_factor_for_a_kind_of_y_argues_only_against_the_key(shipped_bank: Bank) -> None:
    """A multi-model endpoint is a real-time endpoint: a reason for real-time endpoints over serverless ones is a
    reason for multi-model endpoints too, so it cannot be a wrong answer to "why multi-model over real-time"."""
    q = shipped_bank.by_id["gen.deciding-factor.sagemaker-multi-model-endpoints.sagemaker-realtime-inference"]
    for o in q.options:
        if o.key not in q.answer:
            assert "argues against Amazon SageMaker AI multi-model endpoints" in o.explanation, o.explanation


def test_every_knowledge_entry_has_a_reference(shipped_bank: Bank) -> None:
    assert [e.slug for e in shipped_bank.knowledge.values() if not e.references] == []
