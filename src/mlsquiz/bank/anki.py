"""Anki decks of bank questions (genanki), for studying away from the app.

Each question becomes one note whose GUID derives from the question id, so exporting again updates the notes an
earlier export created instead of duplicating them. Text is rendered from Markdown with raw HTML disabled.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

import genanki
from markdown_it import MarkdownIt

from mlsquiz.bank.schema import Question

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
    ".right{color:#166534;font-weight:bold} .why{color:#555;font-size:15px} .id{color:#999;font-size:11px}",
)


def _md(text: str) -> str:
    return str(_markdown.render(text))


def note_for(question: Question) -> genanki.Note:
    options = "".join(f"<p class=opt>{o.key}. {html.escape(o.text)}</p>" for o in question.options)
    keys = ", ".join(question.answer)
    why = "".join(
        f"<p class=why><span class={'right' if o.key in question.answer else 'wrong'}>{o.key}</span>: "
        f"{html.escape(o.explanation)}</p>"
        for o in question.options
    )
    tags = (
        [f"mls-c01::{question.domains['mls-c01'].replace('.', '_')}"] if "mls-c01" in question.domains else []
    )
    tags += [f"topic::{t}" for t in question.topics] + [f"source::{question.source}"]
    return genanki.Note(
        model=MODEL,
        fields=[_md(question.stem), options, f"Answer: {keys}", _md(question.explanation) + why, question.id],
        guid=genanki.guid_for("mlsquiz", question.id),
        tags=tags,
    )


def write_deck(questions: Iterable[Question], path: Path, name: str = "mlsquiz") -> int:
    """Write an .apkg file; returns the number of notes."""
    deck = genanki.Deck(DECK_ID, name)
    for question in questions:
        deck.add_note(note_for(question))
    genanki.Package(deck).write_to_file(str(path))
    return len(deck.notes)
