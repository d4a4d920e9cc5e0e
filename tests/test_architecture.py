"""The core never imports Qt; the shipped bank is found through the installed package, from any folder."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ["bank", "exam", "study", "store"]


def test_core_modules_never_import_qt() -> None:
    offenders = []
    for package in CORE:
        for path in (ROOT / "src" / "mlsquiz" / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [
                    f"{path.name}: {n}" for n in names if n.split(".")[0] in ("PySide6", "mlsquiz.ui")
                ]
                offenders += [f"{path.name}: {n}" for n in names if n.startswith("mlsquiz.ui")]
    assert offenders == []


def test_the_whole_exam_flow_runs_without_loading_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from mlsquiz.cli import main\n"
        f"main(['exam', 'build', '--seed', '1', '--json', '--data-dir', {str(tmp_path)!r}])\n"
        f"main(['history', '--json', '--data-dir', {str(tmp_path)!r}])\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_installed_wheel_finds_its_bank_from_another_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("mlsquiz-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import json, importlib.util, mlsquiz, mlsquiz.question_bank\n"
        "from mlsquiz.cli import main\n"
        f"assert mlsquiz.__file__.startswith({str(target)!r}), mlsquiz.__file__\n"
        f"assert mlsquiz.question_bank.__file__.startswith({str(target)!r})\n"
        "assert importlib.util.find_spec('question_bank') is None\n"
        "raise SystemExit(main(['bank', 'stats', '--json']))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    import json

    (top_level,) = target.glob("mlsquiz-*.dist-info/top_level.txt") or [None]
    if top_level is not None:
        assert top_level.read_text().split() == ["mlsquiz"]
    assert sorted(p.name for p in target.iterdir() if not p.name.endswith(".dist-info")) == ["bin", "mlsquiz"]
    stats = json.loads(proc.stdout)
    assert stats["total"] > 0 and stats["knowledge_entries"] > 0
    assert set(stats["by_domain"]) == {"mls-c01", "mla-c01"}


def test_the_wheel_lists_every_package_of_the_source_tree() -> None:
    """`pyproject.toml` names its packages (to ship `question_bank/` as `mlsquiz.question_bank`): a new
    subpackage must be added there, or the wheel would lack it."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT / "src").parts) for p in (ROOT / "src").rglob("__init__.py")
    } | {"mlsquiz.question_bank"}
    assert listed == found, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(found - listed)}"
