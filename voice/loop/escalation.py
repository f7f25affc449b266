"""Escalation when a promise is overdue (issue 13 point 4): a ladder the participation team sets.

1. Overdue (past its due date, not done and not "can't do"): its owner is told, that day.
2. Overdue for ``escalate_after_days`` (``LoopSettings``, set by the participation team): the
   owner organisation's lead contact (``Organisation.lead_contact``) and the service's
   commissioner (``Service.commissioner``), both named by the participation team in the
   directory, are told, and so is the owner; the commitment shows as "overdue and escalated" on
   the commissioner's dashboard and the board report. When nobody is named (or the person named
   has left or changed role), the ladder falls back to every active staff member of the owner
   organisation, or to every commissioner, and the history says so.

Each step is recorded in the commitment's history. When it stops being overdue (done, can't do,
or a new date), the ladder starts again from the bottom. :func:`escalate_overdue` is the daily
scheduler job; it is idempotent (levels on the commitment, and notification ``dedupe_key``).
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass
class Escalation:
    """Who step 2 tells, and the words the commitment's history keeps about it."""

    users: list[User]
    told: list[str]  # the people named: "Sam Taylor (lead contact for Northdale Healthcare)"
    fallbacks: list[str]  # "no lead contact is named for X, so all of X's staff were told"

    @property
    def note(self) -> str:
        named = f" to {' and '.join(self.told)}" if self.told else ""
        return f"escalated{named}" + "".join(f"; {fallback}" for fallback in self.fallbacks)


def _staff(session: Session, organisation_id: int) -> list[User]:
    return list(session.scalars(select(User).where(
        User.organisation_id == organisation_id, User.is_active.is_(True),
        User.role.in_([r.value for r in STAFF])).order_by(User.id)))


def escalation_recipients(session: Session, commitment: Commitment) -> Escalation:
    """Step 2: the owner organisation's lead contact and the service's commissioner, each
    falling back to everyone who could be (all the organisation's staff, every commissioner)
    when nobody is named or the person named can no longer be told."""
    org, service = commitment.owner_organisation, commitment.service
    users: list[User] = []
    told: list[str] = []
    fallbacks: list[str] = []

    contact = org.lead_contact
    if (contact is not None and contact.is_active and contact.organisation_id == org.id
            and contact.role in STAFF):
        users.append(contact)
        told.append(f"{contact.display_name} (lead contact for {org.name})")
    else:
        why = (f"{contact.display_name}, named as {org.name}'s lead contact, no longer works "
               "there in Voice" if contact is not None else
               f"no lead contact is named for {org.name}")
        staff = _staff(session, org.id)
        users.extend(staff)
        if staff:
            fallbacks.append(f"{why}, so all of {org.name}'s staff were told")
        else:
            fallbacks.append(f"{why}, and nobody there has an account, so nobody there was told")

    commissioner = service.commissioner
    if (commissioner is not None and commissioner.is_active
            and commissioner.role == Role.COMMISSIONER):
        users.append(commissioner)
        told.append(f"{commissioner.display_name} (commissioner for {service.name})")
    else:
        why = (f"{commissioner.display_name}, named as the commissioner for {service.name}, is "
               "no longer a commissioner in Voice" if commissioner is not None else
               f"no commissioner is named for {service.name}")
        everyone = list(session.scalars(select(User).where(
            User.role == Role.COMMISSIONER.value, User.is_active.is_(True)).order_by(User.id)))
        users.extend(everyone)
        if everyone:
            fallbacks.append(f"{why}, so every commissioner was told")
        else:
            fallbacks.append(f"{why}, and Voice has no commissioners, so none was told")
    return Escalation(users=users, told=told, fallbacks=fallbacks)


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
                         "your organisation's lead contact and the service's commissioner."),
                   url=url, dedupe_key=f"commitment-overdue:{commitment.id}:{commitment.due_date}")
    escalation = None
    if level == ESCALATED:
        escalation = escalation_recipients(session, commitment)
        notify_all(session, [*escalation.users, *commitment_owners(session, commitment)],
                   kind="commitment_escalated",
                   title=f"Overdue and escalated: {name}",
                   body=(f"“{_short(commitment.we_will)}”, owned by "
                         f"{commitment.owner_organisation.name}, is {days} days overdue (due "
                         f"{commitment.due_date:%-d %B %Y}). Young people were promised this."),
                   url=url, dedupe_key=f"commitment-escalated:{commitment.id}:{commitment.due_date}")
        commitment.escalated_at = now or utcnow()
    was = commitment.escalation_level
    commitment.escalation_level = level
    note = ("Overdue: the owner was told" if escalation is None else
            f"{days} days overdue: {escalation.note}")
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
