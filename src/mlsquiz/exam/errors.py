"""What the attempt refuses, and why, in words the screens can show."""

from __future__ import annotations

from mlsquiz.exam.wording import select_limit_text


class AttemptError(ValueError):
    """An action that the attempt's state does not allow (the GUI should not have offered it)."""


class SelectLimitReached(AttemptError):
    """A tick past a multiple-response question's `select`: the one place the limit is enforced."""

    def __init__(self, select: int) -> None:
        super().__init__(f"select at most {select} options; clear one first")
        self.select = select

    @property
    def hint(self) -> str:
        """What the screen says, in the exam's own words ("Select TWO. ...")."""
        return select_limit_text(self.select)


class TimeUp(AttemptError):
    """The exam's time ran out before the action; the attempt has been submitted."""

    def __init__(self) -> None:
        super().__init__("time is up: the exam has been submitted")
