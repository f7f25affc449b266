"""Escalation when a promise is overdue (issue 13 point 4): a ladder the participation team sets.

1. Overdue (past its due date, not done and not "can't do"): its owner is told, that day.
2. Overdue for ``escalate_after_days`` (``LoopSettings``, set by the participation team): the
   owner organisation's staff (Voice has no single "lead contact" per organisation yet, so every
   active staff member of the owner organisation) and the commissioners are told, and the
   commitment shows as "overdue and escalated" on the commissioner's dashboard and the board
   report.

Each step is recorded in the commitment's history. When it stops being overdue (done, can't do,
or a new date), the ladder starts again from the bottom. :func:`escalate_overdue` is the daily
scheduler job; it is idempotent (levels on the commitment, and notification ``dedupe_key``).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from voice.auth.models import User
from voice.auth.roles import STAFF, Role
from voice.db import utcnow
from voice.loop.commitments import _event, commitment_owners
from voice.loop.models import Commitment, CommitmentStatus
from voice.loop.notifications import notify_all
from voice.loop.queue import loop_settings
from voice.loop.rag import today_in_london

OPEN = (CommitmentStatus.NOT_STARTED.value, CommitmentStatus.IN_PROGRESS.value)
OWNER_TOLD, ESCALATED = 1, 2


def escalation_recipients(session: Session, commitment: Commitment) -> list[User]:
    """Step 2: the owner organisation's staff, and the commissioners."""
    org_staff = session.scalars(select(User).where(
        User.organisation_id == commitment.owner_organisation_id, User.is_active.is_(True),
        User.role.in_([r.value for r in STAFF])).order_by(User.id))
    commissioners = session.scalars(select(User).where(
        User.role == Role.COMMISSIONER.value, User.is_active.is_(True)).order_by(User.id))
    return [*org_staff, *commissioners]


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def climb(session: Session, commitment: Commitment, *, today: date, after_days: int,
          now: datetime | None = None) -> int | None:
    """Move one commitment up (or back down) the ladder. Returns its new level if it changed."""
    overdue = commitment.status in OPEN and commitment.due_date < today
    if not overdue:
        if commitment.escalation_level:
            was = commitment.escalation_level
            commitment.escalation_level = 0
            commitment.escalated_at = None
            _event(session, commitment, None, "escalation_ended", {"escalation": [was, 0]},
                   note="No longer overdue")
            return 0
        return None
    days = (today - commitment.due_date).days
    level = ESCALATED if days >= after_days else OWNER_TOLD
    if level <= commitment.escalation_level:
        return None
    name = commitment.service.name
    url = f"/commitments/{commitment.id}"
    if commitment.escalation_level < OWNER_TOLD:
        notify_all(session, commitment_owners(session, commitment), kind="commitment_overdue",
                   title=f"A promise is overdue: {name}",
                   body=(f"“{_short(commitment.we_will)}” was due on "
                         f"{commitment.due_date:%-d %B %Y}. Update its progress, or give it a new "
                         f"date and say why. After {after_days} days overdue it is escalated to "
                         "your organisation and the commissioners."),
                   url=url, dedupe_key=f"commitment-overdue:{commitment.id}:{commitment.due_date}")
    if level == ESCALATED:
        notify_all(session, escalation_recipients(session, commitment),
                   kind="commitment_escalated",
                   title=f"Overdue and escalated: {name}",
                   body=(f"“{_short(commitment.we_will)}”, owned by "
                         f"{commitment.owner_organisation.name}, is {days} days overdue (due "
                         f"{commitment.due_date:%-d %B %Y}). Young people were promised this."),
                   url=url, dedupe_key=f"commitment-escalated:{commitment.id}:{commitment.due_date}")
        commitment.escalated_at = now or utcnow()
    was = commitment.escalation_level
    commitment.escalation_level = level
    note = ("Overdue: the owner was told" if level == OWNER_TOLD else
            f"{days} days overdue: escalated to {commitment.owner_organisation.name} and the "
            "commissioners")
    event = _event(session, commitment, None, "escalated", {"escalation": [was, level]}, note=note)
    if now is not None:
        event.created_at = now
    return level


def escalate_overdue(session: Session, now: datetime) -> str:
    """The daily job: every open commitment past its date climbs the ladder."""
    today = today_in_london(now)
    after = loop_settings(session).escalate_after_days
    told = escalated = ended = 0
    query = (select(Commitment).where(
        (Commitment.status.in_(OPEN) & (Commitment.due_date < today))
        | (Commitment.escalation_level > 0)).order_by(Commitment.id))
    for commitment in session.scalars(query).all():
        level = climb(session, commitment, today=today, after_days=after, now=now)
        told += level == OWNER_TOLD
        escalated += level == ESCALATED
        ended += level == 0
    session.flush()
    return (f"{today.isoformat()}: {told} owners told, {escalated} escalated after {after} days, "
            f"{ended} no longer overdue")


def is_overdue_and_escalated(commitment: Commitment) -> bool:
    return commitment.escalation_level >= ESCALATED
