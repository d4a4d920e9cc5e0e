"""CSV, one row per question, as spreadsheets and flashcard apps write it.

The header names the columns, in any order and any case: `question`, `A`-`F`, `answer` (`B` or `B;D`),
`explanation`, `topic` (tags separated by `;`), `domain` (`mla-c01:2.3`, several separated by `;`), and the
optional `explanation_A`-`explanation_F` and `title`. `question`, `A` and `answer` are required; an unknown
column is an error (a typo would lose data). The file is UTF-8 with or without a byte-order mark, comma or
semicolon separated (sniffed from the header line); Python's `csv` module handles quoting and multi-line cells.
Rows with every cell empty are ignored.
"""

from __future__ import annotations

import csv
import io
import re

from mlsquiz.bank.importers.common import (
    MAX_QUESTIONS,
    MAX_TEXT,
    Draft,
    FileRejected,
    ParsedFile,
    parse_domains,
    parse_topics,
    too_many,
)

LETTERS = ("A", "B", "C", "D", "E", "F")
COLUMNS = (
    "question",
    *LETTERS,
    "answer",
    "explanation",
    "topic",
    "domain",
    *(f"explanation_{k}" for k in LETTERS),
    "title",
)
_KNOWN = {c.lower(): c for c in COLUMNS}


def sniff_delimiter(text: str) -> str:
    """`;` or `,`: the csv sniffer on the first lines, else whichever the header line has more of."""
    header = text.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;")
        if dialect.delimiter in ",;":
            return str(dialect.delimiter)
    except csv.Error:
        pass
    return ";" if header.count(";") > header.count(",") else ","


def parse(text: str, tasks: dict[str, set[str]]) -> ParsedFile:
    out = ParsedFile()
    if not text.strip():
        return out
    csv.field_size_limit(MAX_TEXT * 4 + 16)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise FileRejected(1, f"CSV: {exc}") from None
    names: list[str] = []
    for cell in header:
        name = _KNOWN.get(cell.strip().lower())
        if name is None:
            raise FileRejected(1, f"unknown column '{cell.strip()[:40]}' (columns: {', '.join(COLUMNS)})")
        if name in names:
            raise FileRejected(1, f"column '{name}' is given twice")
        names.append(name)
    for required in ("question", "A", "answer"):
        if required not in names:
            raise FileRejected(1, f"the header has no '{required}' column")
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise FileRejected(start, f"CSV: {str(exc)[:120]}") from None
        line, start = start, reader.line_num + 1
        if len(out.drafts) + len(out.errors) >= MAX_QUESTIONS:
            raise FileRejected(*too_many())
        if not any(c.strip() for c in row):
            continue
        if len(row) > len(names):
            out.errors.append((line, f"{len(row)} cells but the header names {len(names)} columns"))
            continue
        cells = dict(zip(names, row, strict=False))
        too_long = next((n for n, v in cells.items() if len(v) > MAX_TEXT), None)
        if too_long:
            out.errors.append((line, f"column '{too_long}': a cell over {MAX_TEXT:,} characters"))
            continue
        try:
            out.drafts.append(_draft(line, cells, tasks))
        except ValueError as exc:
            out.errors.append((line, str(exc)))
    return out


def _draft(line: int, cells: dict[str, str], tasks: dict[str, set[str]]) -> Draft:
    given = [k for k in LETTERS if cells.get(k, "").strip()]
    count = len(given)
    if given != list(LETTERS[:count]):
        gap = next(k for k in LETTERS[:count] if k not in given)
        raise ValueError(f"option {gap} is empty but a later option is given")
    keys = [k.strip().upper() for k in re.split(r"[;,\s]+", cells.get("answer", "")) if k.strip()]
    if not keys:
        raise ValueError("no right answer (the answer column is empty)")
    for key in keys:
        if key not in given:
            raise ValueError(f"answer '{key[:10]}' is not a given option")
    if len(set(keys)) != len(keys):
        raise ValueError("answer: a key is given twice")
    return Draft(
        line=line,
        title=" ".join(cells.get("title", "").split()) or None,
        stem=cells.get("question", "").strip(),
        options=[(cells[k].strip(), cells.get(f"explanation_{k}", "").strip() or None) for k in given],
        right=sorted(LETTERS.index(k) for k in keys),
        explanation=cells.get("explanation", "").strip() or None,
        topics=parse_topics(cells.get("topic", "")),
        domains=parse_domains(cells.get("domain", ""), tasks),
    )
