"""The schema and `mlsquiz bank validate` on good and broken files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from mlsquiz import launch
from mlsquiz.bank.bank import load_bank
from mlsquiz.cli import main

GOOD = """\
- id: scn.1-1.test-good
  type: single
  select: 1
  difficulty: 2
  domains: {mls-c01: "1.1", mla-c01: "1.1"}
  topics: [s3]
  stem: A team stores raw images for training. Which storage fits?
  options:
    - {key: A, text: Amazon S3, explanation: Object storage for data lakes.}
    - {key: B, text: Amazon EBS, explanation: Block storage attached to one instance.}
    - {key: C, text: Amazon RDS, explanation: "A relational database, not for images."}
    - {key: D, text: AWS Glue, explanation: "An ETL service, not storage."}
  answer: [A]
  explanation: S3 is the durable, cheap object store for training data.
"""


def write(tmp_path: Path, text: str, name: str = "q.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def validate(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, list[str]]:
    code = main(["bank", "validate", *map(str, paths)])
    err = capsys.readouterr().err
    return code, [line for line in err.splitlines() if line and not line.endswith("error(s)")]


def test_good_file_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, errors = validate(capsys, write(tmp_path, GOOD))
    assert (code, errors) == (0, [])


def test_shipped_bank_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code, errors = validate(capsys)
    assert errors == []
    assert code == 0


@pytest.mark.parametrize(
    ("change", "field", "line"),
    [
        (("answer: [A]", "answer: [E]"), "answer", 14),
        (("  select: 1\n", "  select: 2\n"), "select", 1),
        (("  difficulty: 2\n", "  difficulty: 2\n  colour: red\n"), "colour", 5),
        (("  stem: A team", "  stem: 12\n  x: A team"), "stem", 7),
        (("topics: [s3]", "topics: [no-such-topic]"), "topics", 1),
        (('mls-c01: "1.1"', 'mls-c01: "5.1"'), "domains", 1),
    ],
)
def test_broken_file_names_file_line_question_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], field: str, line: int
) -> None:
    path = write(tmp_path, GOOD.replace(*change))
    code, errors = validate(capsys, path)
    assert code == 1
    assert errors, "a broken file must report at least one error"
    first = errors[0]
    assert first.startswith(f"{path}:")
    assert ": scn.1-1.test-good: " in first
    assert f": {field}" in first
    assert first.split(":")[1].isdigit()


def test_yaml_syntax_error_has_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, GOOD.replace("  select: 1\n", "  select: [1\n"))
    code, errors = validate(capsys, path)
    assert code == 1
    assert len(errors) == 1 and errors[0].startswith(f"{path}:") and "YAML syntax" in errors[0]


def test_duplicate_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, errors = validate(capsys, write(tmp_path, GOOD + GOOD))
    assert code == 1
    assert any("scn.1-1.test-good: id: duplicate question id" in e for e in errors)


def test_missing_and_misspelt_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, errors = validate(
        capsys, write(tmp_path, GOOD.replace("  explanation: S3 is", "  explanatio: S3 is"))
    )
    assert code == 1
    assert any(":1: scn.1-1.test-good: explanation: Field required" in e for e in errors)
    assert any(":14: scn.1-1.test-good: explanatio: Extra inputs" in e for e in errors)


def test_multiple_select_must_match_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD.replace("type: single", "type: multiple").replace("select: 1", "select: 3")
    text = text.replace("answer: [A]", "answer: [A, B]").replace(
        "    - {key: D,",
        "    - {key: E, text: AWS Lambda, explanation: 'Compute, not storage.'}\n    - {key: D,",
    )
    code, errors = validate(capsys, write(tmp_path, text))
    assert code == 1
    assert any("select" in e for e in errors)


def test_validate_never_prints_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "- {id: [unclosed\n")
    assert launch.main(["bank", "validate", str(path)]) == 1  # an exception escaping would fail the test
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert str(path) in err


def test_knowledge_entry_errors(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        - slug: Bad Slug
          name: X
          kind: service
          category: storage
          summary: s
          domains: {mls-c01: ["1.1"]}
        - slug: fine
          name: Fine
          kind: gadget
          category: storage
          summary: s
          domains: {mls-c01: ["1.1"]}
        - slug: no-domains
          name: No Domains
          kind: concept
          category: metric
          summary: s
          domains: {}
        - slug: dangling
          name: Dangling
          kind: concept
          category: metric
          summary: s
          domains: {mls-c01: ["1.1"]}
          instead_of: [{other: nowhere, when: w}]
        """,
        "k.yaml",
    )
    bank = load_bank([path], generate=False)
    messages = [e.format() for e in bank.errors]
    assert any(": slug: " in m for m in messages)
    assert any(": kind: " in m for m in messages)
    assert any("no-domains: domains: " in m and "mls-c01" in m for m in messages)
    assert any("dangling: instead_of/overlaps: unknown slug 'nowhere'" in m for m in messages)
