"""Reading results: who may see which survey, counts per question, the Friends and Family
Test figures, free text (original or redacted by role), the per-link funnel and filters.

Who sees what:

- participation officers and administrators: every survey, every response, original words;
- commissioners: results of any survey, read-only, with only the words a moderator approved
  (redacted), never waiting, hidden, escalated or safeguarding-flagged ones;
- providers: only surveys shared through a link for one of their own organisation's services,
  and only the responses that came through those links, with approved words only.

Which words is decided by the reading rule (:mod:`voice.loop.reading`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, exists, func, select
from sqlalchemy.orm import Session, selectinload

from surveys.content import version_name
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
from surveys.submission import started_counts
from voice.analysis import theme_by_key
from voice.auth.models import User
from voice.auth.roles import MANAGERS, Role
from voice.directory.models import Service
from voice.loop.models import VoiceItem, VoiceSource
from voice.loop.reading import PUBLIC, Reader, readable_items_clause, reader_for, wording_for
from voice.summaries.suppression import (
    PRIMARY,
    THRESHOLD,
    is_suppressed,
    percent,
    publish,
    suppress_count,
    suppress_counts,
    suppress_lines,
)

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
    reader: Reader = PUBLIC

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
                 original_words=sees_original_words(user), reader=reader_for(user, session))


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
    # What this reader sees (:func:`protect_small_numbers`): the count, or {"suppressed": ...};
    # the percentage, or None when it is not shown.
    shown: Any = None
    shown_percent: float | None = None


@dataclass
class QuestionResult:
    question: Question
    answered: int  # responses that answered this question
    options: list[OptionCount] = field(default_factory=list)
    fft: FftFigures | None = None
    numbers: NumberSummary | None = None
    texts: list[TextAnswer] = field(default_factory=list)
    text_total: int = 0
    # What this reader sees (:func:`protect_small_numbers`).
    shown_answered: Any = None
    shown_fft: dict[str, Any] = field(default_factory=dict)
    numbers_hidden: bool = False

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
    everyone else reads what the reading rule gives them (approved, redacted wording), and a
    note for the rest. "About you" gender answers are only ever shown to the participation team."""
    base = (select(Answer, SurveyResponse.created_at, VoiceItem)
            .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
            .outerjoin(VoiceItem, and_(VoiceItem.source == VoiceSource.ANSWER.value,
                                       VoiceItem.source_id == Answer.id))
            .where(Answer.question_id == question.id, *scope.clauses()))
    total = session.scalar(select(func.count()).select_from(
        select(Answer.id).join(SurveyResponse, SurveyResponse.id == Answer.response_id)
        .where(Answer.question_id == question.id, *scope.clauses()).subquery())) or 0
    if not scope.original_words:
        if total < THRESHOLD or QuestionKind(question.kind) in ABOUT_KINDS:
            return [], 0  # a handful of answers: even approved words could point to one person
        # Only what the reading rule gives them: no row for a withheld answer, so that nothing
        # singles out the one that was passed to the safeguarding lead.
        base = base.where(VoiceItem.id.is_not(None), readable_items_clause(scope.reader))
        total = session.scalar(select(func.count()).select_from(
            base.with_only_columns(Answer.id).subquery())) or 0
    query = base.order_by(SurveyResponse.created_at.desc(), Answer.id.desc()).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    rows = session.execute(query).all()
    answers = []
    for answer, created_at, item in rows:
        if scope.original_words:
            text, shown = answer.value, True
        elif QuestionKind(question.kind) in ABOUT_KINDS:
            text, shown = "[Not shown]", False
        elif item is not None and (wording := wording_for(scope.reader, item)):
            text, shown = wording, True
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
    # What this reader sees: counts under 5 hidden outside the participation team.
    shown_opened: Any = None
    shown_started: Any = None
    shown_completed: Any = None

    @property
    def completion_rate(self) -> float | None:
        opened = self.opened if self.shown_opened is None else self.shown_opened
        completed = self.completed if self.shown_completed is None else self.shown_completed
        if is_suppressed(opened) or is_suppressed(completed) or not opened:
            return None
        if self.shown_opened is not None and opened < THRESHOLD:
            return None
        return round(100 * completed / opened, 1)


def funnel(session: Session, scope: Scope) -> list[FunnelRow]:
    """Per link, all time: first page views, first pages sent, responses stored."""
    links = visible_links(scope)
    completed = dict(session.execute(
        select(SurveyResponse.link_id, func.count(SurveyResponse.id))
        .where(SurveyResponse.survey_id == scope.survey.id)
        .group_by(SurveyResponse.link_id)).all())
    started = started_counts(session, links)
    rows = [FunnelRow(link=link, opened=link.opened_count, started=started[link.id],
                      completed=completed.get(link.id, 0)) for link in links]
    if not scope.original_words:
        # Completed per link adds up to the survey's responses: hide small ones so that none
        # can be worked out from the total.
        grid = suppress_counts([row.completed for row in rows], total=True)
        for index, row in enumerate(rows):
            row.shown_completed = grid.cell(0, index)
            row.shown_opened = suppress_count(row.opened)
            row.shown_started = suppress_count(row.started)
    return rows


@dataclass
class LanguageCount:
    """Responses answered in one version of the survey (surveys/content.py)."""

    key: str | None   # "cy", "en-easy", …; None for responses from before it was kept
    name: str
    count: int
    shown: Any = None  # what this reader sees (small counts hidden outside the team)


def languages(session: Session, scope: Scope) -> list[LanguageCount]:
    """How many responses came in each language and easy read. The answers themselves are the
    same canonical values in every language, so every other figure counts them together."""
    counted = session.execute(
        select(SurveyResponse.language, func.count(SurveyResponse.id))
        .where(*scope.clauses()).group_by(SurveyResponse.language)).all()
    rows = sorted((LanguageCount(key, version_name(key), count) for key, count in counted),
                  key=lambda row: (-row.count, row.name))
    if scope.original_words:
        for row in rows:
            row.shown = row.count
    else:
        grid = suppress_counts([row.count for row in rows], total=True)
        for index, row in enumerate(rows):
            row.shown = grid.cell(0, index)
    return rows


# ---- small numbers -----------------------------------------------------------------------------

def protect_small_numbers(results: list[QuestionResult], total: int, scope: Scope) -> Any:
    """Fill in what this reader may see of the counts, and return the total to show.

    The participation team and administrators see every count. Everyone else sees counts
    under 5 as "fewer than 5", and any count that would let them work one out (from the
    question's total, from "very good + good = positive", from how many skipped the question,
    or, for "tick all", from how many did not tick an answer) as "not shown", by the same rules
    as the commissioners' summaries (:mod:`voice.summaries.suppression`). Percentages of a
    hidden count, or of fewer than 5 people, are not shown; neither are the lowest and highest
    numbers given (one person's answer), nor any words when fewer than 5 answered.
    """
    if scope.original_words:
        for result in results:
            result.shown_answered = result.answered
            for option in result.options:
                option.shown, option.shown_percent = option.count, option.percent
            if result.fft is not None:
                result.shown_fft = {"total": result.fft.total, "positive": result.fft.positive,
                                    "negative": result.fft.negative,
                                    "percent_positive": result.fft.percent_positive,
                                    "percent_negative": result.fft.percent_negative}
        return total
    total_hidden: str | None = PRIMARY if 0 < total < THRESHOLD else None
    for result in results:
        marks = _question_marks(result, total)
        if "total" in marks and total_hidden is None:
            total_hidden = marks["total"]
        answered = publish(result.answered, marks.get("answered"))
        result.shown_answered = answered
        for index, option in enumerate(result.options):
            option.shown = publish(option.count, marks.get(("option", index)))
            option.shown_percent = percent(option.shown, answered)
            if is_suppressed(option.shown_percent):
                option.shown_percent = None
        if result.fft is not None:
            fft_total = (answered if result.fft.total == result.answered
                         else suppress_count(result.fft.total))
            positive = publish(result.fft.positive, marks.get("positive"))
            negative = publish(result.fft.negative, marks.get("negative"))
            result.shown_fft = {
                "total": fft_total, "positive": positive, "negative": negative,
                "percent_positive": _shown_percent(positive, fft_total),
                "percent_negative": _shown_percent(negative, fft_total)}
        if result.numbers is not None:
            result.numbers_hidden = result.numbers.count < THRESHOLD
        if result.answered < THRESHOLD:
            result.texts, result.text_total = [], 0
    return publish(total, total_hidden)


def _shown_percent(part: Any, whole: Any) -> float | None:
    value = percent(part, whole)
    return None if is_suppressed(value) else value


def _question_marks(result: QuestionResult, total: int) -> dict[Any, str]:
    """Which of one question's figures to hide (see :func:`protect_small_numbers`)."""
    answered = result.answered
    entries: dict[Any, int] = {"answered": answered, "skipped": max(total - answered, 0),
                               "total": max(total, answered)}
    lines: list[list[Any]] = [["answered", "skipped", "total"]]
    options = result.options
    for index, option in enumerate(options):
        entries[("option", index)] = option.count
    if options and QuestionKind(result.question.kind) is QuestionKind.MULTIPLE:
        for index, option in enumerate(options):
            entries[("not", index)] = max(answered - option.count, 0)
            if option.count <= answered:
                lines.append([("option", index), ("not", index), "answered"])
    elif options:
        rest = answered - sum(option.count for option in options)
        if rest >= 0:  # answers that are not one of the options shown (none, normally)
            entries["rest"] = rest
            lines.append([("option", index) for index in range(len(options))]
                         + ["rest", "answered"])
    if result.fft is not None:
        index_of = {option.value: index for index, option in enumerate(options)}
        for key, values in (("positive", FFT_POSITIVE), ("negative", FFT_NEGATIVE)):
            parts = [("option", index_of[v]) for v in sorted(values) if v in index_of]
            entries[key] = sum(entries[p] for p in parts)
            lines.append([*parts, key])
    return suppress_lines(entries, lines, totals=("total", "answered"))


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
