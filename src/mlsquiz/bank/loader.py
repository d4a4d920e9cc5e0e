"""Reading bank files into validated models, with errors that name the file, line, question and field.

Files are told apart by shape, not by name: a top-level mapping with `confusions` is the confusion sets, one with
`categories` is the taxonomy, any other top-level mapping is a blueprint; a list of mappings with `slug` is a
knowledge file, a list of mappings with `id` is a question file. In a question file, a mapping with `title` (and
no `stem`) is a case study, whose questions follow it in the same file. Loading never raises for bad input; it
returns every problem as a `BankError` so that `mlsquiz bank validate` can list them all at once.

Hostile input is refused early: files over `MAX_FILE_BYTES`, folders with more than `MAX_FOLDER_FILES` files,
anything that is not a regular file (a FIFO, a device), text that is not UTF-8, YAML aliases (a 300-byte alias
bomb expands to gigabytes), and numbers too long to read. Every message is at most `MAX_MESSAGE` characters.
"""

from __future__ import annotations

import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from mlsquiz.bank.schema import (
    Blueprint,
    Case,
    ConfusionFile,
    ConfusionSet,
    KnowledgeEntry,
    Question,
    Taxonomy,
)

if TYPE_CHECKING:
    import yaml

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FOLDER_FILES = 1000
MAX_MESSAGE = 300


@dataclass(frozen=True)
class BankError:
    """One problem in one bank file, printed as `FILE:LINE: QUESTION_ID: FIELD: message`."""

    file: str
    message: str
    line: int | None = None
    item: str | None = None
    field: str | None = None

    def format(self) -> str:
        parts = [self.file + (f":{self.line}" if self.line else "")]
        parts += [p for p in (self.item, self.field) if p]
        text = ": ".join([*parts, self.message])
        return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


@dataclass
class RawFile:
    """The parsed contents of one YAML file with the line of every mapping and key in it."""

    path: Path
    data: Any
    lines: dict[tuple[int, str], int]  # (item index, top-level key) -> line; key "" is the item itself


@dataclass
class LoadedFiles:
    knowledge: list[KnowledgeEntry]
    questions: list[Question]
    blueprints: list[Blueprint]
    errors: list[BankError]
    origins: dict[str, tuple[str, int | None]] = field(default_factory=dict)  # slug or id -> (file, line)
    cases: list[Case] = field(default_factory=list)
    field_lines: dict[tuple[str, str], int] = field(default_factory=dict)  # (id, top-level key) -> line
    confusions: list[ConfusionSet] = field(default_factory=list)
    taxonomy: Taxonomy | None = None


def shipped_root() -> Path:
    """The question bank shipped inside the package (`mlsquiz.question_bank`, the repository's `question_bank/`)."""
    return Path(str(resources.files("mlsquiz.question_bank")))


def yaml_files(paths: Iterable[Path], errors: list[BankError] | None = None) -> Iterator[Path]:
    """The YAML files of the given files and folders; a folder with too many files is refused whole."""
    for path in paths:
        if path.is_dir():
            found: list[Path] = []
            for count, p in enumerate(path.rglob("*"), start=1):
                if count > MAX_FOLDER_FILES:
                    if errors is not None:
                        errors.append(
                            BankError(
                                str(path), f"the folder holds more than {MAX_FOLDER_FILES:,} files; not read"
                            )
                        )
                    found = []
                    break
                if p.suffix in {".yaml", ".yml"}:
                    found.append(p)
            yield from sorted(found)
        else:
            yield path


def _read_text(path: Path, display: str) -> tuple[str | None, list[BankError]]:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None, [BankError(display, "not a regular file (a folder, pipe or device); skipped")]
        if info.st_size > MAX_FILE_BYTES:
            return None, [
                BankError(
                    display, f"the file is {info.st_size / 2**20:.0f} MB; bank files are limited to 20 MB"
                )
            ]
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            return None, [BankError(display, "the file is larger than the 20 MB limit for bank files")]
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return None, [
            BankError(display, f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})")
        ]
    except OSError as exc:
        return None, [BankError(display, f"cannot read: {exc.strerror or exc}")]


def _first_alias(node: yaml.Node) -> yaml.Node | None:
    """A node reached twice is an alias (`*name`): bank files have no use for them, and they can explode."""
    import yaml

    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            return current
        seen.add(id(current))
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
    return None


def read_yaml(path: Path, display: str) -> tuple[RawFile | None, list[BankError]]:
    text, errors = _read_text(path, display)
    if text is None:
        return None, errors
    import yaml  # here, not at the top: a start from the compiled-bank cache reads no YAML

    loader_class: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's C loader when present
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is not None and (alias := _first_alias(node)) is not None:
            line = alias.start_mark.line + 1
            return None, [BankError(display, "YAML aliases (*name) are not allowed in bank files", line=line)]
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 1 if mark is not None else None
        return None, [BankError(display, f"YAML syntax: {problem}"[:MAX_MESSAGE], line=line, field="yaml")]
    except (ValueError, RecursionError) as exc:  # a number too long to read, nesting too deep
        return None, [BankError(display, f"cannot read a value: {str(exc)[:200]}")]
    finally:
        loader.dispose()
    lines: dict[tuple[int, str], int] = {}
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(index, "")] = item.start_mark.line + 1
            if isinstance(item, yaml.MappingNode):
                for key, _value in item.value:
                    lines[(index, str(key.value))] = key.start_mark.line + 1
    elif isinstance(node, yaml.MappingNode):
        lines[(0, "")] = node.start_mark.line + 1
        for key, _value in node.value:
            lines[(0, str(key.value))] = key.start_mark.line + 1
    return RawFile(path, data, lines), []


def _validation_errors(
    exc: ValidationError, raw: RawFile, display: str, index: int, item: str | None
) -> list[BankError]:
    errors = []
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        top = loc[0] if loc else ""
        line = raw.lines.get((index, top)) or raw.lines.get((index, ""))
        message = err["msg"].removeprefix("Value error, ")
        field = ".".join(loc) or None
        if field is None and ":" in message:  # model-level validators name the field themselves
            field, message = (s.strip() for s in message.split(":", 1))
            line = raw.lines.get((index, field)) or line
        errors.append(BankError(display, message, line=line, item=item, field=field))
    return errors


def parse_file(path: Path, display: str | None = None) -> LoadedFiles:
    """Validate one file's items against the schema; cross-file checks happen in `check_references`."""
    display = display or str(path)
    out = LoadedFiles([], [], [], [])
    raw, errors = read_yaml(path, display)
    out.errors += errors
    if raw is None:
        return out
    data = raw.data
    if isinstance(data, dict) and ("confusions" in data or "categories" in data):
        return _parse_mapping(data, raw, display, out)
    if isinstance(data, dict):
        try:
            out.blueprints.append(Blueprint.model_validate(data))
        except ValidationError as exc:
            out.errors += _validation_errors(exc, raw, display, 0, str(data.get("id") or "") or None)
        if isinstance(data.get("id"), str):
            out.origins[data["id"]] = (display, raw.lines.get((0, "")))
        return out
    if data is None:
        return out
    if not isinstance(data, list):
        out.errors.append(BankError(display, "a bank file holds a list of entries or one blueprint", line=1))
        return out
    for index, item in enumerate(data):
        line = raw.lines.get((index, ""))
        if not isinstance(item, dict):
            out.errors.append(BankError(display, "each entry must be a mapping", line=line))
            continue
        key = item.get("slug", item.get("id"))
        if isinstance(key, str):
            out.origins.setdefault(key, (display, line))
            for (i, name), at in raw.lines.items():
                if i == index and name:
                    out.field_lines.setdefault((key, name), at)
        if "title" in item and "stem" not in item and "slug" not in item:
            try:
                out.cases.append(Case.model_validate(item))
            except ValidationError as exc:
                out.errors += _validation_errors(exc, raw, display, index, str(item.get("id")))
        elif "slug" in item:
            try:
                out.knowledge.append(KnowledgeEntry.model_validate(item))
            except ValidationError as exc:
                out.errors += _validation_errors(exc, raw, display, index, str(item.get("slug")))
        elif "id" in item:
            item = {"source": "scenario", **item}
            if item.get("type") in ("ordering", "matching") and isinstance(item.get("answer"), list):
                item.setdefault("select", len(item["answer"]))  # one per step or prompt: implied
            try:
                out.questions.append(Question.model_validate(item))
            except ValidationError as exc:
                out.errors += _validation_errors(exc, raw, display, index, str(item.get("id")))
        else:
            out.errors.append(BankError(display, "entry has neither 'slug' nor 'id'", line=line))
    return out


def _parse_mapping(data: dict[str, Any], raw: RawFile, display: str, out: LoadedFiles) -> LoadedFiles:
    """The confusion sets or the taxonomy: one model each, with every set's line kept for cross-file errors."""
    try:
        if "confusions" in data:
            out.confusions += ConfusionFile.model_validate(data).confusions
        else:
            out.taxonomy = Taxonomy.model_validate(data)
    except ValidationError as exc:
        out.errors += _validation_errors(exc, raw, display, 0, None)
    out.origins["confusions" if "confusions" in data else "taxonomy"] = (display, raw.lines.get((0, "")))
    return out


def load_files(paths: Iterable[Path], root: Path | None = None) -> LoadedFiles:
    total = LoadedFiles([], [], [], [])
    for path in yaml_files(paths, total.errors):
        display = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        part = parse_file(path, display)
        total.knowledge += part.knowledge
        total.questions += part.questions
        total.blueprints += part.blueprints
        total.errors += part.errors
        total.cases += part.cases
        for where, at in part.field_lines.items():
            total.field_lines.setdefault(where, at)
        total.confusions += part.confusions
        total.taxonomy = part.taxonomy or total.taxonomy
        for key, origin in part.origins.items():
            total.origins.setdefault(key, origin)
    return total
