"""One question of an attempt: its answer, its flag, its time, and the one rule for *answered*."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from mlsquiz.bank.schema import Question
from mlsquiz.exam import responses
from mlsquiz.exam.scoring import GradedItem


def full_response(question: Question, answer: Iterable[str], sequence: tuple[str, ...] = ()) -> bool:
    """The one rule for *answered*: the full response is given (every `select` box ticked, every step placed,
    every prompt matched). Less is *incomplete*: it scores wrong, and the counter, the palette, the summary and
    `history --json` say so."""
    if question.sequenced:
        return responses.complete(question, sequence)
    return len(frozenset(answer)) >= question.select


@dataclass
class ItemState:
    position: int
    question: Question
    order: tuple[str, ...]  # the question's option keys in the order the user sees them
    domain: str
    task: str
    answer: frozenset[str] = frozenset()
    flagged: bool = False
    checked: bool = False
    seconds: float = 0.0
    answered_at: datetime | None = None  # when the current answer was given (the last change to it)
    sequence: tuple[
        str, ...
    ] = ()  # ordering: steps placed, in order; matching: a response key or "" per prompt
    confidence: str = ""  # "sure", "unsure" or "guess" when the user gave one (`study.calibration`)

    @property
    def correct(self) -> bool:
        if self.question.sequenced:
            return self.sequence == tuple(self.question.answer)
        return self.answer == frozenset(self.question.answer)

    @property
    def answered(self) -> bool:
        """The full response is given (see `full_response`)."""
        return full_response(self.question, self.answer, self.sequence)

    @property
    def incomplete(self) -> bool:
        """Something is given, but not the full response."""
        return bool(self.answer) and not self.answered

    def set_sequence(self, sequence: tuple[str, ...], when: datetime | None = None) -> None:
        if sequence != self.sequence and any(sequence):
            self.answered_at = when or self.answered_at
        self.sequence = sequence
        self.answer = frozenset(k for k in sequence if k)

    def graded(self) -> GradedItem:
        if self.question.sequenced:
            return GradedItem(
                self.question.id,
                self.domain,
                self.task,
                self.sequence,
                tuple(self.question.answer),
                self.seconds,
            )
        return GradedItem(
            self.question.id,
            self.domain,
            self.task,
            self.answer,
            frozenset(self.question.answer),
            self.seconds,
        )


@dataclass(frozen=True)
class Summary:
    answered: tuple[int, ...]  # the full response given
    unanswered: tuple[int, ...]  # nothing chosen
    flagged: tuple[int, ...]
    incomplete: tuple[int, ...] = ()  # something chosen, not the full response
