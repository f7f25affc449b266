"""Reading results: who may see which survey, counts per question, the Friends and Family
Test figures, free text (original or redacted by role), the per-link funnel and filters.

Who sees what:

- participation officers and administrators: every survey, every response, original words;
- commissioners: results of any survey, read-only, with redacted words only (never hidden,
  escalated or safeguarding-flagged ones);
- providers: only surveys shared through a link for one of their own organisation's services,
  and only the responses that came through those links, with redacted words only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, exists, func, select
from sqlalchemy.orm import Session, selectinload

from surveys.models import Answer, Question, Survey, SurveyLink, SurveyResponse
from surveys.questions import (
    ABOUT_KINDS,
    CHOICE_KINDS,
    FFT_NATIONAL,
    FFT_NEGATIVE,
    FFT_POSITIVE,
    TEXT_KINDS,
    QuestionKind,
    canonical_label,
)
from voice.analysis import theme_by_key
from voice.auth.models import User
from voice.auth.roles import MANAGERS, Role
from voice.directory.models import Service
from voice.loop.items import reportable_items_clause
from voice.loop.models import VoiceItem, VoiceSource

LONDON = ZoneInfo("Europe/London")
READERS = MANAGERS | {Role.COMMISSIONER, Role.PROVIDER}
WITHHELD = "[Not shown: this answer is waiting to be checked, or was passed to a person]"


# ---- who may see what ------------------------------------------------------------------------

def sees_original_words(user: User) -> bool:
    return user.role in MANAGERS


def provider_service_ids(session: Session, user: User) -> set[int]:
    return set(session.scalars(select(Service.id).where(
        Service.provider_id == (user.organisation_id or -1))))


def surveys_query(session: Session, user: User) -> Select:
    """Surveys (not templates) this user may open, newest first."""
    query = (select(Survey).where(Survey.is_template.is_(False))
             .options(selectinload(Survey.services))
             .order_by(Survey.created_at.desc(), Survey.id.desc()))
    if user.role == Role.PROVIDER:
        own = select(Service.id).where(Service.provider_id == (user.organisation_id or -1))
        query = query.where(exists().where(SurveyLink.survey_id == Survey.id,
                                           SurveyLink.service_id.in_(own)))
    elif user.role not in READERS:
        query = query.where(False)
    return query


def can_read_results(session: Session, user: User, survey: Survey) -> bool:
    if user.role in MANAGERS:
        return True
    if survey.is_template:
        return False
    if user.role == Role.COMMISSIONER:
        return True
    if user.role == Role.PROVIDER:
        own = provider_service_ids(session, user)
        return any(link.service_id in own for link in survey.links)
    return False


# ---- filters ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Filters:
    link_id: int | None = None
    service_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.link_id, self.service_id, self.date_from,
                                           self.date_to))

    def as_args(self) -> dict[str, str]:
        args = {}
        if self.link_id is not None:
            args["link"] = str(self.link_id)
        if self.service_id is not None:
            args["service"] = str(self.service_id)
        if self.date_from is not None:
            args["date_from"] = self.date_from.isoformat()
        if self.date_to is not None:
            args["date_to"] = self.date_to.isoformat()
        return args


def london_day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LONDON).astimezone(UTC)


@dataclass
class Scope:
    """Which responses a reader sees for one survey, after filters and role."""

    survey: Survey
    filters: Filters
    service_ids: set[int] | None  # None: every service (not a provider)
    original_words: bool

    def clauses(self) -> list[Any]:
        clauses: list[Any] = [SurveyResponse.survey_id == self.survey.id]
        f = self.filters
        if f.link_id is not None:
            clauses.append(SurveyResponse.link_id == f.link_id)
        if f.date_from is not None:
            clauses.append(SurveyResponse.created_at >= london_day_start(f.date_from))
        if f.date_to is not None:
            clauses.append(SurveyResponse.created_at < london_day_start(f.date_to + timedelta(1)))
        link_clauses = []
        if f.service_id is not None:
            link_clauses.append(SurveyLink.service_id == f.service_id)
        if self.service_ids is not None:
            link_clauses.append(SurveyLink.service_id.in_(self.service_ids or {-1}))
        if link_clauses:
            clauses.append(SurveyResponse.link_id.in_(
                select(SurveyLink.id).where(SurveyLink.survey_id == self.survey.id,
                                            *link_clauses)))
        return clauses

    def response_ids(self) -> Select:
        return select(SurveyResponse.id).where(*self.clauses())


def scope_for(session: Session, user: User, survey: Survey, filters: Filters) -> Scope:
    service_ids = provider_service_ids(session, user) if user.role == Role.PROVIDER else None
    return Scope(survey=survey, filters=filters, service_ids=service_ids,
                 original_words=sees_original_words(user))


def visible_links(scope: Scope) -> list[SurveyLink]:
    return [link for link in scope.survey.links
            if scope.service_ids is None or link.service_id in scope.service_ids]


# ---- counts ----------------------------------------------------------------------------------

@dataclass
class OptionCount:
    value: str
    label: str
    count: int
    percent: float


@dataclass
class QuestionResult:
    question: Question
    answered: int  # responses that answered this question
    options: list[OptionCount] = field(default_factory=list)
    fft: FftFigures | None = None
    numbers: NumberSummary | None = None
    texts: list[TextAnswer] = field(default_factory=list)
    text_total: int = 0

    @property
    def kind(self) -> str:
        return self.question.kind


@dataclass
class FftFigures:
    """The Friends and Family Test as national guidance computes it: positive is (very good +
    good) divided by every response to the question, "don't know" included; negative likewise
    with poor + very poor."""

    total: int
    positive: int
    negative: int

    @property
    def percent_positive(self) -> float | None:
        return round(100 * self.positive / self.total, 1) if self.total else None

    @property
    def percent_negative(self) -> float | None:
        return round(100 * self.negative / self.total, 1) if self.total else None


def fft_figures(counts: dict[str, int]) -> FftFigures:
    total = sum(counts.get(value, 0) for value, _ in FFT_NATIONAL)
    return FftFigures(total=total,
                      positive=sum(counts.get(v, 0) for v in FFT_POSITIVE),
                      negative=sum(counts.get(v, 0) for v in FFT_NEGATIVE))


@dataclass
class NumberSummary:
    count: int
    lowest: int
    highest: int
    median: float
    mean: float


def _number_summary(values: list[int]) -> NumberSummary | None:
    if not values:
        return None
    values = sorted(values)
    n = len(values)
    middle = n // 2
    median = values[middle] if n % 2 else (values[middle - 1] + values[middle]) / 2
    return NumberSummary(count=n, lowest=values[0], highest=values[-1], median=median,
                         mean=round(sum(values) / n, 1))


@dataclass
class TextAnswer:
    answer_id: int
    response_id: int
    created_at: datetime
    text: str
    shown: bool  # False: withheld from this reader
    is_safeguarding: bool = False
    sentiment: str | None = None
    themes: list[str] = field(default_factory=list)
    state: str | None = None


def count_responses(session: Session, scope: Scope) -> int:
    return session.scalar(select(func.count(SurveyResponse.id)).where(*scope.clauses())) or 0


def _ordered_options(question: Question, counts: dict[str, int]) -> list[tuple[str, str]]:
    kind = QuestionKind(question.kind)
    pairs = [(o["value"], canonical_label(kind, o["value"], question.options))
             for o in question.options]
    if kind is QuestionKind.FFT:
        pairs = [(v, label) for v, label in FFT_NATIONAL]
    if kind is QuestionKind.SMILEY:
        pairs = sorted(pairs, key=lambda p: -int(p[0]) if p[0].isdigit() else 0)
        pairs = [(v, f"{v}: {label}") for v, label in pairs]
    known = {v for v, _ in pairs}
    # Answers to options since removed still count, under their stored value.
    pairs += [(v, v) for v in sorted(counts) if v not in known]
    return pairs


def question_results(session: Session, scope: Scope, *, text_limit: int = 20
                     ) -> list[QuestionResult]:
    """Everything the results page shows, per question, in survey order."""
    questions = sorted(scope.survey.questions, key=lambda q: q.position)
    ids = scope.response_ids()
    answered = dict(session.execute(
        select(Answer.question_id, func.count(func.distinct(Answer.response_id)))
        .where(Answer.response_id.in_(ids)).group_by(Answer.question_id)).all())
    choice_ids = [q.id for q in questions if QuestionKind(q.kind) in CHOICE_KINDS]
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    if choice_ids:
        for question_id, value, count in session.execute(
                select(Answer.question_id, Answer.value, func.count())
                .where(Answer.response_id.in_(ids), Answer.question_id.in_(choice_ids))
                .group_by(Answer.question_id, Answer.value)):
            counts[question_id][value] = count
    number_ids = [q.id for q in questions if q.kind == QuestionKind.NUMBER]
    numbers: dict[int, list[int]] = defaultdict(list)
    if number_ids:
        for question_id, value in session.execute(
                select(Answer.question_id, Answer.value)
                .where(Answer.response_id.in_(ids), Answer.question_id.in_(number_ids))):
            try:
                numbers[question_id].append(int(value))
            except ValueError:
                continue
    results = []
    for question in questions:
        kind = QuestionKind(question.kind)
        result = QuestionResult(question=question, answered=answered.get(question.id, 0))
        if kind in CHOICE_KINDS:
            these = counts.get(question.id, {})
            # Percent of the responses that answered the question (for "tick all", of people).
            base = result.answered or 1
            result.options = [OptionCount(value=v, label=label, count=these.get(v, 0),
                                          percent=round(100 * these.get(v, 0) / base, 1))
                              for v, label in _ordered_options(question, these)]
            if kind is QuestionKind.FFT:
                result.fft = fft_figures(these)
        elif kind is QuestionKind.NUMBER:
            result.numbers = _number_summary(numbers.get(question.id, []))
        elif kind in TEXT_KINDS or kind is QuestionKind.ABOUT_GENDER:
            result.texts, result.text_total = text_answers(session, scope, question,
                                                           limit=text_limit)
        results.append(result)
    return results


def text_answers(session: Session, scope: Scope, question: Question, *, limit: int | None = 20,
                 offset: int = 0) -> tuple[list[TextAnswer], int]:
    """Free-text answers, newest first. The participation team reads the original words;
    everyone else reads the redacted words of items that may be reported, and a note for the
    rest. "About you" gender answers are only ever shown to the participation team."""
    base = (select(Answer, SurveyResponse.created_at, VoiceItem)
            .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
            .outerjoin(VoiceItem, and_(VoiceItem.source == VoiceSource.ANSWER.value,
                                       VoiceItem.source_id == Answer.id))
            .where(Answer.question_id == question.id, *scope.clauses()))
    total = session.scalar(select(func.count()).select_from(
        select(Answer.id).join(SurveyResponse, SurveyResponse.id == Answer.response_id)
        .where(Answer.question_id == question.id, *scope.clauses()).subquery())) or 0
    query = base.order_by(SurveyResponse.created_at.desc(), Answer.id.desc()).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    reportable_ids: set[int] = set()
    rows = session.execute(query).all()
    if not scope.original_words:
        item_ids = [item.id for _, _, item in rows if item is not None]
        if item_ids:
            reportable_ids = set(session.scalars(select(VoiceItem.id).where(
                VoiceItem.id.in_(item_ids), reportable_items_clause())))
    answers = []
    for answer, created_at, item in rows:
        if scope.original_words:
            text, shown = answer.value, True
        elif QuestionKind(question.kind) in ABOUT_KINDS:
            text, shown = "[Not shown]", False
        elif item is not None and item.id in reportable_ids and item.redacted_text:
            text, shown = item.redacted_text, True
        else:
            text, shown = WITHHELD, False
        answers.append(TextAnswer(
            answer_id=answer.id, response_id=answer.response_id, created_at=created_at,
            text=text, shown=shown,
            is_safeguarding=bool(item.is_safeguarding) if item is not None and scope.original_words
            else False,
            sentiment=item.sentiment if item is not None and shown else None,
            themes=theme_names(item.themes) if item is not None and shown else [],
            state=item.state if item is not None and scope.original_words else None))
    return answers, total


def theme_names(keys) -> list[str]:
    """Staff-facing names of the analysis themes (keys the taxonomy no longer has stay as keys)."""
    names = []
    for key in keys or []:
        theme = theme_by_key(key)
        names.append(theme.commissioner_name if theme is not None else key)
    return names


# ---- funnel ----------------------------------------------------------------------------------

@dataclass
class FunnelRow:
    link: SurveyLink
    opened: int
    started: int
    completed: int

    @property
    def completion_rate(self) -> float | None:
        return round(100 * self.completed / self.opened, 1) if self.opened else None


def funnel(session: Session, scope: Scope) -> list[FunnelRow]:
    """Per link, all time: first page views, first pages sent, responses stored."""
    links = visible_links(scope)
    completed = dict(session.execute(
        select(SurveyResponse.link_id, func.count(SurveyResponse.id))
        .where(SurveyResponse.survey_id == scope.survey.id)
        .group_by(SurveyResponse.link_id)).all())
    return [FunnelRow(link=link, opened=link.opened_count, started=link.started_count,
                      completed=completed.get(link.id, 0)) for link in links]


def responses_page(session: Session, scope: Scope, *, page: int = 1, per_page: int = 50
                   ) -> tuple[list[SurveyResponse], int]:
    total = count_responses(session, scope)
    rows = session.scalars(
        select(SurveyResponse).where(*scope.clauses())
        .options(selectinload(SurveyResponse.answers), selectinload(SurveyResponse.link))
        .order_by(SurveyResponse.created_at.desc(), SurveyResponse.id.desc())
        .limit(per_page).offset((max(page, 1) - 1) * per_page)).all()
    return list(rows), total


def response_in_scope(session: Session, scope: Scope, response_id: int) -> SurveyResponse | None:
    return session.scalar(select(SurveyResponse).where(SurveyResponse.id == response_id,
                                                       *scope.clauses())
                          .options(selectinload(SurveyResponse.answers)))
