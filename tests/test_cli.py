"""The command line as CONTRACT.md fixes it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from mlsquiz import __version__, launch
from mlsquiz.cli import main
from mlsquiz.store.facade import Store
from tests.conftest import synthetic_bank


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., subprocess.CompletedProcess[str]]:
    """`mlsquiz ARGS` through its entry point in this process: the exit code (returned, or raised by argparse
    as SystemExit) and what it printed. `python -m mlsquiz` itself is run in tests/test_launch.py."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        capsys.readouterr()
        try:
            code = launch.main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(["mlsquiz", *args], code, out, err)

    return run


def test_version(run: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    proc = run("--version")
    assert (proc.returncode, proc.stdout.strip()) == (0, f"mlsquiz {__version__}")


def test_usage_error_exits_2(run: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    assert run("bank", "frobnicate").returncode == 2
    assert run("exam", "build", "--seed", "x").returncode == 2


def test_exam_build_json_is_deterministic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["exam", "build", "--seed", "42", "--json", "--data-dir", str(tmp_path)]
    assert main(args) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out) == first
    assert first["blueprint"] == "mla-c01" and first["seed"] == 42  # the default blueprint
    assert (first["duration_minutes"], first["passing_score"]) == (130, 720)
    positions = [q["position"] for q in first["questions"]]
    assert positions == list(range(1, len(positions) + 1))
    assert len({q["id"] for q in first["questions"]}) == len(positions)
    for q in first["questions"]:
        assert q["task"].startswith(q["domain"] + ".") and q["type"] in (
            "single",
            "multiple",
            "ordering",
            "matching",
        )


def test_exam_build_other_blueprint_and_length(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["exam", "build", "--blueprint", "mla-c01", "--length", "20", "--seed", "1", "--json"]
    assert main([*args, "--data-dir", str(tmp_path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["blueprint"] == "mla-c01" and out["passing_score"] == 720
    assert len(out["questions"]) <= 20
    assert main(["exam", "build", "--blueprint", "nope", "--data-dir", str(tmp_path)]) == 2


def test_history_uses_env_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    monkeypatch.setenv("MLSQUIZ_DATA_DIR", str(tmp_path / "env-data"))
    proc = run("history", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []
    assert not (tmp_path / "env-data").exists()  # a read-only command creates nothing
    with Store.open(tmp_path / "env-data", synthetic_bank()) as store:
        store.start_exam(seed=1, length=5)
    proc = run("history", "--json")
    assert [a["status"] for a in json.loads(proc.stdout)] == ["in_progress"]


def test_stats_and_export_agree(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["bank", "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    out = tmp_path / "bank.json"
    assert main(["bank", "export", "--format", "json", "-o", str(out)]) == 0
    bank = json.loads(out.read_text())
    assert bank["format"] == "mlsquiz-bank" and bank["version"] == 1
    assert len(bank["questions"]) == stats["total"]
    assert len(bank["knowledge"]) == stats["knowledge_entries"]
    assert sum(stats["by_source"].values()) == stats["total"]
    assert sum(stats["by_domain"]["mls-c01"].values()) == stats["total"]
    slugs = {k["slug"] for k in bank["knowledge"]}
    q = bank["questions"][0]
    assert set(q) >= {
        "id",
        "type",
        "select",
        "stem",
        "options",
        "answer",
        "explanation",
        "domains",
        "topics",
        "source",
        "template",
        "difficulty",
        "references",
    }
    assert all(t in slugs for q in bank["questions"] for t in q["topics"])


def test_topics_list_slugs_names_and_aliases(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bank", "topics", "--json"]) == 0
    topics = json.loads(capsys.readouterr().out)
    slugs = [t["slug"] for t in topics]
    assert slugs == sorted(slugs) and len(slugs) == len(set(slugs)) > 50
    athena = next(t for t in topics if t["slug"] == "athena")
    assert athena["name"] == "Amazon Athena" and "Athena" in athena["aliases"]
    assert main(["bank", "topics"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(topics)
    assert any(line.startswith("athena ") and "Amazon Athena" in line for line in lines)


def test_help_speaks_to_the_user(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert "CONTRACT" not in text and "desktop app" in text and "topics" not in text
    assert "--data-dir FOLDER" in text


def test_no_display_says_so_in_one_line(tmp_path: Path) -> None:
    """A new process: Qt reads the display from the environment once, when a process first starts it."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run(
        [sys.executable, "-m", "mlsquiz", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "display" in proc.stderr
