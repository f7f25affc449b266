"""The loop's scheduled jobs: the daily RAG check, the weekly digest and the email outbox.

Each is idempotent: run twice, the second run changes nothing (see :mod:`voice.scheduler`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from voice.auth.roles import Role
from voice.loop.commitments import refresh_rag
from voice.loop.models import Commitment, CommitmentStatus, ModerationState, VoiceItem, VoiceSource
from voice.loop.notifications import deliver_pending_email, notify_all, users_with_role
from voice.loop.rag import RAG, today_in_london
from voice.scheduler import period_key, register_job

DIGEST_DUE_WITHIN_DAYS = 14


def recompute_rag(session: Session, now: datetime) -> str:
    """Recompute every open commitment's RAG for today; owners hear about any that turn red."""
    today = today_in_london(now)
    open_statuses = [CommitmentStatus.NOT_STARTED.value, CommitmentStatus.IN_PROGRESS.value,
                     CommitmentStatus.CANT_DO.value]
    checked = changed = turned_red = 0
    commitments = session.scalars(select(Commitment).where(Commitment.status.in_(open_statuses))
                                  .order_by(Commitment.id)).all()
    for commitment in commitments:
        checked += 1
        if refresh_rag(session, commitment, today=today, now=now):
            changed += 1
            turned_red += commitment.rag == RAG.RED
    session.flush()
    return (f"checked {checked} commitment{'s' if checked != 1 else ''} for {today.isoformat()}: "
            f"{changed} changed, {turned_red} turned red")


def digest_figures(session: Session, now: datetime) -> dict[str, int]:
    week_ago = now - timedelta(days=7)
    today = today_in_london(now)

    def count(query) -> int:
        return session.scalar(query) or 0

    return {
        "new_cards": count(select(func.count(VoiceItem.id)).where(
            VoiceItem.source == VoiceSource.CARD.value, VoiceItem.created_at >= week_ago)),
        "new_items": count(select(func.count(VoiceItem.id)).where(VoiceItem.created_at >= week_ago)),
        "waiting": count(select(func.count(VoiceItem.id)).where(
            VoiceItem.state == ModerationState.NEW.value)),
        "escalated": count(select(func.count(VoiceItem.id)).where(
            VoiceItem.state == ModerationState.ESCALATED.value,
            VoiceItem.safeguarding_outcome.is_(None))),
        "due_soon": count(select(func.count(Commitment.id)).where(
            Commitment.status.in_([CommitmentStatus.NOT_STARTED.value,
                                   CommitmentStatus.IN_PROGRESS.value]),
            Commitment.due_date <= today + timedelta(days=DIGEST_DUE_WITHIN_DAYS))),
        "red": count(select(func.count(Commitment.id)).where(Commitment.rag == RAG.RED.value)),
    }


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def digest_text(figures: dict[str, int]) -> str:
    return "\n".join([
        "This week in Voice:",
        f"- {_plural(figures['new_cards'], 'new action card')} "
        f"({_plural(figures['new_items'], 'new thing')} young people said in all)",
        f"- {_plural(figures['waiting'], 'item')} waiting for moderation",
        f"- {_plural(figures['escalated'], 'item')} with a safeguarding lead, not yet dealt with",
        f"- {_plural(figures['due_soon'], 'commitment')} due in the next "
        f"{DIGEST_DUE_WITHIN_DAYS} days",
        f"- {_plural(figures['red'], 'commitment')} red: late or at risk",
    ])


def weekly_digest(session: Session, now: datetime) -> str:
    """A short weekly summary to every participation officer (in the app, and by email)."""
    figures = digest_figures(session, now)
    week = period_key("week", now)
    sent = notify_all(
        session, users_with_role(session, Role.PARTICIPATION), kind="digest",
        title=f"Your weekly Voice digest ({week})", body=digest_text(figures), url="/moderation",
        dedupe_key=f"digest:{week}")
    session.flush()
    return f"digest for {week} sent to {_plural(len(sent), 'participation officer')}"


def deliver_email(session: Session, now: datetime) -> str:
    """Send notification emails waiting in the outbox (only when SMTP is configured)."""
    return str(deliver_pending_email(session, current_app.config, now=now))


register_job("loop.recompute_rag", recompute_rag, period="day", cron={"hour": 6, "minute": 5},
             description="Recompute red, amber and green for every open commitment; tell owners "
                         "about any that turn red")
register_job("loop.weekly_digest", weekly_digest, period="week",
             cron={"day_of_week": "mon", "hour": 7, "minute": 30},
             description="Weekly digest to participation officers: new cards, moderation, "
                         "commitments due")
def escalate_overdue(session: Session, now: datetime) -> str:
    """The escalation ladder for overdue promises (voice.loop.escalation)."""
    from voice.loop.escalation import escalate_overdue as climb_all

    return climb_all(session, now)


register_job("loop.escalate_overdue", escalate_overdue, period="day",
             cron={"hour": 6, "minute": 20},
             description="Escalation ladder: tell owners about overdue promises, then their "
                         "organisation's lead contact and the service's commissioner after the "
                         "team's number of days")
register_job("loop.deliver_email", deliver_email, interval={"minutes": 2},
             lease=timedelta(minutes=10),
             description="Send notification emails from the outbox (when SMTP is configured)")
