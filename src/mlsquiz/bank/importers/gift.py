"""Moodle GIFT: the plain-text quiz format most quiz tools export.

Read as Moodle documents it: `::title::`, a `[markdown]`, `[html]` or `[plain]` text format, `{=right ~wrong}`,
weights `~%50%` / `~%-50%` (every positive weight marks a right answer; `select` is their count), per-answer
feedback `#...` (that option's explanation), general feedback `####...` (the question's explanation), a
`$CATEGORY:` line (its last part becomes a topic tag), the escapes `\\~ \\= \\# \\{ \\} \\:` (and `\\\\`, `\\n`
for a line break), `//` comment lines, and questions separated by blank lines. Text after the closing brace
(Moodle's "missing word" form) stays in the stem with a blank where the answers were.

Two comment lines that Moodle ignores carry mlsquiz's extras for the next question: `// domain: mla-c01:2.3`
and `// topic: sagemaker`. Matching questions (`=prompt -> response`) become matching items. True/false,
short answer, numerical, essay and description questions are skipped and reported.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from mlsquiz.bank.importers.common import (
    MAX_QUESTIONS,
    Draft,
    FileRejected,
    ParsedFile,
    Skip,
    parse_domains,
    parse_topics,
    too_many,
)
from mlsquiz.bank.importers.text import html_to_text, plain_to_markdown

_ESCAPES = "~=#{}:\\n"
# an escape "\X" becomes two characters of the same length: a private-use stand-in and a filler, so that
# offsets (and so line numbers) stay those of the file
_STAND_IN = {c: chr(0xE000 + i) for i, c in enumerate(_ESCAPES)}
_FILLER = "\ue0ff"
_BACK = {ord(v): ("\n" if k == "n" else k) for k, v in _STAND_IN.items()}
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_TF = re.compile(r"^(T|F|TRUE|FALSE)\s*(#.*)?$", re.S | re.I)
BLANK = "\\_" * 5  # shows as _____
_DIRECTIVE = re.compile(r"^//\s*(domain|topic)\s*:(.*)$", re.I)


def _protect(text: str) -> str:
    return re.sub(r"\\([~=#{}:\\n])", lambda m: _STAND_IN[m.group(1)] + _FILLER, text)


def _restore(text: str) -> str:
    return text.replace(_FILLER, "").translate(_BACK)


def parse(text: str, tasks: dict[str, set[str]]) -> ParsedFile:
    out = ParsedFile()
    protected = _protect(text)
    starts = [0] + [m.end() for m in re.finditer("\n", protected)]

    def line_at(offset: int) -> int:
        return bisect_right(starts, offset)

    category: list[str] = []
    pending: dict[str, str] = {}
    block: list[tuple[int, str]] = []  # (offset, line text)
    depth = 0
    lines = protected.split("\n")
    for number, line in enumerate(lines):
        offset = starts[number]
        stripped = line.strip()
        if stripped.startswith("//"):
            found = _DIRECTIVE.match(stripped)
            if found:
                pending[found.group(1).lower()] = _restore(found.group(2)).strip()
            if block:  # blanked, so the block's text keeps the file's offsets
                block.append((offset, " " * len(line)))
            continue
        if not stripped and depth <= 0:
            if len(out.drafts) + len(out.skipped) > MAX_QUESTIONS:
                raise FileRejected(*too_many())
            if block:
                category = _block(block, line_at, category, pending, tasks, out)
                pending, block, depth = {}, [], 0
            continue
        block.append((offset, line))
        depth += line.count("{") - line.count("}")
    if block:
        category = _block(block, line_at, category, pending, tasks, out)
    return out


def _block(
    block: list[tuple[int, str]],
    line_at: object,
    category: list[str],
    pending: dict[str, str],
    tasks: dict[str, set[str]],
    out: ParsedFile,
) -> list[str]:
    """Parse one question (or a `$CATEGORY:` line); return the category in force after it."""
    assert callable(line_at)
    if block[0][1].strip().startswith("$CATEGORY:"):
        category = [p.strip() for p in _restore(block[0][1].strip()[len("$CATEGORY:") :]).split("/")]
        category = [p for p in category if p]
        block = block[1:]
        if not block:
            return category
    base = block[0][0]
    body = "\n".join(line for _, line in block)
    first_line = int(line_at(base))

    def line_of(pos: int) -> int:
        return int(line_at(base + pos))

    try:
        draft_or_skip = _question(body, first_line, line_of)
    except FileRejected as exc:
        out.errors.append((exc.line, exc.message))
        return category
    if isinstance(draft_or_skip, Skip):
        out.skipped.append(draft_or_skip)
        return category
    draft = draft_or_skip
    try:
        if "domain" in pending:
            draft.domains = parse_domains(pending["domain"], tasks)
    except ValueError as exc:
        out.errors.append((first_line, str(exc)))
        return category
    topics = parse_topics(pending.get("topic", ""))
    if category:
        topics += [t for t in parse_topics(category[-1]) if t not in topics]
    draft.topics = topics
    out.drafts.append(draft)
    return category


def _question(body: str, first_line: int, line_of: object) -> Draft | Skip:
    assert callable(line_of)
    pos = 0
    title: str | None = None
    lead = body.lstrip()
    pos = len(body) - len(lead)
    if lead.startswith("::"):
        end = body.find("::", pos + 2)
        if end < 0:
            raise FileRejected(first_line, "the title's closing '::' is missing")
        title = " ".join(_restore(body[pos + 2 : end]).split()) or None
        pos = end + 2
    fmt_match = re.match(r"\s*\[(markdown|html|plain|moodle)\]", body[pos:], re.I)
    fmt = "moodle"
    if fmt_match:
        fmt = fmt_match.group(1).lower()
        pos += fmt_match.end()
    closing = body.find("}", pos)
    opening = body.find("{", pos)
    if closing >= 0 and (opening < 0 or closing < opening):
        raise FileRejected(line_of(closing), "a '}' without its '{' (write \\} for a brace in the text)")
    label = title or " ".join(_restore(body[pos : opening if opening >= 0 else None]).split())[:60]
    if opening < 0:
        return Skip(first_line, label, "description (no answers): mlsquiz cannot ask it")
    if closing < 0:
        raise FileRejected(line_of(opening), "unclosed '{': the answers have no closing '}'")
    if body.find("{", opening + 1, closing) >= 0:  # most often a question above whose '}' is missing
        raise FileRejected(
            line_of(opening), "unclosed '{': another '{' comes before its '}' (write \\{ in text)"
        )
    after = body[closing + 1 :]
    if "{" in after or "}" in after:
        bad = closing + 1 + min(i for i in (after.find("{"), after.find("}")) if i >= 0)
        raise FileRejected(
            line_of(bad), "a second answer block in one question (separate questions by a blank line)"
        )
    before = body[pos:opening]
    stem = _text(before, fmt)
    if (
        after.strip()
    ):  # Moodle's "missing word": a blank where the answers were (escaped: not Markdown emphasis)
        stem = f"{stem} {BLANK} {_text(after, fmt)}"
    answers = body[opening + 1 : closing]
    general: str | None = None
    split = answers.find("####")
    if split >= 0:
        general = _text(answers[split + 4 :].strip(), fmt)
        answers = answers[:split]
    core = answers.strip()
    if not core:
        return Skip(first_line, label, "essay: mlsquiz cannot ask it")
    if _TF.match(core):
        return Skip(first_line, label, "true/false: mlsquiz cannot ask it")
    if core.startswith("#"):
        return Skip(first_line, label, "numerical: mlsquiz cannot ask it")
    if core[0] not in "=~":
        raise FileRejected(line_of(opening), "answers start with '=' (right) or '~' (wrong)")
    draft = Draft(line=first_line, title=title, stem=stem, explanation=general)
    parts = [(m.start(), m.group(0)) for m in re.finditer(r"[=~]", answers)]
    items: list[tuple[str, float | None, str, str | None, int]] = []
    for i, (start, mark) in enumerate(parts):
        end = parts[i + 1][0] if i + 1 < len(parts) else len(answers)
        chunk = answers[start + 1 : end]
        weight: float | None = None
        found = _WEIGHT.match(chunk)
        if found:
            weight = float(found.group(1))
            chunk = chunk[found.end() :]
        text, _, feedback = chunk.partition("#")
        items.append((mark, weight, text, feedback.strip() or None, line_of(opening + 1 + start)))
    if all(mark == "=" for mark, *_ in items):
        if any("->" in text for _, _, text, _, _ in items):
            return _matching(draft, items, fmt)
        return Skip(first_line, label, "short answer: mlsquiz cannot ask it")
    for mark, weight, text, answer_feedback, line in items:
        if not _restore(text).strip():
            raise FileRejected(line, "an answer with no text")
        right = (mark == "=" and (weight is None or weight > 0)) or (
            mark == "~" and weight is not None and weight > 0
        )
        if right:
            draft.right.append(len(draft.options))
        draft.options.append(
            (_text(text.strip(), fmt), _text(answer_feedback, fmt) if answer_feedback else None)
        )
    return draft


def _matching(draft: Draft, items: list[tuple[str, float | None, str, str | None, int]], fmt: str) -> Draft:
    """`=prompt -> response` pairs; a pair with no prompt adds a response that matches nothing."""
    for _, _, text, _, line in items:
        prompt, arrow, response = text.partition("->")
        if not arrow or not _restore(response).strip():
            raise FileRejected(line, "a matching pair is written '=prompt -> response'")
        response_text = _text(response.strip(), fmt)
        draft.options.append((response_text, None))
        if _restore(prompt).strip():
            draft.prompts.append(_text(prompt.strip(), fmt))
            draft.right.append(len(draft.options) - 1)
    return draft


def _text(raw: str, fmt: str) -> str:
    text = _restore(raw)
    if fmt == "html":
        return html_to_text(text)
    if fmt == "plain":
        return plain_to_markdown(text.strip())
    if fmt == "moodle":  # Moodle's own format allows HTML tags: keep their text only
        return html_to_text(text) if re.search(r"<[a-zA-Z/!]", text) else text.strip()
    return text.strip()
