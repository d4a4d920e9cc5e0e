"""The whole bank in memory: knowledge, blueprints, hand-written and generated questions, checked together."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import get_args

from mlsquiz.bank.loader import BankError, LoadedFiles, load_files, shipped_root, yaml_files
from mlsquiz.bank.schema import (
    CASE_QUESTIONS,
    Blueprint,
    Case,
    ConfusionSet,
    KnowledgeEntry,
    Question,
    QuestionType,
    Taxonomy,
)


@dataclass(frozen=True)
class Bank:
    knowledge: dict[str, KnowledgeEntry]
    blueprints: dict[str, Blueprint]
    questions: tuple[Question, ...]
    errors: tuple[BankError, ...] = field(default=())
    cases: dict[str, Case] = field(default_factory=dict)
    confusions: tuple[ConfusionSet, ...] = field(default=())
    taxonomy: Taxonomy | None = None

    @cached_property
    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @property
    def default_blueprint(self) -> Blueprint:
        for bp in self.blueprints.values():
            if bp.default:
                return bp
        return next(iter(self.blueprints.values()))

    def _ordered(self) -> list[Blueprint]:
        return sorted(self.blueprints.values(), key=lambda b: (not b.default, b.id))

    def stats(self) -> dict[str, object]:
        """Counts in the shape of CONTRACT.md's `bank stats --json` (the default blueprint first)."""
        by_domain: dict[str, Counter[str]] = {bp: Counter() for bp in self.blueprints}
        by_task: dict[str, Counter[str]] = {bp: Counter() for bp in self.blueprints}
        by_task_type: dict[str, Counter[tuple[str, str]]] = {bp: Counter() for bp in self.blueprints}
        for q in self.questions:
            for bp, task in q.domains.items():
                if bp in by_domain:
                    by_domain[bp][task.split(".")[0]] += 1
                    by_task[bp][task] += 1
                    by_task_type[bp][(task, q.type)] += 1
                    if q.case is not None:
                        by_task_type[bp][(task, "case")] += 1
        kinds = [*get_args(QuestionType), "case"]
        return {
            "total": len(self.questions),
            "knowledge_entries": len(self.knowledge),
            "by_source": dict(sorted(Counter(q.source for q in self.questions).items())),
            "by_type": {t: sum(q.type == t for q in self.questions) for t in get_args(QuestionType)},
            "cases": len(self.cases),
            "case_questions": sum(q.case is not None for q in self.questions),
            "by_domain": {
                bp.id: {d.id: by_domain[bp.id][d.id] for d in bp.domains} for bp in self._ordered()
            },
            "by_task": {
                bp.id: {t.id: by_task[bp.id][t.id] for d in bp.domains for t in d.tasks}
                for bp in self._ordered()
            },
            "by_task_type": {
                bp.id: {
                    t.id: {k: by_task_type[bp.id][(t.id, k)] for k in kinds}
                    for d in bp.domains
                    for t in d.tasks
                }
                for bp in self._ordered()
            },
            "by_template": dict(sorted(Counter(q.template for q in self.questions if q.template).items())),
        }


def check_references(files: LoadedFiles, report: set[str] | None = None) -> list[BankError]:
    """Cross-file checks: unique ids and slugs, known topics, known blueprints and task statements.

    `report`, when given, limits the findings to items that came from those files (the others are context).
    """
    errors: list[BankError] = []

    def add(key: str, fld: str, message: str) -> None:
        file, line = files.origins.get(key, ("<generated>", None))
        line = files.field_lines.get((key, fld), line)
        if report is None or file in report:
            errors.append(BankError(file, message, line=line, item=key, field=fld))

    slugs = Counter(e.slug for e in files.knowledge)
    for slug, n in slugs.items():
        if n > 1:
            add(slug, "slug", f"duplicate slug ({n} entries)")
    blueprints = {b.id: b for b in files.blueprints}
    tasks = {bp: b.task_ids() for bp, b in blueprints.items()}
    for entry in files.knowledge:
        for other in [c.other for c in entry.instead_of] + list(entry.overlaps):
            if other not in slugs:
                add(entry.slug, "instead_of/overlaps", f"unknown slug '{other}'")
        for bp, ids in entry.domains.items():
            _check_tasks(bp, ids, tasks, lambda m, s=entry.slug: add(s, "domains", m))
    _check_sets(files, add)
    question_ids = Counter(q.id for q in files.questions)
    for qid, n in question_ids.items():
        if n > 1:
            add(qid, "id", f"duplicate question id ({n} questions)")
    for q in files.questions:
        for topic in q.topics:
            if topic not in slugs and q.source != "imported":  # the user's own tags need no knowledge entry
                add(q.id, "topics", f"unknown topic slug '{topic}'")
        for bp, task in q.domains.items():
            _check_tasks(bp, (task,), tasks, lambda m, i=q.id: add(i, "domains", m))
    _check_cases(files, add)
    return errors


def _check_cases(files: LoadedFiles, add: Callable[[str, str, str], None]) -> None:
    """Every case exists, has 2-4 questions that name it, and lives in one file with them."""
    low, high = CASE_QUESTIONS
    questions = {q.id: q for q in files.questions}
    cases = Counter(c.id for c in files.cases)
    for case in files.cases:
        if cases[case.id] > 1 or case.id in questions:
            add(case.id, "id", "duplicate case id (another case or a question has it)")
        if not low <= len(case.questions) <= high:
            add(case.id, "questions", f"a case has {low}-{high} questions, not {len(case.questions)}")
        if len(set(case.questions)) != len(case.questions):
            add(case.id, "questions", "a question is listed twice")
        case_file = files.origins.get(case.id, ("", None))[0]
        for qid in case.questions:
            q = questions.get(qid)
            if q is None:
                add(case.id, "questions", f"no question '{qid}' in the bank")
            elif q.case != case.id:
                add(case.id, "questions", f"'{qid}' does not name this case (its case is {q.case or 'none'})")
            elif files.origins.get(qid, ("", None))[0] != case_file:
                add(qid, "case", f"a case's questions are in its file; '{case.id}' is in {case_file}")
    listed = {c.id: set(c.questions) for c in files.cases}
    for q in files.questions:
        if q.case is None:
            continue
        if q.case not in listed:
            add(q.id, "case", f"case '{q.case}' does not exist")
        elif q.id not in listed[q.case]:
            add(q.id, "case", f"case '{q.case}' does not list this question in its questions")


def _check_sets(files: LoadedFiles, add: Callable[[str, str, str], None]) -> None:
    """Confusion sets and taxonomy name known entries; entries name declared categories."""
    slugs = {e.slug for e in files.knowledge}
    seen: Counter[str] = Counter()
    for cs in files.confusions:
        seen[cs.id] += 1
        for slug in cs.slugs:
            if slug not in slugs:
                add("confusions", f"confusions.{cs.id}", f"unknown slug '{slug}'")
        if len(set(cs.slugs)) != len(cs.slugs):
            add("confusions", f"confusions.{cs.id}", "a member is listed twice")
    for set_id, n in seen.items():
        if n > 1:
            add("confusions", f"confusions.{set_id}", f"duplicate confusion set id ({n} sets)")
    taxonomy = files.taxonomy
    if taxonomy is None:
        return
    declared = {c.id: c for c in taxonomy.categories}
    for entry in files.knowledge:
        if entry.category not in declared:
            add(entry.slug, "category", f"'{entry.category}' is not a category declared in taxonomy.yaml")
    for umbrella in taxonomy.umbrellas:
        for slug in [umbrella.parent, *(c for c in umbrella.covers if not c.endswith("*"))]:
            if slug not in slugs:
                add("taxonomy", f"umbrellas.{umbrella.parent}", f"unknown slug '{slug}'")
    grouped: Counter[str] = Counter()
    for group in taxonomy.features:
        for slug in [group.parent, *group.members]:
            if slug not in slugs:
                add("taxonomy", f"features.{group.parent}", f"unknown slug '{slug}'")
        grouped.update(group.members)
    for slug, n in grouped.items():
        if n > 1:
            add("taxonomy", "features", f"'{slug}' is a feature of {n} parents")


def _check_tasks(bp: str, ids: Sequence[str], tasks: dict[str, set[str]], add: object) -> None:
    assert callable(add)
    if not tasks:
        return  # no blueprints loaded (validating a lone file): nothing to check against
    if bp not in tasks:
        add(f"unknown blueprint '{bp}'")
        return
    for task in ids:
        if task not in tasks[bp]:
            add(f"'{task}' is not a task statement of {bp}")


def load_bank(paths: Iterable[Path] | None = None, *, generate: bool = True) -> Bank:
    """Load the shipped bank (or the given files and folders), generate questions and check it all.

    Given paths are checked against the shipped knowledge base and blueprints, so one scenario file can be
    validated on its own; only problems in the given files are reported.
    """
    from mlsquiz.bank.generator import generate_questions

    root = shipped_root()
    if paths is None:
        files = load_files([root], root)
        report = None
        brings_knowledge = True
    else:
        given = list(yaml_files(list(paths)))
        resolved = {p.resolve() for p in given}
        context = [p for p in yaml_files([root]) if p.resolve() not in resolved]
        files = load_files(given)
        brings_knowledge = bool(files.knowledge or files.confusions or files.taxonomy)
        report = {str(p) for p in given} | {e.file for e in files.errors}
        ctx = load_files(context, root)
        files.knowledge += [e for e in ctx.knowledge if e.slug not in {k.slug for k in files.knowledge}]
        files.confusions = files.confusions or ctx.confusions
        files.taxonomy = files.taxonomy or ctx.taxonomy
        if not files.blueprints:
            files.blueprints = ctx.blueprints
        for key, origin in ctx.origins.items():
            files.origins.setdefault(key, origin)
    errors = list(files.errors)
    # Given files are checked against the shipped bank; questions generated from the shipped knowledge alone can
    # hold no error of theirs, so generation runs only when the given files bring knowledge of their own.
    if generate and brings_knowledge:
        generated = generate_questions(files.knowledge, files.confusions, files.taxonomy)
        files.questions += generated
    errors += check_references(files, report)
    return Bank(
        knowledge={e.slug: e for e in files.knowledge},
        blueprints={b.id: b for b in files.blueprints},
        questions=tuple(files.questions),
        errors=tuple(errors),
        cases={c.id: c for c in files.cases},
        confusions=tuple(files.confusions),
        taxonomy=files.taxonomy,
    )
