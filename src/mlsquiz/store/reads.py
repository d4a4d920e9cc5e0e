"""The Store's read models: what the user has seen and got wrong, review cards due, history, readiness and the
dashboard. They only read; the dashboard is cached on the write counters of the tables it reads, the settings it
shows and the minute, so showing it again after nothing it shows changed runs no query.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.schema import Blueprint, Question
from mlsquiz.exam.scoring import Tally, wrong_sql
from mlsquiz.settings import Settings
from mlsquiz.store.database import Database
from mlsquiz.store.present import HISTORY_COLUMNS, ItemLine, history_entries, utc
from mlsquiz.store.tables import AttemptRow, CardRow, ItemRow, ReportRow
from mlsquiz.store.views import DashboardView, HistoryEntry, ReadinessView, ResumableView
from mlsquiz.study import readiness as readiness_model

RECENT_FIRST_ATTEMPTS = 300
DASHBOARD_FRESH_SECONDS = 60
RECENT_ON_DASHBOARD = 8  # the submitted attempts the dashboard lists
# What the dashboard reads: the answers' tables, the review cards and reports (hidden questions are not due), the
# bank; a note, or a theme saved in the settings, leaves it as it was.
DASHBOARD_READS = ("attempt", "attempt_item", "review_card", "question_report", "bank")
ANSWER_READS = ("attempt_item", "bank")  # task_tallies


class Reads:
    def __init__(self, db: Database, bank: Bank) -> None:
        self.db = db
        self.bank = bank
        self._dashboard_cache: tuple[tuple[object, ...], DashboardView] | None = None
        self._tallies_cache: tuple[tuple[str, tuple[int, ...]], dict[str, Tally]] | None = None

    def last_seen(self) -> dict[str, datetime]:
        rows = self.db.session.exec(
            select(ItemRow.question_id, func.max(AttemptRow.started_at))
            .join(AttemptRow, col(AttemptRow.id) == col(ItemRow.attempt_id))
            .group_by(col(ItemRow.question_id))
        ).all()
        return {qid: utc(when) for qid, when in rows if when is not None}  # type: ignore[misc]

    def wrong_before(self) -> set[str]:
        """Every question the user has answered wrong at least once (graded; left unanswered does not count)."""
        rows = self.db.session.exec(
            select(ItemRow.question_id).where(wrong_sql(col(ItemRow.correct)), col(ItemRow.answer) != "")
        ).all()
        return set(rows)

    def answered_before(self) -> set[str]:
        rows = self.db.session.exec(
            select(ItemRow.question_id).where(col(ItemRow.answered_at).is_not(None))
        ).all()
        return set(rows)

    def due_count(self) -> int:
        now = self.db.clock.now()
        hidden = select(ReportRow.question_id).where(col(ReportRow.hidden))
        return int(
            self.db.session.exec(
                select(func.count())
                .select_from(CardRow)
                .where(~col(CardRow.retired), col(CardRow.due) <= now)
                .where(col(CardRow.question_id).not_in(hidden))  # a hidden question is not reviewed
            ).one()
        )

    def history(self, *, with_items: bool = False) -> list[HistoryEntry]:
        """Every attempt, newest first; `with_items` adds each question's line (`history --json --items`).

        The items are read as plain rows of the columns history needs (no model objects, no stored question
        text), which keeps a long history quick to read; the stored copy of a question is read only for one
        the bank no longer holds."""
        return self._entries(select(AttemptRow), with_items=with_items)

    def recent(self, limit: int) -> list[HistoryEntry]:
        """The newest `limit` submitted attempts, as `history` gives them: the dashboard's list reads only
        their rows, not a long history's."""
        return self._entries(
            select(AttemptRow).where(AttemptRow.status == "submitted").limit(limit), only_theirs=True
        )

    def _entries(
        self, attempts: SelectOfScalar[AttemptRow], *, with_items: bool = False, only_theirs: bool = False
    ) -> list[HistoryEntry]:
        """History entries of the attempts `attempts` selects, newest first; with `only_theirs` the items of those
        attempts alone are read (for a few of a long history)."""
        newest_first = attempts.order_by(col(AttemptRow.started_at).desc(), col(AttemptRow.id).desc())
        rows = self.db.session.exec(newest_first).all()
        items = sa_select(*HISTORY_COLUMNS).order_by(col(ItemRow.attempt_id), col(ItemRow.position))
        if only_theirs:
            items = items.where(col(ItemRow.attempt_id).in_([row.id for row in rows]))
        item_rows = self.db.session.execute(items).all()
        return history_entries(rows, item_rows, self._question_of, with_items=with_items)

    def _question_of(self, row: ItemLine) -> Question:
        """The question as the attempt showed it: the bank's when unchanged there, else the stored copy."""
        found = self.bank.by_id.get(row.question_id)
        if found is not None:
            return found
        stored = self.db.session.exec(select(ItemRow.question_json).where(ItemRow.id == row.id)).one()
        return Question.model_validate_json(stored)

    def task_tallies(self, blueprint: Blueprint) -> dict[str, Tally]:
        """Right and total of the recent first answers (the last RECENT_FIRST_ATTEMPTS questions answered),
        per task statement of `blueprint`: what readiness and the weak spots both read (once per write)."""
        key = (blueprint.id, self.db.revision_of(ANSWER_READS))
        if self._tallies_cache is not None and self._tallies_cache[0] == key:
            return dict(self._tallies_cache[1])
        rows = self.db.session.exec(
            select(ItemRow.question_id, ItemRow.correct)
            .where(
                col(ItemRow.correct).is_not(None),
                col(ItemRow.answered_at).is_not(None),
                col(ItemRow.answer) != "",
            )
            .order_by(col(ItemRow.answered_at))
        ).all()
        first: dict[str, bool] = {}
        for qid, correct in rows:
            first.setdefault(qid, bool(correct))
        tallies: dict[str, Tally] = {}
        for qid, correct in list(first.items())[-RECENT_FIRST_ATTEMPTS:]:
            q = self.bank.by_id.get(qid)
            task = q.domains.get(blueprint.id) if q else None
            if task is not None:
                tallies[task] = tallies.get(task, Tally()).add(correct)
        self._tallies_cache = (key, tallies)
        return dict(tallies)

    def readiness(self, blueprint: Blueprint) -> ReadinessView:
        tallies: dict[str, Tally] = {}
        for task, tally in self.task_tallies(blueprint).items():
            domain = task.split(".")[0]
            before = tallies.get(domain, Tally())
            tallies[domain] = Tally(before.correct + tally.correct, before.total + tally.total)
        est = readiness_model.estimate(blueprint, tallies)
        return ReadinessView.model_validate(dataclasses.asdict(est))

    def dashboard(
        self,
        blueprint: Blueprint,
        resumable: Callable[[], list[ResumableView]],
        settings: Settings | None = None,
    ) -> DashboardView:
        """The dashboard's view, recomputed only when something it shows may have changed: a write to a table
        it reads (`DASHBOARD_READS`), another bank or blueprint, another exam date or drill length, or a minute
        passing (review cards fall due with time)."""
        settings = settings or Settings()
        minute = int(self.db.clock.now().timestamp() // DASHBOARD_FRESH_SECONDS)
        key = (
            blueprint.id,
            self.db.revision_of(DASHBOARD_READS),
            minute,
            settings.exam_date,
            settings.drill_length,
        )
        cached = self._dashboard_cache
        if cached is not None and cached[0] == key:
            return cached[1]
        from mlsquiz.store import study_reads  # it builds on this module

        due = self.due_count()
        weak = study_reads.weak_spots(self, blueprint, settings.drill_length)
        view = DashboardView(
            blueprint=blueprint.id,
            blueprint_name=blueprint.name,
            due_reviews=due,
            resumable=resumable(),
            recent=self.recent(RECENT_ON_DASHBOARD),
            readiness=self.readiness(blueprint),
            bank_questions=len(self.bank.questions),
            weak_spots=weak,
            plan=study_reads.study_plan(
                self, blueprint, settings.exam_date, settings.drill_length, weak, due
            ),
        )
        self._dashboard_cache = (key, view)
        return view
