"""What every importer shares: drafts of questions, the report, the limits, and turning drafts into questions.

An importer reads one file into `Draft`s (plus skips and errors, each with its line). `build_questions` then
checks every draft against what mlsquiz can ask and makes `Question`s with `source: imported`. A file with any
error imports nothing: the caller writes a file's questions only when its error list is empty.

Ids are stable: `imp.` + the first 16 hex digits of SHA-256 over the file's name (not its folder), a newline,
and the question's title (or, without a title, its stem). Importing the same file again therefore updates its
questions instead of adding copies; a second question with the same title in one file gets `-2`, `-3`, ...
"""

from __future__ import annotations

import hashlib
import html
import re
import stat
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from mlsquiz.bank.schema import OPTION_KEYS, PROMPT_KEYS, Question

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
IMPORTED_TOPIC = "imported"
NO_EXPLANATION = "The imported file gives no explanation."
RIGHT_OPTION = "This is a right answer."
WRONG_OPTION = "This is not a right answer."
PAIR_EXPLANATION = "This is the matching response."
REUSED_NOTE = "A response may be used more than once."


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


def read_text(path: Path) -> str:
    """The file's text: a regular file of at most 20 MB, strict UTF-8 (a byte-order mark is dropped)."""
    try:
        info = path.stat()
    except OSError as exc:
        raise FileRejected(None, f"cannot read the file ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise FileRejected(None, "not a regular file; not read")
    if info.st_size > MAX_FILE_BYTES:
        raise FileRejected(None, f"the file is over {MAX_FILE_BYTES // (1024 * 1024)} MB; not read")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise FileRejected(None, f"cannot read the file ({exc.strerror or exc})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise FileRejected(None, f"the file is over {MAX_FILE_BYTES // (1024 * 1024)} MB; not read")
    return decode(raw)


def decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FileRejected(
            line, f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8"
        ) from None
    if "\x00" in text:
        raise FileRejected(text[: text.index("\x00")].count("\n") + 1, "a NUL character; not a text file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _PlainText(HTMLParser):
    """HTML to plain text: tags dropped, their text kept, scripts and styles dropped, images as their alt text."""

    BLOCKS = frozenset(
        {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "ul", "ol", "table"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(alt)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>!#|])")


def html_to_text(text: str) -> str:
    """[html] text as plain text (no tag, no link, no remote image kept), escaped so Markdown shows it as is."""
    parser = _PlainText()
    parser.feed(text)
    parser.close()
    plain = html.unescape("".join(parser.parts))
    lines = [" ".join(line.split()) for line in plain.split("\n")]
    joined = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return _MD_SPECIAL.sub(r"\\\1", joined)


def plain_to_markdown(text: str) -> str:
    """[plain] text shown as written: Markdown's special characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].strip("-")


def question_id(file_name: str, title: str | None, stem: str) -> str:
    digest = hashlib.sha256(f"{file_name}\n{title or stem}".encode()).hexdigest()
    return f"imp.{digest[:16]}"


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


def _check_lengths(d: Draft) -> str | None:
    texts = [d.stem, d.explanation or "", d.title or "", *d.prompts]
    texts += [t for t, _ in d.options] + [e or "" for _, e in d.options]
    if any(len(t) > MAX_TEXT for t in texts):
        return f"a text is over {MAX_TEXT:,} characters"
    return None


def build_questions(
    file_name: str, parsed: ParsedFile
) -> tuple[list[tuple[Question, str | None, int]], list[Skip], list[tuple[int | None, str]]]:
    """Drafts -> questions (with their title and line), adding skips and errors; ids as the module says."""
    errors = list(parsed.errors)
    skipped = list(parsed.skipped)
    if len(parsed.drafts) + len(skipped) > MAX_QUESTIONS:
        return [], [], [too_many()]
    out: list[tuple[Question, str | None, int]] = []
    seen: dict[str, int] = {}
    for d in parsed.drafts:
        made = _build_one(file_name, d, seen)
        if isinstance(made, Skip):
            skipped.append(made)
        elif isinstance(made, str):
            errors.append((d.line, made))
        else:
            out.append((made, d.title, d.line))
    errors.sort(key=lambda e: e[0] or 0)
    if len(errors) > MAX_ERRORS:
        errors = [*errors[:MAX_ERRORS], (None, f"... and {len(errors) - MAX_ERRORS:,} more errors")]
    return out, skipped, errors


def too_many() -> tuple[int | None, str]:
    return None, f"the file holds more than {MAX_QUESTIONS:,} questions; split it"


def _label(d: Draft) -> str:
    return d.title or " ".join(d.stem.split())[:60]


def _build_one(file_name: str, d: Draft, seen: dict[str, int]) -> Question | Skip | str:
    """A question, a skip (what mlsquiz cannot ask) or an error message (what is wrong in the file)."""
    if not d.stem.strip():
        return "the question has no text"
    too_long = _check_lengths(d)
    if too_long:
        return too_long
    texts = [" ".join(t.split()) for t, _ in d.options]
    if any(not t for t in texts):
        return "an option has no text"
    if d.prompts:
        return _build_matching(file_name, d, seen)
    dup = next((t for i, t in enumerate(texts) if t in texts[:i]), None)
    if dup is not None:
        return f"duplicate option '{dup[:60]}'"
    if not d.right:
        return "no right answer"
    select = len(d.right)
    if d.select_hint is not None and d.select_hint != select:
        return f"the question says choose {d.select_hint} but marks {select} right answers"
    if len(d.options) > MAX_OPTIONS:
        return Skip(d.line, _label(d), f"{len(d.options)} options; mlsquiz asks questions with 4-6 options")
    if select == 1 and len(d.options) < 4:
        return Skip(d.line, _label(d), f"{len(d.options)} options; a single-answer question needs 4-6")
    if select > 1 and len(d.options) < 5:
        return Skip(d.line, _label(d), f"{len(d.options)} options; a multiple-answer question needs 5-6")
    if select == len(d.options):
        return "every option is marked right"
    qid = _unique_id(file_name, d, seen)
    options = [
        {
            "key": OPTION_KEYS[i],
            "text": t.strip(),
            "explanation": (e or "").strip() or (RIGHT_OPTION if i in d.right else WRONG_OPTION),
        }
        for i, (t, e) in enumerate(d.options)
    ]
    return _validated(
        d,
        id=qid,
        type="single" if select == 1 else "multiple",
        select=select,
        stem=d.stem.strip(),
        options=options,
        answer=[OPTION_KEYS[i] for i in sorted(d.right)],
    )


def _build_matching(file_name: str, d: Draft, seen: dict[str, int]) -> Question | Skip | str:
    """GIFT matching -> a matching item: responses in a fixed mixed order, each prompt keyed to its response."""
    if not 3 <= len(d.prompts) <= len(PROMPT_KEYS):
        return Skip(d.line, _label(d), f"{len(d.prompts)} pairs; a matching item has 3-7 prompts")
    responses = list(dict.fromkeys(" ".join(t.split()) for t, _ in d.options))
    if len(responses) > len(OPTION_KEYS):
        return Skip(d.line, _label(d), f"{len(responses)} responses; a matching item has at most 7")
    if len(responses) < 3:
        return Skip(d.line, _label(d), "fewer than 3 different responses; a matching item needs 3")
    prompt_texts = [" ".join(p.split()) for p in d.prompts]
    if any(not p for p in prompt_texts):
        return "a matching pair has no prompt text"
    qid = _unique_id(file_name, d, seen)
    order = sorted(responses, key=lambda r: hashlib.sha256(f"{qid}\n{r}".encode()).hexdigest())
    chosen = [" ".join(d.options[i][0].split()) for i in d.right]
    answer = [OPTION_KEYS[order.index(c)] for c in chosen]
    if answer == list(OPTION_KEYS[: len(answer)]):  # the schema wants them mixed
        order = order[1:] + order[:1]
        answer = [OPTION_KEYS[order.index(c)] for c in chosen]
    reused = len(set(chosen)) != len(chosen)
    stem = d.stem.strip()
    if reused and "more than once" not in stem.lower():
        stem = f"{stem}\n\n{REUSED_NOTE}"
    return _validated(
        d,
        id=qid,
        type="matching",
        select=len(answer),
        stem=stem,
        options=[
            {"key": OPTION_KEYS[i], "text": r, "explanation": PAIR_EXPLANATION} for i, r in enumerate(order)
        ],
        prompts=[
            {"key": PROMPT_KEYS[i], "text": p, "explanation": PAIR_EXPLANATION}
            for i, p in enumerate(prompt_texts)
        ],
        responses_reused=reused,
        answer=answer,
    )


def _unique_id(file_name: str, d: Draft, seen: dict[str, int]) -> str:
    base = question_id(file_name, d.title, " ".join(d.stem.split()))
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"


def _validated(d: Draft, **fields: object) -> Question | str:
    try:
        return Question.model_validate(
            {
                **fields,
                "explanation": (d.explanation or "").strip() or NO_EXPLANATION,
                "domains": d.domains,
                "topics": d.topics or [IMPORTED_TOPIC],
                "source": "imported",
                "template": None,
                "difficulty": 2,
            }
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return f"{where + ': ' if where else ''}{first['msg']}"[:300]
