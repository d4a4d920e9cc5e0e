"""Wrong-answer review cards, scheduled by the FSRS algorithm (the `fsrs` library).

A question answered wrong becomes a card rated Again. Every later graded answer to it rates the card: wrong is
Again; right is Good, or Hard when it took much longer than the user's median time per question. A card whose
memory stability reaches `WELL_LEARNED_DAYS` after a right answer leaves the queue for good.

The due queue is ordered by `due_order`: questions whose latest graded answer was given as "sure" and was
wrong (a misconception held with confidence) come first, then the rest, each group by due time.
"""

from __future__ import annotations

import hashlib
import json
import statistics
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from fsrs import Card, Rating, Scheduler

from mlsquiz.exam.scoring import is_wrong

WELL_LEARNED_DAYS = 21.0
SLOW_FACTOR = 2.0
MIN_TIMES_FOR_MEDIAN = 10

_scheduler = Scheduler(enable_fuzzing=False)


@dataclass(frozen=True)
class CardUpdate:
    card_json: str
    due: datetime
    retired: bool
    lapse: bool


def rating_for(correct: bool, seconds: float, median_seconds: float | None) -> Rating:
    if is_wrong(True, correct):  # rated only once graded
        return Rating.Again
    if median_seconds and seconds > SLOW_FACTOR * median_seconds:
        return Rating.Hard
    return Rating.Good


def median_time(times: Sequence[float]) -> float | None:
    usable = [t for t in times if t > 0]
    return statistics.median(usable) if len(usable) >= MIN_TIMES_FOR_MEDIAN else None


def card_id_of(question_id: str) -> int:
    """A new card's id, stable per question. (Left to itself, `fsrs` stamps a new card with the current
    millisecond and sleeps 1 ms to keep ids apart, which cost a 65-question submit a third of its time.)"""
    return int.from_bytes(hashlib.sha256(question_id.encode()).digest()[:6], "big")


def review(card_json: str | None, rating: Rating, now: datetime, question_id: str) -> CardUpdate:
    """Rate a card (a new one when `card_json` is None) and say when it is due next."""
    card = (
        Card.from_dict(json.loads(card_json)) if card_json else Card(card_id=card_id_of(question_id), due=now)
    )
    card, _log = _scheduler.review_card(card, rating, review_datetime=now)
    retired = rating != Rating.Again and (card.stability or 0.0) >= WELL_LEARNED_DAYS
    return CardUpdate(json.dumps(card.to_dict()), card.due, retired, rating == Rating.Again)


def due_order(due: Sequence[tuple[str, datetime]], sure_and_wrong: Collection[str]) -> list[str]:
    """The review queue: (question id, due) pairs ordered "sure and wrong" first, then by due time, then by id
    (so the order never depends on how the database returned them)."""
    return [qid for qid, _due in sorted(due, key=lambda c: (c[0] not in sure_and_wrong, c[1], c[0]))]
