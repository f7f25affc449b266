"""Counting, with closed months of the whole system kept ready.

Every summary needs the same raw counts (:class:`RawCounts`): voice items by theme and
sentiment, survey answers, responses per link and age band, and action cards, each by interval
of a :class:`~voice.summaries.queries.TimeGrid`. :func:`collect` counts them live with GROUP BY
queries.

The unfiltered, whole-system view counts every row of a year and its comparison year: over a
million rows at county scale, too many to count on every page view. So for that scope alone,
each closed month's counts are kept in ``summary_months`` by the scheduler
(:func:`refresh_months`, every 15 minutes: the two latest closed months every time, older months
at least twice a day). :func:`collect` takes a month from there only if it was counted after the
month ended and less than :data:`MAX_AGE` ago; everything else (the month so far, any filtered
scope, any stale month) is counted live. A late change to an old month (a moderator hiding an
item from last spring) therefore reaches the whole-system figures within 12 hours; filtered
figures and quotes are always live, and snapshots are always counted live.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from voice.db import utcnow
from voice.loop.models import ActionCard, VoiceItem
from voice.summaries import queries
from voice.summaries.filters import Filters, Scope
from voice.summaries.models import SummaryMonth
from voice.summaries.periods import (
    Period,
    add_months,
    london_date,
    london_midnight,
    month_end,
    month_starts,
)

MAX_AGE = timedelta(hours=13)
REFRESH_AFTER = timedelta(hours=6)
ALWAYS_REFRESH = 2       # the latest closed months, where moderation still changes things
MONTHS_PER_RUN = 12


@dataclass
class RawCounts:
    item_totals: list[tuple[int, str | None, str, int]] = field(default_factory=list)
    item_themes: list[tuple[str, int, str | None, int]] = field(default_factory=list)
    answers: list[tuple[str, str, int, int]] = field(default_factory=list)
    links: list[tuple[int, int, int]] = field(default_factory=list)
    ages: list[tuple[str | None, int, int]] = field(default_factory=list)
    cards: list[tuple[str, int, int]] = field(default_factory=list)
    # Months taken from the cache, and when the oldest of them was counted.
    cached_months: list[date] = field(default_factory=list)
    counted_at: datetime | None = None


def count_live(session: Session, scope: Scope, grid: queries.TimeGrid) -> RawCounts:
    items = queries.item_counts(session, scope, grid)
    return RawCounts(
        item_totals=items.totals, item_themes=items.themes,
        answers=queries.answer_counts(session, scope, grid),
        links=queries.link_counts(session, scope, grid),
        ages=queries.age_counts(session, scope, grid),
        cards=queries.card_counts(session, scope, grid))


def is_whole_system(scope: Scope) -> bool:
    return (scope.service_ids is None and scope.area_ids is None and scope.age_values is None
            and scope.channel is None)


def _month_of(grid: queries.TimeGrid, index: int) -> date | None:
    """The month this interval is exactly, if it is one."""
    start, end = grid.interval(index)
    first = london_date(start)
    if first.day != 1 or london_midnight(first) != start:
        return None
    return first if london_midnight(add_months(first, 1)) == end else None


def fresh_months(session: Session, months: Iterable[date], now: datetime
                 ) -> dict[date, SummaryMonth]:
    wanted = sorted(set(months))
    if not wanted:
        return {}
    rows = session.scalars(select(SummaryMonth).where(SummaryMonth.month.in_(wanted))).all()
    return {row.month: row for row in rows if _is_fresh(row, now)}


def _is_fresh(row: SummaryMonth, now: datetime) -> bool:
    closed_at = london_midnight(add_months(row.month, 1))
    return row.computed_at >= closed_at and now - row.computed_at <= MAX_AGE


def collect(session: Session, scope: Scope, grid: queries.TimeGrid, *, now: datetime,
            use_cache: bool = True) -> RawCounts:
    """Every raw count for ``grid``: whole months from the cache where allowed, the rest live."""
    if not use_cache or not is_whole_system(scope):
        return count_live(session, scope, grid)
    by_month = {i: m for i in grid.used if (m := _month_of(grid, i)) is not None}
    cached = fresh_months(session, by_month.values(), now)
    from_cache = {i: cached[m] for i, m in by_month.items() if m in cached}
    counts = count_live(session, scope, grid.without(from_cache))
    for index, row in from_cache.items():
        data = row.counts
        counts.item_totals += [(index, s, src, n) for s, src, n in data.get("item_totals", [])]
        counts.item_themes += [(t, index, s, n) for t, s, n in data.get("item_themes", [])]
        counts.answers += [(k, v, index, n) for k, v, n in data.get("answers", [])]
        counts.links += [(link, index, n) for link, n in data.get("links", [])]
        counts.ages += [(a, index, n) for a, n in data.get("ages", [])]
        counts.cards += [(k, index, n) for k, n in data.get("cards", [])]
    counts.cached_months = sorted(row.month for row in from_cache.values())
    if from_cache:
        counts.counted_at = min(row.computed_at for row in from_cache.values())
    return counts


# ---- keeping the cache ---------------------------------------------------------------------------

def month_counts(session: Session, month: date) -> dict[str, Any]:
    """The whole system's raw counts for one month, as stored in the cache."""
    period = Period(month, month_end(month))
    grid = queries.TimeGrid({"month": period.bounds()})
    counts = count_live(session, Scope(filters=Filters()), grid)
    return {
        "item_totals": [[s, src, n] for _, s, src, n in counts.item_totals],
        "item_themes": [[t, s, n] for t, _, s, n in counts.item_themes],
        "answers": [[k, v, n] for k, v, _, n in counts.answers],
        "links": [[link, n] for link, _, n in counts.links],
        "ages": [[a, n] for a, _, n in counts.ages],
        "cards": [[k, n] for k, _, n in counts.cards],
    }


def first_month(session: Session) -> date | None:
    """The month the oldest feedback was given in."""
    from surveys.models import SurveyResponse

    candidates = [session.scalar(select(func.min(model.created_at)))
                  for model in (VoiceItem, SurveyResponse, ActionCard)]
    found = [london_date(c) for c in candidates if c is not None]
    if not found:
        return None
    oldest = min(found)
    return date(oldest.year, oldest.month, 1)


def refresh_months(session: Session, now: datetime | None = None, *,
                   limit: int = MONTHS_PER_RUN) -> list[date]:
    """Recount closed months: the latest two every time, and any missing or older than
    :data:`REFRESH_AFTER` (oldest first, at most ``limit`` of those). Returns the months."""
    now = now or utcnow()
    start = first_month(session)
    today = london_date(now)
    this_month = date(today.year, today.month, 1)
    if start is None or start >= this_month:
        return []
    closed = month_starts(start, this_month - timedelta(days=1))
    existing = {row.month: row for row in session.scalars(select(SummaryMonth)).all()}
    due = closed[-ALWAYS_REFRESH:]
    stale = [m for m in closed[:-ALWAYS_REFRESH]
             if m not in existing or now - existing[m].computed_at > REFRESH_AFTER
             or existing[m].computed_at < london_midnight(add_months(m, 1))]
    stale.sort(key=lambda m: existing[m].computed_at if m in existing else datetime.min.replace(
        tzinfo=now.tzinfo))
    months = sorted(set(due) | set(stale[:limit]))
    for month in months:
        counts = month_counts(session, month)
        row = existing.get(month)
        if row is None:
            session.add(SummaryMonth(month=month, computed_at=now, counts=counts))
        else:
            row.counts, row.computed_at = counts, now
        session.flush()
    return months


def refresh_job(session: Session, now: datetime) -> str:
    """Scheduler job: see :func:`refresh_months`."""
    months = refresh_months(session, now)
    if not months:
        return "nothing to count yet"
    return f"counted {len(months)} months ({months[0]:%B %Y} to {months[-1]:%B %Y})"


def register_jobs() -> None:
    try:
        from voice.scheduler import register_job
    except ImportError:  # pragma: no cover - the scheduler ships with the loop
        return
    register_job("summaries.count_months", refresh_job,
                 description="Count closed months for the whole-system summary",
                 interval={"minutes": 15}, lease=timedelta(minutes=10))
