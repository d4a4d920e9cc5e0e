"""Pacing: the budget per question, the pace line's rule, time per domain and the slowest questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlsquiz.bank.bank import Bank
from mlsquiz.store.facade import Store
from mlsquiz.study.pacing import (
    TOLERANCE_SECONDS,
    TimedItem,
    budget_seconds,
    by_domain,
    overall,
    pace,
    slowest,
)

from .conftest import FakeClock


def test_budget_per_question_follows_the_blueprints() -> None:
    assert budget_seconds(180, 65) == pytest.approx(166.15, abs=0.01)  # MLS-C01: ≈ 2.8 min
    assert budget_seconds(130, 65) == pytest.approx(120.0)  # MLA-C01: 2.0 min
    with pytest.raises(ValueError):
        budget_seconds(130, 0)


@pytest.mark.parametrize(
    ("elapsed", "answered", "expected"),
    [
        (0, 0, "on pace"),
        (120 + TOLERANCE_SECONDS, 0, "on pace"),  # the first question may take its budget and a minute
        (120 + TOLERANCE_SECONDS + 1, 0, "1 min behind"),
        (10 * 120, 5, "8 min behind"),  # 5 answered, on the 6th: 6 × 2 min budgeted, 20 used
        (10 * 120, 10, "on pace"),
        (10 * 120, 12, "4 min ahead"),  # 12 × 2 min budgeted, 20 used
        (10 * 120, 11, "2 min ahead"),
        (5 * 120 + 89, 4, "1 min behind"),  # 89 s behind rounds to 1 minute
        (5 * 120 + 91, 4, "2 min behind"),
        (65 * 120, 65, "on pace"),  # everything answered, all the time used
    ],
)
def test_the_pace_line_rule(elapsed: float, answered: int, expected: str) -> None:
    assert pace(elapsed, answered, 65, 120.0).text == expected


def test_pace_states_and_minutes() -> None:
    behind = pace(1500, 3, 65, 120.0)
    assert (behind.state, behind.minutes) == ("behind", 17)
    ahead = pace(0, 3, 65, 120.0)
    assert (ahead.state, ahead.minutes) == ("ahead", 6)


def test_time_per_domain_against_the_budget() -> None:
    items = [
        TimedItem(1, "a", "1", 100.0),
        TimedItem(2, "b", "2", 300.0),
        TimedItem(3, "c", "1", 200.0),
        TimedItem(4, "d", "2", 60.0),
    ]
    rows = by_domain(items, 120.0)
    assert [(r.domain, r.questions, r.seconds, r.mean) for r in rows] == [
        ("1", 2, 300.0, 150.0),
        ("2", 2, 360.0, 180.0),
    ]
    assert rows[0].over == pytest.approx(30.0) and rows[1].over == pytest.approx(60.0)
    total = overall(items, 120.0)
    assert (total.questions, total.mean, total.over) == (4, 165.0, 45.0)


def test_slowest_questions_longest_first_without_untouched_ones() -> None:
    items = [TimedItem(p, f"q{p}", "1", s) for p, s in enumerate([30, 0, 90, 90, 10, 200, 45, 5], start=1)]
    assert [(i.position, i.seconds) for i in slowest(items)] == [(6, 200), (3, 90), (4, 90), (7, 45), (1, 30)]
    assert slowest(items[:2]) == [items[0]]


def test_an_exam_reports_its_pace_and_its_pacing(small_bank: Bank, data_dir: Path, clock: FakeClock) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_exam("mla-c01", seed=3, length=10)  # 20 minutes for 10: 2 min each
        aid = view.status.id
        assert view.status.pace is not None and view.status.pace.text == "on pace"
        assert view.status.pace.budget == pytest.approx(120.0)
        clock.advance(9 * 60)  # 9 minutes on question 1, none answered
        change = store.tick(aid)
        assert change.status.pace is not None and change.status.pace.text == "7 min behind"
        first = change.status.position
        store.answer(aid, first, [view.items[0].options[0].key])
        store.goto(aid, 2)
        clock.advance(30)
        store.goto(aid, 3)
        clock.advance(400)
        result = store.submit(aid)
    pacing = result.pacing
    assert pacing is not None and pacing.budget == pytest.approx(120.0)
    assert pacing.overall.questions == 10 and pacing.overall.seconds == pytest.approx(970.0)
    assert [(s.position, round(s.seconds)) for s in pacing.slowest] == [(1, 540), (3, 400), (2, 30)]
    assert sum(d.questions for d in pacing.domains) == 10
    assert all(d.budget == pytest.approx(120.0) for d in pacing.domains)
    assert pacing.slowest[0].stem == view.items[0].stem


def test_a_drill_has_no_pace_line_but_times_against_the_exam_budget(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    from mlsquiz.study.drills import DrillFilter

    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_drill(DrillFilter(blueprint="mls-c01", length=3), seed=1)
        assert view.status.pace is None
        aid = view.status.id
        item = view.items[0]
        store.answer(aid, 1, [item.options[0].key])
        clock.advance(50)
        store.check(aid, 1)
        result = store.submit(aid)
    assert result.pacing is not None
    assert result.pacing.budget == pytest.approx(180 * 60 / 65)
    assert [round(s.seconds) for s in result.pacing.slowest] == [50]


def test_the_study_aids_are_off_by_default_and_bad_values_leave_them_off(tmp_path: Path) -> None:
    import json

    from mlsquiz.settings import load_settings

    assert (load_settings(tmp_path).pace_line, load_settings(tmp_path).confidence) == (False, False)
    (tmp_path / "settings.json").write_text(
        json.dumps({"pace_line": "sometimes", "confidence": [1], "theme": "dark"}), encoding="utf-8"
    )
    settings = load_settings(tmp_path)
    assert (settings.pace_line, settings.confidence, settings.theme) == (False, False, "dark")
    (tmp_path / "settings.json").write_text(
        json.dumps({"pace_line": True, "confidence": True}), encoding="utf-8"
    )
    assert (load_settings(tmp_path).pace_line, load_settings(tmp_path).confidence) == (True, True)
