"""Turning an importer's drafts into questions: every draft checked against what mlsquiz can ask, then made a
`Question` with `source: imported`, the texts the file left out filled in.

Ids are stable: `imp.` + the first 16 hex digits of SHA-256 over the file's name (not its folder), a newline,
and the question's title (or, without a title, its stem). Importing the same file again therefore updates its
questions instead of adding copies; a second question with the same title in one file gets `-2`, `-3`, ...
"""

from __future__ import annotations

import hashlib

from pydantic import ValidationError

from mlsquiz.bank.importers.common import (
    MAX_ERRORS,
    MAX_OPTIONS,
    MAX_QUESTIONS,
    MAX_TEXT,
    Draft,
    ParsedFile,
    Skip,
    too_many,
)
from mlsquiz.bank.schema import OPTION_KEYS, PROMPT_KEYS, Question

IMPORTED_TOPIC = "imported"
NO_EXPLANATION = "The imported file gives no explanation."
RIGHT_OPTION = "This is a right answer."
WRONG_OPTION = "This is not a right answer."
PAIR_EXPLANATION = "This is the matching response."
REUSED_NOTE = "A response may be used more than once."


def question_id(file_name: str, title: str | None, stem: str) -> str:
    digest = hashlib.sha256(f"{file_name}\n{title or stem}".encode()).hexdigest()
    return f"imp.{digest[:16]}"


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
