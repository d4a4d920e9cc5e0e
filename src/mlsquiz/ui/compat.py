"""Work-arounds for faults in the Qt bindings, applied once when the GUI package is imported.

PySide6 6.12.0 on Python 3.11 drops one reference to `None` on every call of a method that returns nothing
(`setText`, `setVisible`, ...): it relies on `None` being immortal, which it is only from Python 3.12 on
(PEP 683). `None` starts with a few thousand references, so the app would abort with "deallocating None"
within minutes. Where that fault is measured, `None` is given so many references that it can never run out,
which is what Python 3.12 does. Nothing happens on a binding without the fault.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject

PROBE_CALLS = 16
RESERVE = 1 << 48  # more void calls than any session makes


def none_references_lost_per_call() -> float:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(PROBE_CALLS):
        probe.setObjectName("probe")
    return (before - sys.getrefcount(None)) / PROBE_CALLS


def keep_none_alive() -> bool:
    """Apply the work-around if this binding loses references to `None`; True if it was needed."""
    if sys.version_info >= (3, 12) or none_references_lost_per_call() < 0.5:
        return False
    count = ctypes.c_ssize_t.from_address(id(None))
    count.value += RESERVE
    return True


KEEPING_NONE_ALIVE = keep_none_alive()
