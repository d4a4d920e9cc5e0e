"""Immutable snapshots the store hands out. Screens show these; they never see rows or sessions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from mlsquiz.store.insight_views import CalibrationView, PaceView, PacingView


class View(BaseModel):
    model_config = ConfigDict(frozen=True)


class OptionView(View):
    label: str  # the letter shown (A, B, ...), in display order
    key: str  # the option's key in the bank
    text: str
    explanation: str | None  # None until the verdict is revealed
    chosen: bool  # ordering: placed; matching: given to some prompt
    correct: bool | None  # None until the verdict is revealed
    place: int | None = None  # ordering: the position (1-based) the user placed this step in
    right_place: int | None = None  # ordering: its right position, once revealed


class PromptView(View):
    """A matching prompt with the response the user gave it and, once revealed, the right one and why."""

    key: str
    text: str
    response: str | None  # the option key given, None if none yet
    response_label: str | None  # that option's letter as shown
    right_response: str | None = None  # revealed only
    right_label: str | None = None
    correct: bool | None = None
    explanation: str | None = None


class StepView(View):
    """One position of an ordering item in review: the user's step beside the right one, with why."""

    position: int
    chosen_label: str | None
    chosen_text: str | None
    right_label: str
    right_text: str
    explanation: str
    correct: bool


class CaseView(View):
    """The case study a question belongs to, shown above each of its questions."""

    id: str
    title: str
    text: str
    index: int  # this question's place in the case, 1-based
    size: int


class ItemView(View):
    position: int
    question_id: str
    type: str
    select: int
    stem: str
    options: list[OptionView]
    flagged: bool
    answered: bool  # the full response is given
    revealed: bool
    correct: bool | None
    explanation: str | None
    domain: str
    task: str
    topics: list[str]
    source: str
    difficulty: int
    references: list[str]
    seconds: float
    sequence: list[str] = []  # ordering: option keys in the order placed; matching: a key or "" per prompt
    prompts: list[PromptView] = []
    steps: list[StepView] = []  # ordering, once revealed
    case: CaseView | None = None
    incomplete: bool = False  # something chosen, not the full response
    confidence: str = ""  # "sure", "unsure" or "guess" when the user gave one

    @property
    def chosen_labels(self) -> list[str]:
        return [o.label for o in self.options if o.chosen]


class AttemptStatusView(View):
    id: int
    mode: str
    blueprint: str
    title: str
    status: str
    position: int
    total: int
    answered: list[int]
    flagged: list[int]
    unanswered: list[int]
    time_left: float | None
    elapsed: float
    auto_submitted: bool = False
    incomplete: list[int] = []  # something chosen, not the full response (it is in neither list above)
    pace: PaceView | None = None  # timed exams: where the candidate stands against the budget per question


class AttemptView(View):
    status: AttemptStatusView
    items: list[ItemView]


class Change(View):
    """What an action changed: the attempt's status line and, where one changed, the question."""

    status: AttemptStatusView
    item: ItemView | None = None


class TallyView(View):
    id: str
    title: str
    correct: int
    total: int

    @property
    def fraction(self) -> float:
        return self.correct / self.total if self.total else 0.0


class ResultView(View):
    attempt_id: int
    mode: str
    blueprint: str
    blueprint_name: str
    title: str
    status: str
    started_at: datetime
    submitted_at: datetime | None
    elapsed: float
    limit_seconds: int | None
    correct: int
    total: int
    answered: int
    scaled_score: int | None
    passed: bool | None
    passing_score: int
    by_domain: list[TallyView]
    by_task: list[TallyView]
    items: list[ItemView]
    pacing: PacingView | None = None  # time per question against the exam's budget
    calibration: CalibrationView | None = None  # only when some answer carries a confidence


class HistoryItem(View):
    """One question of an attempt in `history --json --items`; `answered` and `correct` are None while the
    attempt is in progress, and `correct` is None for a question never graded."""

    position: int
    question_id: str
    type: str
    answered: bool | None
    correct: bool | None
    flagged: bool
    seconds: int


class HistoryEntry(View):
    id: int
    mode: str
    blueprint: str
    title: str
    status: str
    started_at: datetime
    submitted_at: datetime | None
    questions: int
    answered: int
    correct: int
    elapsed_seconds: int
    scaled_score: int | None
    passed: bool | None
    by_domain: dict[str, dict[str, int]]
    items: list[HistoryItem] | None = None

    def as_json(self) -> dict[str, Any]:
        """CONTRACT.md's `history --json` entry, with `items` when they were asked for."""
        data = self.model_dump(mode="json", exclude={"title"} | ({"items"} if self.items is None else set()))
        data["started_at"] = self.started_at.isoformat()
        data["submitted_at"] = self.submitted_at.isoformat() if self.submitted_at else None
        return data


class DomainReadinessView(View):
    domain: str
    title: str
    correct: int
    total: int
    mean: float
    low: float
    high: float


class ReadinessView(View):
    blueprint: str
    pass_probability: float
    expected_score: int
    score_low: int
    score_high: int
    passing_score: int
    answers_used: int
    enough_data: bool
    domains: list[DomainReadinessView]


class ResumableView(View):
    id: int
    mode: str
    blueprint: str
    title: str
    started_at: datetime
    answered: int
    total: int
    time_left: float | None
    position: int = 1  # the question it was left on
    checked: int = 0  # drills and reviews: questions checked so far


class WeakTaskView(View):
    """A task statement a weak-spot drill works on, and why (`study.weak_spots`)."""

    task: str
    title: str
    weight: float
    answers: int
    right: int
    gain: float
    explanation: str  # "Task 3.4: 9 answers, 44% right, weight 7%"


class WeakSpotsView(View):
    blueprint: str
    tasks: list[WeakTaskView]  # largest expected gain first; empty when the bank has no question to drill
    length: int  # the drill's length


class PlanView(View):
    """The dashboard's plan for the days up to the exam date (`study.plan`)."""

    exam_date: date
    days_left: int
    status: str  # "plan", "today" or "past"
    due_reviews: int
    pace: float
    pace_measured: bool
    mocks: int
    mock_every: int
    drills: int
    drill_length: int
    weak_tasks: list[str]
    per_day: int


class DashboardView(View):
    blueprint: str
    blueprint_name: str
    due_reviews: int
    resumable: list[ResumableView]
    recent: list[HistoryEntry]
    readiness: ReadinessView
    bank_questions: int
    weak_spots: WeakSpotsView | None = None
    plan: PlanView | None = None  # None without an exam date


class BlueprintView(View):
    id: str
    name: str
    questions: int
    duration_minutes: int
    passing_score: int
    notes: str | None = None  # what a candidate should know about this exam (retirement, question types)
    retired: date | None = None  # the day AWS retired the exam
    default: bool = False  # the bank's default: what a new user finds chosen
    domains: list[TallyView]  # id, title; correct/total unused (0)
    tasks: list[TallyView]


class BackupView(View):
    file: str
    taken_at: datetime
    attempts: int
    answers: int
