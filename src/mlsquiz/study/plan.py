"""A plan for the days before the exam date: mock exams, weak-spot drills and reviews, sized to the user's pace.

A suggestion, never a schedule: nothing here is enforced, and the app shows it only when the user has set a date.

    days left  D = exam date − today (0: the exam is today; below 0: the date has passed; no plan for either)
    pace       P = answers in the last PACE_DAYS days (today included) ÷ the days among them with an answer;
                   DEFAULT_PACE when there were none
    budget     B = P × D answers, as if the user studied every day left at their pace
    mocks      M = floor(MOCK_SHARE × B ÷ exam questions), at least 1, at most one every MOCK_GAP_DAYS days
                   (rounded up) and never more than MAX_MOCKS
    reviews    R = the reviews due now (those that fall due later come on top, as they do)
    drills     K = floor((B − M × exam questions − R) ÷ drill length), at least 1
    per day      = ceil((M × exam questions + R + K × drill length) ÷ D)
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

PACE_DAYS = 14
DEFAULT_PACE = 30
MOCK_SHARE = 0.3
MOCK_GAP_DAYS = 2
MAX_MOCKS = 6


@dataclass(frozen=True)
class Pace:
    answers: int
    study_days: int

    @property
    def per_day(self) -> float | None:
        """Answers per study day, or None without a study day in the window."""
        return self.answers / self.study_days if self.study_days else None


def pace(answer_days: Iterable[date], today: date) -> Pace:
    """The user's pace from the local days of their answers: only the last PACE_DAYS days (today included)."""
    first = today - timedelta(days=PACE_DAYS - 1)
    recent = [d for d in answer_days if first <= d <= today]
    return Pace(answers=len(recent), study_days=len(set(recent)))


@dataclass(frozen=True)
class StudyPlan:
    exam_date: date
    days_left: int
    status: Literal["plan", "today", "past"]
    due_reviews: int
    pace: float  # the answers per study day the plan is sized to
    pace_measured: bool  # False: no answers in the window, DEFAULT_PACE assumed
    mocks: int = 0
    drills: int = 0
    drill_length: int = 0
    weak_tasks: tuple[str, ...] = ()
    per_day: int = 0

    @property
    def mock_every(self) -> int:
        """About how many days apart the mocks fall."""
        return max(1, self.days_left // self.mocks) if self.mocks else 0


def make_plan(
    exam_date: date,
    today: date,
    *,
    due_reviews: int,
    measured: Pace,
    exam_questions: int,
    drill_length: int,
    weak_tasks: Sequence[str],
) -> StudyPlan:
    days = (exam_date - today).days
    per_day = measured.per_day
    pace_used = per_day if per_day is not None else float(DEFAULT_PACE)
    status: Literal["plan", "today", "past"] = "past" if days < 0 else "today" if days == 0 else "plan"
    plan = StudyPlan(exam_date, days, status, due_reviews, pace_used, per_day is not None)
    if status != "plan":
        return plan
    budget = pace_used * days
    most = min(MAX_MOCKS, math.ceil(days / MOCK_GAP_DAYS))
    mocks = min(max(1, math.floor(MOCK_SHARE * budget / exam_questions)), most)
    length = max(1, drill_length)
    drills = max(1, math.floor((budget - mocks * exam_questions - due_reviews) / length))
    total = mocks * exam_questions + due_reviews + drills * length
    return dataclasses.replace(
        plan,
        mocks=mocks,
        drills=drills,
        drill_length=length,
        weak_tasks=tuple(weak_tasks),
        per_day=math.ceil(total / days),
    )
