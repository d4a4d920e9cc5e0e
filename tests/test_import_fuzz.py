"""Random and mutated files fed to every importer: never a traceback, never a hang, never a partial import."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.importers import read_bytes_as, read_file
from mlsquiz.bank.user_bank import apply_import, blueprint_tasks, document_path, load_user_bank, plan_import

SEEDS = {
    "gift": (
        "$CATEGORY: a/b\n\n// domain: mls-c01:1.1\n::T::[markdown]Which **one**? {\n=a#why\n~b\n~%-50%c\n~d\n"
        "####general\n}\n\n::M::Match {=x -> 1 =y -> 2 =z -> 3}\n\n::TF::t? {T}\n"
    ),
    "csv": 'question,A,B,C,D,E,answer,explanation,topic\n"Which\none?",a,b,c,d,e,"B;D",why,t1;t2\nq2,a,b,c,d,,A,,\n',
    "markdown": "### One\nWhich? (Choose two.)\n- [x] a\n  > why\n- [x] b\n- [ ] c\n- [ ] d\n- [ ] e\n> Explanation: x\n",
}
SPECIAL = [*"{}=~#%:\\/-[]x>\n\r\t ;,\"'`<>$", "->", "- [x] ", "- [ ] ", "### ", "\\", "\xe9", "\x00"]
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def mutated(draw: st.DrawFn, fmt: str) -> bytes:
    text = SEEDS[fmt]
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "truncate"]))
        if action == "insert":
            text = text[:pos] + draw(st.sampled_from(SPECIAL) | st.text(max_size=5)) + text[pos:]
        elif action == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 8)) :]
        elif action == "duplicate":
            text = text[:pos] + text[pos : pos + 40] + text[pos:]
        else:
            text = text[:pos]
    raw = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()) and raw:
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at + 1 :]
    return raw


def _check(raw: bytes, fmt: str, bank: Bank) -> None:
    started = time.monotonic()
    result = read_bytes_as(raw, f"fuzz.{fmt}", fmt, blueprint_tasks(bank))  # type: ignore[arg-type]
    assert time.monotonic() - started < 5, "no hang"
    if result.errors:
        assert not result.questions, "a file with an error yields nothing"
        assert all(e.line is None or e.line >= 1 for e in result.errors)
    for q in result.questions:
        assert q.source == "imported" and q.id.startswith("imp.")


@pytest.mark.parametrize("fmt", ["gift", "csv", "markdown"])
@FAST
@given(data=st.data())
def test_mutated_files_never_break_an_importer(shipped_bank: Bank, fmt: str, data: st.DataObject) -> None:
    _check(data.draw(mutated(fmt)), fmt, shipped_bank)


@pytest.mark.parametrize("fmt", ["gift", "csv", "markdown"])
@FAST
@given(raw=st.binary(max_size=600) | st.lists(st.sampled_from([*SPECIAL, *"abc AB"]), max_size=200)
       .map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")))  # fmt: skip
def test_random_files_never_break_an_importer(shipped_bank: Bank, fmt: str, raw: bytes) -> None:
    _check(raw, fmt, shipped_bank)


@pytest.mark.parametrize("fmt", ["gift", "csv", "markdown"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_an_import_writes_all_of_a_file_or_nothing(
    shipped_bank: Bank, tmp_path_factory: pytest.TempPathFactory, fmt: str, data: st.DataObject
) -> None:
    """Through the same path as `mlsquiz bank import`: over a file already imported, a bad version changes
    nothing, a good one replaces it whole."""
    folder = tmp_path_factory.mktemp("fuzz")
    data_dir = folder / "data"
    path = folder / f"mine.{fmt}"
    path.write_text(SEEDS[fmt], encoding="utf-8")
    apply_import(plan_import([path], data_dir, shipped_bank), data_dir)
    before = document_path(data_dir, path.name).read_bytes()
    path.write_bytes(data.draw(mutated(fmt)))
    expected = read_file(path, blueprint_tasks(shipped_bank))
    report = apply_import(plan_import([path], data_dir, shipped_bank), data_dir)
    stored = {q.question.id for q in load_user_bank(data_dir).questions}
    if report.errors:
        assert document_path(data_dir, path.name).read_bytes() == before
    else:
        assert stored == {q.id for q in expected.questions}
    assert [p.name for p in Path(data_dir, "imported").iterdir() if p.suffix != ".json"] == []  # no temp left
