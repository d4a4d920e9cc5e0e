"""Slow work off the GUI thread: a `QRunnable` that runs one function and reports its value or error.

The function must not touch widgets; the signals arrive in the GUI thread (queued), where the caller shows
the value. The caller must not use the same object (the store) from the GUI thread until `done` or `failed`.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from mlsquiz.store.errors import UserFacingError, plain_message


class TaskSignals(QObject):
    done = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self.work = work
        self.signals = TaskSignals()
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            value = self.work()
        except Exception as exc:  # reported to the GUI thread, which shows it
            message = plain_message(exc)
            if not isinstance(exc, UserFacingError):  # a bug, not the user's to fix: keep the traceback
                traceback.print_exc()
            self.signals.failed.emit(message)
            return
        self.signals.done.emit(value)


def run_in_pool(
    work: Callable[[], object], on_done: Callable[[object], None], on_failed: Callable[[str], None]
) -> TaskSignals:
    """Start `work` on the global thread pool. Keep the returned signals object alive until it reports."""
    task = Task(work)
    task.signals.done.connect(on_done)
    task.signals.failed.connect(on_failed)
    QThreadPool.globalInstance().start(task)
    return task.signals
