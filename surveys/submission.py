"""The public side in the database: finding a link, counting the funnel, storing a response.

Storing is idempotent: each form carries a one-time token whose nonce is the response's
``submission_token`` (unique). A double tap or a resend after a dropped connection finds the
response already stored and gets the same thank-you page; the race between two copies
arriving at once is settled by the unique constraint, on PostgreSQL and SQLite alike.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    Integer,
    Text,
    bindparam,
    cast,
    event,
    func,
    insert,
    select,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, scoped_session

from surveys.answering import Flow
from surveys.models import Answer, Question, Survey, SurveyLink, SurveyResponse, SurveyStatus
from surveys.questions import TEXT_KINDS, QuestionKind, QuestionSpec
from surveys.tokens import normalise_link_token
from voice.analysis import Analysis
from voice.db import DirectInsert, utcnow
from voice.loop.items import analyse_for_item, record_voice_item

log = logging.getLogger(__name__)


class LinkState(StrEnum):
    OPEN = "open"
    UNKNOWN = "unknown"
    PAUSED = "paused"
    NOT_OPEN_YET = "not_open_yet"   # a draft, or an opening date still to come
    CLOSED = "closed"


_links = SurveyLink.__table__
_surveys = Survey.__table__
_answers = Answer.__table__
_responses = SurveyResponse.__table__

_LINK_BY_TOKEN = select(SurveyLink).where(SurveyLink.token == bindparam("token"))


def find_link(session: Session, raw_token: str) -> SurveyLink | None:
    """The link for a token as typed or scanned (any case, spaces or dashes), with its survey."""
    token = normalise_link_token(raw_token)
    if token is None:
        return None
    return session.scalar(_LINK_BY_TOKEN, {"token": token})


@dataclass(frozen=True)
class PublicLink:
    """What sending a survey needs of a link and its survey, read as one plain row (no ORM
    objects: this is the hottest read in Voice). Pages that show the survey load the
    :class:`SurveyLink` itself (:func:`find_link`)."""

    id: int
    survey_id: int
    service_id: int
    area_id: int
    channel: str
    token: str
    is_paused: bool
    survey_status: str
    is_template: bool
    opens_on: date | None
    closes_on: date | None
    layout: str
    survey_created_at: datetime
    questions_version: int


_PUBLIC_LINK = (
    select(_links.c.id, _links.c.survey_id, _links.c.service_id, _links.c.area_id,
           _links.c.channel, _links.c.token, _links.c.is_paused, _surveys.c.status,
           _surveys.c.is_template, _surveys.c.opens_on, _surveys.c.closes_on,
           _surveys.c.layout, _surveys.c.created_at, _surveys.c.questions_version)
    .join(_surveys, _surveys.c.id == _links.c.survey_id)
    .where(_links.c.token == bindparam("token"))
)


# Each worker remembers the links it has just served for a few seconds, so a burst of answers
# (a school assembly scanning one poster) reads the link once, not once per answer. A change
# made in this worker (pausing the link, closing the survey, editing a question: any ORM write
# to a link or survey) forgets them at once; other workers see it within PUBLIC_LINK_SECONDS.
# Unknown tokens are never remembered, so guessing cannot fill the memory.
PUBLIC_LINK_SECONDS = 5.0
_PUBLIC_LINK_CACHE_SIZE = 1024
_PUBLIC_LINKS: OrderedDict[str, tuple[float, PublicLink]] = OrderedDict()


def find_public_link(session: Session, raw_token: str, *, fresh: bool = False) -> PublicLink | None:
    """:func:`find_link` as one plain row: the link and what decides whether it takes answers.

    At most :data:`PUBLIC_LINK_SECONDS` old (see above); ``fresh`` reads the database.
    """
    token = normalise_link_token(raw_token)
    if token is None:
        return None
    now = time.monotonic()
    cached = None if fresh else _PUBLIC_LINKS.get(token)
    if cached is not None and now - cached[0] < PUBLIC_LINK_SECONDS:
        return cached[1]
    row = session.execute(_PUBLIC_LINK, {"token": token}).first()
    if row is None:
        _PUBLIC_LINKS.pop(token, None)
        return None
    link = PublicLink(*row)
    _PUBLIC_LINKS[token] = (now, link)
    _PUBLIC_LINKS.move_to_end(token)
    while len(_PUBLIC_LINKS) > _PUBLIC_LINK_CACHE_SIZE:
        _PUBLIC_LINKS.popitem(last=False)
    return link


def forget_public_links(*_args) -> None:
    """Forget every remembered link (after a change to a link or survey in this worker)."""
    _PUBLIC_LINKS.clear()


for _model in (Survey, SurveyLink):
    for _change in ("after_insert", "after_update", "after_delete"):
        event.listen(_model, _change, forget_public_links)


def link_state(link: SurveyLink | PublicLink | None, today: date) -> LinkState:
    if isinstance(link, PublicLink):
        return _state(link.is_template, link.survey_status, link.opens_on, link.closes_on,
                      link.is_paused, today)
    if link is None or link.survey is None:
        return LinkState.UNKNOWN
    survey = link.survey
    return _state(survey.is_template, survey.status, survey.opens_on, survey.closes_on,
                  link.is_paused, today)


def _state(is_template: bool, status: str, opens_on: date | None, closes_on: date | None,
           is_paused: bool, today: date) -> LinkState:
    if is_template:
        return LinkState.UNKNOWN
    is_open = status == SurveyStatus.OPEN
    if status == SurveyStatus.CLOSED or (is_open and closes_on is not None and today > closes_on):
        return LinkState.CLOSED
    if is_paused:
        return LinkState.PAUSED
    # Survey.accepting_on: open, and inside the dates if set.
    if not is_open or (opens_on is not None and today < opens_on) or (
            closes_on is not None and today > closes_on):
        return LinkState.NOT_OPEN_YET
    return LinkState.OPEN


# Each worker keeps the questions of the surveys it has served, keyed by the survey's
# ``questions_version`` (bumped by every change to a question), so a stale copy is never used.
_SPEC_CACHE: OrderedDict[tuple[int, str, int], tuple[QuestionSpec, ...]] = OrderedDict()
_SPEC_CACHE_SIZE = 256


def question_specs(session: Session, survey: Survey) -> list[QuestionSpec]:
    """The survey's questions in order, as plain data (cached per worker; see above)."""
    return list(_cached_specs(session, survey.id, survey.created_at, survey.questions_version))


def _cached_specs(session: Session, survey_id: int, created_at: datetime,
                  version: int | None) -> tuple[QuestionSpec, ...]:
    # created_at as well: SQLite can give a deleted survey's id to a new one.
    key = (survey_id, created_at.isoformat(), version or 1)
    cached = _SPEC_CACHE.get(key)
    if cached is None:
        questions = session.scalars(select(Question).where(Question.survey_id == survey_id)
                                    .order_by(Question.position, Question.id))
        cached = tuple(QuestionSpec.of(q) for q in questions)
        _SPEC_CACHE[key] = cached
        while len(_SPEC_CACHE) > _SPEC_CACHE_SIZE:
            _SPEC_CACHE.popitem(last=False)
    else:
        _SPEC_CACHE.move_to_end(key)
    return cached


# The pages of each survey, worked out once per worker from the cached questions (a Flow is
# never changed once made). Keyed as the questions are, with the layout.
_FLOW_CACHE: OrderedDict[tuple, tuple[tuple[QuestionSpec, ...], Flow]] = OrderedDict()


def survey_flow(session: Session, link: PublicLink) -> Flow:
    """The survey's questions and pages (cached per worker, keyed by ``questions_version``)."""
    specs = _cached_specs(session, link.survey_id, link.survey_created_at,
                          link.questions_version)
    key = (link.survey_id, link.survey_created_at.isoformat(), link.questions_version or 1,
           link.layout)
    cached = _FLOW_CACHE.get(key)
    if cached is None or cached[0] is not specs:  # made from these very questions
        cached = (specs, Flow(list(specs), link.layout))
        _FLOW_CACHE[key] = cached
        while len(_FLOW_CACHE) > _SPEC_CACHE_SIZE:
            _FLOW_CACHE.popitem(last=False)
    else:
        _FLOW_CACHE.move_to_end(key)
    return cached[1]


# Statements used on every public request are built once (building one costs more than
# running it).
_COUNT_OPENED = (update(_links).where(_links.c.id == bindparam("link_id"))
                 .values(opened_count=_links.c.opened_count + 1))
_COUNT_STARTED = (update(_links).where(_links.c.id == bindparam("link_id"))
                  .values(started_count=_links.c.started_count + 1))


def count_opened(session: Session, link: SurveyLink | PublicLink) -> None:
    """One more view of the first page. No cookie or address: a reload counts again.
    (A plain UPDATE in the database, so two phones at once both count.)"""
    session.execute(_COUNT_OPENED, {"link_id": link.id})
    _forget(session, link, "opened_count")


def count_started(session: Session, link: SurveyLink | PublicLink) -> None:
    """Someone sent the first page of a form with more pages to come (counted once per form;
    a form whose first send stores it counts through its response, see
    :func:`started_counts`)."""
    session.execute(_COUNT_STARTED, {"link_id": link.id})
    _forget(session, link, "started_count")


def started_counts(session: Session, links: list[SurveyLink]) -> dict[int, int]:
    """The funnel's "started" for each link: forms started by an earlier page (the link's
    counter) plus responses whose one send started and finished the form."""
    if not links:
        return {}
    on_responses = dict(session.execute(
        select(SurveyResponse.link_id, func.count())
        .where(SurveyResponse.link_id.in_([link.id for link in links]),
               SurveyResponse.counted_start)
        .group_by(SurveyResponse.link_id)).all())
    return {link.id: link.started_count + on_responses.get(link.id, 0) for link in links}


def _forget(session: Session, link: SurveyLink | PublicLink, attribute: str) -> None:
    """The database has the new count; read it from there next time."""
    loaded = session.identity_map.get(session.identity_key(SurveyLink, link.id))
    if loaded is not None:
        session.expire(loaded, [attribute])


def end_reading(session: Session) -> None:
    """Before the first write of a public request.

    SQLite: end the reading transaction, so the write that follows starts a fresh one and
    waits its turn for the lock (a transaction that has read cannot take the write lock once
    another connection has written since: it fails at once). PostgreSQL locks rows, not the
    database: nothing to do, and two round trips saved.
    """
    plain = session() if isinstance(session, scoped_session) else session
    if plain.in_transaction() and plain.get_bind().dialect.name == "sqlite":
        plain.commit()  # (nothing read yet, as on the hot path: nothing to end)


def find_response(session: Session, nonce: str) -> SurveyResponse | None:
    return session.scalar(select(SurveyResponse).where(SurveyResponse.submission_token == nonce))


@dataclass
class Submitted:
    response_id: int
    created: bool  # False when this was a resend of a response already stored
    has_safeguarding_concern: bool = False


def age_band_of(specs: list[QuestionSpec], answers: dict[int, list[str]]) -> str | None:
    """The age band to store with the response and its voice items (voice.ages), "prefer not
    to say" included, so summaries can tell it from a question left blank."""
    for spec in specs:
        if spec.kind == QuestionKind.ABOUT_AGE:
            values = answers.get(spec.id) or []
            if values:
                return values[0]
    return None


_RESPONSE_COLUMNS = ("survey_id", "link_id", "submission_token", "created_at", "age_band",
                     "has_safeguarding_concern", "receipt_hash", "language", "counted_start")
# Elsewhere than PostgreSQL (SQLite), the response and, without free text, its answers go
# straight to the driver (voice.db.DirectInsert): one statement each, on every answer sent.
_INSERT_RESPONSE = DirectInsert(insert(_responses).returning(_responses.c.id), _RESPONSE_COLUMNS)
_INSERT_ANSWERS = insert(_answers).returning(_answers.c.id, _answers.c.question_id,
                                             _answers.c.value)
# Without free text no answer's id is needed: a plain executemany (no RETURNING to match up).
_INSERT_ANSWERS_ONLY = DirectInsert(insert(_answers), ("response_id", "question_id", "value"))


def _store_together():
    """PostgreSQL only: the response and all its answers in ONE statement (a data-modifying
    WITH query), so one round trip to the database instead of two.
    The answers come as two arrays, so the statement is the same whatever the number of
    answers (prepared once per connection). Returns (answer id, response id, question, value).
    Parameters are named ``new_…``: a parameter named like a column of a table being updated
    would be taken as a value to SET."""
    response = (insert(_responses).values(
        survey_id=bindparam("new_survey_id"), link_id=bindparam("new_link_id"),
        submission_token=bindparam("new_submission_token"), created_at=bindparam("new_created_at"),
        age_band=bindparam("new_age_band"),
        has_safeguarding_concern=bindparam("new_has_safeguarding_concern"),
        receipt_hash=bindparam("new_receipt_hash"), language=bindparam("new_language"),
        counted_start=bindparam("new_counted_start", type_=Boolean))
        .returning(_responses.c.id).cte("new_response"))
    given = (func.unnest(cast(bindparam("new_question_ids"), ARRAY(Integer)),
                         cast(bindparam("new_answer_values"), ARRAY(Text)))
             .table_valued("question_id", "value", with_ordinality="position")
             .render_derived(name="given"))
    answers = (select(response.c.id, given.c.question_id, given.c.value)
               .select_from(response).join(given, true()).order_by(given.c.position))
    return (insert(_answers).from_select(["response_id", "question_id", "value"], answers)
            .returning(_answers.c.id, _answers.c.response_id, _answers.c.question_id,
                       _answers.c.value))


_STORE_TOGETHER = _store_together()
_TOGETHER_ON = frozenset({"postgresql"})  # databases :data:`_STORE_TOGETHER` is used on


@dataclass(frozen=True)
class TextAnswer:
    """A free-text answer, analysed before the response is stored."""

    spec: QuestionSpec
    value: str
    analysis: Analysis | None  # None: the analyser failed; a person reads it in moderation


def _in_order(specs: list[QuestionSpec]) -> list[QuestionSpec]:
    return sorted(specs, key=lambda s: (s.position, s.id))


def analyse_text_answers(session: Session, specs: list[QuestionSpec],
                         answers: dict[int, list[str]]) -> list[TextAnswer]:
    """Analyse the free-text answers (pure work, no writing), in the order they were asked.

    The public view does this before its write transaction, so SQLite's single write lock is
    held for the INSERTs only, not for the analysis.
    """
    return [TextAnswer(spec, value, analyse_for_item(session, value, spec.asks_about))
            for spec in _in_order(specs) if QuestionKind(spec.kind) in TEXT_KINDS
            for value in answers.get(spec.id, [])]


def submit_response(session: Session, link: SurveyLink | PublicLink, nonce: str,
                    specs: list[QuestionSpec], answers: dict[int, list[str]], *,
                    now: datetime | None = None, count_start: bool = False,
                    savepoint: bool = True,
                    analysed: list[TextAnswer] | None = None,
                    receipt_hash: str | None = None, language: str | None = None) -> Submitted:
    """Store one response (answers already checked by :mod:`surveys.answering`).

    Free-text answers become voice items (``analysed``: from :func:`analyse_text_answers`,
    made before the caller's write transaction; analysed here when not given); if any may be
    a safeguarding concern the response is marked so the thank-you page can say where to get
    help.

    The first statement is the INSERT (when the caller analysed first and ended its read),
    so on SQLite the transaction takes the write lock straight away and waits its turn,
    instead of reading first and failing to upgrade. A second copy of the same form fails the
    unique submission token and gets the first one's receipt. ``savepoint=False`` is for
    callers whose transaction holds nothing else yet (the public view): then that failure
    simply rolls the transaction back, one round trip less. ``receipt_hash``: the keyed hash
    of the thank-you page's receipt (:func:`surveys.receipts.hash_receipt`), which lets the
    young person delete their answers for a few days. ``language``: the version of the survey
    shown (``"cy"``, ``"en-easy"``, …; surveys/content.py), kept to count answers by language.
    ``count_start``: this send was also the form's first, so the response counts as "started"
    (``SurveyResponse.counted_start``; nothing is written on the link).

    Plain statements rather than ORM objects: this runs for every answer a young person sends.
    On PostgreSQL the response and its answers are one statement (:data:`_STORE_TOGETHER`);
    elsewhere one INSERT for the response and one for all its answers. Then one INSERT per
    voice item.
    """
    now = now or utcnow()
    if analysed is None:
        analysed = analyse_text_answers(session, specs, answers)
    flagged = any(t.analysis is not None and t.analysis.safeguarding for t in analysed)
    age_band = age_band_of(specs, answers)
    row = {"survey_id": link.survey_id, "link_id": link.id, "submission_token": nonce,
           "created_at": now, "age_band": age_band, "has_safeguarding_concern": flagged,
           "receipt_hash": receipt_hash, "language": language, "counted_start": count_start}
    # In question order, so the answers' ids follow the questions.
    given = [(spec.id, value) for spec in _in_order(specs) for value in answers.get(spec.id, [])]
    # The statements go to the session's connection (same transaction): Core statements need
    # none of the ORM's execution steps, and this runs for every answer a young person sends.
    connection = session.connection()
    together = bool(given) and connection.dialect.name in _TOGETHER_ON
    if together:
        params = {f"new_{key}": value for key, value in row.items()} | {
            "new_question_ids": [q for q, _ in given],
            "new_answer_values": [v for _, v in given]}

        def store(on):
            return on.execute(_STORE_TOGETHER, params).all()
    else:
        def store(on):
            return _INSERT_RESPONSE.execute(on, row)
    try:
        if savepoint:
            with session.begin_nested():  # the SAVEPOINT is sent when its connection is asked for
                returned = store(session.connection())
        else:
            returned = store(connection)
    except IntegrityError:
        if not savepoint:
            session.rollback()
        existing = find_response(session, nonce)
        if existing is None:
            raise
        return Submitted(existing.id, created=False,
                         has_safeguarding_concern=existing.has_safeguarding_concern)
    if together:
        response_id = returned[0][1]
        stored = [(answer_id, question_id, value)
                  for answer_id, _, question_id, value in returned]
    else:
        # One INSERT for all the answers.
        response_id = returned[0][0]
        rows = [{"response_id": response_id, "question_id": question_id, "value": value}
                for question_id, value in given]
        stored = []
        if rows and analysed:  # the voice items need their answers' ids
            stored = connection.execute(_INSERT_ANSWERS, rows).all()
        elif rows:
            _INSERT_ANSWERS_ONLY.executemany(connection, rows)
    # The answers' ids come back with their question and value (RETURNING order is not
    # promised, so they are matched up rather than counted off).
    answer_ids: dict[tuple[int, str], list[int]] = {}
    for answer_id, question_id, value in stored:
        answer_ids.setdefault((question_id, value), []).append(answer_id)
    for ids in answer_ids.values():
        ids.sort()
    for text_answer in analysed:
        spec = text_answer.spec
        record_voice_item(
            session, source="answer", text=text_answer.value, service_id=link.service_id,
            source_id=answer_ids[(spec.id, text_answer.value)].pop(0),
            question_kind=spec.asks_about, area_id=link.area_id, channel=link.channel,
            age_band=age_band, created_at=now, analysis=text_answer.analysis)
    return Submitted(response_id, created=True, has_safeguarding_concern=flagged)
