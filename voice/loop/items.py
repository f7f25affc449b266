"""Turning what young people say into voice items. Surveys, action cards and inspections all
come in through :func:`record_voice_item`, never by writing the table themselves."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from voice.analysis import analyse
from voice.db import utcnow
from voice.loop.models import ModerationState, VoiceItem, VoiceSource

MAX_TEXT_LENGTH = 5000


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
) -> VoiceItem:
    """Store one piece of free text with its analysis. Safeguarding flags escalate at once."""
    source = VoiceSource(source)
    text = text[:MAX_TEXT_LENGTH]
    result = analyse(text, question_kind=question_kind)
    item = VoiceItem(
        source=source.value,
        source_id=source_id,
        service_id=service_id,
        area_id=area_id,
        channel=channel,
        age_band=age_band,
        question_kind=question_kind or "nonspecific",
        text=text,
        redacted_text=result.redacted_text,
        sentiment=result.sentiment,
        sentiment_score=result.sentiment_score,
        themes=list(result.themes),
        is_safeguarding=result.safeguarding,
        safeguarding_reasons=list(result.safeguarding_reasons),
        model_version=result.model_version,
        analysed_at=utcnow(),
        state=ModerationState.ESCALATED if result.safeguarding else ModerationState.NEW,
    )
    if created_at is not None:
        item.created_at = created_at
    session.add(item)
    session.flush()
    return item
