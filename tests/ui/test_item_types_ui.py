"""Ordering, matching and case-study items on screen, driven by keys: a drill, and an MLA-C01 mock exam that is
left, resumed in a new window, submitted and reviewed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from mlsquiz.bank.bank import Bank
from mlsquiz.store.views import ItemView
from mlsquiz.study.drills import DrillFilter
from mlsquiz.ui import state as st
from mlsquiz.ui.attempt_screen import AttemptScreen
from mlsquiz.ui.main_window import MainWindow
from tests.ui.conftest import Dialogs, WindowFactory
from tests.ui.helpers import CTRL, LETTER_KEYS, NUMBER_KEYS, press, wait_for, wait_home

KEY_7 = [*NUMBER_KEYS, Qt.Key.Key_7]
LETTER_7 = [*LETTER_KEYS, Qt.Key.Key_G]


def shown(screen: AttemptScreen) -> ItemView:
    item = screen.current()
    assert item is not None
    return item


def index_of(item: ItemView, key: str) -> int:
    return next(n for n, o in enumerate(item.options) if o.key == key)


def place_right_order(qtbot: QtBot, screen: AttemptScreen, bank: Bank) -> None:
    item = shown(screen)
    for n, key in enumerate(bank.by_id[item.question_id].answer):
        press(qtbot, (NUMBER_KEYS if n % 2 else LETTER_KEYS)[index_of(item, key)])


def match_right_pairs(qtbot: QtBot, screen: AttemptScreen, bank: Bank) -> None:
    item = shown(screen)
    for key in bank.by_id[item.question_id].answer:  # each key answers the highlighted prompt and moves on
        press(qtbot, KEY_7[index_of(item, key)])


def first(bank: Bank, kind: str) -> str:
    return next(q.id for q in bank.questions if q.type == kind and q.case is None)


def start_drill(qtbot: QtBot, window: MainWindow, ids: list[str]) -> AttemptScreen:
    window.controller.start_drill(DrillFilter(blueprint="mla-c01", question_ids=ids, length=len(ids)))
    wait_for(qtbot, window, st.Drill)
    screen = window.screens.drill
    screen.focus_first()
    return screen


def test_ordering_by_keys_places_takes_back_and_checks(
    qtbot: QtBot, make_window: WindowFactory, shipped_bank: Bank
) -> None:
    window = make_window()
    qid = first(shipped_bank, "ordering")
    screen = start_drill(qtbot, window, [qid])
    right = shipped_bank.by_id[qid].answer
    item = shown(screen)
    assert screen.question.ordering.isVisible() and not screen.question.rows
    press(qtbot, NUMBER_KEYS[index_of(item, right[1])])  # a wrong first step
    press(qtbot, NUMBER_KEYS[index_of(item, right[1])])  # placed already: nothing happens
    assert shown(screen).sequence == [right[1]]
    press(qtbot, Qt.Key.Key_Backspace)
    assert shown(screen).sequence == []
    press(qtbot, Qt.Key.Key_Return)  # nothing placed: the drill asks for an answer first
    assert not shown(screen).revealed
    place_right_order(qtbot, screen, shipped_bank)
    assert shown(screen).sequence == list(right) and shown(screen).answered
    buttons = screen.question.ordering.findChildren(QAbstractButton)
    assert buttons and all(b.accessibleName() for b in buttons)
    slot = screen.question.ordering.slots[0]
    assert slot.accessibleName().startswith("Position 1:") and slot.down.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    checked = shown(screen)
    assert checked.revealed and checked.correct
    assert screen.question.ordering.review.count() == len(right)
    assert "Right order" in screen.question.answers.text()


def test_matching_by_keys_with_highlight_moves_and_clear(
    qtbot: QtBot, make_window: WindowFactory, shipped_bank: Bank
) -> None:
    window = make_window()
    qid = first(shipped_bank, "matching")
    q = shipped_bank.by_id[qid]
    screen = start_drill(qtbot, window, [qid])
    item = shown(screen)
    matching = screen.question.matching
    assert matching.isVisible() and matching.current_prompt() == "1"
    press(qtbot, Qt.Key.Key_Down)
    assert matching.current_prompt() == "2"
    press(qtbot, LETTER_7[index_of(item, q.answer[1])])  # answers prompt 2, moves to prompt 3
    assert [p.response for p in shown(screen).prompts][:2] == [None, q.answer[1]]
    assert matching.current_prompt() == "3"
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Backspace)  # clears prompt 2
    assert shown(screen).sequence == []
    press(qtbot, Qt.Key.Key_Up)
    assert matching.current_prompt() == "1"
    match_right_pairs(qtbot, screen, shipped_bank)
    assert shown(screen).answered
    assert matching.rows[0].choice.accessibleName().startswith("Response for prompt 1")
    press(qtbot, Qt.Key.Key_Return)
    assert shown(screen).correct
    assert all(p.correct for p in shown(screen).prompts)


def test_case_text_shows_above_each_case_question_and_folds(
    qtbot: QtBot, make_window: WindowFactory, shipped_bank: Bank
) -> None:
    window = make_window()
    case = next(iter(shipped_bank.cases.values()))
    screen = start_drill(qtbot, window, list(case.questions))
    panel = screen.question.case_panel
    assert panel.isVisible() and case.title in panel.toggle.text() and panel.body.isVisible()
    panel.toggle.click()
    assert not panel.body.isVisible() and "hidden" in panel.toggle.accessibleName()
    press(qtbot, Qt.Key.Key_N)
    assert panel.isVisible() and not panel.body.isVisible()  # folded stays folded across the case
    assert "question" in panel.toggle.text()


def answer_right(qtbot: QtBot, screen: AttemptScreen, bank: Bank) -> None:
    item = shown(screen)
    if item.type == "ordering":
        place_right_order(qtbot, screen, bank)
    elif item.type == "matching":
        match_right_pairs(qtbot, screen, bank)
    else:
        for key in bank.by_id[item.question_id].answer:
            press(qtbot, NUMBER_KEYS[index_of(item, key)])
    assert shown(screen).answered, item.type


def test_mla_mock_by_keys_alone_with_every_item_type_resumes_and_reviews(
    qtbot: QtBot, make_window: WindowFactory, shipped_bank: Bank, data_dir: Path, dialogs: Dialogs
) -> None:
    window = make_window()
    window.controller.choose_blueprint("mla-c01")
    press(qtbot, Qt.Key.Key_E, CTRL)
    wait_for(qtbot, window, st.Exam)
    screen = window.screens.exam
    items = sorted(screen.items.values(), key=lambda i: i.position)
    assert {"ordering", "matching"} <= {i.type for i in items} and any(i.case for i in items)
    partial = next(i for i in items if i.type in ("ordering", "matching"))
    for item in items:
        if item.position == partial.position:
            press(qtbot, Qt.Key.Key_1)  # one step placed or one prompt matched: incomplete, not answered
        else:
            answer_right(qtbot, screen, shipped_bank)
        if item.case:
            assert screen.question.case_panel.isVisible()
        if item.position < len(items):
            press(qtbot, Qt.Key.Key_N)
    before = {p: (i.sequence, i.chosen_labels) for p, i in screen.items.items()}
    assert not screen.items[partial.position].answered and screen.items[partial.position].sequence
    press(qtbot, Qt.Key.Key_Escape)
    wait_home(qtbot, window)
    window.close()

    second = make_window(data_dir)
    wait_home(qtbot, second)
    resume = second.screens.dashboard.resume_buttons
    assert len(resume) == 1
    resume[0].setFocus()  # the dashboard's resume button, reached by Tab, pressed with Space
    press(qtbot, Qt.Key.Key_Space)
    wait_for(qtbot, second, st.Exam)
    again = second.screens.exam
    assert {p: (i.sequence, i.chosen_labels) for p, i in again.items.items()} == before
    status = again.status
    assert status is not None and status.incomplete == [partial.position]
    press(qtbot, Qt.Key.Key_Return, CTRL)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    wait_for(qtbot, second, st.Results)
    store = second.controller.store
    assert store is not None
    result = store.result(status.id)
    assert result.correct == len(items) - 1  # all-or-nothing: the incomplete item scores nothing

    second.screens.results.review.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    wait_for(qtbot, second, st.Review)
    review = second.screens.review
    for kind in ("ordering", "matching"):
        row = next(n for n, i in enumerate(review.shown) if i.type == kind and i.position != partial.position)
        review.list.setCurrentRow(row)
        shown_item = review.question.item
        assert shown_item is not None and shown_item.type == kind and shown_item.correct
        if kind == "ordering":
            assert review.question.ordering.review.count() == len(shown_item.steps)
        else:
            assert all(r.tag.text().startswith("✓") for r in review.question.matching.rows)
