"""The user's own bank: imported questions kept in the data folder, beside (never inside) the shipped bank.

Each imported file becomes one JSON document `imported/<key>.json`, where `key` comes from the file's name:
importing a file of the same name again replaces its document in one atomic file replace (written to a
temporary file, flushed, then renamed over the old one), so a crash leaves the old questions or the new ones,
never half. Questions keep `source: imported`; `with_user_bank` adds them to a loaded bank for every command
and screen that reads the bank. Reading never creates the folder.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.schema import Question

if TYPE_CHECKING:  # the importers are loaded by an import, not by every start
    from mlsquiz.bank.importers import FileResult

FOLDER = "imported"
DOC_FORMAT = "mlsquiz-imported"
DOC_VERSION = 1
MAX_DOCUMENTS = 1000


@dataclass(frozen=True)
class ImportedQuestion:
    """A question of the user's bank with where it came from, for the "My questions" list."""

    question: Question
    file: str
    title: str | None


@dataclass
class UserBank:
    questions: list[ImportedQuestion] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # documents that could not be read (left as they are)

    def ids(self) -> set[str]:
        return {q.question.id for q in self.questions}


def folder(data_dir: Path) -> Path:
    return data_dir / FOLDER


def document_path(data_dir: Path, file_name: str) -> Path:
    key = hashlib.sha256(file_name.encode()).hexdigest()[:16]
    return folder(data_dir) / f"{key}.json"


def load_user_bank(data_dir: Path) -> UserBank:
    """Every readable document; a damaged one is named in `problems` and left alone, never fatal."""
    out = UserBank()
    where = folder(data_dir)
    if not where.is_dir():
        return out
    seen: set[str] = set()
    for path in sorted(where.glob("*.json"))[:MAX_DOCUMENTS]:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            if doc.get("format") != DOC_FORMAT:
                raise ValueError("not an imported-questions document")
            titles = doc.get("titles", {})
            for raw in doc["questions"]:
                q = Question.model_validate_json(json.dumps(raw))
                if q.source != "imported" or q.id in seen:
                    continue
                seen.add(q.id)
                out.questions.append(ImportedQuestion(q, str(doc.get("file", "")), titles.get(q.id)))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, ValidationError) as exc:
            out.problems.append(f"{path.name}: {str(exc)[:200]}")
    return out


def with_user_bank(bank: Bank, data_dir: Path) -> Bank:
    """The bank plus the user's imported questions (ids the shipped bank already has are left out)."""
    user = load_user_bank(data_dir)
    extra = tuple(q.question for q in user.questions if q.question.id not in bank.by_id)
    if not extra:
        return bank
    return dataclasses.replace(bank, questions=bank.questions + extra)


def load_bank_with_user(data_dir: Path) -> Bank:
    """The shipped bank through the compiled-bank cache (looked up when called, so a replaced
    `load_cached_bank` is the one used) plus the user's."""
    from mlsquiz.bank import cache

    return with_user_bank(cache.load_cached_bank(), data_dir)


def blueprint_tasks(bank: Bank) -> dict[str, set[str]]:
    return {bp_id: bp.task_ids() for bp_id, bp in bank.blueprints.items()}


@dataclass
class ImportReport:
    """CONTRACT.md's import report; `files` keeps each file's result for the app's preview."""

    files: list[FileResult]
    imported: int = 0
    updated: int = 0
    written: bool = False
    updates: set[str] = field(default_factory=set)  # ids that replace a question already imported

    @property
    def skipped(self) -> list[dict[str, object]]:
        return [{"file": f.file, **s.as_json()} for f in self.files for s in f.skipped]

    @property
    def errors(self) -> list[dict[str, object]]:
        return [e.as_json() for f in self.files for e in f.errors]

    def as_json(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "updated": self.updated,
            "skipped": self.skipped,
            "errors": self.errors,
        }


def plan_import(paths: Iterable[Path], data_dir: Path, bank: Bank, fmt: str | None = None) -> ImportReport:
    """Read and check every file; count what would be new and what would update. Writes nothing."""
    tasks = blueprint_tasks(bank)
    from mlsquiz.bank.importers import ImportProblem, read_file

    report = ImportReport(files=[read_file(Path(p), tasks, fmt) for p in paths])
    existing = load_user_bank(data_dir).ids()
    names = [Path(f.file).name for f in report.files]
    for result, name in zip(report.files, names, strict=True):
        if names.count(name) > 1 and result.ok:
            result.errors.append(ImportProblem(result.file, None, "two files of this name in one import"))
            result.questions.clear()
        clash = next((q.id for q in result.questions if q.id in bank.by_id and q.source != "imported"), None)
        if clash:
            result.errors.append(ImportProblem(result.file, None, f"id {clash} is a shipped question"))
            result.questions.clear()
        for q in result.questions:
            if q.id in existing:
                report.updated += 1
                report.updates.add(q.id)
            else:
                report.imported += 1
    return report


def apply_import(report: ImportReport, data_dir: Path) -> ImportReport:
    """Write every file that has no error, each in one atomic replace; files with errors write nothing."""
    for result in report.files:
        if result.ok:
            name = Path(result.file).name
            doc = {
                "format": DOC_FORMAT,
                "version": DOC_VERSION,
                "file": name,
                "titles": result.titles,
                "questions": [q.model_dump(mode="json") for q in result.questions],
            }
            _write_atomic(document_path(data_dir, name), json.dumps(doc, ensure_ascii=False, indent=1))
    report.written = True
    return report


def delete_questions(data_dir: Path, ids: Iterable[str]) -> int:
    """Remove these imported questions from their documents (each rewritten atomically); how many went."""
    wanted = set(ids)
    removed = 0
    where = folder(data_dir)
    if not wanted or not where.is_dir():
        return 0
    for path in sorted(where.glob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            questions = doc["questions"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        kept = [q for q in questions if not (isinstance(q, dict) and q.get("id") in wanted)]
        if len(kept) == len(questions):
            continue
        removed += len(questions) - len(kept)
        if kept:
            doc["questions"] = kept
            _write_atomic(path, json.dumps(doc, ensure_ascii=False, indent=1))
        else:
            path.unlink()
    return removed


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".import-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
