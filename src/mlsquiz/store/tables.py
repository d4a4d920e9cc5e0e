"""SQLModel tables. Only `store.facade` touches them; everything else sees snapshots."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

SCHEMA_VERSION = 3


class Meta(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str


class AttemptRow(SQLModel, table=True):
    __tablename__ = "attempt"

    id: int | None = Field(default=None, primary_key=True)
    mode: str = Field(index=True)
    blueprint: str
    status: str = Field(index=True)
    seed: int | None = None
    title: str = ""
    started_at: datetime
    submitted_at: datetime | None = None
    limit_seconds: int | None = None
    elapsed_seconds: float = 0.0
    position: int = 1
    passing_score: int = 750
    scaled_score: int | None = None
    passed: bool | None = None
    version: int = 0  # bumped by every write; a write from an older reading is refused (a second window)


class ItemRow(SQLModel, table=True):
    """One question of an attempt, with the question as it was shown (so review shows what the user saw)."""

    __tablename__ = "attempt_item"

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="attempt.id", index=True)
    position: int
    question_id: str = Field(index=True)
    domain: str
    task: str
    question_json: str
    option_order: str  # original option keys in the order shown, e.g. "CADB"
    answer: str = ""  # original keys chosen, sorted, e.g. "AC"
    flagged: bool = False
    checked: bool = False
    correct: bool | None = None  # set when graded (submit, or check in a drill)
    seconds: float = 0.0
    answered_at: datetime | None = Field(default=None, index=True)
    confidence: str = ""  # "sure", "unsure" or "guess" when the user gave one (schema 3), else ""


class CardRow(SQLModel, table=True):
    """A wrong-answer review card (FSRS), one per question."""

    __tablename__ = "review_card"

    question_id: str = Field(primary_key=True)
    card_json: str
    due: datetime = Field(index=True)
    reviews: int = 0
    lapses: int = 0
    retired: bool = Field(default=False, index=True)
    created_at: datetime


class NoteRow(SQLModel, table=True):
    """The user's own note on a question (schema 3), one per question."""

    __tablename__ = "question_note"

    question_id: str = Field(primary_key=True)
    text: str
    updated_at: datetime


class ReportRow(SQLModel, table=True):
    """A problem the user reported with a question (schema 3), to send to the maintainers."""

    __tablename__ = "question_report"

    id: int | None = Field(default=None, primary_key=True)
    question_id: str = Field(index=True)
    kind: str  # "wrong key", "ambiguous", "outdated" or "typo"
    comment: str = ""
    bank_version: str
    hidden: bool = False  # the user asked not to be shown this question in drills and exams
    created_at: datetime
