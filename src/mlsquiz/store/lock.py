"""One writer per data folder: the desktop app holds a lock file there while it runs.

The lock is an OS file lock (`filelock`), so it is released by the operating system when the process ends, even
by SIGKILL: a stale lock cannot keep the user out.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

LOCK_NAME = "mlsquiz.lock"


class FolderLock:
    def __init__(self, folder: Path) -> None:
        self._lock = FileLock(folder / LOCK_NAME, timeout=0)

    def acquire(self) -> bool:
        """True if this process now holds the folder; False if another process does."""
        try:
            self._lock.acquire()
        except Timeout:
            return False
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()


def held_elsewhere(folder: Path) -> bool:
    """Whether another process holds the folder's lock now (for commands that replace the database)."""
    if not (folder / LOCK_NAME).exists():
        return False
    lock = FolderLock(folder)
    if lock.acquire():
        lock.release()
        return False
    return True
