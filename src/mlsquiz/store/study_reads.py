"""The store's side of weak-spot drills and the exam plan: the history they need, read once, handed to the core.

Per task statement, the tallies are the readiness estimate's data (the most recent first answers to questions,
`RECENT_FIRST_ATTEMPTS` of them), counted by task instead of by domain, so the weak spots and the readiness
bars agree. The plan's pace counts every answer given, by the local day it was given on.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlmodel import col, select

from mlsquiz.bank.schema import Blueprint
from mlsquiz.store.database import Database
from mlsquiz.store.errors import UserFacingError
from mlsquiz.store.notes import hidden_ids
from mlsquiz.store.present import utc
from mlsquiz.store.reads import Reads
from mlsquiz.store.starts import Starts
from mlsquiz.store.tables import ItemRow
from mlsquiz.store.views import AttemptView, PlanView, WeakSpotsView, WeakTaskView
from mlsquiz.study import plan as plan_model
from mlsquiz.study import weak_spots as weak_model
from mlsquiz.study.drills import DrillFilter


def ranked_tasks(reads: Reads, blueprint: Blueprint) -> list[weak_model.TaskGain]:
    available: dict[str, int] = {}
    for q in reads.bank.questions:
        task = q.domains.get(blueprint.id)
        if task is not None:
            available[task] = available.get(task, 0) + 1
    return weak_model.rank_tasks(blueprint, reads.task_tallies(blueprint), available)


def weak_spots(reads: Reads, blueprint: Blueprint, length: int) -> WeakSpotsView:
    chosen = weak_model.weakest(ranked_tasks(reads, blueprint), length)
    return WeakSpotsView(
        blueprint=blueprint.id,
        tasks=[
            WeakTaskView(
                task=t.task,
                title=t.title,
                weight=t.weight,
                answers=t.answers,
                right=t.right,
                gain=t.gain,
                explanation=t.explanation,
            )
            for t in chosen
        ],
        length=length,
    )


def start_weak_drill(
    starts: Starts, blueprint: Blueprint, length: int, seed: int | None
) -> tuple[AttemptView, WeakSpotsView]:
    """A drill on the weakest task statements (`study.weak_spots`), and the choice it was made from."""
    reads = starts.reads
    seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
    ranked = weak_model.weakest(ranked_tasks(reads, blueprint), length)
    questions = weak_model.draw(
        reads.bank,
        blueprint,
        ranked,
        length,
        seed=seed,
        seen=reads.answered_before(),
        wrong=reads.wrong_before(),
        last_seen=reads.last_seen(),
        excluded=hidden_ids(reads.db.session),
    )
    if not questions:
        raise UserFacingError(f"the bank has no questions for {blueprint.id.upper()} to drill")
    chosen_ids = [q.id for q in questions]
    drill = DrillFilter(blueprint=blueprint.id, question_ids=chosen_ids, length=len(chosen_ids))
    title = f"Weak spots · {blueprint.id.upper()} · {len(chosen_ids)} questions"
    view = starts.start_drill(blueprint, drill, seed, title=title)
    return view, weak_spots(reads, blueprint, length)


def answer_days(db: Database, today: date) -> list[date]:
    """The local day of every answer given in the plan's pace window."""
    since = db.clock.now() - timedelta(days=plan_model.PACE_DAYS + 1)
    rows = db.session.exec(select(ItemRow.answered_at).where(col(ItemRow.answered_at) >= since)).all()
    days = [when.astimezone().date() for row in rows if (when := utc(row)) is not None]
    return [d for d in days if d <= today]


def study_plan(
    reads: Reads,
    blueprint: Blueprint,
    exam_date: date | None,
    drill_length: int,
    weak: WeakSpotsView,
    due: int,
) -> PlanView | None:
    if exam_date is None:
        return None
    today = reads.db.clock.now().astimezone().date()
    plan = plan_model.make_plan(
        exam_date,
        today,
        due_reviews=due,
        measured=plan_model.pace(answer_days(reads.db, today), today),
        exam_questions=blueprint.questions,
        drill_length=drill_length,
        weak_tasks=[t.task for t in weak.tasks],
    )
    return PlanView(
        exam_date=plan.exam_date,
        days_left=plan.days_left,
        status=plan.status,
        due_reviews=plan.due_reviews,
        pace=plan.pace,
        pace_measured=plan.pace_measured,
        mocks=plan.mocks,
        mock_every=plan.mock_every,
        drills=plan.drills,
        drill_length=plan.drill_length,
        weak_tasks=list(plan.weak_tasks),
        per_day=plan.per_day,
    )
