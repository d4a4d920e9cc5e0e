"""Pacing and calibration views of an attempt, from its state: the core figures of `study.pacing` and
`study.calibration` with the blueprint's titles. No database access here."""

from __future__ import annotations

from mlsquiz.bank.schema import Blueprint
from mlsquiz.exam.attempt import AttemptState, ItemState, When
from mlsquiz.store.insight_views import (
    CalibrationRowView,
    CalibrationView,
    DomainTimeView,
    LevelView,
    PaceView,
    PacingView,
    QuestionRefView,
)
from mlsquiz.study import calibration, pacing


def attempt_budget(state: AttemptState, blueprint: Blueprint | None) -> float | None:
    """Seconds per question: a timed attempt's limit over its questions (a short exam's limit is
    proportional), else the blueprint's duration over its questions."""
    if state.limit_seconds and state.items:
        return pacing.budget_seconds(state.limit_seconds / 60.0, len(state.items))
    if blueprint is not None and blueprint.questions and blueprint.duration_minutes:
        return pacing.budget_seconds(blueprint.duration_minutes, blueprint.questions)
    return None


def pace_view(state: AttemptState, now: When) -> PaceView | None:
    """The pace line of a timed exam in progress."""
    if state.mode != "exam" or not state.limit_seconds or not state.items:
        return None
    budget = state.limit_seconds / len(state.items)
    answered = sum(i.answered for i in state.items)
    p = pacing.pace(state.elapsed(now), answered, len(state.items), budget)
    return PaceView(state=p.state, minutes=p.minutes, text=p.text, budget=budget)


def _ref(item: ItemState, revealed: bool) -> QuestionRefView:
    return QuestionRefView(
        position=item.position,
        question_id=item.question.id,
        domain=item.domain,
        stem=item.question.stem,
        seconds=item.seconds,
        correct=item.correct if revealed else None,
    )


def _titles(blueprint: Blueprint | None) -> dict[str, str]:
    return {d.id: d.title for d in blueprint.domains} if blueprint else {}


def pacing_view(state: AttemptState, blueprint: Blueprint | None) -> PacingView | None:
    """Time per question by domain against the budget, and the slowest questions."""
    budget = attempt_budget(state, blueprint)
    if budget is None or not state.items:
        return None
    timed = [pacing.TimedItem(i.position, i.question.id, i.domain, i.seconds) for i in state.items]
    titles = _titles(blueprint)

    def row(d: pacing.DomainTime) -> DomainTimeView:
        title = "All questions" if d.domain == "all" else titles.get(d.domain, "")
        return DomainTimeView(
            domain=d.domain, title=title, questions=d.questions, seconds=d.seconds, mean=d.mean, budget=budget
        )

    revealed = state.status == "submitted"
    slow = [
        _ref(state.item(t.position), revealed or state.item(t.position).checked)
        for t in pacing.slowest(timed)
    ]
    return PacingView(
        budget=budget,
        domains=[row(d) for d in pacing.by_domain(timed, budget)],
        overall=row(pacing.overall(timed, budget)),
        slowest=slow,
    )


def rated_answers(state: AttemptState) -> list[calibration.RatedAnswer]:
    """The graded answers of an attempt with their confidence (drills: the questions checked)."""
    graded = [i for i in state.items if state.status == "submitted" or i.checked]
    return [
        calibration.RatedAnswer(i.position, i.question.id, i.domain, i.confidence, i.answered, i.correct)
        for i in graded
    ]


def calibration_view(state: AttemptState, blueprint: Blueprint | None) -> CalibrationView | None:
    """How often each confidence was right, per domain, and the answers given as sure that were wrong; None
    when no graded answer carries a confidence."""
    answers = rated_answers(state)
    rows = calibration.calibrate(answers)
    if not rows:
        return None
    titles = _titles(blueprint)
    return CalibrationView(
        rows=[
            CalibrationRowView(
                domain=r.domain,
                title="All domains" if r.domain == "all" else titles.get(r.domain, ""),
                levels=[LevelView(level=k, right=t.right, total=t.total) for k, t in r.levels.items()],
            )
            for r in rows
        ],
        sure_and_wrong=[_ref(state.item(a.position), True) for a in calibration.sure_and_wrong(answers)],
    )
