"""Turning attempt state and rows into the immutable views the screens show. No database access here."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Protocol

from sqlmodel import col

from mlsquiz.bank.schema import Blueprint, Case, Option, Question
from mlsquiz.exam.attempt import AttemptState, ItemState, When, full_response
from mlsquiz.exam.responses import decode
from mlsquiz.exam.scoring import Tally, verdict
from mlsquiz.store.insights import calibration_view, pace_view, pacing_view
from mlsquiz.store.tables import AttemptRow, ItemRow
from mlsquiz.store.views import (
    AttemptStatusView,
    CaseView,
    HistoryEntry,
    HistoryItem,
    ItemView,
    OptionView,
    PromptView,
    ResultView,
    StepView,
    TallyView,
)

LABELS = "ABCDEFG"


def utc(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive; everything here is UTC."""
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


VERDICT_PREFIX = re.compile(r"^\s*(?:correct|incorrect|wrong|right)\s*[.:!]\s*", re.IGNORECASE)


def option_explanation(text: str) -> str:
    """An option's explanation without a leading "Correct." / "Wrong:" (the bank uses several): the screen
    states the verdict once, in its own words, so every explanation reads the same way."""
    body = VERDICT_PREFIX.sub("", text, count=1).strip()
    return body[:1].upper() + body[1:] if body else ""


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
        incomplete=list(summary.incomplete),
        time_left=state.time_left(now),
        elapsed=state.elapsed(now),
        auto_submitted=auto,
        pace=pace_view(state, now),
    )


def _prompts(item: ItemState, labels: Mapping[str, str], revealed: bool) -> list[PromptView]:
    q = item.question
    given = item.sequence if len(item.sequence) == len(q.prompts) else ("",) * len(q.prompts)
    out = []
    for prompt, mine, right in zip(q.prompts, given, q.answer, strict=True):
        out.append(
            PromptView(
                key=prompt.key,
                text=prompt.text,
                response=mine or None,
                response_label=labels.get(mine) if mine else None,
                right_response=right if revealed else None,
                right_label=labels[right] if revealed else None,
                correct=(mine == right) if revealed else None,
                explanation=prompt.explanation if revealed else None,
            )
        )
    return out


def _steps(item: ItemState, labels: Mapping[str, str], by_key: Mapping[str, Option]) -> list[StepView]:
    """The user's order beside the right one, position by position, with why each right step goes there."""
    out = []
    for n, right in enumerate(item.question.answer):
        mine = item.sequence[n] if n < len(item.sequence) else None
        out.append(
            StepView(
                position=n + 1,
                chosen_label=labels[mine] if mine else None,
                chosen_text=by_key[mine].text if mine else None,
                right_label=labels[right],
                right_text=by_key[right].text,
                explanation=by_key[right].explanation,
                correct=mine == right,
            )
        )
    return out


def _case(item: ItemState, cases: Mapping[str, Case] | None) -> CaseView | None:
    case = (cases or {}).get(item.question.case or "")
    if case is None:
        return None
    index = case.questions.index(item.question.id) + 1 if item.question.id in case.questions else 1
    return CaseView(id=case.id, title=case.title, text=case.text, index=index, size=len(case.questions))


def item_view(state: AttemptState, item: ItemState, cases: Mapping[str, Case] | None = None) -> ItemView:
    """A question as the user sees it: options in the stored order; verdicts only once revealed.

    Ordering items give each step its placed position; matching items give each prompt its response; both, once
    revealed, set the user's order or pairs beside the right ones with an explanation for each. A case-study
    question carries its case (looked up in the bank's `cases`, so an attempt shows the case as it is now).
    """
    q = item.question
    revealed = state.is_graded(item)
    by_key: dict[str, Option] = {o.key: o for o in q.options}
    labels = {key: LABELS[i] for i, key in enumerate(item.order)}
    placed = {k: n + 1 for n, k in enumerate(item.sequence)} if q.type == "ordering" else {}
    right_places: dict[str, int] = {k: n + 1 for n, k in enumerate(q.answer)} if q.type == "ordering" else {}
    options = [
        OptionView(
            label=LABELS[i],
            key=key,
            text=by_key[key].text,
            chosen=key in item.answer,
            explanation=option_explanation(by_key[key].explanation) if revealed else None,
            correct=_option_correct(item, key) if revealed else None,
            place=placed.get(key),
            right_place=right_places.get(key) if revealed else None,
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
        correct=verdict(revealed, item.correct),
        explanation=q.explanation if revealed else None,
        domain=item.domain,
        task=item.task,
        topics=list(q.topics),
        source=q.source,
        difficulty=q.difficulty,
        references=list(q.references),
        seconds=item.seconds,
        sequence=list(item.sequence),
        prompts=_prompts(item, labels, revealed) if q.type == "matching" else [],
        steps=_steps(item, labels, by_key) if q.type == "ordering" and revealed else [],
        case=_case(item, cases),
        confidence=item.confidence,
    )


def _option_correct(item: ItemState, key: str) -> bool:
    """Choice items: whether the option is keyed. Ordering: whether the step is in its place. Matching: whether
    every prompt the user gave this response to is right for it (or, if unused, no prompt needed it)."""
    q = item.question
    if q.type == "ordering":
        right = [str(k) for k in q.answer]
        return key in item.sequence and right.index(key) == item.sequence.index(key)
    if q.type == "matching":
        given = item.sequence if len(item.sequence) == len(q.answer) else ("",) * len(q.answer)
        return all((mine == key) == (right == key) for mine, right in zip(given, q.answer, strict=True))
    return key in q.answer


def result_view(
    state: AttemptState,
    row: AttemptRow,
    blueprint: Blueprint | None,
    now: When,
    cases: Mapping[str, Case] | None = None,
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
        items=[item_view(state, i, cases) for i in state.items],
        pacing=pacing_view(state, blueprint),
        calibration=calibration_view(state, blueprint),
    )


def _full(question: Question, stored: str) -> bool:
    answer, sequence = decode(question, stored)
    return full_response(question, answer, sequence)


class ItemLine(Protocol):
    """What history reads of an item row (`HISTORY_COLUMNS`): a plain row, or an `ItemRow`."""

    id: int | None
    attempt_id: int
    position: int
    question_id: str
    domain: str
    answer: str
    flagged: bool
    correct: bool | None
    seconds: float


HISTORY_COLUMNS = (
    col(ItemRow.id),
    col(ItemRow.attempt_id),
    col(ItemRow.position),
    col(ItemRow.question_id),
    col(ItemRow.domain),
    col(ItemRow.answer),
    col(ItemRow.flagged),
    col(ItemRow.correct),
    col(ItemRow.seconds),
)


def history_entries(
    rows: Sequence[AttemptRow],
    item_rows: Iterable[ItemLine],
    question_of: Callable[[ItemLine], Question],
    *,
    with_items: bool = False,
) -> list[HistoryEntry]:
    """CONTRACT.md's history entries from attempt and item rows; `answered` follows `full_response`."""
    per: dict[int, list[ItemLine]] = defaultdict(list)
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
        answered = {item.id: _full(question_of(item), item.answer) for item in mine}
        in_progress = row.status == "in_progress"
        lines = [
            HistoryItem(
                position=item.position,
                question_id=item.question_id,
                type=question_of(item).type,
                answered=None if in_progress else answered[item.id],
                # a row's `correct` is written when its answer is graded; an attempt in progress shows none
                correct=verdict(not in_progress and item.correct is not None, item.correct),
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
