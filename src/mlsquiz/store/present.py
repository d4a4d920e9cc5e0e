"""Turning attempt state and rows into the immutable views the screens show. No database access here."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime

from mlsquiz.bank.schema import Blueprint, Option, Question
from mlsquiz.exam.attempt import AttemptState, ItemState, full_response
from mlsquiz.exam.scoring import Tally
from mlsquiz.store.tables import AttemptRow, ItemRow
from mlsquiz.store.views import (
    AttemptStatusView,
    HistoryEntry,
    HistoryItem,
    ItemView,
    OptionView,
    ResultView,
    TallyView,
)

LABELS = "ABCDEF"


def utc(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive; everything here is UTC."""
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


VERDICT_PREFIX = re.compile(r"^\s*(?:correct|incorrect|wrong|right)\s*[.:!]\s*", re.IGNORECASE)


def option_explanation(text: str) -> str:
    """An option's explanation without a leading "Correct." / "Wrong:" (the bank uses several): the screen
    states the verdict once, in its own words, so every explanation reads the same way."""
    body = VERDICT_PREFIX.sub("", text, count=1).strip()
    return body[:1].upper() + body[1:] if body else ""


def status_view(state: AttemptState, title: str, now: datetime, auto: bool = False) -> AttemptStatusView:
    summary = state.summary()
    return AttemptStatusView(
        id=state.id,
        mode=state.mode,
        blueprint=state.blueprint,
        title=title,
        status=state.status,
        position=state.position,
        total=len(state.items),
        answered=list(summary.answered),
        flagged=list(summary.flagged),
        unanswered=list(summary.unanswered),
        incomplete=list(summary.incomplete),
        time_left=state.time_left(now),
        elapsed=state.elapsed(now),
        auto_submitted=auto,
    )


def item_view(state: AttemptState, item: ItemState) -> ItemView:
    """A question as the user sees it: options in the stored order; verdicts only once revealed."""
    q = item.question
    revealed = item.checked or state.status == "submitted"
    by_key: dict[str, Option] = {o.key: o for o in q.options}
    options = [
        OptionView(
            label=LABELS[i],
            key=key,
            text=by_key[key].text,
            chosen=key in item.answer,
            explanation=option_explanation(by_key[key].explanation) if revealed else None,
            correct=(key in q.answer) if revealed else None,
        )
        for i, key in enumerate(item.order)
    ]
    return ItemView(
        position=item.position,
        question_id=q.id,
        type=q.type,
        select=q.select,
        stem=q.stem,
        options=options,
        flagged=item.flagged,
        answered=item.answered,
        incomplete=item.incomplete,
        revealed=revealed,
        correct=item.correct if revealed else None,
        explanation=q.explanation if revealed else None,
        domain=item.domain,
        task=item.task,
        topics=list(q.topics),
        source=q.source,
        difficulty=q.difficulty,
        references=list(q.references),
        seconds=item.seconds,
    )


def result_view(
    state: AttemptState, row: AttemptRow, blueprint: Blueprint | None, now: datetime
) -> ResultView:
    report = state.report()
    domain_titles = {d.id: d.title for d in blueprint.domains} if blueprint else {}
    task_titles = {t.id: t.title for d in blueprint.domains for t in d.tasks} if blueprint else {}
    return ResultView(
        attempt_id=state.id,
        mode=state.mode,
        blueprint=state.blueprint,
        blueprint_name=blueprint.name if blueprint else state.blueprint,
        title=row.title,
        status=state.status,
        started_at=state.started_at,
        submitted_at=state.submitted_at,
        elapsed=state.elapsed(now),
        limit_seconds=state.limit_seconds,
        correct=report.correct,
        total=report.total,
        answered=report.answered,
        scaled_score=row.scaled_score,
        passed=row.passed,
        passing_score=state.passing_score,
        by_domain=[  # every domain of the exam, a domain without questions at 0 of 0
            TallyView(id=d, title=domain_titles.get(d, d), correct=t.correct, total=t.total)
            for d, t in sorted(({k: Tally() for k in domain_titles} | report.by_domain).items())
        ],
        by_task=[
            TallyView(id=k, title=task_titles.get(k, k), correct=t.correct, total=t.total)
            for k, t in report.by_task.items()
        ],
        items=[item_view(state, i) for i in state.items],
    )


def history_entries(
    rows: Sequence[AttemptRow],
    item_rows: Iterable[ItemRow],
    question_of: Callable[[ItemRow], Question],
    *,
    with_items: bool = False,
) -> list[HistoryEntry]:
    """CONTRACT.md's history entries from attempt and item rows; `answered` follows `full_response`."""
    per: dict[int, list[ItemRow]] = defaultdict(list)
    for item in item_rows:
        per[item.attempt_id].append(item)
    out = []
    for row in rows:
        assert row.id is not None
        mine = per[row.id]
        by_domain: dict[str, dict[str, int]] = {}
        for item in mine:
            d = by_domain.setdefault(item.domain, {"correct": 0, "total": 0})
            d["total"] += 1
            d["correct"] += bool(item.correct)
        answered = {item.id: full_response(question_of(item), item.answer) for item in mine}
        in_progress = row.status == "in_progress"
        lines = [
            HistoryItem(
                position=item.position,
                question_id=item.question_id,
                type=question_of(item).type,
                answered=None if in_progress else answered[item.id],
                correct=None if in_progress else item.correct,
                flagged=item.flagged,
                seconds=round(item.seconds),
            )
            for item in mine
        ]
        out.append(
            HistoryEntry(
                id=row.id,
                mode=row.mode,
                blueprint=row.blueprint,
                title=row.title,
                status=row.status,
                started_at=utc(row.started_at) or row.started_at,
                submitted_at=utc(row.submitted_at),
                questions=len(mine),
                answered=sum(answered.values()),
                correct=sum(bool(item.correct) for item in mine),
                elapsed_seconds=round(row.elapsed_seconds),
                scaled_score=row.scaled_score,
                passed=row.passed,
                by_domain=dict(sorted(by_domain.items())),
                items=lines if with_items else None,
            )
        )
    return out
