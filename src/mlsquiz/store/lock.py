"""One writer per data folder: the desktop app holds an operating-system lock on `mlsquiz.lock` while it runs
(`flock` on Linux and macOS, `msvcrt.locking` on Windows). The system releases it when the process ends, even
by SIGKILL, so a stale lock cannot keep the user out; the file itself stays, empty, and means nothing.

These few lines stand in for a lock library on purpose: the libraries that fit (filelock, portalocker,
fasteners) import asyncio and more, 15–40 ms, a sixth to a half of the time the app takes to its first frame,
while `fcntl` and `msvcrt` are built in. Earlier versions locked the same file the same way (filelock uses
`flock`), so an earlier version's open window keeps this one out too.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

LOCK_NAME = "mlsquiz.lock"
# what a lock held by another process gives: EWOULDBLOCK (= EAGAIN) from flock, EACCES or EDEADLOCK on Windows
_HELD = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)}

if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class FolderLock:
    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> bool:
        """True if this process now holds the folder; False if another process (or another lock in this one)
        does. An OSError if the lock file cannot be opened at all."""
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            if exc.errno in _HELD:
                return False
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                _unlock(fd)
            finally:
                os.close(fd)


def held_elsewhere(folder: Path) -> bool:
    """Whether another process holds the folder's lock now (for commands that replace the database)."""
    if not (folder / LOCK_NAME).exists():
        return False
    lock = FolderLock(folder)
    if lock.acquire():
        lock.release()
        return False
    return True
