"""Anki export: one note per question, stable GUIDs, answers and explanations on the back."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from mlsquiz.bank.anki import write_deck
from mlsquiz.bank.bank import Bank
from mlsquiz.cli import main
from mlsquiz.store.facade import Store


def notes(apkg: Path, tmp: Path) -> list[tuple[str, str, str]]:
    with zipfile.ZipFile(apkg) as z:
        z.extract("collection.anki2", tmp)
    conn = sqlite3.connect(tmp / "collection.anki2")
    rows = conn.execute("SELECT guid, flds, tags FROM notes ORDER BY id").fetchall()
    conn.close()
    return rows


def test_deck_has_a_note_per_question_with_stable_guids(small_bank: Bank, tmp_path: Path) -> None:
    questions = small_bank.questions[:12]
    assert write_deck(questions, tmp_path / "a.apkg") == 12
    assert write_deck(questions, tmp_path / "b.apkg") == 12
    first = notes(tmp_path / "a.apkg", tmp_path / "a")
    second = notes(tmp_path / "b.apkg", tmp_path / "b")
    assert [g for g, _, _ in first] == [g for g, _, _ in second]
    assert len({g for g, _, _ in first}) == 12
    for (_guid, fields, tags), q in zip(first, questions, strict=True):
        front, options, answer, explanation, qid = fields.split("\x1f")
        assert qid == q.id
        assert q.stem.split(" (Select")[0] in front
        assert all(f"{o.key}. {o.text}" in options for o in q.options)
        assert answer == f"Answer: {', '.join(q.answer)}"
        assert all(o.explanation in explanation for o in q.options)
        assert f"mls-c01::{q.domains['mls-c01'].replace('.', '_')}" in tags


def test_cli_exports_only_wrong_answers(
    small_bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    with Store.open(data, small_bank) as store:
        view = store.start_exam(seed=1, length=5)
        item = view.items[0]
        wrong = next(o.key for o in item.options if o.key not in small_bank.by_id[item.question_id].answer)
        store.answer(view.status.id, 1, [wrong])
        store.submit(view.status.id)
    monkeypatch.setattr("mlsquiz.bank.cache.load_cached_bank", lambda *a, **k: small_bank)
    out = tmp_path / "wrong.apkg"
    assert (
        main(["bank", "export", "--format", "anki", "--wrong", "-o", str(out), "--data-dir", str(data)]) == 0
    )
    assert "wrote 1 notes" in capsys.readouterr().out
    (row,) = notes(out, tmp_path / "x")
    assert row[1].split("\x1f")[-1] == item.question_id
