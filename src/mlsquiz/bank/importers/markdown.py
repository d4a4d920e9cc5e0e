"""Markdown task lists, as community study repositories write them.

    ### Title of the question
    The stem: every paragraph up to the first task item. (Choose two.)
    - [x] a right answer
      > why it is right (optional: an indented quote under an item is that option's explanation)
    - [ ] a wrong answer
    > Topic: sagemaker
    > Domain: mla-c01:2.3
    > Explanation: why; the quote block may go on over several lines.

A `###` heading starts a question and is its title (and its stem, when no paragraph follows it). "(Choose two.)", "(Select TWO.)", "(Pick 3)" and the like
set `select`, which must agree with the `[x]` marks; without such a hint `select` is their number. `Topic:` and
`Domain:` lines, both optional, come before `Explanation:`. Text before the first `###` is ignored; a `###`
inside a code fence does not start a question.
"""

from __future__ import annotations

import re

from mlsquiz.bank.importers.common import (
    MAX_QUESTIONS,
    Draft,
    FileRejected,
    ParsedFile,
    parse_domains,
    parse_topics,
    too_many,
)

_HEADING = re.compile(r"^###\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^[-*+]\s+\[( |x|X)\]\s?(.*)$")
_HINT = re.compile(r"\((?:choose|select|pick|mark)\s+(two|three|four|five|2|3|4|5)\b[^)]*\)", re.I)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
_FENCE = re.compile(r"^\s*(```|~~~)")


def select_hint(stem: str) -> int | None:
    found = _HINT.search(stem)
    return _NUMBERS[found.group(1).lower()] if found else None


def parse(text: str, tasks: dict[str, set[str]]) -> ParsedFile:
    out = ParsedFile()
    lines = text.split("\n")
    starts: list[int] = []
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and _HEADING.match(line):
            starts.append(i)
    if len(starts) > MAX_QUESTIONS:
        raise FileRejected(*too_many())
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        try:
            out.drafts.append(_question(lines, start, end, tasks))
        except _Error as exc:
            out.errors.append((exc.line, exc.message))
    return out


class _Error(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _question(lines: list[str], start: int, end: int, tasks: dict[str, set[str]]) -> Draft:
    heading = _HEADING.match(lines[start])
    assert heading is not None
    title = heading.group(1).strip() or None
    i = start + 1
    stem: list[str] = []
    fenced = False
    while i < end and (fenced or not _ITEM.match(lines[i])):
        if _FENCE.match(lines[i]):
            fenced = not fenced
        stem.append(lines[i])
        i += 1
    # many study repositories write the whole question in its heading: then the heading is the stem too
    draft = Draft(line=start + 1, title=title, stem="\n".join(stem).strip() or (title or ""))
    if i == end:
        raise _Error(start + 1, "no task list: mark answers with '- [x]' and '- [ ]'")
    options: list[tuple[list[str], list[str], int]] = []  # text lines, explanation lines, line number
    while i < end:
        line = lines[i]
        item = _ITEM.match(line)
        if item:
            if item.group(1).lower() == "x":
                draft.right.append(len(options))
            options.append(([item.group(2)], [], i + 1))
        elif line.startswith(("  ", "\t")) and line.strip() and options:
            body = line.strip()
            if body.startswith(">"):
                options[-1][1].append(body[1:].removeprefix(" "))
            elif options[-1][1]:
                raise _Error(i + 1, "option text after its explanation quote")
            else:
                options[-1][0].append(body)
        elif not line.strip():
            pass
        else:
            break
        i += 1
    draft.options = [("\n".join(t).strip(), "\n".join(e).strip() or None) for t, e, _ in options]
    quote: list[tuple[int, str]] = []
    for j in range(i, end):
        if lines[j].strip() and not lines[j].startswith(">"):
            raise _Error(j + 1, "text after the options; put it in a '> Explanation:' quote")
        if lines[j].startswith(">"):
            quote.append((j + 1, lines[j][1:].removeprefix(" ")))
    _explanation(draft, quote, tasks)
    draft.select_hint = select_hint(draft.stem)
    return draft


def _explanation(draft: Draft, quote: list[tuple[int, str]], tasks: dict[str, set[str]]) -> None:
    body: list[str] = []
    started = False
    for line, text in quote:
        if started:
            body.append(text)
            continue
        key, sep, value = text.partition(":")
        key = key.strip().lower()
        if sep and key == "explanation":
            started = True
            body.append(value.strip())
        elif sep and key == "topic":
            draft.topics += [t for t in parse_topics(value) if t not in draft.topics]
        elif sep and key == "domain":
            try:
                draft.domains.update(parse_domains(value, tasks))
            except ValueError as exc:
                raise _Error(line, str(exc)) from None
        elif text.strip():
            raise _Error(line, "a quote after the options starts with 'Explanation:', 'Topic:' or 'Domain:'")
    draft.explanation = "\n".join(body).strip() or None
