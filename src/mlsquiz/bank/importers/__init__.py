"""Reading question files in other tools' formats: Moodle GIFT, CSV and Markdown task lists.

`read_file` never raises for bad input: every problem comes back in `FileResult.errors` with its line, and a
file with any error yields no questions at all (a bad file imports nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mlsquiz.bank.importers import csvfile, gift, markdown
from mlsquiz.bank.importers.building import build_questions
from mlsquiz.bank.importers.common import (
    EXTENSIONS,
    FORMATS,
    FileRejected,
    Format,
    ImportProblem,
    ParsedFile,
    Skip,
)
from mlsquiz.bank.importers.text import decode, read_bytes
from mlsquiz.bank.schema import Question

__all__ = [
    "FORMATS",
    "FileResult",
    "Format",
    "ImportProblem",
    "Skip",
    "format_of",
    "read_bytes_as",
    "read_file",
    "read_text_as",
]

_PARSERS = {"gift": gift.parse, "csv": csvfile.parse, "markdown": markdown.parse}


@dataclass
class FileResult:
    """One file read: its questions (with their title and line), what was skipped, and what was wrong."""

    file: str
    questions: list[Question] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # question id -> title given in the file
    lines: dict[str, int] = field(default_factory=dict)  # question id -> line
    skipped: list[Skip] = field(default_factory=list)
    errors: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def format_of(path: Path, given: str | None = None) -> Format | None:
    if given is not None:
        return next((f for f in FORMATS if f == given), None)
    return EXTENSIONS.get(path.suffix.lower())


def read_file(path: Path, tasks: dict[str, set[str]], fmt: str | None = None) -> FileResult:
    """Read and check one file; `tasks` are the blueprints' task statements, for `domain` values."""
    result = FileResult(file=str(path))
    chosen = format_of(path, fmt)
    if chosen is None:
        result.errors.append(
            ImportProblem(result.file, None, "unknown format: name it with --format gift|csv|markdown")
        )
        return result
    try:
        raw = read_bytes(path)
    except FileRejected as exc:
        result.errors.append(ImportProblem(result.file, exc.line, exc.message))
        return result
    return read_bytes_as(raw, path.name, chosen, tasks, display=str(path))


def read_bytes_as(
    raw: bytes, name: str, fmt: Format, tasks: dict[str, set[str]], display: str | None = None
) -> FileResult:
    """A file's bytes, read as `read_file` reads them (the fuzz tests feed it bytes in memory). `name` makes the
    ids; `display` (the path, by default `name`) is what the report calls the file."""
    try:
        text = decode(raw)
    except FileRejected as exc:
        return FileResult(
            file=display or name, errors=[ImportProblem(display or name, exc.line, exc.message)]
        )
    return read_text_as(text, name, fmt, tasks, display)


def read_text_as(
    text: str, name: str, fmt: Format, tasks: dict[str, set[str]], display: str | None = None
) -> FileResult:
    result = FileResult(file=display or name)
    try:
        parsed = _PARSERS[fmt](text, tasks)
    except FileRejected as exc:
        parsed = ParsedFile(errors=[(exc.line, exc.message)])
    except RecursionError:  # pragma: no cover - defensive: never a traceback for a hostile file
        parsed = ParsedFile(errors=[(None, "the file is too deeply nested to read")])
    made, result.skipped, errors = build_questions(name, parsed)
    result.errors = [ImportProblem(result.file, line, message) for line, message in errors]
    if result.errors:
        return result
    for question, title, line in made:
        result.questions.append(question)
        result.lines[question.id] = line
        if title:
            result.titles[question.id] = title
    return result
