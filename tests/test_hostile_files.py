"""Hostile bank files are refused in one line each, quickly, without reading what they must not read."""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from mlsquiz.bank.loader import MAX_FILE_BYTES, MAX_FOLDER_FILES, MAX_MESSAGE, load_files
from mlsquiz.cli import main
from mlsquiz.store.errors import UserFacingError, plain_message

BOMB = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)),
    ]
)


def messages(*paths: Path) -> list[str]:
    return [e.format() for e in load_files(list(paths)).errors]


def test_an_alias_bomb_is_refused_at_once_in_one_short_line(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(BOMB)
    start = time.monotonic()
    (line,) = messages(bomb)
    assert time.monotonic() - start < 5
    assert "aliases" in line and len(line) <= MAX_MESSAGE


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xfe- \x00i\x00d\x00", "not UTF-8"),  # UTF-16
        ("caf\xe9: 1\n".encode("latin-1"), "not UTF-8"),
        (b"\x00\x01\x02binary\xff", "not UTF-8"),
        (f"- id: x\n  select: {'9' * 5000}\n".encode(), "cannot read a value"),
    ],
)
def test_unreadable_text_is_one_line(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    (line,) = messages(path)
    assert expected in line and len(line) <= MAX_MESSAGE


def test_size_and_count_limits(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written, and nothing must be read
    (line,) = messages(big)
    assert "20 MB" in line
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(MAX_FOLDER_FILES + 1):
        (folder / f"{n}.yaml").write_text("")
    (line,) = messages(folder)
    assert "more than 1,000 files" in line


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")
def test_pipes_and_devices_are_skipped_unread(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # opening it for reading would block: the loader must not
    assert main(["bank", "validate", str(fifo), "/dev/zero"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert sum("not a regular file" in line for line in err) == 2


def test_database_errors_reach_the_user_without_sql() -> None:
    raw = sqlite3.OperationalError("database or disk is full")
    wrapped = OperationalError("UPDATE attempt SET answer=? WHERE id=?", {}, raw)
    message = plain_message(wrapped)
    assert "UPDATE" not in message and "disk is full" in message
    assert plain_message(UserFacingError("the data folder is read-only")) == "the data folder is read-only"
    assert (
        plain_message(FileNotFoundError(2, "No such file or directory", "x.db"))
        == "No such file or directory: x.db"
    )
