"""Counting: from the rollups, and live from the rows where the rollups cannot say.

Every summary needs the same raw counts (:class:`RawCounts`): voice items by theme and
sentiment, survey answers, responses per link and age band, and action cards, each by interval
of a :class:`~voice.summaries.queries.TimeGrid`. :func:`collect` takes whole months from the
rollups kept by month and service (:mod:`voice.summaries.rollups`) and counts the rest live with
GROUP BY queries (:func:`count_live`): the services changed since their month was counted, any
part of a period that is not a whole month, and scopes filtered by age group. So every view,
the board report, the API and snapshots read the same figures, always exact.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from voice.summaries import queries, rollups
from voice.summaries.filters import Scope


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


def collect(session: Session, scope: Scope, grid: queries.TimeGrid, *, now: datetime | None = None,
            live: bool = False) -> RawCounts:
    """Every raw count for ``grid``: whole months from the rollups, except the services marked
    changed in them, which are counted live with whatever is not a whole month (see
    :mod:`voice.summaries.rollups`). Always exactly what counting live gives. ``live=True``
    counts everything from the rows (tests and benchmarks compare the two); so does a scope
    filtered by age group (the rollups have no age dimension)."""
    if live or scope.age_values is not None:
        return count_live(session, scope, grid)
    months = rollups.month_intervals(grid)
    dirty = rollups.dirty_services(session, months.values())
    counts = RawCounts()
    for metric, index, k1, k2, n in rollups.read(session, scope, months, dirty):
        if metric == "item":
            counts.item_totals.append((index, k1, k2, n))
        elif metric == "theme":
            counts.item_themes.append((k1, index, k2, n))
        elif metric == "answer":
            counts.answers.append((k1, k2, index, n))
        elif metric == "link":
            counts.links.append((int(k1), index, n))
        elif metric == "age":
            counts.ages.append((k1, index, n))
        elif metric == "card":
            counts.cards.append((k1, index, n))
    counts.cached_months = sorted(set(months.values()))
    if any(i not in months for i in grid.used):
        _extend(counts, count_live(session, scope, grid.without(months)))
    by_services: dict[frozenset[int], list[int]] = defaultdict(list)
    for index, month in months.items():
        if dirty.get(month):
            by_services[frozenset(dirty[month])].append(index)
    for services, indexes in by_services.items():
        narrowed = rollups.restrict(scope, set(services))
        if narrowed is not None:
            keep = set(indexes)
            _extend(counts, count_live(session, narrowed,
                                       grid.without(i for i in grid.used if i not in keep)))
    return counts


def _extend(counts: RawCounts, more: RawCounts) -> None:
    counts.item_totals += more.item_totals
    counts.item_themes += more.item_themes
    counts.answers += more.answers
    counts.links += more.links
    counts.ages += more.ages
    counts.cards += more.cards


def normalised(counts: RawCounts) -> dict[str, dict[tuple, int]]:
    """The counts with duplicates summed and zeros left out, to compare two ways of counting."""
    out: dict[str, dict[tuple, int]] = {}
    for name in ("item_totals", "item_themes", "answers", "links", "ages", "cards"):
        summed: dict[tuple, int] = defaultdict(int)
        for row in getattr(counts, name):
            summed[tuple(row[:-1])] += int(row[-1])
        out[name] = {k: v for k, v in summed.items() if v}
    return out


def register_jobs() -> None:
    rollups.register_jobs()
