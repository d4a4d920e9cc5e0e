"""What every importer shares: the formats, the limits, drafts of questions and the report's skips and problems.

An importer reads one file (`text.read_bytes`, `text.decode`) into `Draft`s plus skips and errors, each with its line;
`building.build_questions` then turns the drafts into questions. A file with any error imports nothing: the
caller writes a file's questions only when its error list is empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Format = Literal["gift", "csv", "markdown"]
FORMATS: tuple[Format, ...] = ("gift", "csv", "markdown")
EXTENSIONS: dict[str, Format] = {
    ".gift": "gift",
    ".txt": "gift",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
}
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_QUESTIONS = 20_000
MAX_TEXT = 10_000  # characters in one stem, option, explanation or cell
MAX_OPTIONS = 6
MAX_ERRORS = 100  # listed per file; the rest are counted


@dataclass(frozen=True)
class Skip:
    """A question the file holds but mlsquiz cannot ask (true/false, short answer, ...): reported, not failed."""

    line: int
    title: str
    reason: str

    def as_json(self) -> dict[str, object]:
        return {"line": self.line, "title": self.title, "reason": self.reason}


@dataclass(frozen=True)
class ImportProblem:
    """An error that rejects the whole file."""

    file: str
    line: int | None
    message: str

    def as_json(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "message": self.message}

    def format(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


class FileRejected(Exception):
    """Raised inside an importer for an error that stops reading the file (bad bytes, unclosed brace, ...)."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Draft:
    """One question as a file gives it, before it is checked: options as (text, explanation or None)."""

    line: int
    title: str | None
    stem: str
    options: list[tuple[str, str | None]] = field(default_factory=list)
    right: list[int] = field(default_factory=list)  # indexes into options
    select_hint: int | None = None  # "(Choose two.)"
    explanation: str | None = None
    topics: list[str] = field(default_factory=list)
    domains: dict[str, str] = field(default_factory=dict)
    prompts: list[str] = field(default_factory=list)  # matching: prompt i is matched to options[right[i]]


@dataclass
class ParsedFile:
    drafts: list[Draft] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    errors: list[tuple[int | None, str]] = field(default_factory=list)


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].strip("-")


def parse_domains(value: str, tasks: dict[str, set[str]]) -> dict[str, str]:
    """`mls-c01:1.2; mla-c01:3.1` -> {"mls-c01": "1.2", ...}; an unknown blueprint or task is an error."""
    out: dict[str, str] = {}
    for part in re.split(r"[;,\s]+", value.strip()):
        if not part:
            continue
        bp, sep, task = part.partition(":")
        bp, task = bp.strip().lower(), task.strip()
        if not sep or not bp or not task:
            raise ValueError(f"domain '{part[:40]}' is not BLUEPRINT:TASK (for example mla-c01:2.3)")
        if bp not in tasks:
            raise ValueError(f"domain '{part[:40]}': unknown blueprint (known: {', '.join(sorted(tasks))})")
        if task not in tasks[bp]:
            raise ValueError(f"domain '{part[:40]}': {task} is not a task statement of {bp}")
        out[bp] = task
    return out


def parse_topics(value: str) -> list[str]:
    return list(dict.fromkeys(s for s in (slugify(t) for t in re.split(r"[;,]", value)) if s))


def too_many() -> tuple[int | None, str]:
    return None, f"the file holds more than {MAX_QUESTIONS:,} questions; split it"
