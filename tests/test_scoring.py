"""Scoring: bounds, all-or-nothing multiple response, unanswered is wrong, per-domain tallies."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mlsquiz.exam.scoring import GradedItem, is_wrong, scaled, score

KEYS = frozenset("ABCDE")


def item(answer: str, key: str, domain: str = "1", task: str = "1.1") -> GradedItem:
    return GradedItem("q", domain, task, frozenset(answer), frozenset(key))


def test_scaled_score_formula() -> None:
    assert scaled(0) == 100 and scaled(1) == 1000
    assert scaled(49 / 65) == 778  # 100 + 900 * 0.7538 = 778.46


def test_pass_mark() -> None:
    assert not score([item("A", "A")] * 72 + [item("", "A")] * 28, 750).passed  # 748
    assert score([item("A", "A")] * 73 + [item("", "A")] * 27, 750).passed  # 757


def test_multiple_response_is_all_or_nothing() -> None:
    assert score([item("AB", "AB")], 750).correct == 1
    assert score([item("A", "AB")], 750).correct == 0
    assert score([item("ABC", "AB")], 750).correct == 0


def test_unanswered_counts_wrong() -> None:
    report = score([item("", "A"), item("A", "A")], 750)
    assert (report.correct, report.total, report.answered) == (1, 2, 1)


def test_by_domain_and_task() -> None:
    report = score([item("A", "A", "1", "1.1"), item("B", "A", "1", "1.2"), item("C", "C", "3", "3.5")], 750)
    assert {d: (t.correct, t.total) for d, t in report.by_domain.items()} == {"1": (1, 2), "3": (1, 1)}
    assert {k: (t.correct, t.total) for k, t in report.by_task.items()} == {
        "1.1": (1, 1),
        "1.2": (0, 1),
        "3.5": (1, 1),
    }


answers = st.frozensets(st.sampled_from(sorted(KEYS)), max_size=3)


@given(
    st.lists(
        st.tuples(answers, st.frozensets(st.sampled_from(sorted(KEYS)), min_size=1, max_size=2)), max_size=80
    )
)
def test_score_bounds(pairs: list[tuple[frozenset[str], frozenset[str]]]) -> None:
    items = [GradedItem("q", str(i % 4 + 1), "1.1", a, k) for i, (a, k) in enumerate(pairs)]
    report = score(items, 750)
    assert 0 <= report.correct <= report.total == len(items)
    assert 100 <= report.scaled_score <= 1000
    assert report.correct == sum(a == k for a, k in pairs)
    assert sum(t.total for t in report.by_domain.values()) == len(items)
    assert report.passed == (report.scaled_score >= 750)


def test_wrong_has_one_meaning() -> None:
    """Graded and not right is wrong, unanswered included; nothing is wrong before it is graded."""
    assert is_wrong(True, False)
    assert is_wrong(True, None)  # graded, never answered
    assert not is_wrong(True, True)
    assert not is_wrong(False, False)  # an exam in progress: no verdict yet
    assert not is_wrong(False, None)
    unanswered = GradedItem("q", "1", "1.1", frozenset(), frozenset({"A"}))
    right = GradedItem("q", "1", "1.1", frozenset({"A"}), frozenset({"A"}))
    assert is_wrong(True, unanswered.correct) and not unanswered.answered
    assert not is_wrong(True, right.correct)
    assert score([unanswered, right], 750).correct == sum(
        not is_wrong(True, i.correct) for i in (unanswered, right)
    )
