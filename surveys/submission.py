"""The public side in the database: finding a link, counting the funnel, storing a response.

Storing is idempotent: each form carries a one-time token whose nonce is the response's
``submission_token`` (unique). A double tap or a resend after a dropped connection finds the
response already stored and gets the same thank-you page; the race between two copies
arriving at once is settled by the unique constraint, on PostgreSQL and SQLite alike.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from surveys.models import Answer, Question, Survey, SurveyLink, SurveyResponse
from surveys.questions import PREFER_NOT, TEXT_KINDS, QuestionKind, QuestionSpec
from surveys.tokens import normalise_link_token
from voice.db import utcnow
from voice.loop.items import record_voice_item

log = logging.getLogger(__name__)


class LinkState(StrEnum):
    OPEN = "open"
    UNKNOWN = "unknown"
    PAUSED = "paused"
    NOT_OPEN_YET = "not_open_yet"   # a draft, or an opening date still to come
    CLOSED = "closed"


_LINK_BY_TOKEN = select(SurveyLink).where(SurveyLink.token == bindparam("token"))


def find_link(session: Session, raw_token: str) -> SurveyLink | None:
    """The link for a token as typed or scanned (any case, spaces or dashes), with its survey."""
    token = normalise_link_token(raw_token)
    if token is None:
        return None
    return session.scalar(_LINK_BY_TOKEN, {"token": token})


def link_state(link: SurveyLink | None, today: date) -> LinkState:
    if link is None or link.survey is None or link.survey.is_template:
        return LinkState.UNKNOWN
    survey = link.survey
    if survey.is_closed or (survey.is_open and survey.closes_on is not None
                            and today > survey.closes_on):
        return LinkState.CLOSED
    if link.is_paused:
        return LinkState.PAUSED
    if not survey.accepting_on(today):
        return LinkState.NOT_OPEN_YET
    return LinkState.OPEN


# Each worker keeps the questions of the surveys it has served, keyed by the survey's
# ``questions_version`` (bumped by every change to a question), so a stale copy is never used.
_SPEC_CACHE: OrderedDict[tuple[int, str, int], tuple[QuestionSpec, ...]] = OrderedDict()
_SPEC_CACHE_SIZE = 256


def question_specs(session: Session, survey: Survey) -> list[QuestionSpec]:
    """The survey's questions in order, as plain data (cached per worker; see above)."""
    # created_at as well: SQLite can give a deleted survey's id to a new one.
    key = (survey.id, survey.created_at.isoformat(), survey.questions_version or 1)
    cached = _SPEC_CACHE.get(key)
    if cached is None:
        questions = session.scalars(select(Question).where(Question.survey_id == survey.id)
                                    .order_by(Question.position, Question.id))
        cached = tuple(QuestionSpec.of(q) for q in questions)
        _SPEC_CACHE[key] = cached
        while len(_SPEC_CACHE) > _SPEC_CACHE_SIZE:
            _SPEC_CACHE.popitem(last=False)
    else:
        _SPEC_CACHE.move_to_end(key)
    return list(cached)


_links = SurveyLink.__table__
_answers = Answer.__table__


def count_opened(session: Session, link: SurveyLink) -> None:
    """One more view of the first page. No cookie or address: a reload counts again.
    (A plain UPDATE in the database, so two phones at once both count.)"""
    session.execute(update(_links).where(_links.c.id == link.id)
                    .values(opened_count=_links.c.opened_count + 1))
    _forget(session, link, "opened_count")


def count_started(session: Session, link: SurveyLink) -> None:
    """Someone sent their first page of answers (counted once per form)."""
    session.execute(update(_links).where(_links.c.id == link.id)
                    .values(started_count=_links.c.started_count + 1))
    _forget(session, link, "started_count")


def _forget(session: Session, link: SurveyLink, attribute: str) -> None:
    """The database has the new count; read it from there next time."""
    if link in session:
        session.expire(link, [attribute])


def end_reading(session: Session) -> None:
    """Before the first write of a public request.

    SQLite: end the reading transaction, so the write that follows starts a fresh one and
    waits its turn for the lock (a transaction that has read cannot take the write lock once
    another connection has written since: it fails at once). PostgreSQL locks rows, not the
    database: nothing to do, and two round trips saved.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.commit()


def find_response(session: Session, nonce: str) -> SurveyResponse | None:
    return session.scalar(select(SurveyResponse).where(SurveyResponse.submission_token == nonce))


@dataclass
class Submitted:
    response_id: int
    created: bool  # False when this was a resend of a response already stored
    has_safeguarding_concern: bool = False


def age_band_of(specs: list[QuestionSpec], answers: dict[int, list[str]]) -> str | None:
    for spec in specs:
        if spec.kind == QuestionKind.ABOUT_AGE:
            values = answers.get(spec.id) or []
            if values and values[0] != PREFER_NOT:
                return values[0]
    return None


_responses = SurveyResponse.__table__


def submit_response(session: Session, link: SurveyLink, nonce: str, specs: list[QuestionSpec],
                    answers: dict[int, list[str]], *, now: datetime | None = None,
                    count_start: bool = False, savepoint: bool = True) -> Submitted:
    """Store one response (answers already checked by :mod:`surveys.answering`).

    The first statement is the INSERT, so on SQLite the transaction takes the write lock
    straight away and waits its turn, instead of reading first and failing to upgrade. A
    second copy of the same form fails the unique submission token and gets the first one's
    receipt. ``savepoint=False`` is for callers whose transaction holds nothing else yet (the
    public view): then that failure simply rolls the transaction back, one round trip less.

    Free-text answers become voice items (analysed now); if any may be a safeguarding concern
    the response is marked so the thank-you page can say where to get help. Plain INSERTs
    rather than ORM objects: this runs for every answer a young person sends.
    """
    now = now or utcnow()
    age_band = age_band_of(specs, answers)
    statement = insert(_responses).values(
        survey_id=link.survey_id, link_id=link.id, submission_token=nonce, created_at=now,
        age_band=age_band, has_safeguarding_concern=False).returning(_responses.c.id)
    try:
        if savepoint:
            with session.begin_nested():
                response_id = session.scalar(statement)
        else:
            response_id = session.scalar(statement)
    except IntegrityError:
        if not savepoint:
            session.rollback()
        existing = find_response(session, nonce)
        if existing is None:
            raise
        return Submitted(existing.id, created=False,
                         has_safeguarding_concern=existing.has_safeguarding_concern)
    # In question order, so voice items are made in the order they were asked. One INSERT for
    # all the answers; the ids come back in the same order.
    rows = [(spec, value) for spec in sorted(specs, key=lambda s: (s.position, s.id))
            for value in answers.get(spec.id, [])]
    answer_ids: list[int] = []
    if rows:
        answer_ids = list(session.scalars(
            insert(_answers).returning(_answers.c.id, sort_by_parameter_order=True),
            [{"response_id": response_id, "question_id": spec.id, "value": value}
             for spec, value in rows]))
    if count_start:
        count_started(session, link)
    flagged = False
    for (spec, value), answer_id in zip(rows, answer_ids, strict=True):
        if QuestionKind(spec.kind) not in TEXT_KINDS:
            continue
        item = record_voice_item(
            session, source="answer", text=value, service_id=link.service_id,
            source_id=answer_id, question_kind=spec.asks_about, area_id=link.area_id,
            channel=link.channel, age_band=age_band, created_at=now)
        flagged = flagged or item.is_safeguarding
    if flagged:
        session.execute(update(_responses).where(_responses.c.id == response_id)
                        .values(has_safeguarding_concern=True))
    return Submitted(response_id, created=True, has_safeguarding_concern=flagged)
