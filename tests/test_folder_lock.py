"""One writer per data folder: a lock held by a running process keeps others out; one left by a killed process
does not."""

from __future__ import annotations

import os
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


def test_a_lock_of_a_running_process_holds_and_one_left_by_a_killed_process_is_taken_over(
    tmp_path: Path,
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert held_elsewhere(tmp_path)
        assert not FolderLock(tmp_path).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert (tmp_path / LOCK_NAME).exists()  # the killed process could not remove it
    assert not held_elsewhere(tmp_path)
    lock = FolderLock(tmp_path)
    assert lock.acquire()
    lock.release()
    assert not (tmp_path / LOCK_NAME).exists()


def test_an_unwritable_folder_is_an_error_not_a_held_lock(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder"
    try:
        FolderLock(missing).acquire()
    except OSError as exc:
        assert str(missing) in str(exc)
    else:
        raise AssertionError("a lock in a folder that does not exist was taken")


OLD_HOLDER = textwrap.dedent(
    """
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    print("held", flush=True)
    time.sleep(60)
    """
)


def test_the_empty_lock_file_of_an_earlier_version_is_taken_over_unless_its_process_still_holds_it(
    tmp_path: Path,
) -> None:
    """Earlier versions locked an empty `mlsquiz.lock` with the operating system's lock and left the file."""
    pytest.importorskip("fcntl")  # how earlier versions locked it on Linux and macOS
    lock_file = tmp_path / LOCK_NAME
    holder = subprocess.Popen(
        [sys.executable, "-c", OLD_HOLDER, str(lock_file)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        old = lock_file.stat().st_mtime - 3600
        os.utime(lock_file, (old, old))
        assert not FolderLock(tmp_path).acquire()  # an earlier version's window is still open
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert lock_file.exists() and lock_file.stat().st_size == 0
    lock = FolderLock(tmp_path)
    assert lock.acquire()
    lock.release()
