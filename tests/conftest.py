"""Shared fixtures: synthetic banks for the engine, the real shipped bank, a fake clock, a fresh data folder."""

from __future__ import annotations

import copy
import dataclasses
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Numerical libraries use one thread per test process: pytest-xdist already runs a process per core.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
if "MLSQUIZ_CACHE_DIR" not in os.environ:  # tests never touch the user's real cache folder
    import tempfile

    os.environ["MLSQUIZ_CACHE_DIR"] = tempfile.mkdtemp(prefix="mlsquiz-test-cache-")

from mlsquiz.bank import cache, loader
from mlsquiz.bank.bank import Bank, load_bank
from mlsquiz.bank.loader import LoadedFiles, load_files, shipped_root
from mlsquiz.bank.schema import Question


def stored_answers(folder: Path, attempt_id: int) -> dict[int, str]:
    """Position -> answer as committed to the attempt's database file, read past the Store and its cache."""
    with closing(sqlite3.connect(folder / "mlsquiz.db")) as db:
        rows = db.execute("SELECT position, answer FROM attempt_item WHERE attempt_id = ?", (attempt_id,))
        return dict(rows.fetchall())


class FakeClock:
    """A clock the test moves by hand.

    `advance` moves wall and monotonic time together, as if the app ticked all along (so no charge cap, unless
    `max_step` is given); `jump_wall` moves only the wall clock, as a user setting the system clock does.
    """

    def __init__(self, start: datetime | None = None, max_step: float | None = None) -> None:
        self.current = start or datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
        self.mono = 1000.0
        self.max_step = max_step

    def now(self) -> datetime:
        return self.current

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)
        self.mono += seconds

    def jump_wall(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


def synthetic_question(i: int, task: str, mla_task: str, *, multiple: bool = False) -> Question:
    keys = "ABCDE" if multiple else "ABCD"
    answer = ["B", "D"] if multiple else ["ABCD"[i % 4]]
    stem = f"Synthetic question {i} for task {task}." + (" (Select TWO.)" if multiple else "")
    return Question(
        id=f"test.q{i}",
        type="multiple" if multiple else "single",
        select=len(answer),
        stem=stem,
        options=[
            {"key": k, "text": f"Option {k} of {i}", "explanation": f"Why {k} is or is not right."}
            for k in keys
        ],  # type: ignore[misc]
        answer=answer,  # type: ignore[arg-type]
        explanation="Because.",
        domains={"mls-c01": task, "mla-c01": mla_task},
        topics=["s3"],
        source="imported",
        difficulty=1 + i % 3,
    )


def synthetic_bank(n: int = 600, multiple_every: int = 7) -> Bank:
    """A bank of `n` questions spread evenly over every MLS-C01 and MLA-C01 task statement."""
    files = load_files([shipped_root() / "blueprints"])
    blueprints = {b.id: b for b in files.blueprints}
    mls = sorted(blueprints["mls-c01"].task_ids())
    mla = sorted(blueprints["mla-c01"].task_ids())
    questions = tuple(
        synthetic_question(i, mls[i % len(mls)], mla[i % len(mla)], multiple=i % multiple_every == 0)
        for i in range(n)
    )
    return Bank(knowledge={}, blueprints=blueprints, questions=questions)


@pytest.fixture(scope="session", autouse=True)
def _shipped_files_parsed_once() -> Iterator[None]:
    """Each shipped bank file is parsed once per test process, not again for every `bank validate` of a test's
    file (which reads the whole shipped bank as its context) or every fresh build of the bank.

    The parse is kept by path, size and modification time, so a changed file is read again; files outside the
    shipped bank are always parsed. Each caller gets its own lists, as from a fresh parse.
    """
    root = shipped_root().resolve()
    parse = loader.parse_file
    parsed: dict[tuple[Path, str | None, int, int], LoadedFiles] = {}

    def parse_once(path: Path, display: str | None = None) -> LoadedFiles:
        resolved = path.resolve()
        if not resolved.is_relative_to(root) or not resolved.is_file():
            return parse(path, display)
        info = resolved.stat()
        key = (resolved, display, info.st_mtime_ns, info.st_size)
        if key not in parsed:
            parsed[key] = parse(path, display)
        done = parsed[key]
        return dataclasses.replace(
            done, **{f.name: copy.copy(getattr(done, f.name)) for f in dataclasses.fields(done)}
        )

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "parse_file", parse_once)
        yield


@pytest.fixture(scope="session", autouse=True)
def _cached_bank_unpickled_once() -> Iterator[None]:
    """The compiled-bank cache file of the test session's cache folder is unpickled once per test process, not
    again for every in-process command; kept by path, size and modification time, so a rewritten or damaged
    file is read (and checked) again. The bank is frozen, so every command may share it."""
    folder = Path(os.environ["MLSQUIZ_CACHE_DIR"]).resolve()
    read = cache._read
    banks: dict[tuple[Path, int, int], Bank | None] = {}

    def read_once(path: Path) -> Bank | None:
        resolved = path.resolve()
        if resolved.parent != folder or not resolved.is_file():
            return read(path)
        info = resolved.stat()
        key = (resolved, info.st_mtime_ns, info.st_size)
        if key not in banks:
            banks[key] = read(path)
        return banks[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache, "_read", read_once)
        yield


@pytest.fixture(scope="session")
def small_bank() -> Bank:
    return synthetic_bank()


@pytest.fixture(scope="session")
def shipped_bank() -> Bank:
    return load_bank()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long-running tests (`slow`: the SIGKILL soak) first, so that with the tests spread over processes one
    process starts on them at once while the others share out the rest."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: the rest keep their order
