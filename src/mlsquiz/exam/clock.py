"""The attempt's clock: wall time stamps when things happened, monotonic time is what gets charged.

Elapsed time is charged from a monotonic clock, never from the wall clock, so setting the system clock back or
forward changes nothing. One charge (the time between two ticks or actions) is capped at `max_step` seconds when
the clock says so, so a suspend or a debugger pause costs the candidate nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

MAX_STEP_SECONDS = 5.0


class Clock(Protocol):
    """Wall time for timestamps, monotonic seconds for charging time, and the cap on one charge."""

    max_step: float | None

    def now(self) -> datetime: ...

    def monotonic(self) -> float: ...


class SystemClock:
    max_step: float | None = MAX_STEP_SECONDS

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()


@dataclass(frozen=True)
class Moment:
    """One reading of a clock: `wall` for timestamps, `mono` for durations, `max_step` caps one charge."""

    wall: datetime
    mono: float
    max_step: float | None = None

    @staticmethod
    def of(now: datetime | Moment) -> Moment:
        """A bare datetime (scripts, tests) serves as both wall and monotonic time, uncapped."""
        return now if isinstance(now, Moment) else Moment(now, now.timestamp())

    @staticmethod
    def read(clock: Clock) -> Moment:
        return Moment(clock.now(), clock.monotonic(), clock.max_step)


When = datetime | Moment
