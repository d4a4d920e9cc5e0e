"""Start-up milestones, for `--exit-when-ready` and `benchmarks/bench_startup.py`; and the cyclic garbage
collector held off while the app starts.

With `MLSQUIZ_STARTUP_TRACE=1` each milestone prints `startup: <step> <monotonic seconds>` to standard error;
the benchmark subtracts the time it spawned the process (`time.monotonic` is one clock for the whole system).
"""

from __future__ import annotations

import gc
import os
import sys
import time

_TRACE = os.environ.get("MLSQUIZ_STARTUP_TRACE") == "1"
_seen: set[str] = set()


def mark(step: str) -> None:
    if _TRACE and step not in _seen:
        _seen.add(step)
        print(f"startup: {step} {time.monotonic():.6f}", file=sys.stderr, flush=True)


_held = False


def hold_collection() -> None:
    """Hold the cyclic garbage collector off while the app starts. The start makes some 190,000 objects that live
    as long as the app (modules, the bank's questions), and the collector walked them again and again as they
    came: half the time to load the bank, a tenth of the time to the dashboard."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def settle() -> None:
    """The start is over: collect what it left behind, move what lives on out of every later collection (a full
    one would otherwise walk the bank again, a pause of some 70 ms in the middle of an exam), and let the
    collector run again. Nothing if the collector was not held."""
    if _held:
        gc.collect()
        gc.freeze()
        release()


def release() -> None:
    """Let the collector run again, as it was, without settling (a start that ended early)."""
    global _held
    if _held:
        _held = False
        gc.enable()
