"""The loop's part of the staff home page (:mod:`voice.today`): items past the moderation
target, cards waiting for an answer, escalations waiting for their safeguarding lead, red
promises this person owns, and promises overdue and escalated for commissioners."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from voice.auth.models import User
from voice.auth.roles import MANAGERS, Role
from voice.directory.models import Service
from voice.loop import queue, replies
from voice.loop.escalation import ESCALATED
from voice.loop.models import Commitment, CommitmentStatus, ModerationState, VoiceItem
from voice.loop.rag import RAG
from voice.today import Waiting, register

OPEN = [CommitmentStatus.NOT_STARTED.value, CommitmentStatus.IN_PROGRESS.value]


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _escalations_waiting(session: Session, user: User) -> int:
    query = (select(func.count(VoiceItem.id)).join(Service, Service.id == VoiceItem.service_id)
             .where(VoiceItem.state == ModerationState.ESCALATED.value,
                    VoiceItem.safeguarding_outcome.is_(None)))
    if user.role == Role.SAFEGUARDING:
        query = query.where(Service.safeguarding_lead_id == user.id)
    else:  # the participation team stands in where a service has no lead
        query = query.where(Service.safeguarding_lead_id.is_(None))
    return session.scalar(query) or 0


def _red_owned(session: Session, user: User) -> int:
    mine = Commitment.owner_user_id == user.id
    if user.organisation_id is not None:
        mine = or_(mine, (Commitment.owner_organisation_id == user.organisation_id)
                   & Commitment.owner_user_id.is_(None))
    return session.scalar(select(func.count(Commitment.id)).where(
        mine, Commitment.rag == RAG.RED.value, Commitment.status.in_(OPEN))) or 0


@register
def loop_waiting(session: Session, user: User) -> list[Waiting]:
    found: list[Waiting] = []
    if user.role in (Role.SAFEGUARDING, *MANAGERS):
        n = _escalations_waiting(session, user)
        found.append(Waiting(n, _plural(n, "possible safeguarding concern waits for you",
                                        "possible safeguarding concerns wait for you")
                             + (" (services with no safeguarding lead)"
                                if user.role != Role.SAFEGUARDING else ""),
                             "/safeguarding", urgent=True))
    if user.role in MANAGERS:
        target = queue.loop_settings(session).moderation_target_days
        n = queue.overdue_count(session)
        found.append(Waiting(n, _plural(n, "item has", "items have") + " waited longer than the "
                             f"team's target of {target} day{'s' if target != 1 else ''}",
                             "/moderation"))
    if user.role in MANAGERS or user.role == Role.PROVIDER:
        _, n = replies.cards_to_answer(session, user, per_page=1)
        found.append(Waiting(n, _plural(n, "card is", "cards are") + " waiting for an answer",
                             "/answers"))
    if user.role in (Role.PROVIDER, Role.COMMISSIONER, *MANAGERS):
        n = _red_owned(session, user)
        found.append(Waiting(n, _plural(n, "promise you own is", "promises you own are")
                             + " red: late or at risk", "/commitments?rag=red&open=1", urgent=True))
    if user.role == Role.COMMISSIONER or user.role in MANAGERS:
        n = session.scalar(select(func.count(Commitment.id)).where(
            Commitment.escalation_level >= ESCALATED, Commitment.status.in_(OPEN))) or 0
        found.append(Waiting(n, _plural(n, "promise is", "promises are") + " overdue and "
                             "escalated", "/summaries/", urgent=user.role == Role.COMMISSIONER))
    return found
