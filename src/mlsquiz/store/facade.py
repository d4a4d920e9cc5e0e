"""The one way into the user's data: attempts, answers, review cards, history, readiness.

Open it on a data folder (`Store.open(folder, bank)`); it owns the SQLite database there. Every action is
committed before the method returns, so a crash loses nothing the user did. Methods return immutable views
(`store.views`); an action returns a `Change` saying what it changed.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.schema import Blueprint, Question
from mlsquiz.exam.assembly import assemble
from mlsquiz.exam.attempt import AttemptError, AttemptState, Clock, ItemState, Mode, SystemClock
from mlsquiz.exam.scoring import Tally
from mlsquiz.settings import Settings, load_settings, save_settings
from mlsquiz.store.cards import rate_card
from mlsquiz.store.db import open_database, restore_if_damaged, write_backup
from mlsquiz.store.errors import UserFacingError
from mlsquiz.store.present import history_entries, item_view, result_view, status_view, utc
from mlsquiz.store.tables import AttemptRow, CardRow, ItemRow
from mlsquiz.store.views import (
    AttemptStatusView,
    AttemptView,
    BlueprintView,
    Change,
    DashboardView,
    HistoryEntry,
    ProgressPoint,
    ReadinessView,
    ResultView,
    ResumableView,
    TallyView,
)
from mlsquiz.study import readiness as readiness_model
from mlsquiz.study.drills import DrillFilter, choose, count_matching
from mlsquiz.study.review import median_time

RECENT_FIRST_ATTEMPTS = 300
DB_NAME = "mlsquiz.db"


class Store:
    def __init__(self, folder: Path, bank: Bank, clock: Clock | None = None) -> None:
        self.folder = folder
        self.bank = bank
        self.clock = clock or SystemClock()
        self.notice = restore_if_damaged(folder / DB_NAME)  # shown once by the app when not None
        self.engine = open_database(folder / DB_NAME)
        self._states: dict[int, AttemptState] = {}
        self._row_ids: dict[int, list[int]] = {}
        self._session = Session(self.engine, expire_on_commit=False)

    @classmethod
    def open(cls, folder: Path, bank: Bank, clock: Clock | None = None) -> Store:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserFacingError(f"cannot create the data folder {folder}: {exc.strerror}") from exc
        return cls(folder, bank, clock)

    def close(self) -> None:
        now = self.clock.now()
        for state in list(self._states.values()):
            if state.status == "in_progress" and state.opened_at is not None:
                state.close(now)
                self._persist(state)
        self._session.close()
        self.engine.dispose()
        write_backup(self.folder / DB_NAME)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        try:
            yield self._session
            self._session.commit()
        except Exception:
            self._session.rollback()
            raise

    # -- bank and settings -------------------------------------------------------------------------------------
    def blueprint(self, blueprint_id: str | None = None) -> Blueprint:
        bid = blueprint_id or self.settings().default_blueprint
        if bid not in self.bank.blueprints:
            bid = self.bank.default_blueprint.id
        return self.bank.blueprints[bid]

    def blueprints(self) -> list[BlueprintView]:
        return [
            BlueprintView(
                id=b.id,
                name=b.name,
                questions=b.questions,
                duration_minutes=b.duration_minutes,
                passing_score=b.passing_score,
                notes=b.notes,
                retired=b.retired,
                default=b.default,
                domains=[TallyView(id=d.id, title=d.title, correct=0, total=0) for d in b.domains],
                tasks=[
                    TallyView(id=t.id, title=t.title, correct=0, total=0) for d in b.domains for t in d.tasks
                ],
            )
            for b in self.bank.blueprints.values()
        ]

    def topics(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(slug, name, aliases) of every knowledge entry, by name: a search matches old names too."""
        entries = ((e.slug, e.name, tuple(e.aliases)) for e in self.bank.knowledge.values())
        return sorted(entries, key=lambda t: t[1].lower())

    def settings(self) -> Settings:
        return load_settings(self.folder)

    def save_settings(self, settings: Settings) -> Settings:
        save_settings(self.folder, settings)
        return settings

    # -- what the user has seen ----------------------------------------------------------------------------------
    def last_seen(self) -> dict[str, datetime]:
        rows = self._session.exec(
            select(ItemRow.question_id, func.max(AttemptRow.started_at))
            .join(AttemptRow, col(AttemptRow.id) == col(ItemRow.attempt_id))
            .group_by(col(ItemRow.question_id))
        ).all()
        return {qid: utc(when) for qid, when in rows if when is not None}  # type: ignore[misc]

    def wrong_question_ids(self) -> set[str]:
        """Every question the user has answered wrong at least once (graded; left unanswered does not count)."""
        return self._wrong_before()

    def _wrong_before(self) -> set[str]:
        rows = self._session.exec(
            select(ItemRow.question_id).where(col(ItemRow.correct).is_(False), col(ItemRow.answer) != "")
        ).all()
        return set(rows)

    def _answered_before(self) -> set[str]:
        rows = self._session.exec(
            select(ItemRow.question_id).where(col(ItemRow.answered_at).is_not(None))
        ).all()
        return set(rows)

    # -- starting attempts ---------------------------------------------------------------------------------------
    def start_exam(
        self, blueprint_id: str | None = None, *, seed: int | None = None, length: int | None = None
    ) -> AttemptView:
        blueprint = self.blueprint(blueprint_id)
        seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
        if length is None:
            length = self.settings().exam_length
        exam = assemble(self.bank, blueprint, seed=seed, length=length, last_seen=self.last_seen())
        items = [(self.bank.by_id[i.id], i.domain, i.task) for i in exam.items]
        full = len(items) == blueprint.questions
        title = f"{'Mock exam' if full else 'Short exam'} · {blueprint.id.upper()} · {len(items)} questions"
        return self._create("exam", blueprint, items, seed, exam.duration_minutes * 60, title)

    def drill_pool_size(self, drill: DrillFilter) -> int:
        return count_matching(self.bank, drill, self._answered_before(), self._wrong_before())

    def start_drill(self, drill: DrillFilter, *, seed: int | None = None) -> AttemptView:
        blueprint = self.blueprint(drill.blueprint)
        seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
        questions = choose(
            self.bank,
            drill,
            seed=seed,
            seen=self._answered_before(),
            wrong=self._wrong_before(),
            last_seen=self.last_seen(),
        )
        if not questions:
            raise UserFacingError("no questions match these filters")
        items = [self._place(q, blueprint) for q in questions]
        title = f"Drill · {blueprint.id.upper()} · {len(items)} questions"
        return self._create("drill", blueprint, items, seed, None, title)

    def due_count(self) -> int:
        now = self.clock.now()
        return int(
            self._session.exec(
                select(func.count())
                .select_from(CardRow)
                .where(~col(CardRow.retired), col(CardRow.due) <= now)
            ).one()
        )

    def start_review(self, limit: int = 20, blueprint_id: str | None = None) -> AttemptView:
        blueprint = self.blueprint(blueprint_id)
        now = self.clock.now()
        rows = self._session.exec(
            select(CardRow.question_id)
            .where(~col(CardRow.retired), col(CardRow.due) <= now)
            .order_by(col(CardRow.due))
        ).all()
        due = [self.bank.by_id[qid] for qid in rows if qid in self.bank.by_id]
        questions = due[:limit]
        if not questions:
            raise UserFacingError("no wrong answers are due for review")
        items = [self._place(q, blueprint) for q in questions]
        title = (
            f"Review · {len(items)} of {len(due)} due"
            if len(due) > len(items)
            else f"Review · {len(items)} due"
        )
        return self._create("review", blueprint, items, None, None, title)

    def _place(self, q: Question, blueprint: Blueprint) -> tuple[Question, str, str]:
        task = q.domains.get(blueprint.id) or q.domains.get("mls-c01") or "0.0"
        return q, task.split(".")[0], task

    def _create(
        self,
        mode: Mode,
        blueprint: Blueprint,
        items: list[tuple[Question, str, str]],
        seed: int | None,
        limit_seconds: int | None,
        title: str,
    ) -> AttemptView:
        now = self.clock.now()
        rng = random.Random(f"{seed}:{now.isoformat()}")
        with self._tx() as s:
            row = AttemptRow(
                mode=mode,
                blueprint=blueprint.id,
                status="in_progress",
                seed=seed,
                title=title,
                started_at=now,
                limit_seconds=limit_seconds,
                passing_score=blueprint.passing_score,
            )
            s.add(row)
            s.flush()
            assert row.id is not None
            item_rows = []
            for position, (q, domain, task) in enumerate(items, start=1):
                order = [o.key for o in q.options]
                rng.shuffle(order)
                item_rows.append(
                    ItemRow(
                        attempt_id=row.id,
                        position=position,
                        question_id=q.id,
                        domain=domain,
                        task=task,
                        question_json=q.model_dump_json(),
                        option_order="".join(order),
                    )
                )
            s.add_all(item_rows)
        state = self._load(row.id)
        state.open(now)
        return self.attempt_view(row.id)

    # -- loading attempts ----------------------------------------------------------------------------------------
    def _load(self, attempt_id: int) -> AttemptState:
        state = self._states.get(attempt_id)
        if state is not None:
            return state
        row = self._session.get(AttemptRow, attempt_id)
        if row is None:
            raise UserFacingError(f"no attempt #{attempt_id}")
        item_rows = self._session.exec(
            select(ItemRow).where(ItemRow.attempt_id == attempt_id).order_by(col(ItemRow.position))
        ).all()
        items = [
            ItemState(
                position=r.position,
                question=Question.model_validate_json(r.question_json),
                order=tuple(r.option_order),
                domain=r.domain,
                task=r.task,
                answer=frozenset(r.answer),
                flagged=r.flagged,
                checked=r.checked,
                seconds=r.seconds,
            )
            for r in item_rows
        ]
        state = AttemptState(
            id=attempt_id,
            mode=row.mode,  # type: ignore[arg-type]
            blueprint=row.blueprint,
            passing_score=row.passing_score,
            items=items,
            started_at=utc(row.started_at) or row.started_at,
            status=row.status,  # type: ignore[arg-type]
            limit_seconds=row.limit_seconds,
            elapsed_seconds=row.elapsed_seconds,
            position=row.position,
            submitted_at=utc(row.submitted_at),
        )
        self._states[attempt_id] = state
        self._row_ids[attempt_id] = [r.id for r in item_rows if r.id is not None]
        return state

    def resumable(self) -> list[ResumableView]:
        rows = self._session.exec(
            select(AttemptRow)
            .where(AttemptRow.status == "in_progress")
            .order_by(col(AttemptRow.started_at).desc())
        ).all()
        out = []
        for row in rows:
            assert row.id is not None
            state = self._load(row.id)
            out.append(
                ResumableView(
                    id=row.id,
                    mode=row.mode,
                    blueprint=row.blueprint,
                    title=row.title,
                    started_at=utc(row.started_at) or row.started_at,
                    answered=len(state.summary().answered),
                    total=len(state.items),
                    time_left=state.time_left(self.clock.now()),
                    position=state.position,
                    checked=len(state.checked_positions()),
                )
            )
        return out

    def resume(self, attempt_id: int) -> AttemptView:
        """Open an attempt in progress again; its time runs from now. An exam whose time ran out is submitted."""
        state = self._load(attempt_id)
        if state.status != "in_progress":
            raise UserFacingError(f"attempt #{attempt_id} is {state.status.replace('_', ' ')}")
        now = self.clock.now()
        state.open(now)
        if state.tick(now):
            self._finish(state)
        return self.attempt_view(attempt_id)

    def pause(self, attempt_id: int) -> Change:
        """Stop the attempt's clock (leaving the screen); it stays resumable."""
        state = self._load(attempt_id)
        if state.status == "in_progress":
            state.close(self.clock.now())
            self._persist(state)
        return Change(status=self._status(state))

    # -- actions -------------------------------------------------------------------------------------------------
    def _act(self, attempt_id: int, action: Any, position: int | None = None) -> Change:
        state = self._load(attempt_id)
        now = self.clock.now()
        was = state.status
        try:
            action(state, now)
        except AttemptError:
            if state.status != was:  # time ran out during the action: the exam was submitted
                self._finish(state)
                return Change(status=self._status(state, auto=True))
            raise
        self._persist(state, [position] if position else [])
        item = item_view(state, state.item(position)) if position else None
        return Change(status=self._status(state), item=item)

    def toggle(self, attempt_id: int, position: int, key: str) -> Change:
        return self._act(attempt_id, lambda s, now: s.toggle(position, key, now), position)

    def answer(self, attempt_id: int, position: int, keys: list[str]) -> Change:
        return self._act(attempt_id, lambda s, now: s.answer(position, keys, now), position)

    def clear(self, attempt_id: int, position: int) -> Change:
        return self._act(attempt_id, lambda s, now: s.clear(position, now), position)

    def flag(self, attempt_id: int, position: int, flagged: bool) -> Change:
        return self._act(attempt_id, lambda s, now: s.flag(position, flagged, now), position)

    def goto(self, attempt_id: int, position: int) -> Change:
        return self._act(attempt_id, lambda s, now: s.goto(position, now), position)

    def check(self, attempt_id: int, position: int) -> Change:
        """Drill/review: lock the answer, reveal the verdict and explanations, and schedule the review card."""
        change = self._act(attempt_id, lambda s, now: s.check(position, now), position)
        state = self._load(attempt_id)
        self._grade(state, [state.item(position)])
        return Change(status=change.status, item=item_view(state, state.item(position)))

    def tick(self, attempt_id: int) -> Change:
        """The screen's timer: keeps the stored time current and submits an exam whose time is up."""
        state = self._load(attempt_id)
        if state.status != "in_progress":
            return Change(status=self._status(state))
        if state.tick(self.clock.now()):
            self._finish(state)
            return Change(status=self._status(state, auto=True))
        self._persist(state)
        return Change(status=self._status(state))

    def submit(self, attempt_id: int) -> ResultView:
        """End the attempt and score it. A drill or review keeps only the questions checked (see
        `AttemptState.keep_checked`): the rest are neither scored nor seen, and their review cards stay due."""
        state = self._load(attempt_id)
        if state.status == "in_progress":
            if state.mode != "exam":
                self._keep_checked(state)
            state.submit(self.clock.now())
            self._finish(state)
        return self.result(attempt_id)

    def _keep_checked(self, state: AttemptState) -> None:
        total = len(state.items)
        kept = state.checked_positions()
        if not kept:
            raise UserFacingError("nothing has been checked yet: discard the session instead")
        if len(kept) == total:
            return
        ids = self._row_ids[state.id]
        keep_ids = [ids[p - 1] for p in kept]
        row = self._session.get(AttemptRow, state.id)
        assert row is not None
        base = row.title.split(" · ")
        title = " · ".join([*base[:2], f"{len(kept)} of {total} checked"]) if len(base) >= 2 else row.title
        state.keep_checked()
        with self._tx() as s:
            s.execute(
                delete(ItemRow).where(col(ItemRow.attempt_id) == state.id, col(ItemRow.id).not_in(keep_ids))
            )
            for position, row_id in enumerate(keep_ids, start=1):
                s.execute(update(ItemRow).where(col(ItemRow.id) == row_id).values(position=position))
            s.execute(update(AttemptRow).where(col(AttemptRow.id) == state.id).values(title=title))
        self._row_ids[state.id] = keep_ids

    def discard(self, attempt_id: int) -> None:
        """Delete an unfinished attempt: it leaves History, the resume list and readiness. A finished attempt
        is the user's record and cannot be discarded. Review cards that checked drill answers made stay."""
        state = self._load(attempt_id)
        if state.status == "submitted":
            raise UserFacingError(
                f"attempt #{attempt_id} is finished; only unfinished attempts can be discarded"
            )
        with self._tx() as s:
            s.execute(delete(ItemRow).where(col(ItemRow.attempt_id) == attempt_id))
            s.execute(delete(AttemptRow).where(col(AttemptRow.id) == attempt_id))
        self._states.pop(attempt_id, None)
        self._row_ids.pop(attempt_id, None)
        self._session.expunge_all()

    def in_progress_exams(self, blueprint_id: str) -> list[ResumableView]:
        """Unfinished mock exams of a blueprint, newest first: starting another one asks about these first."""
        return [r for r in self.resumable() if r.mode == "exam" and r.blueprint == blueprint_id]

    def abandon(self, attempt_id: int) -> Change:
        state = self._load(attempt_id)
        state.abandon(self.clock.now())
        self._persist(state)
        return Change(status=self._status(state))

    def _finish(self, state: AttemptState) -> None:
        """Grade every item of a submitted attempt and store the score."""
        self._grade(state, [i for i in state.items if not i.checked])
        report = state.report()
        with self._tx() as s:
            values: dict[str, Any] = {"status": state.status, "submitted_at": state.submitted_at}
            if state.mode == "exam":
                values |= {"scaled_score": report.scaled_score, "passed": report.passed}
            s.execute(update(AttemptRow).where(col(AttemptRow.id) == state.id).values(**values))
        self._persist(state, [i.position for i in state.items])

    def _grade(self, state: AttemptState, items: list[ItemState]) -> None:
        """Record verdicts and rate review cards: a wrong answer creates or lapses a card."""
        now = self.clock.now()
        ids = self._row_ids[state.id]
        with self._tx() as s:
            median = median_time(
                list(s.exec(select(ItemRow.seconds).where(col(ItemRow.correct).is_not(None))))
            )
            for item in items:
                s.execute(
                    update(ItemRow)
                    .where(col(ItemRow.id) == ids[item.position - 1])
                    .values(correct=item.correct)
                )
                rate_card(s, item, median, now)

    def _persist(self, state: AttemptState, positions: list[int] | None = None) -> None:
        ids = self._row_ids[state.id]
        now = self.clock.now()
        with self._tx() as s:
            s.execute(
                update(AttemptRow)
                .where(col(AttemptRow.id) == state.id)
                .values(elapsed_seconds=state.elapsed_seconds, position=state.position, status=state.status)
            )
            current = state.item(state.position)
            s.execute(
                update(ItemRow)
                .where(col(ItemRow.id) == ids[current.position - 1])
                .values(seconds=current.seconds)
            )
            for position in positions or []:
                item = state.item(position)
                s.execute(
                    update(ItemRow)
                    .where(col(ItemRow.id) == ids[position - 1])
                    .values(
                        answer="".join(sorted(item.answer)),
                        flagged=item.flagged,
                        checked=item.checked,
                        seconds=item.seconds,
                        answered_at=now if item.answer else None,
                    )
                )

    # -- views -------------------------------------------------------------------------------------------------
    def _title(self, attempt_id: int) -> str:
        row = self._session.get(AttemptRow, attempt_id)
        return row.title if row else ""

    def _status(self, state: AttemptState, auto: bool = False) -> AttemptStatusView:
        return status_view(state, self._title(state.id), self.clock.now(), auto)

    def attempt_view(self, attempt_id: int) -> AttemptView:
        state = self._load(attempt_id)
        return AttemptView(status=self._status(state), items=[item_view(state, i) for i in state.items])

    def result(self, attempt_id: int) -> ResultView:
        state = self._load(attempt_id)
        row = self._session.get(AttemptRow, attempt_id)
        assert row is not None
        return result_view(state, row, self.bank.blueprints.get(state.blueprint), self.clock.now())

    def history(self, *, with_items: bool = False) -> list[HistoryEntry]:
        """Every attempt, newest first; `with_items` adds each question's line (`history --json --items`)."""
        rows = self._session.exec(
            select(AttemptRow).order_by(col(AttemptRow.started_at).desc(), col(AttemptRow.id).desc())
        ).all()
        item_rows = self._session.exec(
            select(ItemRow).order_by(col(ItemRow.attempt_id), col(ItemRow.position))
        ).all()
        return history_entries(rows, item_rows, self._question_of, with_items=with_items)

    def _question_of(self, row: ItemRow) -> Question:
        """The question as the attempt showed it: the bank's when unchanged there, else the stored copy."""
        return self.bank.by_id.get(row.question_id) or Question.model_validate_json(row.question_json)

    def progress(self, blueprint_id: str | None = None) -> list[ProgressPoint]:
        """Per-domain accuracy of every submitted attempt on a blueprint, oldest first."""
        bid = self.blueprint(blueprint_id).id
        points = []
        for h in reversed(self.history()):
            if h.status != "submitted" or h.blueprint != bid:
                continue
            points.append(
                ProgressPoint(
                    attempt_id=h.id,
                    when=h.submitted_at or h.started_at,
                    mode=h.mode,
                    scaled_score=h.scaled_score,
                    by_domain={d: t["correct"] / t["total"] for d, t in h.by_domain.items() if t["total"]},
                )
            )
        return points

    def readiness(self, blueprint_id: str | None = None) -> ReadinessView:
        blueprint = self.blueprint(blueprint_id)
        rows = self._session.exec(
            select(ItemRow.question_id, ItemRow.correct, ItemRow.answered_at)
            .where(col(ItemRow.correct).is_not(None), col(ItemRow.answered_at).is_not(None))
            .order_by(col(ItemRow.answered_at))
        ).all()
        first: dict[str, bool] = {}
        for qid, correct, _when in rows:
            first.setdefault(qid, bool(correct))
        recent = list(first.items())[-RECENT_FIRST_ATTEMPTS:]
        tallies: dict[str, Tally] = {}
        for qid, correct in recent:
            q = self.bank.by_id.get(qid)
            task = q.domains.get(blueprint.id) if q else None
            if task is None:
                continue
            domain = task.split(".")[0]
            tallies[domain] = tallies.get(domain, Tally()).add(correct)
        est = readiness_model.estimate(blueprint, tallies)
        return ReadinessView.model_validate(dataclasses.asdict(est))

    def dashboard(self, blueprint_id: str | None = None) -> DashboardView:
        blueprint = self.blueprint(blueprint_id)
        return DashboardView(
            blueprint=blueprint.id,
            blueprint_name=blueprint.name,
            due_reviews=self.due_count(),
            resumable=self.resumable(),
            recent=[h for h in self.history() if h.status == "submitted"][:8],
            readiness=self.readiness(blueprint.id),
            bank_questions=len(self.bank.questions),
        )

    def advance_clock_hint(self) -> timedelta:
        """How often a screen should call `tick` while an attempt is open."""
        return timedelta(seconds=1)

    def question_ids_of(self, attempt_id: int, which: str = "wrong") -> list[str]:
        """For "drill these": the ids of an attempt's wrong (or flagged, or all) questions."""
        state = self._load(attempt_id)
        if which == "wrong":
            return [i.question.id for i in state.items if not i.correct]
        if which == "flagged":
            return [i.question.id for i in state.items if i.flagged]
        return [i.question.id for i in state.items]

    def raw_answers(self, attempt_id: int) -> dict[int, str]:
        """Position -> stored answer, read from the database (not the cache): for crash tests and tools."""
        rows = self._session.exec(
            select(ItemRow.position, ItemRow.answer).where(ItemRow.attempt_id == attempt_id)
        ).all()
        return dict(rows)
