"""Counts kept ready by month and service, so summaries never count a year of rows.

**What is kept.** ``summary_rollups`` holds, for each London month and service, the raw counts
every summary needs (:class:`voice.summaries.cache.RawCounts`), split by where it was said
(``area_id``) and how (``channel``): voice items by sentiment and source, and by theme and
sentiment (only items that may be counted: :func:`voice.summaries.queries.item_conditions`);
survey answers by question kind and value; responses per survey link and per age band; action
cards by kind. That is grain 1. Grain 0 is the same summed over the whole system, one set of rows
per month, for the unfiltered dashboard; grain 2 is summed over services and channels for each
place where it was said, for a place's dashboard (rows that do not say where are read from
grain 1, by the services working in the place).

**How it stays right.** Database triggers (migration 0012) on ``voice_items``,
``survey_responses``, ``survey_answers``, ``action_cards``, ``survey_links`` and ``card_links``
mark the service and the (UTC) day of every row inserted, changed or deleted in
``summary_dirty``, in the same transaction as the change, whatever wrote it (the ORM, a Core
``INSERT``, a bulk ``UPDATE``, retention erasure, a cascade). So no write path has to remember
anything. A write path that changes what is counted *without* touching those tables (none today)
calls :func:`mark_dirty`.

Readers (:func:`collect`) never trust a changed month: for each month the summary needs, the
services marked in it are counted live from the rows and left out of what is read from the
rollups; everything else comes from the rollups. So a summary is always exactly what counting
live would give, however stale the rollups are, and nothing can be counted twice.

:func:`refresh` (the scheduler job ``summaries.refresh_rollups``, every minute) claims the
marks by deleting them, recounts those services' months from the rows, rewrites their grain-1
rows and their months' grain-0 rows, all in one transaction. On PostgreSQL a transaction-level
advisory lock keeps two refreshes apart; a write racing with a refresh either commits before the
refresh deletes its mark (the recount, a later statement, sees it) or leaves a new mark (its
trigger's upsert waits for the deletion to commit), so it is never lost. On SQLite writers take
turns anyway.

Filtered by age group, a summary is counted live (the rollups have no age dimension: it would
multiply their size by twelve); so is any part of a period that is not a whole month (custom
dates).
"""

from __future__ import annotations

import heapq
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Integer,
    String,
    and_,
    cast,
    delete,
    func,
    insert,
    literal,
    not_,
    null,
    or_,
    select,
)
from sqlalchemy.orm import Session

from surveys.models import Answer, Question, SurveyLink, SurveyResponse
from voice.loop.models import ActionCard, CardLink, VoiceItem
from voice.summaries import queries
from voice.summaries.filters import Filters, Scope
from voice.summaries.models import SummaryDirty, SummaryRollup
from voice.summaries.periods import Period, add_months, london_date, london_midnight, month_end

WHOLE, SERVICE, PLACE, CARDS = 0, 1, 2, 3
# Where it was said, else where the service works.
PLACE_METRICS = ("item", "theme", "card", "backed")
ADVISORY_LOCK = 160_012

_rollups = SummaryRollup.__table__
_dirty = SummaryDirty.__table__


# ---- marking ---------------------------------------------------------------------------------------

def mark_dirty(session: Session, service_id: int, day: date | datetime) -> None:
    """Say that what is counted for ``service_id`` on ``day`` changed (a datetime is taken as
    UTC, a date as the UTC day). The triggers already do this for every write to the tables
    summaries count; call it only for a change they cannot see. Cheap: one upsert."""
    if isinstance(day, datetime):
        day = (day if day.tzinfo else day.replace(tzinfo=UTC)).astimezone(UTC).date()
    session.flush()
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert
    statement = upsert(_dirty).values(service_id=service_id, day=day, version=1)
    if dialect == "postgresql":  # lock the mark (see the module docstring)
        statement = statement.on_conflict_do_update(
            index_elements=["service_id", "day"], set_={"version": _dirty.c.version + 1})
    else:  # SQLite writers take turns: a mark already there is enough
        statement = statement.on_conflict_do_nothing(index_elements=["service_id", "day"])
    session.execute(statement)


def months_of_day(day: date) -> set[date]:
    """The London months an instant on this UTC day can fall in (London is UTC or UTC+1)."""
    return {date(d.year, d.month, 1) for d in (day, day + timedelta(days=1))}


def dirty_services(session: Session, months: Iterable[date] = ()) -> dict[date, set[int]]:
    """Services changed since they were counted, by month (only ``months``, if given)."""
    wanted = set(months)
    query = select(_dirty.c.service_id, _dirty.c.day)
    if wanted:
        query = query.where(_dirty.c.day >= min(wanted) - timedelta(days=1),
                            _dirty.c.day < add_months(max(wanted), 1))
    found: dict[date, set[int]] = defaultdict(set)
    for service_id, day in session.execute(query):
        for month in months_of_day(day):
            if not wanted or month in wanted:
                found[month].add(int(service_id))
    return dict(found)


# ---- counting from the rows ------------------------------------------------------------------------

def _month_grid(months: Iterable[date]) -> tuple[queries.TimeGrid, dict[int, date]]:
    months = sorted(set(months))
    grid = queries.TimeGrid({m.isoformat(): Period(m, month_end(m)).bounds() for m in months})
    by_index = {}
    for index in grid.used:
        start, _ = grid.interval(index)
        by_index[index] = london_date(start)
    # Gaps between months that are not wanted are not counted.
    grid.used = [i for i in grid.used if by_index[i] in months]
    return grid, by_index


def count_rows(session: Session, months: Iterable[date], service_ids: Iterable[int] | None
               ) -> list[dict[str, Any]]:
    """Grain-1 rollup rows for these months and services (None: every service), from the rows."""
    grid, month_of = _month_grid(months)
    if not grid.used:
        return []
    services = None if service_ids is None else frozenset(service_ids)
    scope = Scope(filters=Filters(), service_ids=services)
    out: list[dict[str, Any]] = []

    def add(metric, bucket, service, area, channel, k1, k2, n):
        out.append({"grain": SERVICE, "month": month_of[int(bucket)], "service_id": int(service),
                    "area_id": area, "channel": channel, "metric": metric,
                    "k1": None if k1 is None else str(k1), "k2": None if k2 is None else str(k2),
                    "n": int(n)})

    # Voice items: totals by sentiment and source; themes by sentiment (each list parsed once).
    bucket = grid.bucket(VoiceItem.created_at).label("bucket")
    themes_text = cast(VoiceItem.themes, String)
    rows = session.execute(
        select(themes_text, bucket, VoiceItem.service_id, VoiceItem.area_id, VoiceItem.channel,
               VoiceItem.sentiment, VoiceItem.source, func.count())
        .where(grid.where(VoiceItem.created_at), *queries.item_conditions(scope))
        .group_by(themes_text, bucket, VoiceItem.service_id, VoiceItem.area_id,
                  VoiceItem.channel, VoiceItem.sentiment, VoiceItem.source)).all()
    totals: dict[tuple, int] = defaultdict(int)
    themes: dict[tuple, int] = defaultdict(int)
    parsed: dict[str, list[str]] = {}
    for text, b, service, area, channel, sentiment, source, n in rows:
        totals[(b, service, area, channel, sentiment, source)] += n
        if text not in parsed:
            parsed[text] = list(json.loads(text)) if text else []
        for theme in parsed[text]:
            themes[(b, service, area, channel, theme, sentiment)] += n
    for (b, service, area, channel, sentiment, source), n in totals.items():
        add("item", b, service, area, channel, sentiment, source, n)
    for (b, service, area, channel, theme, sentiment), n in themes.items():
        add("theme", b, service, area, channel, theme, sentiment, n)

    # Survey responses: per link, per age band, and their answers.
    response_scope = queries.response_conditions(scope)
    bucket = grid.bucket(SurveyResponse.created_at).label("bucket")
    for metric, key in (("link", SurveyResponse.link_id), ("age", SurveyResponse.age_band)):
        for k, b, service, area, channel, n in session.execute(
                select(key, bucket, SurveyLink.service_id, SurveyLink.area_id,
                       SurveyLink.channel, func.count())
                .select_from(SurveyResponse)
                .join(SurveyLink, SurveyLink.id == SurveyResponse.link_id)
                .where(grid.where(SurveyResponse.created_at), *response_scope)
                .group_by(key, bucket, SurveyLink.service_id, SurveyLink.area_id,
                          SurveyLink.channel)):
            add(metric, b, service, area, channel, k, None, n)
    value = queries.answer_value().label("value")
    for kind, v, b, service, area, channel, n in session.execute(
            select(Question.kind, value, bucket, SurveyLink.service_id, SurveyLink.area_id,
                   SurveyLink.channel, func.count())
            .select_from(Answer)
            .join(Question, Question.id == Answer.question_id)
            .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
            .join(SurveyLink, SurveyLink.id == SurveyResponse.link_id)
            .where(Question.kind.in_(queries.ANSWER_KINDS),
                   grid.where(SurveyResponse.created_at), *response_scope)
            .group_by(Question.kind, value, bucket, SurveyLink.service_id, SurveyLink.area_id,
                      SurveyLink.channel)):
        add("answer", b, service, area, channel, kind, v, n)

    # Action cards.
    bucket = grid.bucket(ActionCard.created_at).label("bucket")
    for kind, b, service, area, channel, n in session.execute(
            select(ActionCard.kind, bucket, ActionCard.service_id, CardLink.area_id,
                   ActionCard.channel, func.count())
            .select_from(ActionCard).outerjoin(CardLink, CardLink.id == ActionCard.link_id)
            .where(grid.where(ActionCard.created_at), *queries.card_conditions(scope))
            .group_by(ActionCard.kind, bucket, ActionCard.service_id, CardLink.area_id,
                      ActionCard.channel)):
        add("card", b, service, area, channel, kind, None, n)

    # Each card's backing (grain 3, one row per card: k1 the card, n its backers).
    for card, b, service, area, channel, n, created in session.execute(
            select(ActionCard.id, bucket, ActionCard.service_id, CardLink.area_id,
                   ActionCard.channel, queries.card_backers(), ActionCard.created_at)
            .select_from(ActionCard).outerjoin(CardLink, CardLink.id == ActionCard.link_id)
            .where(grid.where(ActionCard.created_at), ActionCard.voice_item_id.is_not(None),
                   *queries.card_conditions(scope))):
        add("backed", b, service, area, channel, card, created.isoformat(), n)
        out[-1]["grain"] = CARDS
    return out


# ---- keeping them --------------------------------------------------------------------------------

def refresh(session: Session, *, limit: int | None = 2000) -> list[tuple[int, date]]:
    """Recount every marked service and month (at most ``limit`` marks a run; None: all).
    Returns the (service, month) pairs recounted. Flushes; the caller commits."""
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(ADVISORY_LOCK)))
    marks = select(_dirty.c.service_id, _dirty.c.day).order_by(_dirty.c.day, _dirty.c.service_id)
    if limit is not None:
        marks = marks.limit(limit)
    claimed = session.execute(marks).all()
    if not claimed:
        return []
    # Claim by deleting (a write racing with this waits for the deletion, then marks again).
    by_service: dict[int, list[date]] = defaultdict(list)
    for service_id, day in claimed:
        by_service[int(service_id)].append(day)
    for service_id, days in by_service.items():
        for start in range(0, len(days), 500):
            session.execute(delete(_dirty).where(_dirty.c.service_id == service_id,
                                                 _dirty.c.day.in_(days[start:start + 500])))
    pairs = {(service_id, month) for service_id, days in by_service.items()
             for day in days for month in months_of_day(day)}
    months_by_services: dict[frozenset[int], set[date]] = defaultdict(set)
    services_by_month: dict[date, set[int]] = defaultdict(set)
    for service_id, month in pairs:
        services_by_month[month].add(service_id)
    for month, services in services_by_month.items():
        months_by_services[frozenset(services)].add(month)
    everything = len(pairs) > 200
    if everything:  # a large backlog (the first count): one pass over all of it
        groups = {frozenset(s for s, _ in pairs): {m for _, m in pairs}}
    else:
        groups = months_by_services
    for services, months in groups.items():
        for month in months:
            for start in range(0, len(services), 500):
                chunk = sorted(services)[start:start + 500]
                session.execute(delete(_rollups).where(
                    _rollups.c.grain.in_((SERVICE, CARDS)), _rollups.c.month == month,
                    _rollups.c.service_id.in_(chunk)))
        rows = count_rows(session, months, None if everything else services)
        if everything:
            wanted = {(s, m) for s, m in pairs}
            rows = [r for r in rows if (r["service_id"], r["month"]) in wanted]
        for start in range(0, len(rows), 5000):
            session.execute(insert(_rollups), rows[start:start + 5000])
    _sum_whole_system(session, sorted({m for _, m in pairs}))
    session.flush()
    return sorted(pairs)


def _sum_whole_system(session: Session, months: list[date]) -> None:
    """Grain-0 rows for ``months`` (the grain-1 rows summed over services, places and
    channels) and grain-2 rows (summed over services and channels, for each place where it was
    said; rows that do not say where are left in grain 1)."""
    r = _rollups.c
    for month in months:
        session.execute(delete(_rollups).where(r.grain.in_((WHOLE, PLACE)), r.month == month))
        session.execute(insert(_rollups).from_select(
            ["grain", "month", "service_id", "metric", "k1", "k2", "n"],
            select(literal(WHOLE), r.month, literal(0), r.metric, r.k1, r.k2, func.sum(r.n))
            .where(r.grain == SERVICE, r.month == month)
            .group_by(r.month, r.metric, r.k1, r.k2)))
        session.execute(insert(_rollups).from_select(
            ["grain", "month", "service_id", "area_id", "metric", "k1", "k2", "n"],
            select(literal(PLACE), r.month, literal(0), r.area_id, r.metric, r.k1, r.k2,
                   func.sum(r.n))
            .where(r.grain == SERVICE, r.month == month, r.area_id.is_not(None))
            .group_by(r.month, r.area_id, r.metric, r.k1, r.k2)))


def rebuild(session: Session) -> int:
    """Forget every rollup and mark, and count everything again from the rows (the
    benchmark's generator does this; migration 0012 marks every day and refreshes). Returns
    how many (service, month) pairs were counted."""
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(ADVISORY_LOCK)))
    session.execute(delete(_dirty))
    session.execute(delete(_rollups))
    columns = (VoiceItem.created_at, ActionCard.created_at, SurveyResponse.created_at)
    oldest = [c for c in (session.scalar(select(func.min(c))) for c in columns) if c]
    newest = [c for c in (session.scalar(select(func.max(c))) for c in columns) if c]
    if not oldest:
        return 0
    first, last = london_date(_aware(min(oldest))), london_date(_aware(max(newest)))
    months = []
    month = date(first.year, first.month, 1)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    rows = count_rows(session, months, None)
    for start in range(0, len(rows), 5000):
        session.execute(insert(_rollups), rows[start:start + 5000])
    _sum_whole_system(session, months)
    session.flush()
    return len({(r["service_id"], r["month"]) for r in rows})


def _aware(moment: datetime | str) -> datetime:
    if isinstance(moment, str):  # SQLite's min() of a datetime column is its text
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def refresh_job(session: Session, now: datetime) -> str:
    """Scheduler job: see :func:`refresh`."""
    pairs = refresh(session)
    if not pairs:
        return "nothing changed"
    return f"recounted {len(pairs)} service months"


def register_jobs() -> None:
    try:
        from voice.scheduler import register_job
    except ImportError:  # pragma: no cover - the scheduler ships with the loop
        return
    register_job("summaries.refresh_rollups", refresh_job,
                 description="Recount the summary rollups of services whose feedback changed",
                 interval={"minutes": 1}, lease=timedelta(minutes=10))


# ---- reading ---------------------------------------------------------------------------------------

def _scope_conditions(scope: Scope) -> list:
    r = _rollups.c
    conditions = [queries._in(r.service_id, scope.service_ids)]
    if scope.area_ids is not None:
        conditions.append(or_(
            queries._in(r.area_id, scope.area_ids),
            and_(r.area_id.is_(None), r.metric.in_(PLACE_METRICS),
                 queries._in(r.service_id, scope.area_service_ids or ()))))
    if scope.channel is not None:
        conditions.append(r.channel == scope.channel)
    return conditions


def read(session: Session, scope: Scope, months: dict[int, date],
         dirty: dict[date, set[int]], *, metric: str | None = None, k1: str | None = None,
         by_month: bool = True) -> list[tuple[str, int | None, str | None, str | None, int]]:
    """(metric, interval, k1, k2, n) from the rollups for these months (interval -> month),
    leaving out every service marked in a month (those are counted live). ``by_month=False``
    sums the months in the database (interval None): one row a key, however many months.

    The whole system reads grain 0 and a place (areas, nothing else) grain 2 plus the grain-1
    rows that do not say where, for every month where nothing is marked; everything else reads
    grain 1 with the scope's conditions."""
    if not months:
        return []
    r = _rollups.c
    index_of = {m: i for i, m in months.items()}
    whole = queries_is_whole(scope)
    place_only = (scope.area_ids is not None and scope.service_ids is None
                  and scope.age_values is None and scope.channel is None)
    month = r.month if by_month else null()
    columns = (r.metric, month, r.k1, r.k2, func.sum(r.n))
    parts = []
    clean = [m for m in index_of if not dirty.get(m)] if whole or place_only else []
    if clean and whole:
        parts.append(select(*columns).where(r.grain == WHOLE, r.service_id == 0,
                                            r.month.in_(clean)))
    elif clean:
        parts.append(select(*columns).where(
            r.grain == PLACE, r.service_id == 0, r.month.in_(clean),
            queries._in(r.area_id, scope.area_ids)))
        parts.append(select(*columns).where(
            r.grain == SERVICE, r.area_id.is_(None), r.month.in_(clean),
            r.metric.in_(PLACE_METRICS), queries._in(r.service_id, scope.area_service_ids or ())))
    fine = [m for m in index_of if m not in set(clean)]
    if fine:
        skip = [and_(r.month == m, r.service_id.in_(sorted(dirty[m])))
                for m in fine if dirty.get(m)]
        parts.append(select(*columns).where(
            r.grain == SERVICE, r.month.in_(fine), *_scope_conditions(scope),
            not_(or_(*skip)) if skip else literal(True)))
    only = []
    if metric is not None:
        only.append(r.metric == metric)
    if k1 is not None:
        only.append(r.k1 == k1)
    out = []
    for part in parts:
        keys = (r.metric, r.month, r.k1, r.k2) if by_month else (r.metric, r.k1, r.k2)
        for found, when, one, two, n in session.execute(part.where(*only).group_by(*keys)):
            out.append((found, index_of[when] if by_month else None, one, two, int(n)))
    return out


def link_totals(session: Session, scope: Scope) -> dict[int, int] | None:
    """All-time responses per survey link in ``scope``: every kept month from the rollups and
    the changed services' months counted from the rows. None for an age-group filter."""
    if scope.age_values is not None:
        return None
    r = _rollups.c
    dirty = dirty_services(session)
    # Every month from the first kept to the last (two index look-ups, not a scan of every
    # kept row; a month with nothing kept reads nothing).
    first, last = (session.scalar(select(edge(r.month)).where(r.grain == WHOLE,
                                                              r.service_id == 0))
                   for edge in (func.min, func.max))
    kept = set()
    while first is not None and first <= last:
        kept.add(first)
        first = add_months(first, 1)
    months = dict(enumerate(sorted(kept | set(dirty))))
    totals: dict[int, int] = defaultdict(int)
    for _, _, link, _, n in read(session, scope, months, dirty, metric="link", by_month=False):
        totals[int(link)] += n
    for month, services in dirty.items():
        narrowed = restrict(scope, services)
        if narrowed is not None:
            grid = queries.TimeGrid({"month": Period(month, month_end(month)).bounds()})
            for link, _, n in queries.link_counts(session, narrowed, grid):
                totals[link] += n
    return dict(totals)


def backed_cards(session: Session, scope: Scope, period: Period, *, page: int = 100
                 ) -> Iterator[tuple[int, int, str]] | None:
    """(card id, backers, when raised as ISO text) for the cards raised in ``period`` in
    ``scope`` (see :func:`voice.summaries.queries.card_backing`), in the order the most-backed
    list shows them: most backed, then newest, then the later card. Kept months are read from
    the rollups by ``ix_summary_rollups_grain_n_k2`` in that order, ``page`` rows at a time (a
    caller that stops early reads a few rows however many cards there are); the rest (changed
    services' months, parts of months) is counted from the rows and merged in. None for an
    age-group filter (the caller counts it all from the rows)."""
    if scope.age_values is not None:
        return None
    r = _rollups.c
    grid = queries.TimeGrid.for_periods(period, None, (), cut_months=True)
    months = month_intervals(grid)
    dirty = dirty_services(session, months.values())
    live: dict[int, tuple[int, str]] = {}
    for index in grid.used:
        start, end = grid.interval(index)
        if index not in months:
            live.update(queries.card_backing(session, scope, start, end))
        elif dirty.get(months[index]):
            narrowed = restrict(scope, dirty[months[index]])
            if narrowed is not None:
                live.update(queries.card_backing(session, narrowed, start, end))
    counted = sorted(((card, n, created) for card, (n, created) in live.items()),
                     key=_shown_order, reverse=True)
    if not months:
        return iter(counted)
    skip = [and_(r.month == m, r.service_id.in_(sorted(dirty[m])))
            for m in months.values() if dirty.get(m)]
    kept = (select(r.k1, r.n, r.k2)
            .where(r.grain == CARDS, r.month.in_(sorted(set(months.values()))),
                   *_scope_conditions(scope), not_(or_(*skip)) if skip else literal(True))
            .order_by(r.n.desc(), r.k2.desc(), cast(r.k1, Integer).desc()))

    def read_kept() -> Iterator[tuple[int, int, str]]:
        offset, size = 0, page
        while True:
            rows = session.execute(kept.offset(offset).limit(size)).all()
            yield from ((int(card), int(n), created or "") for card, n, created in rows)
            if len(rows) < size:
                return
            offset, size = offset + size, size * 4

    return heapq.merge(read_kept(), counted, key=_shown_order, reverse=True)


def _shown_order(candidate: tuple[int, int, str]) -> tuple[int, str, int]:
    card, n, created = candidate
    return n, created, card


def theme_count(session: Session, scope: Scope, period: Period, theme: str,
                live: Callable[[Scope, datetime, datetime], int]) -> int:
    """How many counted items in ``scope`` carry ``theme`` in ``period``: whole months from the
    rollups, the rest by ``live(scope, start, end)`` (the caller's count over the rows)."""
    grid = queries.TimeGrid.for_periods(period, None, (), cut_months=True)
    if scope.age_values is not None:
        return live(scope, *period.bounds())
    months = month_intervals(grid)
    dirty = dirty_services(session, months.values())
    total = sum(n for *_, n in read(session, scope, months, dirty, metric="theme", k1=theme))
    for index in grid.used:
        start, end = grid.interval(index)
        if index not in months:
            total += live(scope, start, end)
        elif dirty.get(months[index]):
            narrowed = restrict(scope, dirty[months[index]])
            if narrowed is not None:
                total += live(narrowed, start, end)
    return total


def queries_is_whole(scope: Scope) -> bool:
    return (scope.service_ids is None and scope.area_ids is None and scope.age_values is None
            and scope.channel is None)


def month_intervals(grid: queries.TimeGrid) -> dict[int, date]:
    """The intervals of ``grid`` that are exactly one London month."""
    out = {}
    for index in grid.used:
        start, end = grid.interval(index)
        first = london_date(start)
        if first.day == 1 and london_midnight(first) == start \
                and london_midnight(add_months(first, 1)) == end:
            out[index] = first
    return out


def restrict(scope: Scope, services: set[int]) -> Scope | None:
    """``scope`` limited to ``services`` (None if nothing is left)."""
    ids = frozenset(services) if scope.service_ids is None else scope.service_ids & services
    return replace(scope, service_ids=ids) if ids else None


__all__ = ["mark_dirty", "refresh", "rebuild", "read", "dirty_services", "count_rows",
           "refresh_job", "register_jobs"]
