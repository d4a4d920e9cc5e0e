"""`mlsquiz notes export`: the user's notes and reports as JSON or text, to send the reports to the maintainers.

JSON (`format` "mlsquiz-notes", `version` 1):
`{"format", "version", "app_version", "exported_at", "notes": [{"question_id", "bank_version", "stem", "text",
"updated_at"}], "reports": [{"id", "question_id", "bank_version", "kind", "comment", "hidden", "created_at",
"stem"}]}`. A report keeps the bank version the user saw when reporting; a note, which may be edited any time,
gives the version of the question the bank holds now. `stem` is the question's first line, for a person.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mlsquiz import __version__
from mlsquiz.store.notes import Notes, bank_version

FORMAT = "mlsquiz-notes"
VERSION = 1


def export_data(notes: Notes, now: datetime) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "app_version": __version__,
        "exported_at": now.isoformat(),
        "notes": [
            {
                "question_id": n.question_id,
                "bank_version": bank_version(notes.bank.by_id.get(n.question_id)),
                "stem": n.stem,
                "text": n.text,
                "updated_at": n.updated_at.isoformat(),
            }
            for n in notes.notes()
        ],
        "reports": [
            {
                "id": r.id,
                "question_id": r.question_id,
                "bank_version": r.bank_version,
                "kind": r.kind,
                "comment": r.comment,
                "hidden": r.hidden,
                "created_at": r.created_at.isoformat(),
                "stem": r.stem,
            }
            for r in notes.reports()
        ],
    }


def _when(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M UTC")


def _indented(label: str, text: str) -> list[str]:
    lines = text.splitlines() or [""]
    return [f"    {label}: {lines[0]}", *(f"    {' ' * len(label)}  {line}" for line in lines[1:])]


def export_text(data: dict[str, Any]) -> str:
    """The same as `export_data`, for reading or pasting into an e-mail."""
    reports, notes = data["reports"], data["notes"]
    out = [f"mlsquiz {data['app_version']} · notes and reports · exported {_when(data['exported_at'])}", ""]
    out.append(f"Reports ({len(reports)})" if reports else "Reports: none")
    for r in reports:
        hidden = " · hidden from my drills and exams" if r["hidden"] else ""
        out.append(f"  #{r['id']}  {r['kind']}  {r['question_id']}  bank {r['bank_version']}")
        out.append(f"    reported {_when(r['created_at'])}{hidden}")
        out.append(f"    question: {r['stem'] or '(no longer in the bank)'}")
        if r["comment"]:
            out += _indented("comment", r["comment"])
    out += ["", f"Notes ({len(notes)})" if notes else "Notes: none"]
    for n in notes:
        out.append(f"  {n['question_id']}  bank {n['bank_version']}  updated {_when(n['updated_at'])}")
        out.append(f"    question: {n['stem'] or '(no longer in the bank)'}")
        out += _indented("note", n["text"])
    return "\n".join(out) + "\n"
