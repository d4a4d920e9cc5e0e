"""The confidence a user can give an answer (optional, off by default): sure, unsure or guess."""

from __future__ import annotations

SURE, UNSURE, GUESS = "sure", "unsure", "guess"
LEVELS = (SURE, UNSURE, GUESS)


def valid_level(level: str) -> bool:
    """A confidence the attempt accepts: one of `LEVELS`, or "" for none."""
    return level == "" or level in LEVELS
