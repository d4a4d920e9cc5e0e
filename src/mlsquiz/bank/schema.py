"""The bank's data model: knowledge entries, questions and blueprints.

Every model is strict: an unknown field or a value of the wrong type is an error, so a typo in a bank file is
reported instead of silently ignored. Models are frozen, because the rest of the app shares them freely.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
TaskId = Annotated[str, StringConstraints(pattern=r"^[1-9]\.[1-9]$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
OptionKey = Literal["A", "B", "C", "D", "E", "F"]
QUESTION_ID = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Contrast(Strict):
    """An "instead of" fact: choose this entry over `other` when `when` holds."""

    other: Slug
    when: NonEmpty


class Misconception(Strict):
    """A specific false statement candidates believe about an entry, kept as reviewed data.

    `statement` is false of the entry; `truth` is the corrected statement in the same form and length, so either
    can stand among the options of a "which statement is true" question without its wording giving it away.
    """

    statement: NonEmpty
    truth: NonEmpty
    why: NonEmpty
    reference: NonEmpty


class KnowledgeEntry(Strict):
    """One AWS service, ML concept or model, with the facts the generator turns into questions.

    `use_for` items must each be distinctive enough that no other entry in the same `category` also fits;
    entries that do overlap for some needs are listed in `overlaps`, and the generator never uses them as each
    other's distractors.
    """

    slug: Slug
    name: NonEmpty
    kind: Literal["service", "concept", "model"]
    category: Slug
    summary: NonEmpty
    aliases: list[NonEmpty] = []
    use_for: list[NonEmpty] = []
    pros: list[NonEmpty] = []
    cons: list[NonEmpty] = []
    instead_of: list[Contrast] = []
    exam_tips: list[NonEmpty] = []
    definition: NonEmpty | None = None
    when_to_use: list[NonEmpty] = []
    pitfalls: list[NonEmpty] = []
    formula: NonEmpty | None = None
    overlaps: list[Slug] = []
    availability: Literal["available", "closed-to-new-customers", "retired"] = "available"
    availability_note: NonEmpty | None = None  # what AWS says, with the date: shown in explanations
    misconceptions: list[Misconception] = []
    domains: dict[str, list[TaskId]]
    references: list[NonEmpty] = []

    @model_validator(mode="after")
    def _needs_mls(self) -> KnowledgeEntry:
        if not self.domains.get("mls-c01"):
            raise ValueError("domains: 'mls-c01' task statements are required")
        if self.availability != "available" and not self.availability_note:
            raise ValueError("availability_note: say what AWS announced, and when")
        return self


class Option(Strict):
    key: OptionKey
    text: NonEmpty
    explanation: NonEmpty


class Question(Strict):
    """A question as the bank holds it and as `bank export` writes it (CONTRACT.md)."""

    id: Annotated[str, StringConstraints(pattern=QUESTION_ID.pattern)]
    type: Literal["single", "multiple"]
    select: int = Field(ge=1)
    stem: NonEmpty
    options: list[Option]
    answer: list[OptionKey]
    explanation: NonEmpty
    domains: dict[str, TaskId]
    topics: list[Slug] = Field(min_length=1)
    source: Literal["generated", "scenario", "imported"]
    template: str | None = None
    difficulty: int = Field(ge=1, le=3)
    references: list[NonEmpty] = []

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        keys = [o.key for o in self.options]
        if keys != ["A", "B", "C", "D", "E", "F"][: len(keys)]:
            raise ValueError("options: keys must be A, B, C, ... in order")
        if len(set(self.answer)) != len(self.answer):
            raise ValueError("answer: a key is given twice")
        missing = [a for a in self.answer if a not in keys]
        if missing:
            raise ValueError(f"answer: {', '.join(missing)} is not an option")
        if self.select != len(self.answer):
            raise ValueError(f"select: is {self.select} but answer has {len(self.answer)} keys")
        if self.type == "single" and (self.select != 1 or len(keys) < 4):
            raise ValueError("type: a single question has select 1 and at least 4 options")
        if self.type == "multiple" and (self.select < 2 or len(keys) < 5):
            raise ValueError("type: a multiple question has select >= 2 and at least 5 options")
        if "mls-c01" not in self.domains and self.source != "imported":
            raise ValueError("domains: 'mls-c01' is required")
        if (self.template is None) != (self.source != "generated"):
            raise ValueError("template: generated questions name their template; others have none")
        return self

    @property
    def correct_options(self) -> list[Option]:
        return [o for o in self.options if o.key in self.answer]


class Task(Strict):
    id: TaskId
    title: NonEmpty


class Domain(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[1-9]$")]
    title: NonEmpty
    weight: float = Field(gt=0, le=1)
    tasks: list[Task] = Field(min_length=1)


class Blueprint(Strict):
    """An exam's shape, as its official exam guide gives it (EXAM_FACTS.md)."""

    id: Slug
    name: NonEmpty
    questions: int = Field(ge=1)
    duration_minutes: int = Field(ge=1)
    passing_score: int = Field(ge=100, le=1000)
    default: bool = False
    retired: date | None = None  # the day AWS retired the exam: it stays selectable, and the app says so
    notes: NonEmpty | None = None
    domains: list[Domain] = Field(min_length=1)

    @model_validator(mode="after")
    def _weights(self) -> Blueprint:
        total = sum(d.weight for d in self.domains)
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"domains: weights add up to {total}, not 1")
        return self

    def task_ids(self) -> set[str]:
        return {t.id for d in self.domains for t in d.tasks}

    def domain_of(self, task_id: str) -> str:
        return task_id.split(".", 1)[0]
