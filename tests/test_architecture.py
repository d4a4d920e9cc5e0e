"""The core never imports Qt; the shipped bank is found through the installed package, from any folder."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ["bank", "exam", "study", "store"]
# The command line and the settings are core too; only `app.py` (it starts the GUI) and `ui/` may import Qt.
CORE_MODULES = ["__init__.py", "__main__.py", "cli.py", "cli_data.py", "settings.py", "startup.py"]
GUI_ONLY = ("PySide6", "shiboken6", "mlsquiz.ui")


def imported_names(path: Path) -> list[str]:
    """Every module `path` imports, at the top or inside a function, as written (`a.b` for `from a.b import c`
    and `from a import b`: both forms name `a.b` when `b` is a module)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module] + [f"{node.module}.{a.name}" for a in node.names]
    return names


def gui_imports(path: Path) -> list[str]:
    return [n for n in imported_names(path) if any(n == g or n.startswith(g + ".") for g in GUI_ONLY)]


def core_files() -> list[Path]:
    files = [p for package in CORE for p in (ROOT / "src" / "mlsquiz" / package).rglob("*.py")]
    return files + [ROOT / "src" / "mlsquiz" / name for name in CORE_MODULES]


def test_core_modules_never_import_qt() -> None:
    files = core_files()
    assert {p.name for p in files} >= {"settings.py", "cli.py", "facade.py", "attempt.py"}
    offenders = [f"{p.relative_to(ROOT / 'src').as_posix()}: {n}" for p in files for n in gui_imports(p)]
    assert offenders == []


def test_the_import_check_catches_every_form(tmp_path: Path) -> None:
    """The check above must be able to fail: each way of importing Qt or the GUI is caught."""
    for line in (
        "import PySide6",
        "from PySide6.QtCore import QObject",
        "import mlsquiz.ui.theme",
        "from mlsquiz.ui import theme",
        "from mlsquiz import ui",
        "def later():\n    from mlsquiz.ui.main import run",
    ):
        module = tmp_path / "module.py"
        module.write_text(line + "\n", encoding="utf-8")
        assert gui_imports(module), line
    (tmp_path / "module.py").write_text("from mlsquiz.study import readiness\n", encoding="utf-8")
    assert gui_imports(tmp_path / "module.py") == []


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
        "from importlib.resources import files\n"
        "assert files('mlsquiz.resources').joinpath('theme', 'app.qss').is_file()\n"
        "assert files('mlsquiz.resources').joinpath('icons', 'app', 'mlsquiz-512.png').is_file()\n"
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
    } | {"mlsquiz.question_bank", "mlsquiz.resources"}
    assert listed == found, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(found - listed)}"


def controller_assignments(path: Path) -> list[str]:
    """`x.controller.field = ...` (or `+=`) in `path`: a widget setting a controller's state behind its back."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = list(node.targets) if isinstance(node, ast.Assign) else []
        targets += [node.target] if isinstance(node, ast.AugAssign | ast.AnnAssign) else []
        for target in targets:
            if not isinstance(target, ast.Attribute):
                continue
            owner = target.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if name == "controller":
                found.append(f"{path.name}:{target.lineno}")
    return found


def test_widgets_never_set_controller_fields(tmp_path: Path) -> None:
    """Widgets ask the controller through its methods; they never assign its fields."""
    offenders = [f for p in (ROOT / "src" / "mlsquiz" / "ui").glob("*.py") for f in controller_assignments(p)]
    assert offenders == []
    probe = tmp_path / "probe.py"
    probe.write_text("self.controller.blueprint_id = 'x'\ncontroller.n += 1\n", encoding="utf-8")
    assert len(controller_assignments(probe)) == 2  # the check can fail
