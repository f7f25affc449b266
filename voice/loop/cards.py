"""Action cards: a young person tells a service what it should stop, start or change, and why.

Cards come in by a QR link (``/card/<token>``) or are typed in from a paper session by a
participation officer. Each card becomes a voice item at once. A card may carry a follow-up
code, the only key to its journey on ``/check``: no name, email or phone number is ever asked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from voice.ages import is_age_choice
from voice.audit.services import record
from voice.auth.models import User
from voice.auth.roles import MANAGERS
from voice.directory.models import Area, Service
from voice.errors import InvalidState, NotAllowed, NotFound, VoiceError
from voice.loop import codes
from voice.loop.items import record_voice_item
from voice.loop.models import (
    ActionCard,
    CardChannel,
    CardKind,
    CardLink,
    Commitment,
    CommitmentStatus,
    ModerationState,
    VoiceItem,
    VoiceSource,
)

MAX_WHAT = 1000
MAX_WHY = 1000
MAX_PLACE = 120
MAX_SESSION_LABEL = 120


class CardProblem(VoiceError):
    """Something about a card that the person can fix; ``field`` says where."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass
class CardInput:
    kind: str | None
    what: str | None
    why: str | None = None
    age_band: str | None = None

    def errors(self) -> dict[str, str]:
        """Plain-words problems, by field; empty when the card can be saved."""
        problems: dict[str, str] = {}
        kind = (self.kind or "").strip()
        what = (self.what or "").strip()
        why = (self.why or "").strip()
        if kind not in {k.value for k in CardKind}:
            problems["kind"] = gettext("Choose stop, start or change")
        if not what:
            problems["what"] = gettext("Tell us what they should stop, start or change")
        elif len(what) > MAX_WHAT:
            problems["what"] = _too_long(MAX_WHAT, len(what))
        if len(why) > MAX_WHY:
            problems["why"] = _too_long(MAX_WHY, len(why))
        if self.age_band and not is_age_choice(self.age_band):
            problems["age_band"] = gettext("Choose an age group from the list, or leave it blank")
        return problems

    def cleaned(self) -> tuple[str, str, str, str | None]:
        problems = self.errors()
        if problems:
            field_name, message = next(iter(problems.items()))
            raise CardProblem(message, field_name)
        # Stored as chosen, "prefer not to say" included, exactly as a survey stores it.
        age = self.age_band or None
        return self.kind.strip(), self.what.strip(), (self.why or "").strip(), age


def _too_long(limit: int, used: int) -> str:
    """In the page's language: staff pages (paper cards) are English."""
    return gettext("Use %(limit)s characters or fewer. You have used %(used)s: make it a bit "
                   "shorter", limit=f"{limit:,}", used=f"{used:,}")


def card_text(kind: str, what: str, why: str) -> str:
    """The card as one piece of free text for analysis and moderation."""
    label = {"stop": "Stop", "start": "Start", "change": "Change"}[kind]
    text = f"{label}: {what}"
    if why:
        text += f"\nWhy: {why}"
    return text


@dataclass
class SubmittedCard:
    card: ActionCard
    item: VoiceItem
    created: bool  # False when this was a repeat of a card already received

    @property
    def is_safeguarding(self) -> bool:
        return self.item.is_safeguarding


# ---- card links ------------------------------------------------------------------------------

def find_link(session: Session, token: str) -> CardLink | None:
    token = codes.normalise(token)
    if not codes.is_well_formed(token, codes.LINK_TOKEN_LENGTH):
        return None
    return session.scalar(select(CardLink).where(CardLink.token == token))


def create_card_link(session: Session, actor: User | None, *, service_id: int, place: str,
                     area_id: int | None = None) -> CardLink:
    """A new card address (and QR code) for one service at one place."""
    if actor is not None and actor.role not in MANAGERS:
        raise NotAllowed("Only the participation team can make card links")
    service = session.get(Service, service_id) if service_id else None
    if service is None or service.is_archived:
        raise CardProblem("Choose a service", "service_id")
    place = (place or "").strip()
    if not place:
        raise CardProblem("Say where the code will be, for example \"Waiting room, Hillside clinic\"",
                          "place")
    if len(place) > MAX_PLACE:
        raise CardProblem(f"The place must be {MAX_PLACE} characters or fewer", "place")
    if area_id is not None and session.get(Area, area_id) is None:
        raise CardProblem("Choose an area from the list", "area_id")
    for _ in range(5):
        token = codes.new_link_token()
        if session.scalar(select(CardLink.id).where(CardLink.token == token)) is None:
            break
    link = CardLink(token=token, service_id=service.id, place=place, area_id=area_id,
                    created_by_id=actor.id if actor else None)
    session.add(link)
    session.flush()
    record(session, actor, "card_link.created", target=link, service=service.id, place=place)
    return link


def set_link_paused(session: Session, actor: User | None, link: CardLink, paused: bool) -> CardLink:
    if actor is not None and actor.role not in MANAGERS:
        raise NotAllowed("Only the participation team can pause card links")
    if link.is_paused != paused:
        link.is_paused = paused
        record(session, actor, "card_link.paused" if paused else "card_link.resumed", target=link)
    return link


def list_links(session: Session, *, service_id: int | None = None) -> list[CardLink]:
    query = select(CardLink).join(Service, Service.id == CardLink.service_id).order_by(
        Service.name, CardLink.place)
    if service_id:
        query = query.where(CardLink.service_id == service_id)
    return list(session.scalars(query))


# ---- submitting ------------------------------------------------------------------------------

def card_by_submission(session: Session, submission_key: str) -> ActionCard | None:
    return session.scalar(select(ActionCard).where(ActionCard.submission_key == submission_key))


def _store_card(session: Session, *, service: Service, link: CardLink | None, data: CardInput,
                submission_key: str, channel: CardChannel, entered_by: User | None = None,
                session_label: str | None = None, created_at: datetime | None = None) -> SubmittedCard:
    kind, what, why, age = data.cleaned()
    existing = card_by_submission(session, submission_key)
    if existing is not None:
        return SubmittedCard(existing, existing.voice_item, created=False)
    card = ActionCard(service_id=service.id, link_id=link.id if link else None, kind=kind,
                      what=what, why=why, age_band=age, channel=channel.value,
                      submission_key=submission_key, session_label=session_label,
                      entered_by_id=entered_by.id if entered_by else None)
    if created_at is not None:
        card.created_at = created_at
    try:
        with session.begin_nested():
            session.add(card)
            session.flush()
    except IntegrityError:
        # Another request with the same form token won the race: that card is the one.
        existing = card_by_submission(session, submission_key)
        if existing is None:
            raise
        return SubmittedCard(existing, existing.voice_item, created=False)
    item = record_voice_item(
        session, source=VoiceSource.CARD, text=card_text(kind, what, why), service_id=service.id,
        source_id=card.id, question_kind="could_improve", area_id=link.area_id if link else None,
        channel=channel.value, age_band=age, created_at=created_at)
    card.voice_item_id = item.id
    session.flush()
    return SubmittedCard(card, item, created=True)


def submit_card(session: Session, link: CardLink, data: CardInput, *,
                submission_key: str) -> SubmittedCard:
    """A young person's card from a QR link. Idempotent on ``submission_key`` (one per form
    shown): a double tap or a resend after a dropped connection stores one card."""
    if link.is_paused or link.service.is_archived:
        raise InvalidState("This card link is paused")
    if not submission_key or len(submission_key) > 80:
        raise CardProblem(gettext("This form is missing its key: reload the page and send it "
                                  "again"))
    return _store_card(session, service=link.service, link=link, data=data,
                       submission_key=f"qr:{submission_key}", channel=CardChannel.QR)


@dataclass
class PaperBatchResult:
    saved: list[SubmittedCard] = field(default_factory=list)
    repeated: int = 0

    @property
    def escalated(self) -> int:
        return sum(1 for s in self.saved if s.is_safeguarding)


def enter_paper_cards(session: Session, actor: User, *, service_id: int, cards: Iterable[CardInput],
                      batch_key: str, session_label: str | None = None,
                      session_date: date | None = None) -> PaperBatchResult:
    """Type in a paper session's cards (same service). Blank rows are skipped; a resent batch
    (same ``batch_key``) stores nothing twice. Raises :class:`CardProblem` naming the row."""
    if actor.role not in MANAGERS:
        raise NotAllowed("Only the participation team can enter paper cards")
    service = session.get(Service, service_id) if service_id else None
    if service is None or service.is_archived:
        raise CardProblem("Choose the service these cards are about", "service_id")
    label = (session_label or "").strip() or None
    if label and len(label) > MAX_SESSION_LABEL:
        raise CardProblem(f"The session name must be {MAX_SESSION_LABEL} characters or fewer",
                          "session_label")
    rows = [(n, c) for n, c in enumerate(cards, start=1)
            if (c.what or "").strip() or (c.why or "").strip()]
    if not rows:
        raise CardProblem("Type in at least one card", "cards")
    for n, card in rows:
        problems = card.errors()
        if problems:
            field_name, message = next(iter(problems.items()))
            raise CardProblem(f"Card {n}: {message}", f"cards-{n - 1}-{field_name}")
    created_at = None
    if session_date is not None:
        created_at = datetime(session_date.year, session_date.month, session_date.day, 12)
    result = PaperBatchResult()
    for n, card in rows:
        stored = _store_card(session, service=service, link=None, data=card,
                             submission_key=f"paper:{batch_key}:{n}", channel=CardChannel.PAPER,
                             entered_by=actor, session_label=label, created_at=created_at)
        if stored.created:
            result.saved.append(stored)
        else:
            result.repeated += 1
    if result.saved:
        record(session, actor, "cards.paper_entered", target=service, count=len(result.saved),
               session_label=label)
    return result


# ---- follow-up codes -------------------------------------------------------------------------

class CodeUnavailable(VoiceError):
    pass


def issue_followup_code(session: Session, card: ActionCard, *, secret: str, nonce: str) -> str:
    """The card's follow-up code, derived from its form so asking again shows the same code.

    Only the hash is stored. Returns the code in its display form (``KX7-M42-PQ9``).
    """
    code = codes.derived_code(secret, nonce)
    hashed = codes.hash_code(code, secret)
    if card.followup_code_hash is None:
        try:
            with session.begin_nested():
                card.followup_code_hash = hashed
                session.flush()
        except IntegrityError:
            raise CodeUnavailable(gettext("We could not make a code for this card. Please try "
                                          "once more.")) from None
    elif not codes.hashes_match(card.followup_code_hash, hashed):
        raise CodeUnavailable(gettext("This card already has a follow-up code."))
    return codes.display(code)


def find_card_by_code(session: Session, raw_code: str | None, *, secret: str) -> ActionCard | None:
    """The card with this follow-up code, or None. Compares hashes in constant time."""
    code = codes.normalise(raw_code)
    if not codes.is_well_formed(code):
        return None
    hashed = codes.hash_code(code, secret)
    card = session.scalar(select(ActionCard).where(ActionCard.followup_code_hash == hashed))
    if card is None or not codes.hashes_match(card.followup_code_hash, hashed):
        return None
    return card


# ---- the journey shown on /check -------------------------------------------------------------

@dataclass
class JourneyPromise:
    service_name: str
    we_will: str
    due_date: date
    status: str
    status_label: str
    rag: str
    we_did: str | None
    cant_do_reason: str | None
    is_assured: bool
    assured_by: str
    service_slug: str


@dataclass
class Journey:
    """What a young person may see about their own card, and nothing more."""

    kind_label: str
    service_name: str
    received_on: datetime
    looked_at: bool = False
    linked: bool = False
    finished: bool = False
    outcome: str | None = None  # "done" or "cant_do"
    public_wording: str | None = None
    promises: list[JourneyPromise] = field(default_factory=list)
    promise_pending: bool = False  # linked, but the promise is not published yet

    @property
    def step(self) -> int:
        return 4 if self.finished else 3 if self.linked else 2 if self.looked_at else 1


def card_journey(session: Session, card: ActionCard) -> Journey:
    """Received → being looked at → linked to a promise → done (or can't do, and why).

    Hidden or escalated cards show "received" and nothing else, exactly like a card nobody has
    read yet, so the page never reveals that a card was hidden or passed on.
    """
    from voice.loop.commitments import commitments_for_items

    journey = Journey(kind_label=card.kind_label, service_name=card.service.name,
                      received_on=card.created_at)
    item = card.voice_item
    if item is None or item.is_restricted:
        return journey
    primary = item
    if item.state == ModerationState.DUPLICATE and item.duplicate_of is not None:
        primary = item.duplicate_of
        if primary.is_restricted:
            return journey
    journey.looked_at = item.state in (ModerationState.APPROVED, ModerationState.DUPLICATE)
    from voice.loop.reading import PUBLIC, wording_for

    journey.public_wording = wording_for(PUBLIC, primary)
    linked = commitments_for_items(session, {item.id, primary.id})
    commitments: dict[int, Commitment] = {c.id: c for cs in linked.values() for c in cs}
    if not commitments:
        return journey
    journey.looked_at = True
    journey.linked = True
    for commitment in sorted(commitments.values(), key=lambda c: c.id):
        if not commitment.is_public:
            journey.promise_pending = True
            continue
        journey.promises.append(JourneyPromise(
            service_name=commitment.service.name, we_will=commitment.we_will,
            due_date=commitment.due_date, status=commitment.status,
            status_label=commitment.status_label, rag=commitment.rag_now, we_did=commitment.we_did,
            cant_do_reason=commitment.cant_do_reason, is_assured=commitment.is_assured,
            assured_by=commitment.assured_by_label, service_slug=commitment.service.slug))
    finished = [p for p in journey.promises if p.status in (CommitmentStatus.DONE, CommitmentStatus.CANT_DO)]
    if journey.promises and len(finished) == len(journey.promises):
        journey.finished = True
        journey.outcome = ("done" if any(p.status == CommitmentStatus.DONE for p in finished)
                           else "cant_do")
    return journey


def get_link_or_404(session: Session, token: str) -> CardLink:
    link = find_link(session, token)
    if link is None:
        raise NotFound("We can't find that card link")
    return link
