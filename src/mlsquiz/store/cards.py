"""Review cards in the database, rated through `study.review` (FSRS) after every graded answer."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from mlsquiz.exam.attempt import ItemState
from mlsquiz.store.tables import CardRow
from mlsquiz.study.review import rating_for, review


def rate_card(session: Session, item: ItemState, median_seconds: float | None, now: datetime) -> None:
    """A wrong answer creates or lapses the question's card; a right one rates an existing card.

    Unanswered questions and right answers to questions without a card change nothing. A card made by a new
    wrong answer is due at once, whatever its FSRS learning step says, so it can be reviewed right after.
    """
    if not item.answer:
        return
    card = session.get(CardRow, item.question.id)
    if card is None and item.correct:
        return
    rated = review(
        card.card_json if card else None,
        rating_for(item.correct, item.seconds, median_seconds),
        now,
        item.question.id,
    )
    due = rated.due
    if card is None:
        card = CardRow(question_id=item.question.id, card_json="", due=now, created_at=now)
        due = now
    card.card_json, card.due, card.retired = rated.card_json, due, rated.retired
    card.reviews += 1
    card.lapses += rated.lapse
    session.add(card)
