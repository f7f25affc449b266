"""The SQL behind every summary: GROUP BY queries over the other packages' tables, read-only.

Summaries are a reporting layer, so this module reads the tables of surveys, the loop and
inspectors directly (it never writes them). Each function runs one or two aggregate queries and
returns small Python structures of counts; nothing here loops over individual rows.

Time is handled by a :class:`TimeGrid`: every range a summary needs (the period, the
comparison, each month of the trend) is cut into elementary intervals, and a single scan
labels each row with its interval (a ``CASE`` over the boundaries). Every range's figure is then
the sum of its intervals, so one query answers the period, its comparison and the trend.

What counts: voice items that are hidden or escalated, or flagged for safeguarding, are never
counted or shown (``voice.loop.models.VoiceItem.is_restricted``). Duplicates are counted: each
is a young person who said it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from inspectors.models import (
    Framework,
    Inspection,
    InspectionState,
    SelfAssessment,
    Standard,
    TeamRating,
)
from surveys.models import Answer, Question, Survey, SurveyLink, SurveyResponse
from voice.auth.models import User
from voice.directory.models import Area, Organisation, Service
from voice.loop.models import (
    ActionCard,
    CardLink,
    Commitment,
    CommitmentStatus,
    ModerationState,
    VoiceItem,
)
from voice.summaries.filters import Scope
from voice.summaries.models import QuoteHold, ServicePopulation
from voice.summaries.periods import Period

FFT_KIND = "fft"
SMILEY_KIND = "smiley"
ABOUT_KINDS = {
    "about_gender": "gender",
    "about_ethnicity": "ethnicity",
    "about_disability": "disability",
    "about_care": "care_experience",
}
RESTRICTED_STATES = (ModerationState.HIDDEN.value, ModerationState.ESCALATED.value)
AGREED_INSPECTION_STATES = (InspectionState.SHARED.value, InspectionState.PUBLISHED.value)


# ---- time --------------------------------------------------------------------------------------

@dataclass
class TimeGrid:
    """Named UTC ranges, cut into elementary intervals a single query can label."""

    ranges: dict[str, tuple[datetime, datetime]]
    points: list[datetime] = field(init=False)
    members: dict[str, list[int]] = field(init=False)

    def __post_init__(self) -> None:
        self.points = sorted({p for pair in self.ranges.values() for p in pair})
        intervals = list(zip(self.points, self.points[1:], strict=False))
        self.members = {
            name: [i for i, (a, b) in enumerate(intervals) if a >= start and b <= end]
            for name, (start, end) in self.ranges.items()
        }
        self.used = sorted({i for ids in self.members.values() for i in ids})

    @classmethod
    def for_periods(cls, period: Period, comparison: Period | None,
                    months: Sequence[date] = (), *, cut_months: bool = False) -> TimeGrid:
        """The period, the comparison and each trend month. With ``cut_months`` every range is
        also cut at month boundaries, so whole months can come from :mod:`voice.summaries.cache`."""
        from voice.summaries.periods import month_end, month_starts

        ranges = {"period": period.bounds()}
        if comparison is not None:
            ranges["comparison"] = comparison.bounds()
        for month in months:
            ranges[f"m:{month.isoformat()}"] = Period(month, month_end(month)).bounds()
        for other in (period, comparison) if cut_months else ():
            if other is None:
                continue
            for month in month_starts(other.start, other.end)[1:]:
                ranges[f"cut:{month.isoformat()}"] = (
                    Period(month, month).bounds()[0], Period(month, month).bounds()[0])
        return cls(ranges)

    def without(self, intervals: Iterable[int]) -> TimeGrid:
        """The same grid, leaving out ``intervals`` (counted from somewhere else)."""
        other = TimeGrid(dict(self.ranges))
        skip = set(intervals)
        other.used = [i for i in self.used if i not in skip]
        return other

    def interval(self, index: int) -> tuple[datetime, datetime]:
        return self.points[index], self.points[index + 1]

    def bucket(self, column: ColumnElement) -> ColumnElement:
        """Which elementary interval a row falls in (rows outside are excluded by :meth:`where`).

        A binary search written as nested CASEs: a handful of comparisons per row, not one per
        interval.
        """
        def search(intervals: list[int]) -> ColumnElement:
            if len(intervals) == 1:
                return literal(intervals[0])
            middle = len(intervals) // 2
            return case((column < self.points[intervals[middle]], search(intervals[:middle])),
                        else_=search(intervals[middle:]))

        if not self.used:
            return literal(-1)
        return search(list(self.used))

    def where(self, column: ColumnElement) -> ColumnElement:
        spans: list[list[int]] = []
        for i in self.used:
            if spans and spans[-1][1] == i - 1:
                spans[-1][1] = i
            else:
                spans.append([i, i])
        if not spans:
            return false()
        return or_(*[and_(column >= self.points[a], column < self.points[b + 1])
                     for a, b in spans])

    def total(self, counts: dict[int, int], name: str) -> int:
        return sum(counts.get(i, 0) for i in self.members.get(name, []))

    def month_names(self) -> list[str]:
        return [name for name in self.ranges if name.startswith("m:")]


def _sum_by(rows: Iterable[Sequence[Any]], grid: TimeGrid, name: str,
            key_len: int) -> dict[tuple, int]:
    """Sum counts (last column) of rows whose bucket (column ``key_len``) is in range ``name``."""
    members = set(grid.members.get(name, []))
    totals: dict[tuple, int] = defaultdict(int)
    for row in rows:
        if row[key_len] in members:
            totals[tuple(row[:key_len])] += int(row[-1])
    return dict(totals)


# ---- scope conditions ----------------------------------------------------------------------------

def _in(column: ColumnElement, ids: Iterable[Any] | None) -> ColumnElement:
    if ids is None:
        return true()
    ids = sorted(ids)
    return column.in_(ids) if ids else false()


def _place_condition(area_column: ColumnElement, service_column: ColumnElement,
                     scope: Scope) -> ColumnElement:
    """In the chosen areas: where it was said, or (if that is not known) where the service works."""
    if scope.area_ids is None:
        return true()
    return or_(_in(area_column, scope.area_ids),
               and_(area_column.is_(None), _in(service_column, scope.area_service_ids or ())))


def item_conditions(scope: Scope) -> list[ColumnElement]:
    conditions = [
        VoiceItem.state.not_in(RESTRICTED_STATES),
        VoiceItem.is_safeguarding.is_(False),
        _in(VoiceItem.service_id, scope.service_ids),
        _place_condition(VoiceItem.area_id, VoiceItem.service_id, scope),
    ]
    if scope.age_values is not None:
        conditions.append(VoiceItem.age_band.in_(scope.age_values))
    if scope.channel is not None:
        conditions.append(VoiceItem.channel == scope.channel)
    return conditions


def response_conditions(scope: Scope) -> list[ColumnElement]:
    conditions = [_in(SurveyLink.service_id, scope.service_ids),
                  _in(SurveyLink.area_id, scope.area_ids)]
    if scope.age_values is not None:
        conditions.append(SurveyResponse.age_band.in_(scope.age_values))
    if scope.channel is not None:
        conditions.append(SurveyLink.channel == scope.channel)
    return conditions


def card_conditions(scope: Scope) -> list[ColumnElement]:
    conditions = [_in(ActionCard.service_id, scope.service_ids),
                  _place_condition(CardLink.area_id, ActionCard.service_id, scope)]
    if scope.age_values is not None:
        conditions.append(ActionCard.age_band.in_(scope.age_values))
    if scope.channel is not None:
        conditions.append(ActionCard.channel == scope.channel)
    return conditions


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


# ---- voice items: themes and sentiment -----------------------------------------------------------

@dataclass
class ItemCounts:
    """Counts of voice items by interval: overall, and per theme, by sentiment and source."""

    # (bucket, sentiment, source) -> n
    totals: list[tuple[int, str | None, str, int]]
    # (theme, bucket, sentiment) -> n
    themes: list[tuple[str, int, str | None, int]]


def item_counts(session: Session, scope: Scope, grid: TimeGrid) -> ItemCounts:
    """One scan of voice_items: totals and per-theme counts for every interval of ``grid``.

    Rows are first grouped by their whole theme list (a handful of distinct lists), and only
    those groups are expanded into one row per theme, so the JSON is parsed a few hundred
    times, not once per item.
    """
    themes_text = cast(VoiceItem.themes, String).label("themes_text")
    bucket = grid.bucket(VoiceItem.created_at).label("bucket")
    grouped = (
        select(themes_text, bucket, VoiceItem.sentiment.label("sentiment"),
               VoiceItem.source.label("source"), func.count().label("n"))
        .where(grid.where(VoiceItem.created_at), *item_conditions(scope))
        .group_by(themes_text, bucket, VoiceItem.sentiment, VoiceItem.source)
        .cte("grouped")
    )
    if _dialect(session) == "postgresql":
        element = func.json_array_elements_text(cast(grouped.c.themes_text, _json_type())) \
            .table_valued("value").lateral("theme")
    else:
        element = func.json_each(grouped.c.themes_text).table_valued("value").alias("theme")
    totals_q = select(literal("").label("theme"), grouped.c.bucket, grouped.c.sentiment,
                      grouped.c.source, func.sum(grouped.c.n).label("n")) \
        .group_by(grouped.c.bucket, grouped.c.sentiment, grouped.c.source)
    themes_q = select(element.c.value.label("theme"), grouped.c.bucket, grouped.c.sentiment,
                      literal("").label("source"), func.sum(grouped.c.n).label("n")) \
        .select_from(grouped).join(element, true()) \
        .group_by(element.c.value, grouped.c.bucket, grouped.c.sentiment)
    rows = session.execute(union_all(totals_q, themes_q)).all()
    result = ItemCounts(totals=[], themes=[])
    for theme, bucket_value, sentiment, source, n in rows:
        if theme == "":
            result.totals.append((int(bucket_value), sentiment, source, int(n)))
        else:
            result.themes.append((str(theme), int(bucket_value), sentiment, int(n)))
    return result


def _json_type():
    from sqlalchemy.dialects.postgresql import JSON

    return JSON()


# ---- surveys -----------------------------------------------------------------------------------

def link_counts(session: Session, scope: Scope, grid: TimeGrid) -> list[tuple[int, int, int]]:
    """(link, interval, responses): survey responses per link and interval."""
    bucket = grid.bucket(SurveyResponse.created_at).label("bucket")
    rows = session.execute(
        select(SurveyResponse.link_id, bucket, func.count())
        .select_from(SurveyResponse).join(SurveyLink, SurveyLink.id == SurveyResponse.link_id)
        .where(grid.where(SurveyResponse.created_at), *response_conditions(scope))
        .group_by(SurveyResponse.link_id, bucket)
    ).all()
    return [(int(link), int(b), int(n)) for link, b, n in rows]


def age_counts(session: Session, scope: Scope, grid: TimeGrid
               ) -> list[tuple[str | None, int, int]]:
    """(age band as stored, interval, responses). None: the survey did not ask, or no answer."""
    bucket = grid.bucket(SurveyResponse.created_at).label("bucket")
    rows = session.execute(
        select(SurveyResponse.age_band, bucket, func.count())
        .select_from(SurveyResponse).join(SurveyLink, SurveyLink.id == SurveyResponse.link_id)
        .where(grid.where(SurveyResponse.created_at), *response_conditions(scope))
        .group_by(SurveyResponse.age_band, bucket)
    ).all()
    return [(band, int(b), int(n)) for band, b, n in rows]


def link_all_time(session: Session, scope: Scope) -> dict[int, int]:
    """All-time responses per link in scope (counted on the link index, without a time scan)."""
    links = select(SurveyLink.id).where(
        _in(SurveyLink.service_id, scope.service_ids), _in(SurveyLink.area_id, scope.area_ids),
        SurveyLink.channel == scope.channel if scope.channel is not None else true())
    conditions = []
    if scope.service_ids is not None or scope.area_ids is not None or scope.channel is not None:
        conditions.append(SurveyResponse.link_id.in_(links.scalar_subquery()))
    if scope.age_values is not None:
        conditions.append(SurveyResponse.age_band.in_(scope.age_values))
    rows = session.execute(
        select(SurveyResponse.link_id, func.count()).where(*conditions)
        .group_by(SurveyResponse.link_id)).all()
    return {int(link): int(n) for link, n in rows}


@dataclass
class LinkRow:
    link_id: int
    survey: str
    service: str
    area: str
    channel: str
    note: str
    paused: bool
    opened: int
    responses: int = 0
    all_time: int = 0


def link_details(session: Session, scope: Scope, with_responses: Iterable[int]
                 ) -> list[LinkRow]:
    """The survey links in scope: every link that is live, and any other that had responses."""
    ids = sorted(set(with_responses))
    conditions = [_in(SurveyLink.service_id, scope.service_ids),
                  _in(SurveyLink.area_id, scope.area_ids)]
    if scope.channel is not None:
        conditions.append(SurveyLink.channel == scope.channel)
    rows = session.execute(
        select(SurveyLink.id, Survey.title, Service.name, Area.name, SurveyLink.channel,
               SurveyLink.note, SurveyLink.is_paused, SurveyLink.opened_count)
        .join(Survey, Survey.id == SurveyLink.survey_id)
        .join(Service, Service.id == SurveyLink.service_id)
        .join(Area, Area.id == SurveyLink.area_id)
        .where(*conditions, or_(SurveyLink.is_paused.is_(False),
                                SurveyLink.id.in_(ids) if ids else false()))
    ).all()
    return [LinkRow(*row) for row in rows]


def gender_group(value: ColumnElement) -> ColumnElement:
    """Gender is asked in young people's own words; group the common answers in SQL."""
    text = func.lower(func.trim(value))
    return case(
        (value == "prefer_not", "prefer_not"),
        (text.in_(["girl", "female", "f", "woman", "young woman", "a girl", "she", "she/her"]),
         "girl"),
        (text.in_(["boy", "male", "m", "man", "young man", "a boy", "he", "he/him"]), "boy"),
        (text.in_(["non-binary", "non binary", "nonbinary", "nb", "enby", "they/them"]),
         "non_binary"),
        else_="another_way",
    )


ANSWER_KINDS = (FFT_KIND, SMILEY_KIND, *ABOUT_KINDS)


def answer_value() -> ColumnElement:
    """An answer's value as summaries count it (gender answers grouped)."""
    return case((Question.kind == "about_gender", gender_group(Answer.value)),
                else_=Answer.value)


def answer_counts(session: Session, scope: Scope, grid: TimeGrid
                  ) -> list[tuple[str, str, int, int]]:
    """(question kind, value, interval, count) for the Friends and Family Test, smiley scales
    and "about you" questions. Gender answers are grouped (see :func:`gender_group`)."""
    kinds = ANSWER_KINDS
    bucket = grid.bucket(SurveyResponse.created_at).label("bucket")
    value = answer_value().label("value")
    rows = session.execute(
        select(Question.kind, value, bucket, func.count())
        .select_from(Answer)
        .join(Question, Question.id == Answer.question_id)
        .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
        .join(SurveyLink, SurveyLink.id == SurveyResponse.link_id)
        .where(Question.kind.in_(kinds), grid.where(SurveyResponse.created_at),
               *response_conditions(scope))
        .group_by(Question.kind, value, bucket)
    ).all()
    return [(str(k), str(v), int(b), int(n)) for k, v, b, n in rows]


# ---- action cards ------------------------------------------------------------------------------

def card_counts(session: Session, scope: Scope, grid: TimeGrid) -> list[tuple[str, int, int]]:
    """(kind, interval, count) of action cards."""
    bucket = grid.bucket(ActionCard.created_at).label("bucket")
    rows = session.execute(
        select(ActionCard.kind, bucket, func.count())
        .select_from(ActionCard).outerjoin(CardLink, CardLink.id == ActionCard.link_id)
        .where(grid.where(ActionCard.created_at), *card_conditions(scope))
        .group_by(ActionCard.kind, bucket)
    ).all()
    return [(str(k), int(b), int(n)) for k, b, n in rows]


def quotable_conditions() -> list[ColumnElement]:
    """Only approved, redacted words that nobody has held back, never safeguarding: the
    reading rule for everyone outside the participation team (quotes are the same for all)."""
    from voice.loop.reading import PUBLIC, readable_items_clause

    held = select(QuoteHold.voice_item_id).where(QuoteHold.voice_item_id == VoiceItem.id)
    conditions = [
        readable_items_clause(PUBLIC),
        func.length(func.trim(VoiceItem.public_text)) > 0,
        ~held.exists(),
    ]
    flag = getattr(VoiceItem, "is_held_back", None)
    if flag is not None:  # the loop's own hold-back flag, if it has one
        conditions.append(flag.is_(False))
    return conditions


def card_backers() -> ColumnElement:
    """SQL: an action card's backing, for a query over ``action_cards``."""
    duplicate = aliased(VoiceItem)
    return 1 + (
        select(func.count(duplicate.id))
        .where(duplicate.duplicate_of_id == ActionCard.voice_item_id,
               duplicate.state == ModerationState.DUPLICATE.value,
               duplicate.is_safeguarding.is_(False))
        .correlate(ActionCard).scalar_subquery())


def card_backing(session: Session, scope: Scope, start: datetime, end: datetime
                 ) -> dict[int, tuple[int, str]]:
    """{card id: (backers, when raised as ISO text)} for the cards raised in [start, end) in
    scope, counted from the rows. Backing is the card itself plus every item a moderator
    marked as saying the same thing (never one that may be a safeguarding concern)."""
    rows = session.execute(
        select(ActionCard.id, card_backers(), ActionCard.created_at)
        .select_from(ActionCard).outerjoin(CardLink, CardLink.id == ActionCard.link_id)
        .where(ActionCard.created_at >= start, ActionCard.created_at < end,
               ActionCard.voice_item_id.is_not(None), *card_conditions(scope))).all()
    return {int(card): (int(n), created.isoformat()) for card, n, created in rows}


def most_backed_cards(session: Session, scope: Scope, period: Period, limit: int = 10, *,
                      backing: Iterable[tuple[int, int, str]] | None = None
                      ) -> list[dict[str, Any]]:
    """Cards raised in the period, most backed first. Only cards whose words may be quoted.

    ``backing`` is (card id, backers, when raised as ISO text) in the order shown (most
    backed, then newest, then the later card), when the caller has it from the rollups
    (:func:`voice.summaries.rollups.backed_cards`); else it is counted here
    (:func:`card_backing`). The candidates are taken in that order, a batch at a time, each
    batch read by primary key with the quoting rule applied, until the first ``limit`` that may
    be quoted are found: no later candidate can change them.
    """
    if backing is None:
        counted = card_backing(session, scope, *period.bounds())
        backing = sorted(((card, n, created) for card, (n, created) in counted.items()),
                         key=lambda c: (c[1], c[2], c[0]), reverse=True)
    from voice.loop.personal_details import publishable_wording

    candidates = iter(backing)
    found: list[tuple] = []
    batch = max(limit * 5, 100)
    while len(found) < limit:
        chunk = list(islice(candidates, batch))
        if not chunk:
            break
        backers = {card: n for card, n, _ in chunk}
        # By the voice items' primary key (starting from the cards lets the planner scan every
        # approved item instead).
        item_ids = session.scalars(select(ActionCard.voice_item_id)
                                   .where(ActionCard.id.in_(list(backers)))).all()
        rows = session.execute(
            select(ActionCard.id, ActionCard.kind, VoiceItem.public_text, Service.name,
                   ActionCard.created_at)
            .select_from(VoiceItem)
            .join(ActionCard, ActionCard.voice_item_id == VoiceItem.id)
            .join(Service, Service.id == ActionCard.service_id)
            .where(VoiceItem.id.in_(list(item_ids)), *quotable_conditions())).all()
        # The publish-time guard: wording with contact details or an address is never shown.
        found += [(r[0], r[1], r[2], r[3], backers[r[0]], r[4]) for r in rows
                  if publishable_wording(r[2])]
    found.sort(key=lambda r: (-r[4], -r[5].timestamp(), -r[0]))
    return [{"id": r[0], "kind": r[1], "text": r[2], "service": r[3], "backers": int(r[4]),
             "created_at": r[5]} for r in found[:limit]]


# ---- commitments -------------------------------------------------------------------------------

CLOSED_STATUSES = (CommitmentStatus.DONE.value, CommitmentStatus.CANT_DO.value)


def _commitment_conditions(scope: Scope, period: Period) -> list[ColumnElement]:
    """Made by the end of the period, and not already closed before it began."""
    start, end = period.bounds()
    closed_at = func.coalesce(Commitment.completed_at, Commitment.updated_at)
    return [
        _in(Commitment.service_id, scope.services_for_service_level()),
        Commitment.created_at < end,
        or_(Commitment.status.not_in(CLOSED_STATUSES), closed_at >= start),
    ]


def commitment_rag_counts(session: Session, scope: Scope, period: Period) -> dict[str, int]:
    rows = session.execute(
        select(Commitment.rag, func.count())
        .where(*_commitment_conditions(scope, period))
        .group_by(Commitment.rag)
    ).all()
    return {str(rag): int(n) for rag, n in rows}


def overdue_commitments(session: Session, scope: Scope, period: Period, today: date,
                        limit: int = 50) -> list[dict[str, Any]]:
    """Open commitments past their due date, oldest first, with who owns them."""
    owner = aliased(User)
    rows = session.execute(
        select(Commitment.id, Commitment.you_said, Commitment.we_will, Service.name,
               Organisation.name, owner.display_name, Commitment.due_date, Commitment.status,
               Commitment.rag, Commitment.escalated_at)
        .join(Service, Service.id == Commitment.service_id)
        .join(Organisation, Organisation.id == Commitment.owner_organisation_id)
        .outerjoin(owner, owner.id == Commitment.owner_user_id)
        .where(*_commitment_conditions(scope, period),
               Commitment.status.not_in(CLOSED_STATUSES), Commitment.due_date < today)
        .order_by(Commitment.due_date, Commitment.id)
        .limit(limit)
    ).all()
    return [{"id": r[0], "you_said": r[1], "we_will": r[2], "service": r[3],
             "owner_organisation": r[4], "owner": r[5] or "", "due_date": r[6],
             "status": r[7], "rag": r[8], "days_overdue": (today - r[6]).days,
             "escalated_at": r[9]} for r in rows]


def red_commitments(session: Session, scope: Scope, period: Period, limit: int = 5
                    ) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Commitment.we_will, Service.name, Commitment.due_date)
        .join(Service, Service.id == Commitment.service_id)
        .where(*_commitment_conditions(scope, period), Commitment.rag == "red")
        .order_by(Commitment.due_date, Commitment.id).limit(limit)
    ).all()
    return [{"we_will": r[0], "service": r[1], "due_date": r[2]} for r in rows]


# ---- young inspectors --------------------------------------------------------------------------

def latest_inspections(session: Session, scope: Scope, period: Period) -> list[dict[str, Any]]:
    """Each service's latest inspection with agreed ratings, up to the end of the period, with
    the count of red, amber and green standards."""
    services = scope.services_for_service_level()
    ranked = (
        select(Inspection.id.label("id"), Inspection.service_id.label("service_id"),
               func.row_number().over(partition_by=Inspection.service_id,
                                      order_by=(Inspection.visit_to.desc(),
                                                Inspection.id.desc())).label("rank"))
        .where(Inspection.state.in_(AGREED_INSPECTION_STATES),
               Inspection.visit_to <= period.end,
               _in(Inspection.service_id, services))
        .subquery()
    )
    rating_counts = (
        select(TeamRating.inspection_id.label("inspection_id"),
               func.sum(case((TeamRating.rating == "green", 1), else_=0)).label("green"),
               func.sum(case((TeamRating.rating == "amber", 1), else_=0)).label("amber"),
               func.sum(case((TeamRating.rating == "red", 1), else_=0)).label("red"),
               func.sum(case((TeamRating.not_checked.is_(True), 1), else_=0)).label("unchecked"))
        .group_by(TeamRating.inspection_id).subquery()
    )
    rows = session.execute(
        select(Inspection.id, Service.name, Inspection.visit_to, Inspection.method,
               Framework.name, Inspection.state, Inspection.certificate_awarded,
               func.coalesce(rating_counts.c.green, 0), func.coalesce(rating_counts.c.amber, 0),
               func.coalesce(rating_counts.c.red, 0), func.coalesce(rating_counts.c.unchecked, 0))
        .join(ranked, and_(ranked.c.id == Inspection.id, ranked.c.rank == 1))
        .join(Service, Service.id == Inspection.service_id)
        .join(Framework, Framework.id == Inspection.framework_id)
        .outerjoin(rating_counts, rating_counts.c.inspection_id == Inspection.id)
        .order_by(Service.name)
    ).all()
    return [{"inspection_id": r[0], "service": r[1], "visit_to": r[2], "method": r[3],
             "framework": r[4], "state": r[5], "certificate": bool(r[6]), "green": int(r[7]),
             "amber": int(r[8]), "red": int(r[9]), "unchecked": int(r[10])} for r in rows]


def rating_disagreements(session: Session, inspection_ids: Sequence[int]
                         ) -> list[dict[str, Any]]:
    """Standards where the provider's self-rating differs from the young inspectors' rating."""
    if not inspection_ids:
        return []
    rows = session.execute(
        select(Service.name, Standard.code, Standard.title, SelfAssessment.rating,
               TeamRating.rating, TeamRating.reason, Inspection.id)
        .select_from(TeamRating)
        .join(SelfAssessment, and_(SelfAssessment.inspection_id == TeamRating.inspection_id,
                                   SelfAssessment.standard_id == TeamRating.standard_id))
        .join(Inspection, Inspection.id == TeamRating.inspection_id)
        .join(Service, Service.id == Inspection.service_id)
        .join(Standard, Standard.id == TeamRating.standard_id)
        .where(TeamRating.inspection_id.in_(list(inspection_ids)),
               TeamRating.rating.is_not(None), SelfAssessment.rating.is_not(None),
               TeamRating.rating != SelfAssessment.rating)
        .order_by(Service.name, Standard.position, Standard.code)
    ).all()
    return [{"service": r[0], "code": r[1], "standard": r[2], "self_rating": r[3],
             "team_rating": r[4], "reason": r[5] or "", "inspection_id": r[6]} for r in rows]


# ---- population --------------------------------------------------------------------------------

def population_counts(session: Session, scope: Scope) -> tuple[dict[tuple[str, str], int], int]:
    """Population figures summed over the services in scope, and how many services have any."""
    services = scope.services_for_service_level()
    rows = session.execute(
        select(ServicePopulation.dimension, ServicePopulation.category,
               func.sum(ServicePopulation.people))
        .where(_in(ServicePopulation.service_id, services))
        .group_by(ServicePopulation.dimension, ServicePopulation.category)
    ).all()
    covered = session.scalar(
        select(func.count(func.distinct(ServicePopulation.service_id)))
        .where(_in(ServicePopulation.service_id, services))) or 0
    return {(d, c): int(n) for d, c, n in rows}, int(covered)


def population_total(session: Session, scope: Scope) -> int:
    """How many young people use the services in scope: one figure, from this one query, that
    every "who we are hearing from" table shows as its total. Each service counts once, as its
    most complete breakdown (the dimension whose figures add up to the most), so a service whose
    figures by gender add up to fewer than by age shows the difference as not recorded."""
    services = scope.services_for_service_level()
    per_dimension = (
        select(ServicePopulation.service_id, func.sum(ServicePopulation.people).label("people"))
        .where(_in(ServicePopulation.service_id, services))
        .group_by(ServicePopulation.service_id, ServicePopulation.dimension)
    ).subquery()
    per_service = (select(func.max(per_dimension.c.people).label("people"))
                   .group_by(per_dimension.c.service_id)).subquery()
    return int(session.scalar(select(func.coalesce(func.sum(per_service.c.people), 0))) or 0)


def services_in_scope(session: Session, scope: Scope) -> int:
    services = scope.services_for_service_level()
    return session.scalar(select(func.count(Service.id)).where(
        _in(Service.id, services), Service.archived_at.is_(None))) or 0


__all__ = [
    "TimeGrid",
    "item_counts",
    "link_counts",
    "age_counts",
    "answer_counts",
    "card_counts",
    "link_details",
    "link_all_time",
    "most_backed_cards",
    "commitment_rag_counts",
    "overdue_commitments",
    "latest_inspections",
    "rating_disagreements",
    "population_counts",
    "population_total",
]
