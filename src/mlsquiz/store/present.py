"""Turning attempt state and rows into the immutable views the screens show. No database access here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from mlsquiz.bank.schema import Blueprint, Option
from mlsquiz.exam.attempt import AttemptState, ItemState, When
from mlsquiz.store.tables import AttemptRow
from mlsquiz.store.views import AttemptStatusView, HistoryEntry, ItemView, OptionView, ResultView, TallyView

LABELS = "ABCDEF"


def utc(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive; everything here is UTC."""
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def status_view(state: AttemptState, title: str, now: When, auto: bool = False) -> AttemptStatusView:
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
            explanation=by_key[key].explanation if revealed else None,
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
        answered=bool(item.answer),
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


def result_view(state: AttemptState, row: AttemptRow, blueprint: Blueprint | None, now: When) -> ResultView:
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
        by_domain=[
            TallyView(id=d, title=domain_titles.get(d, d), correct=t.correct, total=t.total)
            for d, t in report.by_domain.items()
        ],
        by_task=[
            TallyView(id=k, title=task_titles.get(k, k), correct=t.correct, total=t.total)
            for k, t in report.by_task.items()
        ],
        items=[item_view(state, i) for i in state.items],
    )


def history_entries(
    rows: Sequence[AttemptRow], items: Iterable[tuple[int, str, str, bool | None]]
) -> list[HistoryEntry]:
    """CONTRACT.md's history entries from attempt rows and (attempt id, domain, answer, correct) tuples."""
    per: dict[int, list[tuple[str, str, bool | None]]] = defaultdict(list)
    for attempt_id, domain, answer, correct in items:
        per[attempt_id].append((domain, answer, correct))
    out = []
    for row in rows:
        assert row.id is not None
        mine = per[row.id]
        by_domain: dict[str, dict[str, int]] = {}
        for domain, _answer, correct in mine:
            d = by_domain.setdefault(domain, {"correct": 0, "total": 0})
            d["total"] += 1
            d["correct"] += bool(correct)
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
                answered=sum(bool(a) for _, a, _ in mine),
                correct=sum(bool(c) for _, _, c in mine),
                elapsed_seconds=round(row.elapsed_seconds),
                scaled_score=row.scaled_score,
                passed=row.passed,
                by_domain=dict(sorted(by_domain.items())),
            )
        )
    return out
