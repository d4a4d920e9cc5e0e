"""Starting the desktop app: a clear one-line message instead of a Qt abort when there is no display."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_app(data_dir: Path, *, exit_when_ready: bool = False) -> int:
    if not has_display():
        print(
            "mlsquiz: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set); run it in a desktop "
            "session, or set QT_QPA_PLATFORM=offscreen for a headless run",
            file=sys.stderr,
        )
        return 1
    from mlsquiz.ui.main import run

    return int(run(data_dir, exit_when_ready=exit_when_ready))
