"""One writer per data folder: the desktop app holds a lock file there while it runs.

The lock is Qt's `QLockFile` (QtCore is loaded before the first frame anyway; a lock library of its own would
add its imports to every start). The file records the holder's process; a lock left by a process that died, even
by SIGKILL, is found stale and taken over, so it cannot keep the user out.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QLockFile

LOCK_NAME = "mlsquiz.lock"


class FolderLock:
    def __init__(self, folder: Path) -> None:
        self._lock = QLockFile(str(folder / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, however long the app runs

    def acquire(self) -> bool:
        """True if this process now holds the folder; False if another process does."""
        if self._lock.tryLock(0):
            return True
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            raise OSError(f"cannot create the lock file in {self._lock.fileName()}")
        if self._foreign() and self._lock.removeStaleLockFile():
            return self._lock.tryLock(0)
        return False

    def _foreign(self) -> bool:
        """The lock file names no process: an empty file that earlier versions left (they locked it with the
        operating system's lock instead). Qt removes such a file only if no process holds that lock on it; one
        written in the last second may still be in the making."""
        pid, _host, _app = self._lock.getLockInfo()
        if pid:
            return False
        try:
            age = time.time() - Path(self._lock.fileName()).stat().st_mtime
        except OSError:
            return False
        return age > 1.0

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()


def held_elsewhere(folder: Path) -> bool:
    """Whether another process holds the folder's lock now (for commands that replace the database)."""
    if not (folder / LOCK_NAME).exists():
        return False
    lock = FolderLock(folder)
    if lock.acquire():
        lock.release()
        return False
    return True
