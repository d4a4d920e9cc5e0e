"""What comes next in a drill or a review: the question order, decided without a screen.

The GUI's controller feeds a `DrillSession` the positions the store reports as checked (from the
`AttemptView` it opened and each `Change` after that) and asks it where to go. The session never reads a
widget, so the order is the same with or without a display, and a test can drive it with plain numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class DrillSession:
    """The positions 1..`total` of a drill or review, which of them are checked, and the one shown now."""

    total: int
    position: int = 1
    checked: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.total < 0:
            raise ValueError("a session has no negative length")
        self.checked = {p for p in self.checked if 1 <= p <= self.total}

    @classmethod
    def of(cls, total: int, position: int, checked: Iterable[int]) -> DrillSession:
        return cls(total=total, position=position, checked=set(checked))

    def record(self, position: int, *, checked: bool) -> None:
        """The store reported the item at `position`; `checked`: its verdict is revealed."""
        if checked and 1 <= position <= self.total:
            self.checked.add(position)
        else:
            self.checked.discard(position)

    def moved_to(self, position: int) -> None:
        self.position = position

    @property
    def unchecked(self) -> list[int]:
        return [p for p in range(1, self.total + 1) if p not in self.checked]

    @property
    def finished(self) -> bool:
        """Every question is checked: going on means seeing the results."""
        return not self.unchecked

    @property
    def nothing_checked(self) -> bool:
        return not self.checked

    def next_position(self) -> int | None:
        """The first unchecked question after the current one, wrapping to the start; None when all are checked."""
        unchecked = self.unchecked
        if not unchecked:
            return None
        after = [p for p in unchecked if p > self.position]
        return (after or unchecked)[0]
