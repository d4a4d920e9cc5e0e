"""Which questions' latest graded answer was given as "sure" and was wrong: the review queue takes those first
(`study.review.due_order`). A later graded answer, right or wrong, unsure or unrated, replaces it."""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel import Session, col, select

from mlsquiz.exam.confidence import SURE
from mlsquiz.exam.scoring import is_wrong
from mlsquiz.store.tables import ItemRow

CHUNK = 500


def sure_and_wrong(session: Session, question_ids: Collection[str]) -> set[str]:
    """Of `question_ids`, those whose latest graded answer (by `answered_at`) was "sure" and wrong."""
    ids = sorted(set(question_ids))
    latest: dict[str, bool] = {}
    for start in range(0, len(ids), CHUNK):  # SQLite caps the parameters of one statement
        rows = session.exec(
            select(ItemRow.question_id, ItemRow.confidence, ItemRow.correct)
            .where(
                col(ItemRow.question_id).in_(ids[start : start + CHUNK]),
                col(ItemRow.correct).is_not(None),
                col(ItemRow.answered_at).is_not(None),
                col(ItemRow.answer) != "",
            )
            .order_by(col(ItemRow.answered_at), col(ItemRow.id))
        ).all()
        for qid, confidence, correct in rows:
            latest[qid] = confidence == SURE and is_wrong(True, correct)  # graded rows only
    return {qid for qid, dangerous in latest.items() if dangerous}
