"""Keeping young people's words no longer than promised.

The privacy notice promises that what a young person writes is deleted after the retention
period (``VOICE_RETENTION_MONTHS``, three years by default), while totals that cannot identify
anyone may be kept. So, once a voice item or action card is older than that, its words are
erased: the original, the redacted copy and the public wording. What stays is what counts need:
the service, date, source, sentiment, themes and moderation state. Commitments keep their own
"you said" summary, which staff wrote.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from voice.loop.models import ActionCard, VoiceItem
from voice.scheduler import register_job

DEFAULT_RETENTION_MONTHS = 36


def retention_cutoff(now: datetime, months: int) -> datetime:
    """The moment before which words are erased (a month counted as 30.44 days)."""
    return now - timedelta(days=round(months * 30.44))


def erase_expired_words(session: Session, now: datetime, months: int = DEFAULT_RETENTION_MONTHS) -> dict[str, int]:
    """Erase the words of voice items and action cards older than the retention period.

    Idempotent: already-erased rows are not touched again.
    """
    cutoff = retention_cutoff(now, months)
    items = session.execute(
        update(VoiceItem)
        .where(VoiceItem.created_at < cutoff,
               or_(VoiceItem.text != "", VoiceItem.redacted_text != "", VoiceItem.public_text.is_not(None)))
        .values(text="", redacted_text="", public_text=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    cards = session.execute(
        update(ActionCard)
        .where(ActionCard.created_at < cutoff, or_(ActionCard.what != "", ActionCard.why != ""))
        .values(what="", why="")
        .execution_options(synchronize_session=False)
    ).rowcount
    session.expire_all()
    return {"voice_items": items or 0, "action_cards": cards or 0}


def oldest_words(session: Session) -> datetime | None:
    """When the oldest words still kept were written (for the operations page and tests)."""
    return session.scalar(select(VoiceItem.created_at).where(VoiceItem.text != "")
                          .order_by(VoiceItem.created_at).limit(1))


def retention_job(session: Session, now: datetime) -> str:
    months = int(current_app.config.get("RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS))
    erased = erase_expired_words(session, now, months)
    return (f"erased the words of {erased['voice_items']} voice items and "
            f"{erased['action_cards']} action cards older than {months} months")


register_job("loop.retention", retention_job, period="day", cron={"hour": 2, "minute": 30},
             description="Erase young people's words older than the retention period "
                         "(VOICE_RETENTION_MONTHS, default 36); counts are kept")
