"""The Store's notes and reports: the user's own note on a question, and problems reported with a question.

A note is one per question; saving an empty note deletes it. A report is one of `REPORT_KINDS` with an optional
comment, kept with the bank version the user saw (`bank_version`) so that the maintainers can tell whether the
question has changed since. A report may hide its question: `hidden_ids` is what drills, reviews and new exams
leave out, until the user shows it again (`unhide`) or deletes the report. Every write is committed before the
method returns, as everywhere in the Store.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from mlsquiz import __version__
from mlsquiz.bank.bank import Bank
from mlsquiz.bank.schema import Question
from mlsquiz.store.database import Database
from mlsquiz.store.errors import UserFacingError
from mlsquiz.store.present import utc
from mlsquiz.store.tables import ItemRow, NoteRow, ReportRow

REPORT_KINDS = ("wrong key", "ambiguous", "outdated", "typo")
NOTE_LIMIT = 10_000  # characters; a note is a reminder, not a document
COMMENT_LIMIT = 4_000


def bank_version(question: Question | None) -> str:
    """The mlsquiz version that shipped the bank, then a fingerprint of the question as this bank holds it
    (the first 10 hex digits of the SHA-256 of its JSON): `0.1.0/3f2a9c01be`. A question the bank no longer
    holds is `0.1.0/gone`."""
    if question is None:
        return f"{__version__}/gone"
    digest = hashlib.sha256(question.model_dump_json().encode()).hexdigest()[:10]
    return f"{__version__}/{digest}"


def first_line(stem: str, limit: int = 120) -> str:
    """The stem's first non-empty line as plain text, for a list or an export read by a person."""
    line = next((ln for ln in stem.splitlines() if ln.strip()), "")
    line = re.sub(r"[*_`#>]+", "", line)
    line = re.sub(r"\s+", " ", line).strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class NoteView:
    question_id: str
    text: str
    updated_at: datetime
    stem: str  # the question's first line, "" if no longer known


@dataclass(frozen=True)
class ReportView:
    id: int
    question_id: str
    kind: str
    comment: str
    bank_version: str
    hidden: bool
    created_at: datetime
    stem: str


def hidden_ids(session: Session) -> set[str]:
    """Questions the user asked not to see in drills, reviews and new exams (a report of theirs is hidden)."""
    return set(session.exec(select(ReportRow.question_id).where(col(ReportRow.hidden))).all())


class Notes:
    def __init__(self, db: Database, bank: Bank) -> None:
        self.db = db
        self.bank = bank

    # -- reading ---------------------------------------------------------------------------------------------
    def note(self, question_id: str) -> str:
        row = self.db.session.get(NoteRow, question_id)
        return row.text if row is not None else ""

    def note_texts(self) -> dict[str, str]:
        """Every note by question id (a few hundred at most: one per question the user wrote on)."""
        return {r.question_id: r.text for r in self.db.session.exec(select(NoteRow)).all()}

    def notes(self) -> list[NoteView]:
        """Every note, newest first."""
        rows = self.db.session.exec(select(NoteRow).order_by(col(NoteRow.updated_at).desc())).all()
        return [self._note_view(r) for r in rows]

    def reports(self) -> list[ReportView]:
        """Every report, newest first."""
        rows = self.db.session.exec(
            select(ReportRow).order_by(col(ReportRow.created_at).desc(), col(ReportRow.id).desc())
        ).all()
        return [self._report_view(r) for r in rows]

    def hidden_ids(self) -> set[str]:
        return hidden_ids(self.db.session)

    def stem_of(self, question_id: str) -> str:
        """The question's first line: from the bank, else as an attempt showed it (a deleted imported one)."""
        question = self.bank.by_id.get(question_id)
        if question is None:
            stored = self.db.session.exec(
                select(ItemRow.question_json).where(ItemRow.question_id == question_id).limit(1)
            ).first()
            if stored is None:
                return ""
            question = Question.model_validate_json(stored)
        return first_line(question.stem)

    # -- writing ---------------------------------------------------------------------------------------------
    def set_note(self, question_id: str, text: str) -> NoteView | None:
        """Write the note on a question, replacing any; empty (or only spaces) deletes it. Returns the note
        now held, None when there is none."""
        text = text.strip()
        if len(text) > NOTE_LIMIT:
            raise UserFacingError(
                f"a note holds at most {NOTE_LIMIT:,} characters (this one has {len(text):,})"
            )
        self._known(question_id)
        with self.db.tx() as s:
            row = s.get(NoteRow, question_id)
            if not text:
                if row is not None:
                    s.delete(row)
                return None
            if row is None:
                row = NoteRow(question_id=question_id, text=text, updated_at=self.db.clock.now())
            else:
                row.text, row.updated_at = text, self.db.clock.now()
            s.add(row)
        return self._note_view(row)

    def report(self, question_id: str, kind: str, comment: str = "", *, hide: bool = False) -> ReportView:
        """Record a problem with a question, with the bank version the user saw; `hide` leaves the question
        out of the user's drills, reviews and new exams."""
        if kind not in REPORT_KINDS:
            raise UserFacingError(f"a report is one of {', '.join(REPORT_KINDS)}, not {kind!r}")
        comment = comment.strip()
        if len(comment) > COMMENT_LIMIT:
            raise UserFacingError(f"a comment holds at most {COMMENT_LIMIT:,} characters")
        self._known(question_id)
        row = ReportRow(
            question_id=question_id,
            kind=kind,
            comment=comment,
            bank_version=bank_version(self.bank.by_id.get(question_id)),
            hidden=hide,
            created_at=self.db.clock.now(),
        )
        with self.db.tx() as s:
            s.add(row)
        return self._report_view(row)

    def unhide(self, question_id: str) -> int:
        """Show a question in drills and exams again: every report of it is no longer hidden. Returns how many
        reports changed."""
        with self.db.tx() as s:
            rows = s.exec(
                select(ReportRow).where(ReportRow.question_id == question_id, col(ReportRow.hidden))
            ).all()
            for row in rows:
                row.hidden = False
                s.add(row)
        return len(rows)

    def delete_report(self, report_id: int) -> bool:
        """Delete one report (a hidden one no longer hides its question). False if there was no such report."""
        with self.db.tx() as s:
            row = s.get(ReportRow, report_id)
            if row is None:
                return False
            s.delete(row)
        return True

    # -- helpers ---------------------------------------------------------------------------------------------
    def _known(self, question_id: str) -> None:
        """A note or report is on a question the user can have seen: in the bank, or in one of their attempts."""
        if question_id in self.bank.by_id:
            return
        seen = self.db.session.exec(
            select(ItemRow.id).where(ItemRow.question_id == question_id).limit(1)
        ).first()
        if seen is None:
            raise UserFacingError(f"there is no question {question_id!r}")

    def _note_view(self, row: NoteRow) -> NoteView:
        when = utc(row.updated_at)
        assert when is not None
        return NoteView(row.question_id, row.text, when, self.stem_of(row.question_id))

    def _report_view(self, row: ReportRow) -> ReportView:
        when = utc(row.created_at)
        assert when is not None and row.id is not None
        return ReportView(
            row.id,
            row.question_id,
            row.kind,
            row.comment,
            row.bank_version,
            row.hidden,
            when,
            self.stem_of(row.question_id),
        )
