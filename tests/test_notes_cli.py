"""`mlsquiz notes export`: the user's notes and reports as text and JSON, read-only, with clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlsquiz import __version__
from mlsquiz.bank.bank import Bank
from mlsquiz.cli import main
from mlsquiz.store.facade import Store
from mlsquiz.store.notes import bank_version


@pytest.fixture
def reported(tmp_path: Path, shipped_bank: Bank) -> tuple[Path, str, str]:
    """A data folder with a note and two reports (one hidden) on questions of the shipped bank."""
    bank = shipped_bank
    first, second = bank.questions[0], bank.questions[1]
    folder = tmp_path / "data"
    with Store.open(folder, bank) as store:
        store.notes.set_note(first.id, "Remember: Kinesis Data Firehose buffers.\nSecond line.")
        store.notes.report(first.id, "wrong key", "B is right as well", hide=True)
        store.notes.report(second.id, "typo")
    return folder, first.id, second.id


def test_export_json_has_ids_bank_versions_kinds_and_dates(
    reported: tuple[Path, str, str], shipped_bank: Bank, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, first, second = reported
    assert main(["notes", "export", "--json", "--data-dir", str(folder)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["format"], data["version"], data["app_version"]) == ("mlsquiz-notes", 1, __version__)
    bank = shipped_bank
    (note,) = data["notes"]
    assert note["question_id"] == first and note["text"].endswith("Second line.")
    assert note["bank_version"] == bank_version(bank.by_id[first])
    assert note["stem"] and "\n" not in note["stem"] and note["updated_at"].endswith("+00:00")
    kinds = {r["question_id"]: r for r in data["reports"]}
    assert kinds[first]["kind"] == "wrong key" and kinds[first]["hidden"] is True
    assert kinds[first]["comment"] == "B is right as well"
    assert kinds[second]["kind"] == "typo" and kinds[second]["hidden"] is False
    assert kinds[second]["bank_version"] == bank_version(bank.by_id[second])
    assert all(r["created_at"].endswith("+00:00") and r["stem"] for r in data["reports"])


def test_export_text_to_a_file_and_an_unwritable_path(
    reported: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, first, second = reported
    out = tmp_path / "reports.txt"
    assert main(["notes", "export", "--data-dir", str(folder), "-o", str(out)]) == 0
    assert "wrote 1 note and 2 reports" in capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert "Reports (2)" in text and "Notes (1)" in text
    assert f"wrong key  {first}  bank {__version__}/" in text and f"typo  {second}" in text
    assert "hidden from my drills and exams" in text and "comment: B is right as well" in text
    assert "note: Remember: Kinesis Data Firehose buffers." in text and "Second line." in text
    blocked = tmp_path / "no-such-folder" / "reports.txt"
    assert main(["notes", "export", "--data-dir", str(folder), "--output", str(blocked)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"mlsquiz: cannot write {blocked}") and "Traceback" not in err
    assert not blocked.parent.exists()


def test_export_creates_nothing_in_a_new_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "fresh"
    assert main(["notes", "export", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Reports: none" in out and "Notes: none" in out
    assert main(["notes", "export", "--json", "--data-dir", str(folder)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["notes"] == [] and data["reports"] == []
    assert not folder.exists()


def test_notes_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["notes", "frobnicate"])
    assert exit_info.value.code == 2
    assert "notes" in capsys.readouterr().err
