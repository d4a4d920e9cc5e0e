"""The first frame comes before the core: the window paints "Loading…" having imported Qt widgets and little
else; SQLAlchemy, fsrs, QtCharts, markdown-it and pydantic come after."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mlsquiz.bank.cache import load_cached_bank

HEAVY = ["sqlalchemy", "sqlmodel", "fsrs", "PySide6.QtCharts", "markdown_it", "pydantic", "yaml"]

CHILD = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    import mlsquiz.ui.main as main

    seen = {}
    real = main.mark

    def mark(step):
        seen.setdefault(step, sorted(m for m in sys.modules if not m.startswith("_")))
        real(step)

    main.mark = mark
    real_apply = main.theme.apply_theme

    def apply(app, *args, **kwargs):  # the style before the first restyle: what Qt made
        seen.setdefault("style", app.style().name())
        return real_apply(app, *args, **kwargs)

    main.theme.apply_theme = apply
    code = main.run(Path(sys.argv[1]), exit_when_ready=True)
    print(json.dumps({"code": code, "first": seen.get("first-frame"), "ready": seen.get("dashboard"),
                      "style": seen.get("style")}))
    """
)


def run_app(tmp_path: Path, script: str) -> subprocess.CompletedProcess[str]:
    """Run `script` (which starts the app on the data folder it is given) offscreen, with the test session's
    bank cache (tests/conftest.py): what a start after the first one does."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


def test_the_first_frame_is_painted_before_the_core_is_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_STYLE_OVERRIDE", "Windows")  # the platform's default style, on every platform
    load_cached_bank()  # the session's bank cache is written: the app starts from it
    proc = run_app(tmp_path, CHILD)
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["code"] == 0
    assert (
        out["style"] == "fusion"
    )  # named on Qt's command line, so Qt made it before any restyle  # named on Qt's command line, not set from Python
    first = set(out["first"])
    assert [m for m in HEAVY if m in first] == []
    assert "mlsquiz.store.facade" not in first and "mlsquiz.bank.bank" not in first
    # nor the controller and the single-instance socket, made in the turn after it; nor a lock library
    assert [m for m in ("mlsquiz.ui.app_controller", "PySide6.QtNetwork", "filelock") if m in first] == []
    ready = set(out["ready"])
    assert "mlsquiz.store.facade" in ready  # and the dashboard did come: the store is open
    assert "mlsquiz.ui.exam_screen" not in ready  # the other screens come after the first dashboard
    # the bank came from the cache: no YAML read, and the importers wait for an import
    assert "yaml" not in ready and "mlsquiz.bank.importers" not in ready


SLOW_AFTER_DASHBOARD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import mlsquiz.ui.main as main
    import mlsquiz.store.backups as backups

    real = backups.write_backup

    def slow(*args, **kwargs):
        time.sleep(0.5)  # still writing the start's backup when the app leaves its event loop
        return real(*args, **kwargs)

    backups.write_backup = slow
    sys.exit(main.run(Path(sys.argv[1]), exit_when_ready=True))
    """
)


def test_exit_when_ready_waits_for_the_work_after_the_dashboard(tmp_path: Path) -> None:
    proc = run_app(tmp_path, SLOW_AFTER_DASHBOARD)
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr, proc.stderr
    assert len(list((tmp_path / "data" / "backups").glob("*.db"))) == 1  # the start's backup was written
