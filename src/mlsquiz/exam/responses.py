"""Responses to ordering and matching items: the transitions the screens drive, and how they are stored.

An ordering response is the steps placed so far, in order: placing a step appends it to the next free position,
placing one already placed does nothing, taking back removes the last. A matching response holds one entry per
prompt, the response's option key or "" for none yet. Both are complete only when every step is placed or every
prompt has a response, and both score all-or-nothing (EXAM_FACTS.md).

Stored in `ItemRow.answer` as a string, compatible with the sorted keys of single and multiple response: an
ordering response as its keys in the order placed ("CADB"), a matching response as one character per prompt
with `.` for a prompt not yet matched ("B.CA"), and "" for no response at all.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from mlsquiz.bank.schema import Question

UNMATCHED = "."


class ResponseError(ValueError):
    """A response the question cannot take (a key that is not one of its options, a reused response...)."""


def place(placed: Sequence[str], key: str, question: Question) -> tuple[str, ...]:
    """Ordering: put `key` in the next free position; a step already placed stays where it is."""
    if key not in {o.key for o in question.options}:
        raise ResponseError(f"not a step: {key}")
    return tuple(placed) if key in placed else (*placed, key)


def take_back(placed: Sequence[str]) -> tuple[str, ...]:
    """Ordering: remove the step placed last (nothing to do when none is placed)."""
    return tuple(placed[:-1])


def match(pairs: Sequence[str], question: Question, prompt: str, key: str | None) -> tuple[str, ...]:
    """Matching: give `prompt` the response `key` (None clears it).

    When responses may not be reused, giving a response already given to another prompt moves it: the other
    prompt is cleared, so the answer stays one the question can take.
    """
    keys = [p.key for p in question.prompts]
    if prompt not in keys:
        raise ResponseError(f"not a prompt: {prompt}")
    if key is not None and key not in {o.key for o in question.options}:
        raise ResponseError(f"not a response: {key}")
    current = list(pairs) if len(pairs) == len(keys) else [""] * len(keys)
    if key is not None and not question.responses_reused:
        current = ["" if k == key else k for k in current]
    current[keys.index(prompt)] = key or ""
    return tuple(current) if any(current) else ()


def validated(question: Question, keys: Sequence[str]) -> tuple[str, ...]:
    """A whole ordering or matching response set at once (the mouse's up/down buttons, a drop-down, a clear)."""
    options = {o.key for o in question.options}
    given = [k for k in keys if k]
    unknown = sorted(set(given) - options)
    if unknown:
        raise ResponseError(f"not an option: {', '.join(unknown)}")
    if question.type == "ordering":
        if len(set(keys)) != len(keys) or len(given) != len(keys):
            raise ResponseError("each step is placed once")
        return tuple(keys)
    if not keys:
        return ()
    if len(keys) != len(question.prompts):
        raise ResponseError(f"give one entry per prompt ({len(question.prompts)})")
    if not question.responses_reused and len(set(given)) != len(given):
        raise ResponseError("each response matches one prompt only")
    return tuple(keys) if given else ()


def complete(question: Question, sequence: Sequence[str]) -> bool:
    """Every step placed, or every prompt matched."""
    if question.type == "ordering":
        return len(sequence) == len(question.options)
    return len(sequence) == len(question.prompts) and all(sequence)


def encode(question: Question, answer: frozenset[str], sequence: Sequence[str]) -> str:
    """The string stored in `ItemRow.answer`."""
    if question.type == "ordering":
        return "".join(sequence)
    if question.type == "matching":
        return "".join(k or UNMATCHED for k in sequence) if any(sequence) else ""
    return "".join(sorted(answer))


def decode(question: Question, stored: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """(the set of keys given, the sequence) from a stored answer; the sequence is empty for choice items."""
    if question.type == "ordering":
        sequence = tuple(stored)
    elif question.type == "matching":
        sequence = tuple("" if c == UNMATCHED else c for c in stored)
    else:
        return frozenset(stored), ()
    return frozenset(k for k in sequence if k), sequence


def shown_order(question: Question, rng: random.Random) -> list[str]:
    """The option keys in the order an attempt shows them.

    Choice items and ordering steps are shuffled; an ordering item never starts in its right order. A matching
    item's responses keep the bank's order, as its prompts do (the exam guide shows them as written).
    """
    order: list[str] = [o.key for o in question.options]
    if question.type == "matching":
        return order
    rng.shuffle(order)
    if question.type == "ordering" and order == [str(k) for k in question.answer]:
        order = order[1:] + order[:1]
    return order
