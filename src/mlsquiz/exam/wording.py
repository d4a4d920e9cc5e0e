"""The words the exam uses for a question's selection rule, shared by the core's refusals and the screens.

Imports nothing, so the GUI can use it before the core is loaded.
"""

from __future__ import annotations

NUMBER_WORDS = {2: "TWO", 3: "THREE", 4: "FOUR", 5: "FIVE"}


def select_text(select: int) -> str:
    """The instruction of a multiple-response question, as the exam words it: "Select TWO."."""
    return f"Select {NUMBER_WORDS.get(select, str(select))}."


def select_limit_text(select: int) -> str:
    """Why a tick past the limit was refused, and what to do instead."""
    return f"{select_text(select)} Clear one of your choices first."
