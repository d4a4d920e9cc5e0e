"""The worked examples of `docs/bank-format.md` ("Adding a scenario", "Adding a template", "Adding a
calculation family") work as written: each is taken from the Markdown and built here."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from mlsquiz.bank.bank import load_bank
from mlsquiz.bank.calc.common import Family, family, task_ids
from mlsquiz.bank.loader import shipped_root
from mlsquiz.bank.schema import Blueprint
from mlsquiz.bank.templates import registry
from mlsquiz.bank.templates.knowledge import Knowledge
from tests.test_templates import entry

DOC = Path(__file__).resolve().parents[1] / "docs" / "bank-format.md"


def example(name: str) -> str:
    """The fenced block that follows `<!-- example: name -->` in the doc."""
    found = re.search(rf"<!-- example: {name} -->\n```\w+\n(.*?)\n```", DOC.read_text(encoding="utf-8"), re.S)
    assert found, f"docs/bank-format.md lost its {name} example"
    return found.group(1) + "\n"


def as_module(code: str, folder: Path, name: str) -> ModuleType:
    path = folder / f"{name}.py"
    path.write_text(code, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"doc_example_{name}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_scenario_example_validates_in_the_file_the_rule_names(tmp_path: Path) -> None:
    (question,) = yaml.safe_load(example("scenario"))
    task = question["domains"]["mls-c01"]
    assert task == "2.2"
    name = "d2-exploratory-data-analysis-2.yaml"  # the file the doc's step 1 names
    target = tmp_path / name
    shutil.copy(shipped_root() / "scenarios" / name, target)
    target.write_text(target.read_text(encoding="utf-8") + example("scenario"), encoding="utf-8")
    bank = load_bank([target])
    assert [e.format() for e in bank.errors] == []
    made = next(q for q in bank.questions if q.id == question["id"])
    assert made.answer == ["A"] and made.domains == {"mls-c01": "2.2", "mla-c01": "1.2"}


def test_the_template_example_makes_questions_on_a_crafted_knowledge_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "REGISTRY", {})
    as_module(example("template"), tmp_path, "summaries")
    made = registry.REGISTRY["summary-of"]
    kb = Knowledge([entry(slug, "storage") for slug in ("alpha", "bravo", "charlie", "delta", "echo")])
    questions = list(made(kb))
    assert len(questions) == 5
    for q in questions:
        assert q.id.startswith("gen.summary-of.") and q.template == "summary-of"
        assert len(q.options) == 4 and len(q.answer) == 1
        key = next(o for o in q.options if o.key == q.answer[0])
        slug = q.id.rsplit(".", 1)[1]
        assert key.text == kb.by_slug[slug].summary
        assert all(o.explanation for o in q.options)
    assert list(made(kb)) == questions  # the same questions on every run


def test_the_calculation_example_builds_its_bank_variants(tmp_path: Path) -> None:
    module = as_module(example("calculation"), tmp_path, "recall_family")
    family = module.recall
    assert isinstance(family, Family)
    questions = list(family.questions())
    assert len(questions) >= 10
    topics = set(load_bank(generate=False).knowledge)
    for q in questions:
        assert q.id.startswith("gen.calc-recall-from-counts.") and len(q.options) == 4
        assert len({o.text for o in q.options}) == 4
        assert q.domains == task_ids("evaluation") and set(q.topics) <= topics


def test_a_template_name_is_taken_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "REGISTRY", {})
    make = registry.template("only-once")(lambda kb, t: iter(()))
    assert make.qid("alpha", "1a2b") == "gen.only-once.alpha.1a2b"
    with pytest.raises(ValueError, match="two templates"):
        registry.template("only-once")(lambda kb, t: iter(()))
    with pytest.raises(ValueError, match="lowercase words"):
        registry.template("Summary_Of")(lambda kb, t: iter(()))


def test_a_calculation_family_is_named_once_in_its_decorator() -> None:
    made = family("calc-only-once", kinds=2)(lambda f, rng, kind: None)
    assert isinstance(made, Family) and (made.name, made.kinds) == ("calc-only-once", 2)
    for bad in ("only-once", "calc-Only_Once", "calc-"):
        with pytest.raises(ValueError, match="lowercase words"):
            family(bad)


def test_a_blueprint_refuses_a_calculation_task_it_lacks() -> None:
    data = yaml.safe_load((shipped_root() / "blueprints" / "mls-c01.yaml").read_text(encoding="utf-8"))
    assert Blueprint.model_validate(data).calculations["evaluation"] == "3.5"
    data["calculations"]["evaluation"] = "9.9"
    with pytest.raises(ValueError, match="calculations: task statements not in this blueprint"):
        Blueprint.model_validate(data)
