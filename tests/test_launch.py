"""`mlsquiz` opens the app at once for its own two options, and hands everything else to the command line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mlsquiz.launch import app_arguments


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, False)),
        (["--exit-when-ready"], (None, True)),
        (["--data-dir", "d", "--exit-when-ready"], ("d", True)),
        (["--data-dir=d"], ("d", False)),
        (["--data-dir", "a", "--data-dir", "b"], ("b", False)),  # the last wins, as argparse does
    ],
)
def test_the_app_options_alone_open_the_app(argv: list[str], expected: tuple[str | None, bool]) -> None:
    assert app_arguments(argv) == expected


@pytest.mark.parametrize(
    "argv",
    [
        ["history"],
        ["--data", "d"],  # an abbreviation: argparse's to read
        ["--data-dir"],
        ["--data-dir="],
        ["--data-dir", "--exit-when-ready"],
        ["-h"],
        ["--version"],
        ["--data-dir", "d", "history", "--json"],
    ],
)
def test_anything_else_goes_to_the_command_line(argv: list[str]) -> None:
    assert app_arguments(argv) is None


def test_help_and_usage_errors_still_come_from_the_command_line() -> None:
    run = [sys.executable, "-m", "mlsquiz"]
    helped = subprocess.run([*run, "--help"], capture_output=True, text=True, timeout=60)
    assert helped.returncode == 0 and "history" in helped.stdout and "--exit-when-ready" in helped.stdout
    wrong = subprocess.run([*run, "--data-dir"], capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 2 and "usage:" in wrong.stderr
