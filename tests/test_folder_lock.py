"""One writer per data folder: a lock held by a running process keeps others out; one left by a killed process
does not."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mlsquiz.store.lock import LOCK_NAME, FolderLock, held_elsewhere

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from mlsquiz.store.lock import FolderLock
    lock = FolderLock(Path(sys.argv[1]))
    print("held" if lock.acquire() else "refused", flush=True)
    time.sleep(60)
    """
)

# how earlier versions (the filelock library) locked the same file on Linux and macOS
OLD_HOLDER = textwrap.dedent(
    """
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    print("held", flush=True)
    time.sleep(60)
    """
)


def hold(script: str, target: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_lock_of_a_running_process_holds_and_one_left_by_a_killed_process_does_not(tmp_path: Path) -> None:
    holder = hold(HOLDER, tmp_path)
    try:
        assert held_elsewhere(tmp_path)
        assert not FolderLock(tmp_path).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert (tmp_path / LOCK_NAME).exists()  # the killed process left its file, but not its lock
    assert not held_elsewhere(tmp_path)
    lock = FolderLock(tmp_path)
    assert lock.acquire()
    assert lock.acquire()  # holding it already
    assert not FolderLock(tmp_path).acquire()  # a second lock, even in this process, is refused
    lock.release()
    assert FolderLock(tmp_path).acquire()


def test_an_earlier_versions_open_window_keeps_the_folder(tmp_path: Path) -> None:
    pytest.importorskip("fcntl")
    holder = hold(OLD_HOLDER, tmp_path / LOCK_NAME)
    try:
        assert held_elsewhere(tmp_path)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert FolderLock(tmp_path).acquire()


def test_a_folder_that_cannot_hold_the_lock_file_is_an_error_not_a_held_lock(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        FolderLock(tmp_path / "no" / "such" / "folder").acquire()
