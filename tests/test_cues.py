"""The wording-cue checks catch keys that the options alone give away, and pass options that only knowledge
separates."""

from __future__ import annotations

import json
import random
import sys

import pytest

from mlsquiz.bank import cues
from mlsquiz.bank.bank import Bank
from mlsquiz.bank.lint import lint_bank
from mlsquiz.bank.schema import Question
from mlsquiz.cli import main

from .test_lint import KNOWLEDGE, bank_of

pytest.importorskip("sklearn")

SERVICES = [
    "Amazon S3",
    "AWS Glue",
    "Amazon EMR",
    "Amazon Athena",
    "Amazon Kinesis",
    "AWS Lambda",
    "Amazon SQS",
]
VERBS = ["stores", "moves", "scores", "joins", "filters", "labels", "splits", "tunes", "caches", "copies"]
NOUNS = ["records", "images", "features", "clicks", "invoices", "logs", "embeddings", "reviews", "tickets"]
PLACES = ["a staging prefix", "the feature store", "a private subnet", "the data lake", "a second Region"]


def plain(rng: random.Random) -> str:
    """A neutral option: a service, a verb, an object, a place, with no tone and no tail."""
    return f"Use {rng.choice(SERVICES)} that {rng.choice(VERBS)} the {rng.choice(NOUNS)} in {rng.choice(PLACES)}."


def crafted(i: int, texts: list[str], key: str, **changes: object) -> Question:
    options = [
        {"key": k, "text": t, "explanation": f"Why option {k} is right or wrong here."}
        for k, t in zip("ABCD", texts, strict=True)
    ]
    base: dict[str, object] = {
        "id": f"scn.1-1.cue-{i}",
        "type": "single",
        "select": 1,
        "stem": f"Scenario {i}: a team with workload {i * 7919} needs something. What should it do?",
        "options": options,
        "answer": [key],
        "explanation": "The constraints decide it.",
        "domains": {"mls-c01": "1.1", "mla-c01": "1.1"},
        "topics": ["s3"],
        "source": "scenario",
        "difficulty": 2,
    }
    base.update(changes)
    return Question.model_validate(base)


def bank_where(key_text: object, n: int = 80, seed: int = 7) -> Bank:
    """`n` questions of neutral options; `key_text(rng)` (if given) writes the key instead."""
    rng = random.Random(seed)
    questions = []
    for i in range(n):
        answer = "ABCD"[i % 4]
        texts = [plain(rng) for _ in range(4)]
        if callable(key_text):
            texts["ABCD".index(answer)] = key_text(rng)
        questions.append(crafted(i, texts, answer))
    return bank_of(*questions)


def scenario_result(bank: Bank) -> cues.CueResult:
    (result,) = lint_bank(bank).cue_results
    assert result.group == "scenario"
    return result


def test_a_key_that_is_the_odd_one_out_by_tone_is_caught() -> None:
    def upbeat(rng: random.Random) -> str:
        return f"Benefit from {rng.choice(SERVICES)}, which simply and reliably handles {rng.choice(NOUNS)}."

    bank = bank_where(upbeat)
    result = scenario_result(bank)
    assert result.accuracy > 0.9 and result.fails
    assert any(f.check == "wording-cues" and f.level == "error" for f in lint_bank(bank).findings)


def test_a_key_that_is_the_odd_one_out_by_length_is_caught() -> None:
    def long(rng: random.Random) -> str:
        return plain(rng)[:-1] + f" and {rng.choice(VERBS)} the {rng.choice(NOUNS)} in {rng.choice(PLACES)}."

    result = scenario_result(bank_where(long))
    assert result.margin > 30 and result.fails


def test_options_that_only_knowledge_separates_pass() -> None:
    bank = bank_where(None, n=200)
    result = scenario_result(bank)
    assert result.questions == 200 and result.chance == 0.25
    assert abs(result.margin) <= cues.MARGIN_LIMIT and not result.fails
    assert lint_bank(bank).errors == []


def test_small_groups_are_reported_but_do_not_fail() -> None:
    result = scenario_result(bank_where(lambda rng: "Simply the best choice, and fast.", n=24))
    assert result.accuracy == 1.0 and not result.gated and not result.fails


def test_groups_per_template_with_calculations_pooled() -> None:
    q = crafted(0, ["a", "b", "c", "d"], "A")
    generated = q.model_copy(update={"source": "generated", "template": "service-for-use"})
    calc = q.model_copy(update={"source": "generated", "template": "calc-zscore"})
    assert [cues.cue_group(x) for x in (q, generated, calc)] == ["scenario", "service-for-use", "calc-*"]


def test_chance_and_ties_count_as_a_blind_pick() -> None:
    single = crafted(0, ["w", "x", "y", "z"], "B")
    multiple = crafted(
        1,
        ["v", "w", "x", "y"],
        "A",
        type="multiple",
        select=2,
        answer=["A", "C"],
        options=[{"key": k, "text": k * 3, "explanation": "Why it is or is not."} for k in "ABCDE"],
    )
    assert cues.chance([single, multiple]) == pytest.approx((1 / 4 + 1 / 10) / 2)
    assert cues.pick_credit([(1.0, False), (1.0, True), (1.0, False), (1.0, False)], 1) == 0.25
    assert cues.pick_credit([(2.0, True), (1.0, False), (0.0, False), (0.0, False)], 1) == 1.0
    assert cues.pick_credit([(2.0, False), (1.0, True), (0.0, False), (0.0, False)], 1) == 0.0
    two = [(3.0, True), (1.0, True), (1.0, False), (1.0, False), (0.0, False)]
    assert cues.pick_credit(two, 2) == pytest.approx(1 / 3)


def test_tells_lint_flags_distractors_with_because_tails() -> None:
    rng = random.Random(3)
    questions = []
    for i in range(40):
        answer = "ABCD"[i % 4]
        texts = [
            t if k == answer else t[:-1] + f", because {rng.choice(SERVICES)} {rng.choice(VERBS)} them."
            for k, t in zip("ABCD", [plain(rng) for _ in range(4)], strict=True)
        ]
        questions.append(crafted(i, texts, answer))
    report = lint_bank(bank_of(*questions), wording_cues=False)
    tail = next(t for t in report.tell_rates if t.tell == "justification tail")
    assert (tail.keys_with, tail.distractors_with) == (0, 120)
    assert tail.fails
    levels = {(f.check, f.level) for f in report.findings}
    assert ("scenario-tells", "error") in levels and ("scenario-tells", "warning") in levels
    warned = [f for f in report.findings if f.level == "warning"]
    assert len(warned) == 40 and "justification tail" in warned[0].message


def test_tells_as_common_in_keys_as_in_distractors_pass() -> None:
    rng = random.Random(5)
    questions = [
        crafted(i, [plain(rng)[:-1] + ", so that every record is kept." for _ in range(4)], "ABCD"[i % 4])
        for i in range(40)
    ]
    report = lint_bank(bank_of(*questions), wording_cues=False)
    assert all(t.judged and not t.fails for t in report.tell_rates)
    assert [f for f in report.findings if f.check == "scenario-tells"] == []


def test_missing_scikit_learn_is_a_note_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sklearn", None)  # makes `import sklearn` raise ImportError
    report = lint_bank(bank_where(None, n=8))
    assert report.cue_results == [] and "wording-cues" not in {f.check for f in report.findings}
    assert "mlsquiz[lint]" in report.skipped[0]
    assert "skipped: wording-cue check" in report.as_text()


def test_cli_fails_on_wording_cues_and_prints_the_table(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    leaky = bank_where(lambda rng: "Simply the best choice, and fast.")
    monkeypatch.setattr("mlsquiz.bank.bank.load_bank", lambda *a, **k: leaky)
    assert main(["bank", "lint", "--json"]) == 1
    table = json.loads(capsys.readouterr().out)["wording_cues"]
    assert table[0]["group"] == "scenario" and table[0]["fails"] and table[0]["accuracy"] == 1.0
    assert main(["bank", "lint"]) == 1
    assert "option-only baseline" in capsys.readouterr().out

    fair = bank_where(None, n=200)
    monkeypatch.setattr("mlsquiz.bank.bank.load_bank", lambda *a, **k: fair)
    assert main(["bank", "lint"]) == 0
    assert KNOWLEDGE  # the crafted banks use the linter tests' knowledge entry


def test_shipped_scenarios_pass_the_wording_checks() -> None:
    """The hand-written scenarios: keys not findable from the options alone, tells as common in keys."""
    from mlsquiz.bank.bank import load_bank

    scenarios = [q for q in load_bank(generate=False).questions if q.source == "scenario"]
    (result,) = cues.option_only_baseline(scenarios)
    assert result.group == "scenario" and result.gated
    assert not result.fails, cues.cue_table([result])
    assert [t.tell for t in cues.tell_rates(scenarios) if t.fails] == []
