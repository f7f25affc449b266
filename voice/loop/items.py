"""Turning what young people say into voice items. Surveys, action cards and inspections all
come in through :func:`record_voice_item`, never by writing the table themselves.

Other packages also read voice items through the clauses here, so that "what may be shown" is
decided in one place:

- :func:`public_items_clause`: approved by a person, not a safeguarding concern (public pages).
- :func:`reportable_items_clause`: everything except hidden, escalated or safeguarding items
  (commissioners' summaries and exports).
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import ColumnElement, insert, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session, make_transient_to_detached

from voice.analysis import Analysis, reason_label
from voice.auth.models import User
from voice.auth.roles import Role
from voice.db import utcnow
from voice.directory.models import Service
from voice.learning.engine import analyse_new_text
from voice.loop.models import ModerationState, VoiceItem, VoiceSource

log = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 5000

# ``record_voice_item(analysis=...)`` left out: analyse the words there and then.
ANALYSE_NOW = object()


def analyse_for_item(session: Session, text: str, question_kind: str | None = None, *,
                     source: VoiceSource | str = VoiceSource.ANSWER) -> Analysis | None:
    """The analysis :func:`record_voice_item` stores, made ahead of it (with the live engine).

    For callers that analyse before opening their write transaction, so that the analysis is
    not done while holding SQLite's single write lock. None when the analyser failed (logged):
    the words are still kept, and wait for a person in moderation.
    """
    try:
        # The live engine: the participation team's theme rules and the live model, cached
        # per process (voice.learning.engine).
        return analyse_new_text(session, text[:MAX_TEXT_LENGTH], question_kind)
    except Exception:  # never lose a young person's words because the analyser failed
        log.exception("Analysis failed for a new %s voice item; stored for a person to read",
                      VoiceSource(source).value)
        return None


def record_voice_item(
    session: Session,
    *,
    source: VoiceSource | str,
    text: str,
    service_id: int,
    source_id: int | None = None,
    question_kind: str | None = None,
    area_id: int | None = None,
    channel: str | None = None,
    age_band: str | None = None,
    created_at: datetime | None = None,
    analysis: Analysis | None | object = ANALYSE_NOW,
) -> VoiceItem:
    """Store one piece of free text with its analysis. Safeguarding flags escalate at once.

    A flagged item goes straight to the service's safeguarding lead (an in-app notification,
    emailed when SMTP is set up); the caller should show the young person the kind "help now"
    message when ``item.is_safeguarding`` is true. If the analysis itself fails, the words are
    still kept (nothing a young person sent is lost) and wait for a person in moderation.

    ``analysis``: made beforehand with :func:`analyse_for_item` for the same text and question
    kind (None if that failed); by default the text is analysed here.
    """
    source = VoiceSource(source)
    text = text[:MAX_TEXT_LENGTH]
    item = VoiceItem(
        source=source.value,
        source_id=source_id,
        service_id=service_id,
        area_id=area_id,
        channel=channel,
        age_band=age_band,
        question_kind=question_kind or "nonspecific",
        text=text,
        redacted_text="",
        themes=[],
        safeguarding_reasons=[],
        state=ModerationState.NEW,
    )
    result = (analyse_for_item(session, text, question_kind, source=source)
              if analysis is ANALYSE_NOW else analysis)
    if result is not None:
        item.redacted_text = result.redacted_text
        item.sentiment = result.sentiment
        item.sentiment_score = result.sentiment_score
        item.themes = list(result.themes)
        item.is_safeguarding = bool(result.safeguarding)
        item.safeguarding_reasons = list(result.safeguarding_reasons)
        item.model_version = result.model_version
        item.analysed_at = utcnow()
        if item.is_safeguarding:
            item.state = ModerationState.ESCALATED
            item.escalated_at = utcnow()
            reasons = "; ".join(map(reason_label, item.safeguarding_reasons)) or (
                "possible risk of harm")
            item.escalation_note = f"Flagged automatically when it arrived: {reasons}"
    if created_at is not None:
        item.created_at = created_at
    _store(session, item)
    if item.state == ModerationState.ESCALATED:
        notify_safeguarding(session, item)
    return item


_ITEMS = VoiceItem.__table__
_INSERT_ITEM = insert(_ITEMS).returning(_ITEMS.c.id)


def _default_of(column):
    """The model's Python-side default for a column, as a function (None: no default)."""
    default = column.default
    if default is None:
        return None
    if default.is_callable:
        return lambda: default.arg(None)
    return lambda: default.arg


# (attribute, column, default) for every column but the id.
_COLUMNS = [(prop.key, prop.columns[0].key, _default_of(prop.columns[0]))
            for prop in sa_inspect(VoiceItem).column_attrs if not prop.columns[0].primary_key]


def _store(session: Session, item: VoiceItem) -> None:
    """INSERT the new item as one plain statement, then attach it to the session as stored
    (what ``session.add(item); session.flush()`` does, for a fraction of the cost: this runs
    for every free-text answer a young person sends)."""
    session.flush()  # anything the caller added first goes first, as with a flush
    state = item.__dict__
    values = {}
    for key, column_key, default in _COLUMNS:
        value = state.get(key)
        if value is None and default is not None:  # the model's default, as the ORM would
            value = default()
            setattr(item, key, value)
        elif key not in state:  # None, and known to be None (not left to load)
            setattr(item, key, None)
        values[column_key] = value
    item.id = session.scalar(_INSERT_ITEM, values)
    make_transient_to_detached(item)  # every column is set, so nothing is left to load
    session.add(item)


def safeguarding_recipients(session: Session, service: Service) -> list[User]:
    """The service's safeguarding lead; without one, the participation team (as the service
    page says), so that a possible disclosure is never left unread."""
    lead = service.safeguarding_lead
    if lead is not None and lead.is_active:
        return [lead]
    return list(session.scalars(select(User).where(
        User.role.in_([Role.PARTICIPATION.value, Role.ADMIN.value]),
        User.is_active.is_(True)).order_by(User.id)))


def notify_safeguarding(session: Session, item: VoiceItem) -> list:
    """Put an escalated item in front of the people who must read it now. Idempotent."""
    from voice.loop.notifications import notify_all

    service = item.service or session.get(Service, item.service_id)
    no_lead = service.safeguarding_lead is None
    body = (f"Something a young person wrote about {service.name} may mean they or someone else "
            "is not safe. Please read it today and decide what to do.")
    if no_lead:
        body += (f" {service.name} has no safeguarding lead set, so this has come to the "
                 "participation team: please pass it on and set a lead for the service.")
    return notify_all(
        session, safeguarding_recipients(session, service),
        kind="safeguarding", title=f"Possible safeguarding concern: {service.name}", body=body,
        url=f"/safeguarding/items/{item.id}", dedupe_key=f"safeguarding:{item.id}")


def public_items_clause() -> ColumnElement[bool]:
    """Items that may appear on public pages: approved by a person, never safeguarding.
    The reading rule for the public (:func:`voice.loop.reading.readable_items_clause`)."""
    from voice.loop.reading import PUBLIC, readable_items_clause

    return readable_items_clause(PUBLIC)


def reportable_items_clause() -> ColumnElement[bool]:
    """Items that may be counted for commissioners: not hidden, not escalated, not a
    safeguarding concern. Counting only: their words are read through
    :mod:`voice.loop.reading` (:func:`~voice.loop.reading.countable_items_clause`)."""
    from voice.loop.reading import countable_items_clause

    return countable_items_clause()
