"""The bank in the formats the importers read: Moodle GIFT, CSV and Markdown task lists.

Importing an export gives back the same stems, options, right answers and explanations (of the question and of
each option), topics and task statements. The title of each exported question is its id, or for an imported
question the title it came with. What each format
cannot hold is left out and counted: ordering items in every format (none of the three has an ordering
type), and matching items in CSV and Markdown; GIFT writes matching items in its own `=prompt -> response`
form (a response no prompt matches as `= -> response`), but their per-pair explanations are not kept. Case
studies are exported as their questions alone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mlsquiz.bank.importers.csvfile import LETTERS
from mlsquiz.bank.schema import Question

TEXT_FORMATS = ("gift", "csv", "markdown")


@dataclass(frozen=True)
class TextExport:
    text: str
    written: int
    left_out: int  # questions of a type the format cannot hold


def export_text(
    questions: Sequence[Question], fmt: str, titles: Mapping[str, str] | None = None
) -> TextExport:
    """`titles` gives imported questions the title they came with (else a question's title is its id), so that
    a file exported, edited and imported again under its first name updates the same questions."""
    writer = {"gift": _gift, "csv": _csv, "markdown": _markdown}[fmt]
    kept = [
        q for q in questions if q.type in ("single", "multiple") or (fmt == "gift" and q.type == "matching")
    ]
    named = {q.id: (titles or {}).get(q.id) or q.id for q in kept}
    return TextExport(writer(kept, named), len(kept), len(questions) - len(kept))


def _domains(q: Question) -> str:
    return "; ".join(f"{bp}:{task}" for bp, task in q.domains.items())


# -- GIFT ---------------------------------------------------------------------------------------------------
def gift_escape(text: str) -> str:
    out = text.replace("\\", "\\\\")
    for ch in "~=#{}:":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", "\\n")


def _gift(questions: Sequence[Question], titles: Mapping[str, str]) -> str:
    blocks = ["// mlsquiz export: Moodle GIFT"]
    for q in questions:
        lines: list[str] = []
        if q.domains:
            lines.append(f"// domain: {_domains(q)}")
        lines.append(f"// topic: {'; '.join(q.topics)}")
        lines.append(f"::{gift_escape(titles[q.id])}::[markdown]{gift_escape(q.stem)} {{")
        if q.type == "matching":
            used = set(q.answer)
            for prompt, key in zip(q.prompts, q.answer, strict=True):
                response = next(o.text for o in q.options if o.key == key)
                lines.append(f"  ={gift_escape(prompt.text)} -> {gift_escape(response)}")
            lines += [f"  = -> {gift_escape(o.text)}" for o in q.options if o.key not in used]
        else:
            weight = f"{100 / q.select:.5f}".rstrip("0").rstrip(".")
            for o in q.options:
                if q.select == 1:
                    mark = "=" if o.key in q.answer else "~"
                else:
                    mark = f"~%{weight}%" if o.key in q.answer else "~%-100%"
                lines.append(f"  {mark}{gift_escape(o.text)}#{gift_escape(o.explanation)}")
        lines.append(f"  ####{gift_escape(q.explanation)}")
        lines.append("}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


# -- CSV ----------------------------------------------------------------------------------------------------
CSV_COLUMNS = [
    "title",
    "question",
    *LETTERS,
    "answer",
    "explanation",
    "topic",
    "domain",
    *(f"explanation_{k}" for k in LETTERS),
]


def _csv(questions: Sequence[Question], titles: Mapping[str, str]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for q in questions:
        texts = {o.key: o for o in q.options}
        writer.writerow(
            [
                titles[q.id],
                q.stem,
                *(texts[k].text if k in texts else "" for k in LETTERS),
                ";".join(q.answer),
                q.explanation,
                ";".join(q.topics),
                _domains(q),
                *(texts[k].explanation if k in texts else "" for k in LETTERS),
            ]
        )
    return buffer.getvalue()


# -- Markdown -----------------------------------------------------------------------------------------------
def _indented(text: str, first: str, rest: str) -> list[str]:
    lines = text.split("\n")
    return [first + lines[0]] + [(rest + line) if line.strip() else rest.rstrip() for line in lines[1:]]


def _quote(text: str, prefix: str = "") -> list[str]:
    return [f"{prefix}> {line}" if line.strip() else f"{prefix}>" for line in text.split("\n")]


def _markdown(questions: Sequence[Question], titles: Mapping[str, str]) -> str:
    out = ["# mlsquiz questions", ""]
    for q in questions:
        out += [f"### {' '.join(titles[q.id].split())}", "", q.stem, ""]
        for o in q.options:
            mark = "x" if o.key in q.answer else " "
            out += _indented(o.text, f"- [{mark}] ", "  ")
            out += _quote(o.explanation, "  ")
        out.append("")
        out.append(f"> Topic: {'; '.join(q.topics)}")
        if q.domains:
            out.append(f"> Domain: {_domains(q)}")
        out += _quote(f"Explanation: {q.explanation}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
