"""Every template on a crafted knowledge base with confusion sets and a taxonomy: kinds of options, near-miss
distractors, no overlaps, an explanation per option; and the checks on confusion sets and categories."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlsquiz.bank.bank import check_references, load_bank
from mlsquiz.bank.generator import TEMPLATES, generate_questions
from mlsquiz.bank.loader import LoadedFiles
from mlsquiz.bank.schema import ConfusionSet, KnowledgeEntry, Question, Taxonomy
from mlsquiz.bank.templates.statements import lone_mark


def entry(slug: str, category: str, kind: str = "service", **facts: object) -> KnowledgeEntry:
    base: dict[str, object] = {
        "slug": slug,
        "name": f"Amazon {slug.title()}" if kind == "service" else slug.title(),
        "kind": kind,
        "category": category,
        "summary": f"A thing whose mark is the letter {slug[0]} and {len(slug)} more.",
        "domains": {"mls-c01": ["1.1"]},
    }
    base.update(facts)
    return KnowledgeEntry.model_validate(base)


def mis(statement: str, truth: str) -> dict[str, str]:
    return {
        "statement": statement,
        "truth": truth,
        "why": f"Why: {truth}",
        "reference": "https://example.com",
    }


def store(slug: str, need: str, other: str | None = None, **facts: object) -> KnowledgeEntry:
    contrasts = [{"other": other, "when": f"the team must {need} above all"}] if other else []
    return entry(slug, "storage", use_for=[need, f"{need} again"], instead_of=contrasts, **facts)


def feature(slug: str, need: str) -> KnowledgeEntry:
    return entry(slug, "sagemaker-build", use_for=[need])


def metric(slug: str, when: str, other: str) -> KnowledgeEntry:
    return entry(
        slug,
        "metric",
        kind="concept",
        definition=f"A score named after the letter {slug[0]}.",
        use_for=[f"score models by {when}"],
        when_to_use=[f"{when} matters most", f"{when} is reported"],
        instead_of=[{"other": other, "when": f"{when} decides"}],
    )


ALPHA_MISCONCEPTIONS = [
    mis("It keeps objects in folders on disks.", "It keeps objects in buckets as keys."),
    mis("It charges for each bucket per hour.", "It charges for the bytes stored per month."),
    mis("It replicates objects to every Region.", "It replicates objects within one Region."),
    mis("It encrypts objects only on request.", "It encrypts new objects by default."),
    mis("It serves reads from one zone.", "It serves reads from three zones."),
    mis("It lists keys in random order.", "It lists keys in sorted order."),
    mis("It bills retrieval for each class.", "It bills retrieval for cold classes."),
    mis("It locks objects for a day at most.", "It locks objects for years on demand."),
]
KB = [
    store("alpha", "keep blobs durably", "beta", misconceptions=ALPHA_MISCONCEPTIONS),
    store("beta", "attach volumes to one host", "alpha"),
    store("gamma", "share a file system", overlaps=["alpha"]),
    store("delta", "archive cold records", "alpha"),
    store("epsilon", "cache hot keys", "alpha"),
    store("zeta", "move data between sites", "beta"),
    entry("sm", "sagemaker-build", use_for=["build and train models at scale"]),
    feature("sm-one", "label images with people"),
    feature("sm-two", "label text with a crowd"),
    feature("sm-three", "track runs and their metrics"),
    feature("sm-four", "register approved model versions"),
    metric("prec", "false positives cost", "rec"),
    metric("rec", "false negatives cost", "prec"),
    metric("fone", "a balance of both", "acc"),
    metric("acc", "classes are balanced", "fone"),
    metric("auc", "ranking over thresholds", "acc"),
]
TAXONOMY = Taxonomy.model_validate(
    {
        "categories": [
            {"id": "storage", "area": "data", "noun": "AWS storage service"},
            {"id": "sagemaker-build", "area": "sagemaker", "noun": "AWS service"},
            {"id": "metric", "area": "evaluation", "noun": "evaluation metric"},
        ],
        "features": [
            {
                "parent": "sm",
                "noun": "SageMaker feature",
                "members": ["sm-one", "sm-two", "sm-three", "sm-four"],
            }
        ],
    }
)
CONFUSIONS = [
    ConfusionSet.model_validate(
        {
            "id": "blob-stores",
            "note": "Stores people mix up.",
            "members": [
                {"slug": "alpha", "differs": "keeps blobs for ever"},
                {"slug": "epsilon", "differs": "keeps hot keys in memory only"},
            ],
        }
    ),
    ConfusionSet.model_validate(
        {
            "id": "labeling",
            "note": "Two ways to get labels.",
            "members": [
                {"slug": "sm-one", "differs": "labels images with a managed workforce"},
                {"slug": "sm-two", "differs": "labels text through a crowd"},
            ],
        }
    ),
]
BY_NAME = {e.name: e for e in KB}
BY_SLUG = {e.slug: e for e in KB}


@pytest.fixture(scope="module")
def questions() -> dict[str, list[Question]]:
    out: dict[str, list[Question]] = {}
    for q in generate_questions(KB, CONFUSIONS, TAXONOMY):
        if q.template and not q.template.startswith("calc-"):
            out.setdefault(q.template, []).append(q)
    return out


def key(q: Question) -> str:
    (text,) = [o.text for o in q.options if o.key in q.answer]
    return text


def test_every_template_makes_questions(questions: dict[str, list[Question]]) -> None:
    assert set(questions) == set(TEMPLATES)


def test_each_option_has_its_own_explanation(questions: dict[str, list[Question]]) -> None:
    for qs in questions.values():
        for q in qs:
            texts = [o.explanation for o in q.options]
            assert len(set(texts)) == len(texts), q.id
            for o in q.options:
                assert o.explanation.startswith("Correct." if o.key in q.answer else "Incorrect."), q.id


def test_options_are_of_the_kind_the_stem_asks_for(questions: dict[str, list[Question]]) -> None:
    naming = ("service-for-use", "name-from-description", "choose-over", "technique-for-situation")
    asked = set()
    for q in (q for t in naming for q in questions[t]):
        options = [BY_NAME[o.text] for o in q.options]
        if "Which AWS storage service" in q.stem:
            asked.add("storage")
            assert {o.category for o in options} == {"storage"}, q.id
        elif "Which SageMaker feature" in q.stem:
            asked.add("feature")
            assert all(o.slug.startswith("sm-") for o in options), q.id
        elif "evaluation metric" in q.stem:
            asked.add("metric")
            assert {o.category for o in options} == {"metric"}, q.id
        elif "Which AWS service or feature" in q.stem:  # only when services and features are mixed
            asked.add("mixed")
            assert len({o.slug.startswith("sm-") for o in options}) == 2, q.id
        else:
            pytest.fail(f"unexpected noun: {q.stem}")
        for a in options:
            assert not any(b.slug in a.overlaps for b in options), q.id
    assert asked == {"storage", "feature", "metric", "mixed"}


def test_distractors_come_from_the_confusion_sets_first(questions: dict[str, list[Question]]) -> None:
    for q in questions["service-for-use"]:
        options = [o.text for o in q.options]
        if key(q) == "Amazon Alpha":
            assert "Amazon Epsilon" in options
            (wrong,) = [o for o in q.options if o.text == "Amazon Epsilon"]
            assert "keeps hot keys in memory only" in wrong.explanation
            assert "Amazon Gamma" not in options  # overlaps alpha
        if key(q) == "Amazon Sm-One":
            assert "Amazon Sm-Two" in options


def test_true_statement(questions: dict[str, list[Question]]) -> None:
    qs = questions["true-statement"]
    assert len(qs) == 2 and {q.topics[0] for q in qs} == {"alpha"}  # 8 misconceptions: 2 disjoint groups of 4
    truths = {m.truth: m for m in BY_SLUG["alpha"].misconceptions}
    statements = {m.statement: m for m in BY_SLUG["alpha"].misconceptions}
    used = []
    for q in qs:
        assert key(q) in truths
        used.append(truths[key(q)].truth)
        for o in q.options:
            if o.key not in q.answer:
                assert o.text in statements
                assert statements[o.text].why in o.explanation
                used.append(statements[o.text].truth)
    assert len(used) == len(set(used)) == 8  # no misconception twice: a seen distractor is no tell
    assert len({q.stem for q in qs}) == 2  # the stem wording varies


def test_no_option_may_stand_alone_by_a_surface_mark() -> None:
    assert lone_mark(["It can stream data.", "It cannot stream.", "It has no cache.", "It is not global."])
    assert lone_mark(["It is regional.", "It cannot stream.", "It has a cache.", "It is global."])
    assert not lone_mark(["It is regional.", "It is global.", "It has a cache.", "It holds 5 TB."])
    assert not lone_mark(["It can stream.", "It can cache.", "It has no cache.", "It is not global."])


def test_statement_options_are_facts_of_the_key_and_its_rivals(questions: dict[str, list[Question]]) -> None:
    needs = {n.lower(): e for e in KB for n in e.use_for}
    for q in questions["use-of"] + questions["two-uses"]:
        owner = BY_SLUG[q.topics[0]]
        for o in q.options:
            assert (needs[o.text.rstrip(".").lower()] is owner) == (o.key in q.answer), q.id
    conditions = {c.when.lower(): (e.slug, c.other) for e in KB for c in e.instead_of}
    for q in questions["deciding-factor"]:
        chosen, rival = q.topics
        for o in q.options:
            winner, loser = conditions[o.text.rstrip(".").lower()]
            if o.key in q.answer:
                assert (winner, loser) == (chosen, rival)
            else:
                assert winner == rival or loser == chosen, q.id


def test_confusion_sets_and_categories_are_checked() -> None:
    files = LoadedFiles(
        knowledge=[*KB, entry("typo", "storge")],
        questions=[],
        blueprints=[],
        errors=[],
        confusions=[
            *CONFUSIONS,
            ConfusionSet.model_validate(
                {
                    "id": "bad",
                    "note": "n",
                    "members": [{"slug": "alpha", "differs": "x"}, {"slug": "nope", "differs": "y"}],
                }
            ),
        ],
        taxonomy=TAXONOMY,
    )
    messages = [e.message for e in check_references(files)]
    assert "unknown slug 'nope'" in messages
    assert "'storge' is not a category declared in taxonomy.yaml" in messages


def test_a_confusions_file_is_read_by_its_shape(tmp_path: Path) -> None:
    path = tmp_path / "sets.yaml"
    path.write_text(
        "confusions:\n  - id: pair\n    note: n\n    members:\n"
        "      - {slug: s3, differs: stores objects}\n      - {slug: nowhere, differs: is missing}\n"
    )
    bank = load_bank([path])
    assert [e.message for e in bank.errors] == ["unknown slug 'nowhere'"]


def test_an_umbrella_is_never_offered_against_what_it_covers() -> None:
    data = TAXONOMY.model_dump()
    data["umbrellas"] = [{"parent": "sm", "covers": ["sm-*"]}]
    questions = generate_questions(KB, CONFUSIONS, Taxonomy.model_validate(data))
    checked = 0
    for q in questions:
        names = {o.text for o in q.options}
        if "Amazon Sm" in names and q.template in ("service-for-use", "name-from-description"):
            pytest.fail(f"{q.id} offers the umbrella beside its members")
        if q.template == "service-for-use" and key(q) == "Amazon Sm-One":
            checked += 1
            assert "sm" in q.topics  # the umbrella is a topic of its members' questions
    assert checked
