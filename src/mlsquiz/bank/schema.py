"""The bank's data model: knowledge entries, questions and blueprints.

Every model is strict: an unknown field or a value of the wrong type is an error, so a typo in a bank file is
reported instead of silently ignored. Models are frozen, because the rest of the app shares them freely.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
TaskId = Annotated[str, StringConstraints(pattern=r"^[1-9]\.[1-9]$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
OptionKey = Literal["A", "B", "C", "D", "E", "F", "G"]
PromptKey = Literal["1", "2", "3", "4", "5", "6", "7"]
QuestionType = Literal["single", "multiple", "ordering", "matching"]
OPTION_KEYS = ("A", "B", "C", "D", "E", "F", "G")
PROMPT_KEYS = ("1", "2", "3", "4", "5", "6", "7")
ORDERING_STEPS = (3, 5)  # the exam guide: 3-5 steps to put in order
MATCHING_PROMPTS = (3, 7)  # the exam guide: 3-7 prompts, each matched to a response
CASE_QUESTIONS = (2, 4)  # a case study's questions
REUSE_PHRASE = "more than once"  # the stem must say so when a response may match several prompts
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


class Category(Strict):
    """A declared knowledge category: entries name one, so a typo is an error instead of a lonely entry."""

    id: Slug
    area: Slug  # categories of one area stand in for each other as distractors when a category is small
    noun: (
        NonEmpty  # what a question asks for when every option belongs to this category ("evaluation metric")
    )


class FeatureGroup(Strict):
    """Entries that are features or options of one parent service, not AWS services of their own.

    A "which AWS service" question offers services only; when every option is a feature of `parent`, the
    question asks for `noun` ("Amazon SageMaker AI feature") instead.
    """

    parent: Slug
    noun: NonEmpty
    members: list[Slug] = Field(min_length=1)


class Umbrella(Strict):
    """An entry that covers others ("Regularization" covers "Dropout"): either could be right, so the generator
    never offers one against the other. `covers` holds slugs, or slug prefixes ending in "*" ("sagemaker-*")."""

    parent: Slug
    covers: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:-\*)?$")]] = Field(
        min_length=1
    )

    def holds(self, slug: str) -> bool:
        return any(slug == c or (c.endswith("*") and slug.startswith(c[:-1])) for c in self.covers)


class Taxonomy(Strict):
    """`taxonomy.yaml`: the declared categories, the feature groups and the umbrella entries."""

    categories: list[Category] = Field(min_length=1)
    features: list[FeatureGroup] = []
    umbrellas: list[Umbrella] = []


class ConfusionMember(Strict):
    """One entry of a confusion set; `differs` says what sets it apart from the others of the set.

    `differs` completes a sentence that starts with the entry's name ("Amazon Data Firehose ..."), so the
    generator can say why this entry is the wrong pick when another member of the set is the key.
    """

    slug: Slug
    differs: NonEmpty


class ConfusionSet(Strict):
    """Entries that candidates confuse with each other: the first distractors of "which one" questions."""

    id: Slug
    note: NonEmpty  # what the members have in common and how to tell them apart
    members: list[ConfusionMember] = Field(min_length=2)

    @property
    def slugs(self) -> list[str]:
        return [m.slug for m in self.members]


class ConfusionFile(Strict):
    """`confusions.yaml`: every confusion set of the bank."""

    confusions: list[ConfusionSet] = Field(min_length=1)


class Option(Strict):
    key: OptionKey
    text: NonEmpty
    explanation: NonEmpty


class Prompt(Strict):
    """One prompt of a matching question; `explanation` says why its response is the right one (the pair)."""

    key: PromptKey
    text: NonEmpty
    explanation: NonEmpty


class Case(Strict):
    """A case study: one scenario shared by 2-4 questions, listed in `questions` in the order they are asked.

    Each question names its case (`case: <id>`) and is scored on its own. A case and its questions live in one
    bank file, so that a file validates on its own.
    """

    id: Annotated[str, StringConstraints(pattern=QUESTION_ID.pattern)]
    title: NonEmpty
    text: NonEmpty
    questions: list[Annotated[str, StringConstraints(pattern=QUESTION_ID.pattern)]]


class Question(Strict):
    """A question as the bank holds it and as `bank export` writes it (CONTRACT.md).

    `single` and `multiple` key a set of options. `ordering` keys every option (a step) in the right order.
    `matching` keys, for each of its `prompts` in turn, the option (a response) that matches it; a response may
    match more than one prompt only with `responses_reused` set, and the stem must then say so.
    """

    id: Annotated[str, StringConstraints(pattern=QUESTION_ID.pattern)]
    type: QuestionType
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
    prompts: list[Prompt] = []
    responses_reused: bool = False
    case: Annotated[str, StringConstraints(pattern=QUESTION_ID.pattern)] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        keys = [o.key for o in self.options]
        if keys != list(OPTION_KEYS[: len(keys)]):
            raise ValueError("options: keys must be A, B, C, ... in order")
        if self.type in ("ordering", "matching"):
            self._check_sequence(keys)
        elif self.prompts or self.responses_reused:
            raise ValueError(f"type: a {self.type} question has no prompts and no responses_reused")
        elif len(keys) > 6:
            raise ValueError(f"options: a {self.type} question has at most 6 options")
        if (self.type != "matching" or not self.responses_reused) and len(set(self.answer)) != len(
            self.answer
        ):
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

    def _check_sequence(self, keys: list[OptionKey]) -> None:
        """Ordering: the answer is a permutation of the steps. Matching: one known response per prompt."""
        if self.type == "ordering":
            low, high = ORDERING_STEPS
            if not low <= len(keys) <= high:
                raise ValueError(f"options: an ordering question has {low}-{high} steps, not {len(keys)}")
            if self.prompts or self.responses_reused:
                raise ValueError("type: an ordering question has no prompts and no responses_reused")
            if sorted(self.answer) != keys:
                raise ValueError("answer: must list every step exactly once, in the right order")
            if self.answer == keys:
                raise ValueError("answer: the steps are listed in the right order already; list them mixed")
            return
        low, high = MATCHING_PROMPTS
        if not low <= len(self.prompts) <= high:
            raise ValueError(
                f"prompts: a matching question has {low}-{high} prompts, not {len(self.prompts)}"
            )
        if [p.key for p in self.prompts] != list(PROMPT_KEYS[: len(self.prompts)]):
            raise ValueError("prompts: keys must be 1, 2, 3, ... in order")
        if len(self.answer) != len(self.prompts):
            raise ValueError(
                f"answer: gives {len(self.answer)} responses for {len(self.prompts)} prompts (one per prompt)"
            )
        if len(keys) < 3:
            raise ValueError("options: a matching question has at least 3 responses")
        if self.responses_reused and REUSE_PHRASE not in self.stem.lower():
            raise ValueError(
                f"stem: say that a response may be used {REUSE_PHRASE} (responses_reused is set)"
            )
        if list(self.answer) == keys[: len(self.answer)]:
            raise ValueError("answer: responses A, B, C, ... match prompts 1, 2, 3, ... in turn; mix them")
        if not self.responses_reused and len(keys) < len(self.prompts):
            raise ValueError("options: fewer responses than prompts, but responses_reused is not set")

    @property
    def correct_options(self) -> list[Option]:
        return [o for o in self.options if o.key in self.answer]

    @property
    def sequenced(self) -> bool:
        """Whether the answer is a sequence (ordering, matching) rather than a set of keys."""
        return self.type in ("ordering", "matching")


class Task(Strict):
    id: TaskId
    title: NonEmpty


class Domain(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[1-9]$")]
    title: NonEmpty
    weight: float = Field(gt=0, le=1)
    tasks: list[Task] = Field(min_length=1)


class ItemMix(Strict):
    """The share of an exam's questions that are of each newer item type (a fraction of the exam's length).

    `case_study` is the share of questions that belong to case studies (a case is drawn whole). Everything else
    is multiple choice or multiple response. An exam guide without these item types leaves them all at 0.
    """

    ordering: float = Field(default=0.0, ge=0, le=0.5)
    matching: float = Field(default=0.0, ge=0, le=0.5)
    case_study: float = Field(default=0.0, ge=0, le=0.5)


class Blueprint(Strict):
    """An exam's shape, as its official exam guide gives it (EXAM_FACTS.md)."""

    id: Slug
    name: NonEmpty
    questions: int = Field(ge=1)
    duration_minutes: int = Field(ge=1)
    passing_score: int = Field(ge=100, le=1000)
    default: bool = False
    notes: NonEmpty | None = None
    item_mix: ItemMix = ItemMix()
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
