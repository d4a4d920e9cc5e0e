"""The Store's starting of attempts: an exam assembled from a blueprint, a drill chosen by filters, a review of
the cards due. Each new attempt is written in one transaction and then opened, its clock running."""

from __future__ import annotations

import random

from sqlmodel import col, select

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.schema import Blueprint, Question
from mlsquiz.exam.assembly import assemble
from mlsquiz.exam.attempt import Mode
from mlsquiz.exam.responses import shown_order
from mlsquiz.store.attempts import Attempts
from mlsquiz.store.errors import UserFacingError
from mlsquiz.store.misconceptions import sure_and_wrong
from mlsquiz.store.notes import hidden_ids
from mlsquiz.store.reads import Reads
from mlsquiz.store.tables import AttemptRow, CardRow, ItemRow
from mlsquiz.store.views import AttemptView
from mlsquiz.study.drills import DrillFilter, choose, count_matching
from mlsquiz.study.review import due_order


class Starts:
    def __init__(self, attempts: Attempts, reads: Reads, bank: Bank) -> None:
        self.attempts = attempts
        self.reads = reads
        self.db = attempts.db
        self.bank = bank

    def start_exam(self, blueprint: Blueprint, seed: int | None, length: int) -> AttemptView:
        seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
        hidden = hidden_ids(self.db.session)
        exam = assemble(
            self.bank, blueprint, seed=seed, length=length, last_seen=self.reads.last_seen(), excluded=hidden
        )
        items = [(self.bank.by_id[i.id], i.domain, i.task) for i in exam.items]
        full = len(items) == blueprint.questions
        title = f"{'Mock exam' if full else 'Short exam'} · {blueprint.id.upper()} · {len(items)} questions"
        return self._create("exam", blueprint, items, seed, exam.duration_minutes * 60, title)

    def drill_pool_size(self, drill: DrillFilter) -> int:
        hidden = hidden_ids(self.db.session)
        return count_matching(
            self.bank, drill, self.reads.answered_before(), self.reads.wrong_before(), hidden
        )

    def start_drill(
        self, blueprint: Blueprint, drill: DrillFilter, seed: int | None, *, title: str | None = None
    ) -> AttemptView:
        seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
        questions = choose(
            self.bank,
            drill,
            seed=seed,
            seen=self.reads.answered_before(),
            wrong=self.reads.wrong_before(),
            last_seen=self.reads.last_seen(),
            excluded=hidden_ids(self.db.session),
        )
        if not questions:
            raise UserFacingError("no questions match these filters")
        from mlsquiz.bank.calculations import vary  # the calculation families: only a drill needs them

        items = [self._place(vary(q, seed), blueprint) for q in questions]  # fresh numbers for calculations
        title = title or f"Drill · {blueprint.id.upper()} · {len(items)} questions"
        return self._create("drill", blueprint, items, seed, None, title)

    def start_review(self, blueprint: Blueprint, limit: int) -> AttemptView:
        now = self.db.clock.now()
        rows = self.db.session.exec(
            select(CardRow.question_id, CardRow.due).where(~col(CardRow.retired), col(CardRow.due) <= now)
        ).all()
        hidden = hidden_ids(self.db.session)  # the questions the user hid are not reviewed
        cards = [(qid, when) for qid, when in rows if qid in self.bank.by_id and qid not in hidden]
        first = sure_and_wrong(self.db.session, [qid for qid, _ in cards])
        due = [self.bank.by_id[qid] for qid in due_order(cards, first)]  # sure-and-wrong first
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
        moment = self.attempts.now()
        now = moment.wall
        rng = random.Random(f"{seed}:{now.isoformat()}")
        with self.db.tx() as s:
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
            s.add_all(
                ItemRow(
                    attempt_id=row.id,
                    position=position,
                    question_id=q.id,
                    domain=domain,
                    task=task,
                    question_json=q.model_dump_json(),
                    option_order="".join(shown_order(q, rng)),
                )
                for position, (q, domain, task) in enumerate(items, start=1)
            )
        self.attempts.load(row.id).open(moment)
        return self.attempts.attempt_view(row.id)
