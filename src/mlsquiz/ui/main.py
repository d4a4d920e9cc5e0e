"""Starting the desktop app (`mlsquiz.app` calls `run`)."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from mlsquiz.store.errors import plain_message
from mlsquiz.ui.main_window import MainWindow
from mlsquiz.ui.single_instance import SingleInstance


def _report_unexpected(window: MainWindow) -> None:
    """An error nobody expected: print the traceback and tell the user in one dialog, instead of nothing."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        traceback.print_exception(kind, exc, tb)
        QMessageBox.critical(window, "mlsquiz", f"Something went wrong: {plain_message(exc)}")

    sys.excepthook = hook


def run(data_dir: Path) -> int:
    """Load the bank and open the store (off the GUI thread), show the main window; the exit code.

    One window per data folder: a second start on the same folder brings the first window to the front and
    exits, so two windows never write one database."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("mlsquiz")
    app.setApplicationDisplayName("mlsquiz")
    instance = SingleInstance(data_dir)
    if not instance.claim():
        raised = instance.raise_first()
        print(
            "mlsquiz is already open on this data folder"
            + ("; its window was brought to the front." if raised else "."),
            file=sys.stderr,
        )
        return 0
    window = MainWindow(data_dir)
    instance.activated.connect(window.bring_to_front)
    window.restore_geometry()
    _report_unexpected(window)
    window.show()
    window.start()
    code = app.exec()
    instance.release()
    return 1 if window.load_error is not None and code == 0 else code
