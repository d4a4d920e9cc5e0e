"""Anki decks of bank questions (genanki), for studying away from the app.

Each question becomes one note whose GUID derives from the question id, so exporting again updates the notes an
earlier export created instead of duplicating them. Text is rendered from Markdown with raw HTML disabled.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from pathlib import Path

import genanki
from markdown_it import MarkdownIt

from mlsquiz.bank.schema import Case, Question

# Fixed ids: Anki recognises the note type and deck across exports by them.
MODEL_ID = 1_734_160_501
DECK_ID = 1_734_160_502

_markdown = MarkdownIt("commonmark", {"html": False})

MODEL = genanki.Model(
    MODEL_ID,
    "mlsquiz question",
    fields=[
        {"name": "Question"},
        {"name": "Options"},
        {"name": "Answer"},
        {"name": "Explanation"},
        {"name": "Id"},
    ],
    templates=[
        {
            "name": "Question",
            "qfmt": "{{Question}}{{Options}}",
            "afmt": "{{Question}}{{Options}}<hr id=answer><p><b>{{Answer}}</b></p>{{Explanation}}"
            "<p class=id>{{Id}}</p>",
        }
    ],
    css=".card{font-family:sans-serif;font-size:18px;text-align:left} .opt{margin:.3em 0} "
    ".right{color:#166534;font-weight:bold} .why{color:#555;font-size:15px} .id{color:#999;font-size:11px} "
    ".case{border-left:3px solid #999;padding-left:.6em;color:#333}",
)


def _md(text: str) -> str:
    return str(_markdown.render(text))


def _choice_fields(question: Question) -> tuple[str, str, str]:
    """Options, answer line and per-option explanations of a single or multiple response question."""
    options = "".join(f"<p class=opt>{o.key}. {html.escape(o.text)}</p>" for o in question.options)
    why = "".join(
        f"<p class=why><span class={'right' if o.key in question.answer else 'wrong'}>{o.key}</span>: "
        f"{html.escape(o.explanation)}</p>"
        for o in question.options
    )
    return options, f"Answer: {', '.join(question.answer)}", why


def _ordering_fields(question: Question) -> tuple[str, str, str]:
    """The steps as the bank lists them (never in the right order); the back gives the order, step by step."""
    by_key = {o.key: o for o in question.options}
    options = "".join(f"<p class=opt>{o.key}. {html.escape(o.text)}</p>" for o in question.options)
    why = "".join(
        f"<p class=why><span class=right>{n}. {k}</span> {html.escape(by_key[k].text)}: "
        f"{html.escape(by_key[k].explanation)}</p>"
        for n, k in enumerate(question.answer, start=1)
    )
    return options, f"Order: {' → '.join(question.answer)}", why


def _matching_fields(question: Question) -> tuple[str, str, str]:
    """Prompts and responses side by side; the back gives each pair with its explanation."""
    by_key = {o.key: o for o in question.options}
    prompts = "".join(f"<p class=opt>{p.key}. {html.escape(p.text)}</p>" for p in question.prompts)
    responses = "".join(f"<p class=opt>{o.key}. {html.escape(o.text)}</p>" for o in question.options)
    options = f"<p><b>Prompts</b></p>{prompts}<p><b>Responses</b></p>{responses}"
    pairs = list(zip(question.prompts, question.answer, strict=True))
    why = "".join(
        f"<p class=why><span class=right>{p.key} → {k}</span> {html.escape(by_key[k].text)}: "
        f"{html.escape(p.explanation)}</p>"
        for p, k in pairs
    )
    return options, "Pairs: " + ", ".join(f"{p.key} → {k}" for p, k in pairs), why


def note_for(question: Question, case: Case | None = None) -> genanki.Note:
    if question.type == "ordering":
        options, keys, why = _ordering_fields(question)
    elif question.type == "matching":
        options, keys, why = _matching_fields(question)
    else:
        options, keys, why = _choice_fields(question)
    front = _md(question.stem)
    if case is not None:
        front = f"<div class=case><p><b>{html.escape(case.title)}</b></p>{_md(case.text)}</div>{front}"
    tags = (
        [f"mls-c01::{question.domains['mls-c01'].replace('.', '_')}"] if "mls-c01" in question.domains else []
    )
    tags += [f"topic::{t}" for t in question.topics] + [f"source::{question.source}"]
    return genanki.Note(
        model=MODEL,
        fields=[front, options, keys, _md(question.explanation) + why, question.id],
        guid=genanki.guid_for("mlsquiz", question.id),
        tags=tags,
    )


def write_deck(
    questions: Iterable[Question], path: Path, name: str = "mlsquiz", cases: Mapping[str, Case] | None = None
) -> int:
    """Write an .apkg file; returns the number of notes. Case-study questions carry their case's text."""
    deck = genanki.Deck(DECK_ID, name)
    for question in questions:
        case = (cases or {}).get(question.case) if question.case else None
        deck.add_note(note_for(question, case))
    genanki.Package(deck).write_to_file(str(path))
    return len(deck.notes)
