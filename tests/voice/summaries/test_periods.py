"""Periods: financial quarters and years, comparisons, and plain-words errors."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from voice.summaries.periods import (
    Period,
    PeriodError,
    comparison_for,
    parse_date,
    parse_period,
    period_choices,
    range_label,
    trend_months,
)

TODAY = date(2026, 11, 23)


def test_a_quarter_is_three_months_of_the_financial_year():
    q2 = parse_period("quarter", "2026-Q2", None, None, TODAY)
    assert (q2.start, q2.end) == (date(2026, 7, 1), date(2026, 9, 30))
    assert q2.label == "Quarter 2 of 2026 to 2027 (July to September 2026)"
    q4 = parse_period("quarter", "2025-Q4", None, None, TODAY)
    assert (q4.start, q4.end) == (date(2026, 1, 1), date(2026, 3, 31))


def test_a_year_runs_april_to_march():
    year = parse_period("year", "2025", None, None, TODAY)
    assert (year.start, year.end) == (date(2025, 4, 1), date(2026, 3, 31))
    assert "April 2025 to March 2026" in year.label


def test_a_month_and_the_default_is_the_quarter_we_are_in():
    month = parse_period("month", "2024-02", None, None, TODAY)
    assert (month.start, month.end) == (date(2024, 2, 1), date(2024, 2, 29))
    default = parse_period("quarter", None, None, None, TODAY)
    assert default.value == "2026-Q3"


def test_custom_dates_accept_iso_and_day_month_year():
    period = parse_period("custom", None, "1/4/2026", "2026-04-14", TODAY)
    assert (period.start, period.end) == (date(2026, 4, 1), date(2026, 4, 14))
    assert period.label == "1 to 14 April 2026"


@pytest.mark.parametrize("kind, value, start, end, field, words", [
    ("custom", None, "2026-05-01", "2026-04-01", "from", "on or before the end date"),
    ("custom", None, "2015-01-01", "2026-01-01", "from", "5 years or less"),
    ("custom", None, "31/2/2026", "2026-04-01", "from", "real date"),
    ("custom", None, "", "2026-04-01", "from", "Enter the start date"),
    ("custom", None, "2027-01-01", "2027-02-01", "from", "not started yet"),
    ("month", "2026-13", None, None, "value", "Choose a month"),
    ("month", "1999-01", None, None, "value", "from 2000"),
    ("quarter", "2026-Q5", None, None, "value", "Choose a quarter"),
    ("year", "twenty", None, None, "value", "Choose a year"),
    ("week", None, None, None, "period", "kind of period"),
])
def test_bad_periods_say_what_is_wrong(kind, value, start, end, field, words):
    with pytest.raises(PeriodError) as error:
        parse_period(kind, value, start, end, TODAY)
    assert words in error.value.message
    assert error.value.field == field


def test_comparison_is_the_period_before_or_a_year_earlier():
    q1 = parse_period("quarter", "2026-Q1", None, None, TODAY)
    before = comparison_for(q1, "previous", None, None, TODAY)
    assert (before.start, before.end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert before.label.startswith("Quarter 4 of 2025 to 2026")
    earlier = comparison_for(q1, "last_year", None, None, TODAY)
    assert (earlier.start, earlier.end) == (date(2025, 4, 1), date(2025, 6, 30))
    custom = parse_period("custom", None, "2026-03-10", "2026-03-19", TODAY)
    assert comparison_for(custom, "previous", None, None, TODAY) == Period(date(2026, 2, 28),
                                                                            date(2026, 3, 9))
    assert comparison_for(q1, "none", None, None, TODAY) is None


def test_a_custom_comparison_must_not_overlap():
    q1 = parse_period("quarter", "2026-Q1", None, None, TODAY)
    with pytest.raises(PeriodError, match="must not overlap"):
        comparison_for(q1, "custom", "2026-06-01", "2026-07-31", TODAY)
    other = comparison_for(q1, "custom", "2025-04-01", "2025-06-30", TODAY)
    assert other.start == date(2025, 4, 1)


def test_bounds_are_midnight_in_england_in_utc():
    summer = Period(date(2026, 7, 1), date(2026, 7, 31))
    assert summer.bounds() == (datetime(2026, 6, 30, 23, tzinfo=UTC),
                               datetime(2026, 7, 31, 23, tzinfo=UTC))
    winter = Period(date(2026, 1, 1), date(2026, 1, 31))
    assert winter.bounds()[0] == datetime(2026, 1, 1, tzinfo=UTC)


def test_trend_is_twelve_months_ending_with_the_period():
    months = trend_months(parse_period("quarter", "2026-Q2", None, None, TODAY))
    assert months[0] == date(2025, 10, 1) and months[-1] == date(2026, 9, 1)
    assert len(months) == 12


def test_labels_and_choices():
    assert range_label(date(2026, 1, 1), date(2026, 12, 31)) == "January to December 2026"
    assert range_label(date(2025, 11, 5), date(2026, 2, 3)) == "5 November 2025 to 3 February 2026"
    choices = period_choices("quarter", TODAY, 3)
    assert [value for value, _ in choices] == ["2026-Q3", "2026-Q2", "2026-Q1"]
    assert parse_date("01/12/2026", "from", "x") == date(2026, 12, 1)
