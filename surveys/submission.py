"""The public side in the database: finding a link, counting the funnel, storing a response.

Storing is idempotent: each form carries a one-time token whose nonce is the response's
``submission_token`` (unique). A double tap or a resend after a dropped connection finds the
response already stored and gets the same thank-you page; the race between two copies
arriving at once is settled by the unique constraint, on PostgreSQL and SQLite alike.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

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


def find_link(session: Session, raw_token: str) -> SurveyLink | None:
    """The link for a token as typed or scanned (any case, spaces or dashes), with its survey."""
    token = normalise_link_token(raw_token)
    if token is None:
        return None
    return session.scalar(select(SurveyLink).where(SurveyLink.token == token)
                          .options(selectinload(SurveyLink.survey)))


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


def question_specs(session: Session, survey: Survey) -> list[QuestionSpec]:
    questions = session.scalars(select(Question).where(Question.survey_id == survey.id)
                                .order_by(Question.position, Question.id))
    return [QuestionSpec.of(q) for q in questions]


def count_opened(session: Session, link: SurveyLink) -> None:
    """One more view of the first page. No cookie or address: a reload counts again."""
    session.execute(update(SurveyLink).where(SurveyLink.id == link.id)
                    .values(opened_count=SurveyLink.opened_count + 1))


def count_started(session: Session, link: SurveyLink) -> None:
    """Someone sent their first page of answers (counted once per form)."""
    session.execute(update(SurveyLink).where(SurveyLink.id == link.id)
                    .values(started_count=SurveyLink.started_count + 1))


def find_response(session: Session, nonce: str) -> SurveyResponse | None:
    return session.scalar(select(SurveyResponse).where(SurveyResponse.submission_token == nonce))


@dataclass
class Submitted:
    response: SurveyResponse
    created: bool  # False when this was a resend of a response already stored


def age_band_of(specs: list[QuestionSpec], answers: dict[int, list[str]]) -> str | None:
    for spec in specs:
        if spec.kind == QuestionKind.ABOUT_AGE:
            values = answers.get(spec.id) or []
            if values and values[0] != PREFER_NOT:
                return values[0]
    return None


def submit_response(session: Session, link: SurveyLink, nonce: str, specs: list[QuestionSpec],
                    answers: dict[int, list[str]], *, now: datetime | None = None, count_start: bool = False) -> Submitted:
    """Store one response (answers already checked by :mod:`surveys.answering`).

    The first statement is the INSERT, so on SQLite the transaction takes the write lock
    straight away and waits its turn, instead of reading first and failing to upgrade.
    Free-text answers become voice items (analysed now); if any may be a safeguarding concern
    the response is marked so the thank-you page can say where to get help.
    """
    now = now or utcnow()
    response = SurveyResponse(survey_id=link.survey_id, link_id=link.id, submission_token=nonce,
                              created_at=now, age_band=age_band_of(specs, answers))
    try:
        with session.begin_nested():
            session.add(response)
            session.flush()
    except IntegrityError:
        existing = find_response(session, nonce)
        if existing is None:
            raise
        return Submitted(existing, created=False)
    # In question order, so voice items are made in the order they were asked.
    rows = [Answer(response_id=response.id, question_id=spec.id, value=value)
            for spec in sorted(specs, key=lambda s: (s.position, s.id))
            for value in answers.get(spec.id, [])]
    session.add_all(rows)
    if count_start:
        count_started(session, link)
    session.flush()
    by_id = {s.id: s for s in specs}
    for row in rows:
        spec = by_id.get(row.question_id)
        if spec is None or QuestionKind(spec.kind) not in TEXT_KINDS:
            continue
        item = record_voice_item(
            session, source="answer", text=row.value, service_id=link.service_id,
            source_id=row.id, question_kind=spec.asks_about,
            area_id=link.area_id, channel=link.channel, age_band=response.age_band,
            created_at=now)
        if item.is_safeguarding:
            response.has_safeguarding_concern = True
    session.flush()
    return Submitted(response, created=True)
