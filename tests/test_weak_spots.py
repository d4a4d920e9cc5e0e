"""Weakest-first drills: which task statements, which questions, in which order, from crafted histories."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mlsquiz.bank.bank import Bank
from mlsquiz.bank.loader import load_files, shipped_root
from mlsquiz.bank.schema import Blueprint, Question
from mlsquiz.exam.scoring import Tally
from mlsquiz.store.facade import Store
from mlsquiz.study import weak_spots as ws
from mlsquiz.study.drills import DrillFilter

from .conftest import FakeClock, synthetic_question


@pytest.fixture(scope="module")
def blueprints() -> dict[str, Blueprint]:
    return {b.id: b for b in load_files([shipped_root() / "blueprints"]).blueprints}


def everywhere(bp: Blueprint, n: int = 10) -> dict[str, int]:
    return {t: n for t in bp.task_ids()}


def test_pass_level_is_where_the_scaled_score_reaches_the_pass_mark(blueprints: dict[str, Blueprint]) -> None:
    assert ws.pass_level(blueprints["mla-c01"]) == pytest.approx(620 / 900)
    assert ws.pass_level(blueprints["mls-c01"]) == pytest.approx(650 / 900)


def test_a_weak_heavy_task_beats_a_strong_one(blueprints: dict[str, Blueprint]) -> None:
    bp = blueprints["mla-c01"]
    heavy = max(bp.domains, key=lambda d: d.weight / len(d.tasks)).tasks[0].id
    light = min(bp.domains, key=lambda d: d.weight / len(d.tasks)).tasks[0].id
    tallies = {t: Tally(18, 20) for t in bp.task_ids()}  # strong everywhere...
    tallies[heavy] = Tally(4, 20)  # ...but the heaviest task
    tallies[light] = Tally(4, 20)  # and a light one, equally weak
    ranked = ws.rank_tasks(bp, tallies, everywhere(bp))
    order = [t.task for t in ranked]
    assert order[0] == heavy and order[1] == light
    strong = next(t for t in ranked if t.task not in (heavy, light))
    assert ranked[0].gain > ranked[1].gain > strong.gain
    top = ranked[0]
    assert top.posterior == pytest.approx(5 / 22)
    expected = top.weight * (ws.pass_level(bp) - 5 / 22 + ws.DATA_BONUS / (20 + ws.BONUS_HALF))
    assert top.gain == pytest.approx(expected)
    # above the pass level, only the data bonus is left
    assert strong.gain == pytest.approx(strong.weight * ws.DATA_BONUS / 25)


def test_tasks_without_data_get_the_bonus(blueprints: dict[str, Blueprint]) -> None:
    bp = blueprints["mla-c01"]
    domain = bp.domains[0]
    a, b = domain.tasks[0].id, domain.tasks[1].id  # the same weight
    tallies = {t: Tally(14, 20) for t in bp.task_ids()}  # 68% right: just below the pass level everywhere
    tallies[a] = Tally(7, 10)
    del tallies[b]  # never answered
    ranked = ws.rank_tasks(bp, tallies, everywhere(bp))
    gains = {t.task: t for t in ranked}
    assert gains[b].answers == 0 and gains[b].posterior == 0.5
    assert gains[b].gain == pytest.approx(gains[b].weight * (ws.pass_level(bp) - 0.5 + ws.DATA_BONUS / 5))
    assert ranked[0].task == b  # no data: the largest gain
    assert gains[b].explanation == f"Task {b}: no answers yet, weight {round(gains[b].weight * 100)}%"
    assert gains[a].explanation == f"Task {a}: 10 answers, 70% right, weight {round(gains[a].weight * 100)}%"
    # the bonus shrinks as answers come in: the same share right on more answers gains less
    assert ws.expected_gain(0.1, Tally(7, 10), 0.9) > ws.expected_gain(0.1, Tally(70, 100), 0.9)


def test_ties_keep_the_blueprint_order_and_tasks_without_questions_are_skipped(
    blueprints: dict[str, Blueprint],
) -> None:
    bp = blueprints["mls-c01"]
    ranked = ws.rank_tasks(bp, {}, everywhere(bp))
    first_domain = [t.task for t in ranked if t.domain == ranked[0].domain]
    assert first_domain == sorted(first_domain)  # equal gains within a domain: the blueprint's order
    available = everywhere(bp)
    available[ranked[0].task] = 0
    chosen = ws.weakest(ws.rank_tasks(bp, {}, available), 10)
    assert len(chosen) == ws.TASKS_PER_DRILL and ranked[0].task not in [t.task for t in chosen]
    assert len(ws.weakest(ranked, 2)) == 2  # a two-question drill works on two tasks


def test_quotas_follow_the_gain_and_give_each_task_one() -> None:
    def gain(g: float) -> ws.TaskGain:
        return ws.TaskGain("1.1", "t", "1", 0.1, 0, 0, 0.5, g, 10)

    assert ws.quotas([gain(0.3), gain(0.1), gain(0.1)], 10) == [
        5,
        3,
        2,
    ]  # one each, then 7 by gain: 4.2, 1.4, 1.4
    assert ws.quotas([gain(1.0), gain(0.001)], 3) == [2, 1]
    assert sum(ws.quotas([gain(0.2), gain(0.2), gain(0.1)], 7)) == 7


def _question(i: int, task: str, source: str) -> Question:
    q = synthetic_question(i, "1.1", task)
    return q.model_copy(update={"source": source, "id": f"{source}.{i}", "stem": f"{source} stem {i}"})


def crafted_bank(blueprints: dict[str, Blueprint], task: str) -> Bank:
    """Per source, six questions of `task` and six of another task."""
    other = next(t for t in sorted(blueprints["mla-c01"].task_ids()) if t != task)
    questions = tuple(
        _question(i + 100 * n + 50 * m, t, source)
        for n, source in enumerate(("scenario", "generated", "imported"))
        for m, t in enumerate((task, other))
        for i in range(6)
    )
    return Bank(knowledge={}, blueprints=blueprints, questions=questions)


def test_unseen_first_hand_written_before_generated_then_wrong_then_the_rest(
    blueprints: dict[str, Blueprint],
) -> None:
    bp = blueprints["mla-c01"]
    task = "3.1"
    bank = crafted_bank(blueprints, task)
    ranked = [t for t in ws.rank_tasks(bp, {}, everywhere(bp)) if t.task == task]
    mine = [q for q in bank.questions if q.domains["mla-c01"] == task]
    seen = {q.id for q in mine if int(q.id.split(".")[1]) % 10 < 3}  # half of each source answered before
    wrong = {"scenario.0", "generated.101"}
    old = datetime(2026, 1, 1, tzinfo=UTC)
    last_seen = {qid: old + timedelta(days=n) for n, qid in enumerate(sorted(seen))}
    drill = ws.draw(bank, bp, ranked, 18, seed=3, seen=seen, wrong=wrong, last_seen=last_seen)
    sources = [(q.source, q.id in seen, q.id in wrong) for q in drill]
    assert len(drill) == 18 and all(q.domains["mla-c01"] == task for q in drill)
    assert sources[:3] == [("scenario", False, False)] * 3  # unseen hand-written first
    assert sources[3:6] == [("imported", False, False)] * 3  # then the user's own questions
    assert sources[6:9] == [("generated", False, False)] * 3  # then unseen generated ones
    assert [q.id for q in drill[9:11]] == ["generated.101", "scenario.0"]  # then wrong before, oldest first
    rest = drill[11:]
    assert all(q.id in seen and q.id not in wrong for q in rest)
    assert [last_seen[q.id] for q in rest] == sorted(
        last_seen[q.id] for q in rest
    )  # least recently seen first


def test_the_drill_is_deterministic_with_a_seed_and_spreads_over_the_tasks(
    blueprints: dict[str, Blueprint],
) -> None:
    bp = blueprints["mla-c01"]
    bank = crafted_bank(blueprints, "3.1")
    ranked = ws.weakest(ws.rank_tasks(bp, {}, {"3.1": 18, "1.1": 18}), 10)
    assert [t.task for t in ranked] == ["1.1", "3.1"]  # the heavier domain first
    args = {"seen": set(), "wrong": set(), "last_seen": {}}
    first = ws.draw(bank, bp, ranked, 10, seed=7, **args)  # type: ignore[arg-type]
    again = ws.draw(bank, bp, ranked, 10, seed=7, **args)  # type: ignore[arg-type]
    other = ws.draw(bank, bp, ranked, 10, seed=8, **args)  # type: ignore[arg-type]
    assert [q.id for q in first] == [q.id for q in again]
    assert [q.id for q in first] != [q.id for q in other]
    tasks = [q.domains["mla-c01"] for q in first]
    assert tasks[:4] == ["1.1", "3.1", "1.1", "3.1"]  # task by task in turn
    assert len({q.stem for q in first}) == len(first) == 10
    assert tasks.count("1.1") == ws.quotas(ranked, 10)[0] >= tasks.count("3.1")  # the larger gain, no fewer
    # a task that runs out hands its share to the others: every question of both tasks
    assert len(ws.draw(bank, bp, ranked, 36, seed=7, **args)) == 36  # type: ignore[arg-type]


def test_store_explains_and_drills_the_weak_spots(small_bank: Bank, data_dir: Path, clock: FakeClock) -> None:
    """Through the store: a history wrong on one task makes it the first weak spot; the drill is on it."""
    with Store.open(data_dir, small_bank, clock) as store:
        store.save_settings(store.settings().model_copy(update={"default_blueprint": "mla-c01"}))
        weak = [q for q in small_bank.questions if q.domains["mla-c01"] == "1.1"][:6]
        strong = [q for q in small_bank.questions if q.domains["mla-c01"] != "1.1"][:60]
        ids = [q.id for q in weak + strong]
        view = store.start_drill(DrillFilter(blueprint="mla-c01", question_ids=ids, length=len(ids)), seed=1)
        for item in view.items:
            q = small_bank.by_id[item.question_id]
            right = q not in weak
            keys = (
                list(q.answer) if right else [o.key for o in q.options if o.key not in q.answer][: q.select]
            )
            store.answer(view.status.id, item.position, keys)
            store.check(view.status.id, item.position)
        store.submit(view.status.id)
        spots = store.weak_spots()
        assert spots.tasks[0].task == "1.1" and spots.length == 10
        assert spots.tasks[0].explanation.startswith("Task 1.1: 6 answers, 0% right, weight ")
        drill, why = store.start_weak_drill(seed=4)
        assert why == spots and drill.status.title.startswith("Weak spots · MLA-C01 · 10 questions")
        chosen = {t.task for t in why.tasks}
        assert {small_bank.by_id[i.question_id].domains["mla-c01"] for i in drill.items} <= chosen
        assert not {i.question_id for i in drill.items} & {q.id for q in weak + strong}  # unseen first
