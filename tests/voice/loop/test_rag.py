"""The RAG rule, at its boundaries, with a moving clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from voice.loop.rag import RAG, assess, rag_status, today_in_london

DUE = date(2027, 3, 31)


def on(days_before_due: int) -> date:
    return DUE - timedelta(days=days_before_due)


@pytest.mark.parametrize(("days_left", "expected"), [
    (60, RAG.AMBER), (15, RAG.AMBER),          # more than 14 days away
    (14, RAG.RED), (13, RAG.RED), (1, RAG.RED), (0, RAG.RED),  # within 14 days
    (-1, RAG.RED), (-30, RAG.RED),             # overdue
])
def test_not_started_is_amber_only_while_more_than_14_days_away(days_left, expected):
    assert rag_status("not_started", DUE, on(days_left), None) is expected


@pytest.mark.parametrize(("days_left", "expected"), [
    (200, RAG.AMBER), (14, RAG.AMBER), (1, RAG.AMBER),
    (0, RAG.AMBER),    # due today is not overdue
    (-1, RAG.RED),     # the day after the due date it is
])
def test_in_progress_is_amber_until_overdue(days_left, expected):
    assert rag_status("in_progress", DUE, on(days_left), None) is expected


@pytest.mark.parametrize("days_left", [30, 0, -1, -400])
def test_done_is_green_whatever_the_date(days_left):
    assert rag_status("done", DUE, on(days_left), None) is RAG.GREEN


def test_done_and_assured_is_the_fourth_mark():
    assert rag_status("done", DUE, on(-10), None, assured=True) is RAG.ASSURED


def test_assurance_counts_only_for_done_commitments():
    assert rag_status("in_progress", DUE, on(5), None, assured=True) is RAG.AMBER
    assert rag_status("not_started", DUE, on(5), None, assured=True) is RAG.RED


@pytest.mark.parametrize("reason", [None, "", "   \n "])
def test_cant_do_without_a_reason_is_red(reason):
    assert rag_status("cant_do", DUE, on(100), reason) is RAG.RED


@pytest.mark.parametrize("days_left", [100, 0, -100])
def test_cant_do_with_a_reason_is_closed_not_red(days_left):
    assert rag_status("cant_do", DUE, on(days_left), "No counsellors on Saturdays") is RAG.NONE


def test_unknown_status_is_refused():
    with pytest.raises(ValueError):
        rag_status("nearly", DUE, DUE, None)


def test_a_moving_clock_turns_a_not_started_commitment_red_exactly_14_days_before():
    marks = {}
    for days_left in range(20, -3, -1):
        marks[days_left] = rag_status("not_started", DUE, on(days_left), None)
    assert [d for d, mark in marks.items() if mark is RAG.AMBER] == [20, 19, 18, 17, 16, 15]
    assert all(mark is RAG.RED for d, mark in marks.items() if d <= 14)


def test_a_moving_clock_turns_an_in_progress_commitment_red_the_day_after_it_is_due():
    first_red = next(d for d in range(10, -5, -1)
                     if rag_status("in_progress", DUE, on(d), None) is RAG.RED)
    assert first_red == -1


def test_every_assessment_explains_itself_in_words():
    assert assess("not_started", DUE, on(14), None).reason == \
        "Not started and due in 14 days (within 14 days)"
    assert assess("not_started", DUE, on(15), None).reason == "Not started, due in 15 days"
    assert assess("in_progress", DUE, on(0), None).reason == "In progress, due today"
    assert assess("in_progress", DUE, on(-1), None).reason == "Overdue by 1 day"
    assert assess("cant_do", DUE, on(3), "").reason == "Can't do, but no reason has been given yet"
    assert assess("done", DUE, on(3), None).label == "Green: done"


def test_today_is_the_date_in_london():
    # 23:30 UTC on 30 June is already 1 July in London (summer time).
    assert today_in_london(datetime(2027, 6, 30, 23, 30, tzinfo=UTC)) == date(2027, 7, 1)
    # In winter London is on UTC.
    assert today_in_london(datetime(2027, 1, 15, 23, 30, tzinfo=UTC)) == date(2027, 1, 15)
