"""Reporting periods: months, financial quarters and years, custom ranges, and comparisons.

Pure functions, no database. Dates are dates in England (Europe/London); :meth:`Period.bounds`
turns them into the UTC instants the database stores. Quarters and years follow the financial
year used by councils and the NHS (April to March), and every label names the months, so nobody
has to remember which quarter is which.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

KINDS = ("month", "quarter", "year", "custom")
KIND_LABELS = {
    "month": "Month",
    "quarter": "Quarter (financial year)",
    "year": "Financial year (April to March)",
    "custom": "Dates you choose",
}
COMPARISONS = ("previous", "last_year", "none", "custom")
COMPARISON_LABELS = {
    "previous": "The period just before",
    "last_year": "The same period a year earlier",
    "none": "No comparison",
    "custom": "Dates you choose",
}

EARLIEST_YEAR = 2000
#: Longest period (and comparison) anyone can ask for: longer ones are almost always a typing
#: mistake, and would make the page slow for everyone.
MAX_DAYS = 5 * 366
#: The trend charts show at most this many months.
MAX_TREND_MONTHS = 60
TREND_MONTHS = 12


class PeriodError(ValueError):
    """A period that cannot be used, with a message a person can act on."""

    def __init__(self, message: str, field: str = "period") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Period:
    """An inclusive range of dates in England, with the words that describe it."""

    start: date
    end: date
    kind: str = "custom"
    value: str = ""
    label: str = ""

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise PeriodError("The start date must be on or before the end date")
        if not self.label:
            object.__setattr__(self, "label", range_label(self.start, self.end))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self) -> tuple[datetime, datetime]:
        """The UTC instants [start, end) covering these dates in England."""
        return london_midnight(self.start), london_midnight(self.end + timedelta(days=1))

    def months(self) -> list[date]:
        """The first day of every month this period touches."""
        return month_starts(self.start, self.end)

    def clipped(self, today: date) -> Period:
        """The same period, ending no later than ``today`` (for "so far" figures)."""
        if self.end <= today or self.start > today:
            return self
        return Period(self.start, today, self.kind, self.value, f"{self.label}, so far")

    def as_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "kind": self.kind,
                "value": self.value, "label": self.label}

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> Period:
        return cls(date.fromisoformat(data["start"]), date.fromisoformat(data["end"]),
                   data.get("kind", "custom"), data.get("value", ""), data.get("label", ""))


# ---- time zone helpers ---------------------------------------------------------------------------

def london_midnight(day: date) -> datetime:
    """Midnight at the start of ``day`` in England, as a UTC datetime."""
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


def london_date(moment: datetime) -> date:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LONDON).date()


def london_today() -> date:
    return datetime.now(LONDON).date()


# ---- calendar helpers ----------------------------------------------------------------------------

def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the end of shorter months."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def month_starts(start: date, end: date) -> list[date]:
    months, current = [], date(start.year, start.month, 1)
    while current <= end:
        months.append(current)
        current = add_months(current, 1)
    return months


def financial_year_of(day: date) -> int:
    """The year the financial year containing ``day`` starts in (April to March)."""
    return day.year if day.month >= 4 else day.year - 1


def month_name(day: date) -> str:
    return day.strftime("%B %Y")


def short_month(day: date) -> str:
    return day.strftime("%b %Y")


def range_label(start: date, end: date) -> str:
    """Plain words for a range: "July to September 2026", "1 to 14 March 2026"..."""
    if start.day == 1 and end == month_end(end):
        if (start.year, start.month) == (end.year, end.month):
            return month_name(start)
        if start.year == end.year:
            return f"{start.strftime('%B')} to {month_name(end)}"
        return f"{month_name(start)} to {month_name(end)}"
    if start == end:
        return _day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {_day(end)}"
    if start.year == end.year:
        return f"{start.day} {start.strftime('%B')} to {_day(end)}"
    return f"{_day(start)} to {_day(end)}"


def _day(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


# ---- building periods ----------------------------------------------------------------------------

def month_period(year: int, month: int) -> Period:
    start = date(year, month, 1)
    return Period(start, month_end(start), "month", f"{year:04d}-{month:02d}")


def quarter_period(financial_year: int, quarter: int) -> Period:
    """Quarter 1 is April to June; quarter 4 is January to March of the next calendar year."""
    start = add_months(date(financial_year, 4, 1), 3 * (quarter - 1))
    end = month_end(add_months(start, 2))
    months = range_label(start, end)
    label = f"Quarter {quarter} of {financial_year} to {financial_year + 1} ({months})"
    return Period(start, end, "quarter", f"{financial_year}-Q{quarter}", label)


def year_period(financial_year: int) -> Period:
    start, end = date(financial_year, 4, 1), date(financial_year + 1, 3, 31)
    label = f"{financial_year} to {financial_year + 1} (April {financial_year} to March {financial_year + 1})"
    return Period(start, end, "year", str(financial_year), label)


def current_value(kind: str, today: date) -> str:
    """The value naming the period of ``kind`` that contains ``today``."""
    if kind == "month":
        return f"{today.year:04d}-{today.month:02d}"
    fy = financial_year_of(today)
    if kind == "quarter":
        quarter = ((today.month - 4) % 12) // 3 + 1
        return f"{fy}-Q{quarter}"
    return str(fy)


def parse_period(kind: str, value: str | None, start: str | None, end: str | None,
                 today: date) -> Period:
    """The period the filter form asks for. Raises :class:`PeriodError` with plain words."""
    kind = (kind or "quarter").strip()
    if kind not in KINDS:
        raise PeriodError("Choose a kind of period from the list", "period")
    if kind == "custom":
        first = parse_date(start, "from", "the start date")
        last = parse_date(end, "to", "the end date")
        period = _checked_range(first, last, "from", today)
        return Period(period.start, period.end, "custom", f"{first.isoformat()}..{last.isoformat()}")
    value = (value or current_value(kind, today)).strip()
    try:
        if kind == "month":
            year, month = (int(part) for part in value.split("-"))
            if not 1 <= month <= 12:
                raise ValueError
            period = month_period(year, month)
        elif kind == "quarter":
            year_text, quarter_text = value.upper().split("-Q")
            year, quarter = int(year_text), int(quarter_text)
            if not 1 <= quarter <= 4:
                raise ValueError
            period = quarter_period(year, quarter)
        else:
            year = int(value)
            period = year_period(year)
    except ValueError:
        examples = {"month": "2026-09", "quarter": "2026-Q2", "year": "2026"}
        raise PeriodError(f"Choose a {kind} from the list (for example {examples[kind]})",
                          "value") from None
    _check_years(period, "value", today)
    return period


def parse_date(text: str | None, field: str, name: str) -> date:
    """A date typed as 2026-04-01 or 1/4/2026."""
    text = (text or "").strip()
    if not text:
        raise PeriodError(f"Enter {name}", field)
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            if year < 100:
                raise ValueError
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise PeriodError(f"Enter {name} as a real date, for example 1/4/2026", field) from None


def _check_years(period: Period, field: str, today: date) -> None:
    if period.start.year < EARLIEST_YEAR:
        raise PeriodError(f"Choose a period from {EARLIEST_YEAR} onwards", field)
    if period.start > today:
        raise PeriodError("That period has not started yet: choose one that includes today or "
                          "is in the past", field)


def _checked_range(first: date, last: date, field: str, today: date) -> Period:
    if first > last:
        raise PeriodError("The start date must be on or before the end date", field)
    if (last - first).days + 1 > MAX_DAYS:
        raise PeriodError("Choose a period of 5 years or less", field)
    period = Period(first, last)
    _check_years(period, field, today)
    return period


def comparison_for(period: Period, how: str, start: str | None, end: str | None,
                   today: date) -> Period | None:
    """The period to compare with, or None. Raises :class:`PeriodError`."""
    how = (how or "previous").strip()
    if how not in COMPARISONS:
        raise PeriodError("Choose what to compare with from the list", "compare")
    if how == "none":
        return None
    if how == "custom":
        first = parse_date(start, "compare_from", "the comparison start date")
        last = parse_date(end, "compare_to", "the comparison end date")
        other = _checked_range(first, last, "compare_from", today)
        if other.start <= period.end and period.start <= other.end:
            raise PeriodError("The comparison dates must not overlap the period", "compare_from")
        return other
    if how == "last_year":
        first, last = add_months(period.start, -12), add_months(period.end, -12)
        if period.end == month_end(period.end):
            last = month_end(last)
        return _labelled(Period(first, last), period)
    if period.kind == "month":
        first = add_months(period.start, -1)
        return month_period(first.year, first.month)
    if period.kind == "quarter":
        first = add_months(period.start, -3)
        fy = financial_year_of(first)
        return quarter_period(fy, ((first.month - 4) % 12) // 3 + 1)
    if period.kind == "year":
        return year_period(period.start.year - 1)
    # Custom: the same number of days just before.
    last = period.start - timedelta(days=1)
    return Period(last - timedelta(days=period.days - 1), last)


def _labelled(other: Period, period: Period) -> Period:
    if period.kind in ("month", "quarter", "year"):
        # Re-use the proper label ("Quarter 2 of 2025 to 2026 (...)").
        if period.kind == "month":
            return month_period(other.start.year, other.start.month)
        if period.kind == "quarter":
            fy = financial_year_of(other.start)
            return quarter_period(fy, ((other.start.month - 4) % 12) // 3 + 1)
        return year_period(financial_year_of(other.start))
    return other


def trend_months(period: Period) -> list[date]:
    """Months for trend charts: the period's own months, or the 12 ending with it if fewer."""
    months = period.months()
    if len(months) < TREND_MONTHS:
        first = add_months(months[-1], -(TREND_MONTHS - 1))
        months = month_starts(first, period.end)
    return months[-MAX_TREND_MONTHS:]


def period_choices(kind: str, today: date, count: int = 24) -> list[tuple[str, str]]:
    """Recent periods of ``kind`` for the filter's list, newest first."""
    choices: list[tuple[str, str]] = []
    if kind == "month":
        current = date(today.year, today.month, 1)
        for n in range(count):
            p = month_period(add_months(current, -n).year, add_months(current, -n).month)
            choices.append((p.value, p.label))
    elif kind == "quarter":
        start = quarter_period(*_fyq(today)).start
        for n in range(count):
            first = add_months(start, -3 * n)
            p = quarter_period(*_fyq(first))
            choices.append((p.value, p.label))
    elif kind == "year":
        fy = financial_year_of(today)
        for n in range(min(count, 10)):
            p = year_period(fy - n)
            choices.append((p.value, p.label))
    return choices


def _fyq(day: date) -> tuple[int, int]:
    return financial_year_of(day), ((day.month - 4) % 12) // 3 + 1
