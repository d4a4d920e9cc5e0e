"""The exam-date plan: days left, pace, and mocks, drills and reviews sized to them, on crafted dates."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from mlsquiz.bank.bank import Bank
from mlsquiz.settings import Settings, load_settings
from mlsquiz.store.facade import Store
from mlsquiz.study import plan as pl

from .conftest import FakeClock

TODAY = date(2026, 12, 5)


def plan_for(days: int, pace: pl.Pace, due: int = 0, drill_length: int = 10) -> pl.StudyPlan:
    return pl.make_plan(
        TODAY + timedelta(days=days),
        TODAY,
        due_reviews=due,
        measured=pace,
        exam_questions=65,
        drill_length=drill_length,
        weak_tasks=["3.4", "2.1"],
    )


def test_pace_counts_answers_per_study_day_in_the_last_fourteen_days() -> None:
    days = [TODAY] * 30 + [TODAY - timedelta(days=13)] * 10 + [TODAY - timedelta(days=14)] * 99
    days += [TODAY + timedelta(days=1)] * 5  # a clock set back: later days do not count
    measured = pl.pace(days, TODAY)
    assert (measured.answers, measured.study_days, measured.per_day) == (40, 2, 20.0)
    assert pl.pace([], TODAY).per_day is None


def test_a_month_at_forty_a_day() -> None:
    plan = plan_for(30, pl.Pace(answers=200, study_days=5), due=12)
    assert plan.status == "plan" and plan.days_left == 30 and plan.pace == 40 and plan.pace_measured
    # budget 1200: mocks floor(0.3 × 1200 / 65) = 5; drills floor((1200 − 325 − 12) / 10) = 86
    assert (plan.mocks, plan.drills, plan.drill_length) == (5, 86, 10)
    assert plan.mock_every == 6 and plan.weak_tasks == ("3.4", "2.1")
    assert plan.per_day == -(-(325 + 12 + 860) // 30)  # 40
    assert plan.due_reviews == 12


def test_few_days_and_a_slow_pace_still_give_one_mock_and_one_drill() -> None:
    plan = plan_for(3, pl.Pace(answers=10, study_days=2), due=40)
    assert (plan.mocks, plan.drills) == (1, 1)  # budget 15: less than a mock, but one is still worth it
    assert plan.per_day == -(-(65 + 40 + 10) // 3)


def test_mocks_are_capped_by_the_days_and_in_total() -> None:
    assert plan_for(4, pl.Pace(answers=1000, study_days=1)).mocks == 2  # one every two days at most
    assert plan_for(300, pl.Pace(answers=1000, study_days=1)).mocks == pl.MAX_MOCKS
    assert plan_for(1, pl.Pace(answers=1000, study_days=1)).mocks == 1  # the day before: one mock


def test_no_pace_yet_assumes_the_default() -> None:
    plan = plan_for(10, pl.Pace(0, 0))
    assert plan.pace == pl.DEFAULT_PACE and not plan.pace_measured
    assert plan.mocks == 1  # floor(0.3 × 300 / 65)


def test_exam_day_and_a_past_date_make_no_plan() -> None:
    today = plan_for(0, pl.Pace(10, 1), due=3)
    assert today.status == "today" and today.days_left == 0 and today.mocks == today.drills == 0
    past = plan_for(-2, pl.Pace(10, 1))
    assert past.status == "past" and past.days_left == -2 and past.mocks == 0


def test_settings_take_an_iso_exam_date_and_ignore_anything_else(tmp_path: Path) -> None:
    for value, expected in [
        ("2026-12-24", date(2026, 12, 24)),
        ("2026-02-30", None),
        ("24/12/2026", None),
        ("2026-12-24T09:00:00", None),
        (1767225600, None),
        (None, None),
    ]:
        (tmp_path / "settings.json").write_text(
            json.dumps({"exam_date": value, "drill_length": 12, "future_key": 1}), encoding="utf-8"
        )
        loaded = load_settings(tmp_path)
        assert loaded.exam_date == expected, value
        assert loaded.drill_length == 12  # a bad date spoils nothing else
    assert json.loads(Settings(exam_date=date(2027, 1, 2)).model_dump_json())["exam_date"] == "2027-01-02"


def test_the_dashboard_plans_from_the_clock_and_the_history(small_bank: Bank, data_dir: Path) -> None:
    clock = FakeClock(datetime(2026, 12, 5, 12, 0, tzinfo=UTC))
    with Store.open(data_dir, small_bank, clock) as store:
        assert store.dashboard().plan is None  # no date, no plan
        view = store.start_exam("mls-c01", seed=2, length=10)
        for item in view.items:
            store.answer(view.status.id, item.position, [item.options[0].key])
        store.submit(view.status.id)
        exam_day = clock.now().astimezone().date() + timedelta(days=20)
        store.save_settings(store.settings().model_copy(update={"exam_date": exam_day}))
        plan = store.dashboard().plan
        assert plan is not None and plan.status == "plan" and plan.days_left == 20
        assert plan.pace == 10 and plan.pace_measured  # ten answers on one study day
        assert plan.weak_tasks == [t.task for t in store.weak_spots().tasks]
        clock.advance(21 * 86400)
        later = store.dashboard().plan
        assert later is not None and later.status == "past" and later.days_left == -1
        assert not later.pace_measured  # the answers are older than the window now
