"""Starting the desktop app (`mlsquiz.app` calls `run`)."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from mlsquiz.ui.main_window import MainWindow


def _report_unexpected(window: MainWindow) -> None:
    """An error nobody expected: print the traceback and tell the user in one dialog, instead of nothing."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        traceback.print_exception(kind, exc, tb)
        QMessageBox.critical(
            window, "mlsquiz", f"Something went wrong: {exc}\n\nYour answers so far are saved."
        )

    sys.excepthook = hook


def run(data_dir: Path) -> int:
    """Load the bank and open the store (off the GUI thread), show the main window; the exit code."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("mlsquiz")
    app.setApplicationDisplayName("mlsquiz")
    window = MainWindow(data_dir)
    window.restore_geometry()
    _report_unexpected(window)
    window.show()
    window.start()
    code = app.exec()
    return 1 if window.load_error is not None and code == 0 else code
