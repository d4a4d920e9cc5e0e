"""Start-up milestones, for `--exit-when-ready` and `benchmarks/bench_startup.py`.

With `MLSQUIZ_STARTUP_TRACE=1` each milestone prints `startup: <step> <monotonic seconds>` to standard error;
the benchmark subtracts the time it spawned the process (`time.monotonic` is one clock for the whole system).
"""

from __future__ import annotations

import os
import sys
import time

_TRACE = os.environ.get("MLSQUIZ_STARTUP_TRACE") == "1"
_seen: set[str] = set()


def mark(step: str) -> None:
    if _TRACE and step not in _seen:
        _seen.add(step)
        print(f"startup: {step} {time.monotonic():.6f}", file=sys.stderr, flush=True)
