"""The cyclic garbage collector is held off while the app starts, and settles once it is in."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlsquiz import launch, startup


@pytest.fixture(autouse=True)
def _collector_as_it_was() -> Iterator[None]:
    yield
    startup.release()
    gc.enable()
    gc.unfreeze()


def test_held_then_settled_the_collector_runs_again_and_skips_what_the_start_made() -> None:
    frozen = gc.get_freeze_count()
    startup.hold_collection()
    assert not gc.isenabled()
    made = [[n] for n in range(1000)]  # long-lived objects of the start
    startup.settle()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(made)  # out of every later collection
    startup.settle()  # a second time: nothing
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    startup.hold_collection()
    startup.settle()
    assert not gc.isenabled()


def test_a_start_that_ends_early_lets_the_collector_run_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert launch.main(["--data-dir", str(tmp_path)]) == 1  # no display: one line, and back
    assert "no display" in capsys.readouterr().err
    assert gc.isenabled()
