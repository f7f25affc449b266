"""Working days in England: weekends and bank holidays do not count.

Bank holidays follow the published rules (New Year's Day, Good Friday, Easter Monday, the early
May and spring bank holidays, the summer bank holiday, Christmas Day and Boxing Day, each moved to
the next weekday when it falls at a weekend), plus the one-off changes the government has made.
The years 2026 and 2027 are checked against the published list in the tests.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

# One-off changes: (year) -> (days removed, days added).
_SPECIAL = {
    2020: ({date(2020, 5, 4)}, {date(2020, 5, 8)}),            # VE Day 75
    2022: ({date(2022, 5, 30)}, {date(2022, 6, 2), date(2022, 6, 3),  # Platinum Jubilee
                                 date(2022, 9, 19)}),          # State funeral
    2023: (set(), {date(2023, 5, 8)}),                         # Coronation
}


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    day = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return day - timedelta(days=day.weekday())


def _next_weekday(day: date, taken: set[date]) -> date:
    while day.weekday() >= 5 or day in taken:
        day += timedelta(days=1)
    return day


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays in ``year``."""
    easter = easter_sunday(year)
    days = {
        _next_weekday(date(year, 1, 1), set()),
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        _first_monday(year, 5),
        _last_monday(year, 5),
        _last_monday(year, 8),
    }
    christmas = _next_weekday(date(year, 12, 25), set())
    days.add(christmas)
    days.add(_next_weekday(date(year, 12, 26), {christmas}))
    removed, added = _SPECIAL.get(year, (set(), set()))
    return frozenset((days - removed) | added)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    while days:
        current += timedelta(days=1)
        if is_working_day(current):
            days -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if ``end`` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        count += is_working_day(current)
    return count
