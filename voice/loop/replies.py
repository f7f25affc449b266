"""Every card gets a truthful public reply (issue 13 point 2).

A participation officer, or the provider of the service, answers what one young person said
without making a commitment: "we heard you", "this is already happening", "why we can't do
this", or "this is part of a promise" (naming a published commitment). A card marked as saying
the same as another shows that card's answer and promises.

:func:`card_status` is what ``/check`` says, and it is always true: received (nobody has read it
yet), read, answered (with the answer), part of a promise (with its status), or read and not
shown publicly, with the reason in kind words. A possible safeguarding concern is never
described as such: once the safeguarding lead has dealt with it, it reads as "read, and kept
private".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from voice import N_
from voice.audit.services import record
from voice.auth.models import User
from voice.auth.roles import MANAGERS, Role
from voice.db import utcnow
from voice.directory.models import Organisation, Service, service_areas
from voice.errors import InvalidState, NotAllowed, VoiceError
from voice.loop.models import (
    ActionCard,
    Commitment,
    ItemReply,
    ModerationState,
    ReplyKind,
    VoiceItem,
    VoiceSource,
)
from voice.loop.reading import (
    PUBLIC,
    publishable,
    readable_items_clause,
    reader_for,
    wording_for,
)

MAX_REPLY = 1200


class ReplyError(VoiceError):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# ---- who may answer ------------------------------------------------------------------------------

def can_reply(user: User | None, item: VoiceItem) -> bool:
    """The participation team, or a provider user of the item's service. Never for a possible
    safeguarding concern: that belongs to the safeguarding lead."""
    if user is None:
        return True  # the system (demo, tests)
    if item.state == ModerationState.ESCALATED or item.is_safeguarding:
        return False
    if user.role in MANAGERS:
        return True
    # A provider answers only words they can read: approved for publication.
    return (user.role == Role.PROVIDER and user.organisation_id is not None
            and item.service is not None and item.service.provider_id == user.organisation_id
            and publishable(item))


def reply_for(session: Session, item: VoiceItem) -> ItemReply | None:
    return session.scalar(select(ItemReply).where(ItemReply.voice_item_id == item.id))


def reply_to_item(session: Session, actor: User | None, item: VoiceItem, *, kind: str,
                  body: str, commitment_id: int | None = None) -> ItemReply:
    """Answer (or change the answer to) what one young person said. No commitment is made."""
    if not can_reply(actor, item):
        if item.state == ModerationState.ESCALATED or item.is_safeguarding:
            raise InvalidState("This is with the safeguarding lead, so it can't be answered here")
        raise NotAllowed("Only the participation team or this service's provider can answer it")
    if item.state == ModerationState.DUPLICATE and item.duplicate_of_id is not None:
        raise InvalidState(f"This says the same as #{item.duplicate_of_id}: answer that one, and "
                           "this young person sees the same answer")
    try:
        kind = ReplyKind(kind)
    except ValueError:
        raise ReplyError("Choose what kind of answer this is", "kind") from None
    body = (body or "").strip()
    if not body:
        raise ReplyError("Write the answer the young person will read", "body")
    if len(body) > MAX_REPLY:
        raise ReplyError(f"The answer must be {MAX_REPLY:,} characters or fewer", "body")
    commitment = None
    if kind is ReplyKind.PROMISE:
        commitment = session.get(Commitment, commitment_id) if commitment_id else None
        if commitment is None or commitment.service_id != item.service_id:
            raise ReplyError("Choose the promise (for this service) that this is part of",
                             "commitment_id")
        if not commitment.is_public:
            raise ReplyError("That promise is not on the public board yet: publish it first",
                             "commitment_id")
    reply = reply_for(session, item)
    was = None
    if reply is None:
        reply = ItemReply(voice_item_id=item.id, kind=kind.value, body=body)
        session.add(reply)
    else:
        was = reply.kind
    reply.kind = kind.value
    reply.body = body
    reply.commitment_id = commitment.id if commitment else None
    reply.author_id = actor.id if actor is not None else None
    reply.author_organisation_id = (actor.organisation_id if actor is not None
                                    and actor.role == Role.PROVIDER else None)
    reply.updated_at = utcnow()
    session.flush()
    record(session, actor, "voice_item.answered", target=item, kind=kind.value, was=was,
           commitment=reply.commitment_id)
    return reply


def promise_choices(session: Session, item: VoiceItem) -> list[Commitment]:
    """Published promises for the item's service (for "this is part of a promise")."""
    return list(session.scalars(select(Commitment).where(
        Commitment.service_id == item.service_id, Commitment.is_public.is_(True))
        .order_by(Commitment.created_at.desc()).limit(100)))


# ---- cards waiting for an answer -------------------------------------------------------------------

def cards_to_answer(session: Session, user: User, *, page: int = 1, per_page: int = 25,
                    answered: bool = False) -> tuple[list[VoiceItem], int]:
    """Action cards this person may answer and read, not answered yet (or answered, newest
    first). Providers see only their own services' cards, and only approved wording."""
    reader = reader_for(user, session)
    answered_ids = select(ItemReply.voice_item_id)
    query = (select(VoiceItem).join(Service, Service.id == VoiceItem.service_id)
             .where(VoiceItem.source == VoiceSource.CARD.value,
                    VoiceItem.state.notin_([ModerationState.ESCALATED.value,
                                            ModerationState.DUPLICATE.value]),
                    VoiceItem.is_safeguarding.is_(False), readable_items_clause(reader),
                    VoiceItem.id.in_(answered_ids) if answered
                    else VoiceItem.id.notin_(answered_ids))
             .options(selectinload(VoiceItem.service)))
    if user.role == Role.PROVIDER:
        query = query.where(Service.provider_id == (user.organisation_id or -1))
    elif user.role not in MANAGERS:
        return [], 0
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    query = query.order_by(VoiceItem.created_at.desc() if answered else VoiceItem.created_at.asc(),
                           VoiceItem.id.asc())
    return list(session.scalars(query.limit(per_page).offset((max(page, 1) - 1) * per_page))), total


# ---- what /check says ------------------------------------------------------------------------------

#: Kind words for the reasons a batch hides items (voice.loop.queue.HIDE_REASONS), keyed by the
#: reason stored on the item.
KIND_HIDDEN_REASONS = {
    "It isn't about this service": N_("it seemed to be about something other than this service, "
                                      "so it would not make sense on its page"),
    "It is too unclear to publish": N_("we weren't sure what it meant, and we didn't want to "
                                       "share it in a way you didn't mean"),
    "It is unkind about a person": N_("it talked about a person in a way we can't share "
                                      "publicly"),
    "It is about one person's own care, not the service": N_("it was about your own care, "
                                                             "which we keep private"),
    "It is a test or nonsense": N_("it looked like a test message"),
}
DEFAULT_HIDDEN_REASON = N_("we decided it was better not to share it publicly (for example, it "
                           "could have let someone work out who wrote it)")


@dataclass(frozen=True)
class Answer:
    kind: str
    kind_label: str
    body: str
    answered_on: datetime
    by: str
    promise: Commitment | None


@dataclass(frozen=True)
class CardStatus:
    """The truth about one card, for the young person who sent it."""

    read: bool                      # a person has read it
    not_shown_because: str | None   # read, and it won't be shown publicly, because…
    kept_private: bool              # dealt with privately (never says why)
    answer: Answer | None
    joined: bool                    # it says the same as another card, and shares its answer

    @property
    def state(self) -> str:
        if self.answer is not None:
            return "answered"
        if self.kept_private:
            return "private"
        if self.not_shown_because:
            return "hidden"
        return "read" if self.read else "received"


def _answer(session: Session, reply: ItemReply | None) -> Answer | None:
    if reply is None:
        return None
    by = gettext("The participation team")  # the page's language (English for staff)
    if reply.author_organisation_id:
        org = session.get(Organisation, reply.author_organisation_id)
        by = org.name if org is not None else gettext("The service")
    promise = reply.commitment if reply.commitment is not None and reply.commitment.is_public \
        else None
    return Answer(kind=reply.kind, kind_label=reply.kind_label, body=reply.body,
                  answered_on=reply.updated_at or reply.created_at, by=by, promise=promise)


def item_status(session: Session, item: VoiceItem | None) -> CardStatus:
    if item is None:
        return CardStatus(read=False, not_shown_because=None, kept_private=False, answer=None,
                          joined=False)
    if item.state == ModerationState.ESCALATED or item.is_safeguarding:
        # Only once the safeguarding lead has dealt with it; never why.
        private = item.safeguarding_reviewed_at is not None
        return CardStatus(read=private, not_shown_because=None, kept_private=private,
                          answer=None, joined=False)
    primary, joined = item, False
    if item.state == ModerationState.DUPLICATE and item.duplicate_of is not None \
            and not item.duplicate_of.is_restricted:
        primary, joined = item.duplicate_of, True
    answer = _answer(session, reply_for(session, item) or
                     (reply_for(session, primary) if joined else None))
    if item.state == ModerationState.HIDDEN:
        reason = KIND_HIDDEN_REASONS.get((item.hidden_reason or "").strip(), DEFAULT_HIDDEN_REASON)
        return CardStatus(read=True, not_shown_because=reason, kept_private=False, answer=answer,
                          joined=False)
    read = item.state != ModerationState.NEW or answer is not None
    return CardStatus(read=read, not_shown_because=None, kept_private=False, answer=answer,
                      joined=joined)


def card_status(session: Session, card: ActionCard) -> CardStatus:
    return item_status(session, card.voice_item)


# ---- the public board ----------------------------------------------------------------------------

@dataclass(frozen=True)
class BoardAnswer:
    service_name: str
    service_slug: str
    you_said: str
    answer: Answer


def board_answers(session: Session, *, service_id: int | None = None,
                  area_ids: Iterable[int] | None = None, limit: int = 10) -> list[BoardAnswer]:
    """Answers to published words, newest first: the board shows them beside the promises."""
    query = (select(ItemReply, VoiceItem).join(VoiceItem, VoiceItem.id == ItemReply.voice_item_id)
             .join(Service, Service.id == VoiceItem.service_id)
             .where(readable_items_clause(PUBLIC), Service.archived_at.is_(None))
             .options(selectinload(VoiceItem.service))
             .order_by(ItemReply.updated_at.desc(), ItemReply.id.desc()).limit(limit))
    if service_id:
        query = query.where(VoiceItem.service_id == service_id)
    if area_ids is not None:
        query = query.where(VoiceItem.service_id.in_(select(service_areas.c.service_id).where(
            service_areas.c.area_id.in_(list(area_ids) or [-1]))))
    answers = []
    for reply, item in session.execute(query):
        words = wording_for(PUBLIC, item)
        if words:
            answers.append(BoardAnswer(item.service.name, item.service.slug, words,
                                       _answer(session, reply)))
    return answers
