"""Starting the desktop app (`mlsquiz.app` calls `run`)."""

from __future__ import annotations

import contextlib
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from mlsquiz.startup import mark
from mlsquiz.ui import theme
from mlsquiz.ui.main_window import MainWindow
from mlsquiz.ui.single_instance import SingleInstance


def _ready(app: QApplication, window: MainWindow) -> None:
    window.repaint()  # the dashboard is painted before we say so
    mark("dashboard")
    app.exit(0)


def _failed(app: QApplication, why: str) -> None:
    print(f"mlsquiz: could not start: {why}", file=sys.stderr)
    app.exit(1)


def _close_on_terminate(window: MainWindow) -> None:
    """SIGTERM or SIGINT (a logout, Ctrl+C in the terminal) closes the window as the user would: the open
    attempt is paused and a backup written. Python runs signal handlers only between bytecodes, so a timer lets
    the interpreter look in twice a second while Qt's event loop runs."""
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(ValueError, OSError):  # not the main thread, or not on this platform
            signal.signal(sig, lambda _sig, _frame: QTimer.singleShot(0, window.close))
    wake = QTimer(window)
    wake.timeout.connect(lambda: None)
    wake.start(500)


def _report_unexpected(window: MainWindow) -> None:
    """An error nobody expected: print the traceback and tell the user in one dialog, instead of nothing."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        traceback.print_exception(kind, exc, tb)
        # imported here: QMessageBox's type is built on first use, not before the first frame
        from PySide6.QtWidgets import QMessageBox

        from mlsquiz.store.errors import plain_message

        QMessageBox.critical(window, "mlsquiz", f"Something went wrong: {plain_message(exc)}")

    sys.excepthook = hook


class _FirstFrame(QObject):
    """On the window's first paint: mark it, then, in the next turn of the event loop, `then` (the controller, the
    single-instance socket, the loading of the core, the bank and the store), so nothing competes with the first
    frame."""

    def __init__(self, window: MainWindow, then: Callable[[], None]) -> None:
        super().__init__(window)
        self.then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            mark("first-frame")
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)
        return False


def run(data_dir: Path, *, exit_when_ready: bool = False) -> int:
    """Load the bank and open the store (off the GUI thread), show the main window; the exit code.

    One window per data folder: a second start on the same folder brings the first window to the front and
    exits, so two windows never write one database. With `exit_when_ready` the app quits with 0 as soon as the
    first usable dashboard has been painted, or with 1 and the reason if it cannot get there."""
    existing = QApplication.instance()
    # Fusion named on the command line is made by Qt alone: `setStyle` from Python would first build the Python
    # types of all of QStyle's enumerations, a tenth of the time to the first frame
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication([(sys.argv or ["mlsquiz"])[0], "-style", "Fusion"])
    )
    if existing is None:
        app.setProperty(theme.FUSION, True)
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

    def after_first_frame() -> None:
        controller = window.controller
        if exit_when_ready:
            controller.ready.connect(lambda: QTimer.singleShot(0, lambda: _ready(app, window)))
            controller.load_failed.connect(lambda why: _failed(app, why))
        controller.ready.connect(lambda: QTimer.singleShot(0, lambda: mark("dashboard")))
        # the socket a second start asks through, once the dashboard is up (until then it says the folder is open)
        controller.ready.connect(lambda: QTimer.singleShot(0, instance.listen))
        controller.load_failed.connect(lambda _why: instance.listen())
        window.start()

    window.installEventFilter(_FirstFrame(window, after_first_frame))
    window.show()
    mark("window-shown")
    _close_on_terminate(window)
    code = app.exec()
    # the work started after the first dashboard (the other screens' modules, the start's backup) finishes
    # before the window goes: `--exit-when-ready` leaves the event loop without closing the window
    QThreadPool.globalInstance().waitForDone()
    instance.release()
    return 1 if window.load_error is not None and code == 0 else code
