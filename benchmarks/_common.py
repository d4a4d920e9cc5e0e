"""Timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.conftest's synthetic bank


def timings(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(name: str, ms: list[float]) -> None:
    ms = sorted(ms)
    p95 = ms[min(int(len(ms) * 0.95), len(ms) - 1)]
    print(f"{name:<48} median {statistics.median(ms):8.3f} ms   p95 {p95:8.3f} ms   (n={len(ms)})")


def bare_commit_timings(folder: Path, repeat: int) -> list[float]:
    """The baseline for committing an answer: a bare sqlite3 UPDATE + COMMIT in WAL mode, in milliseconds."""
    import sqlite3

    raw = sqlite3.connect(folder / "raw.db")
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=NORMAL")
    raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, answer TEXT)")
    raw.executemany("INSERT INTO t VALUES (?, '')", [(i,) for i in range(65)])
    raw.commit()
    counter = iter(range(10**6))

    def bare() -> None:
        n = next(counter)
        raw.execute("UPDATE t SET answer = ? WHERE id = ?", ("ABCD"[n % 4], n % 65))
        raw.commit()

    return timings(bare, repeat)
