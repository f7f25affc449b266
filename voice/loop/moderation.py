"""Moderation: a person decides what young people's words may be shown, and in what wording.

States: new → approved (with public wording) | hidden (with a reason) | duplicate (of another
item, counted with it) | escalated (to the service's safeguarding lead). Nothing is public until
a person approved it; escalated items stay with the safeguarding lead, who may close them or
return them when there is no concern.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from voice.audit.services import record
from voice.auth.models import User
from voice.auth.roles import MANAGERS, Role
from voice.db import utcnow
from voice.directory.models import Service
from voice.errors import InvalidState, NotAllowed, VoiceError
from voice.loop.models import ModerationState, SafeguardingOutcome, VoiceItem
from voice.loop.personal_details import Check, check_wording

MAX_PUBLIC_TEXT = 2000
MAX_REASON = 1000


class ModerationError(VoiceError):
    pass


class PersonalDetailsFound(ModerationError):
    """The wording still looks as if it names or locates someone. ``check`` says what the
    redactor found and where (for highlighting); ``suggestion`` is the redacted wording."""

    def __init__(self, message: str, suggestion: str, check: Check | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion
        self.check = check


# ---- who may do what -------------------------------------------------------------------------

def can_moderate(user: User) -> bool:
    return user.role in MANAGERS


def is_lead_for(user: User, item: VoiceItem) -> bool:
    service = item.service
    return user.role == Role.SAFEGUARDING and service is not None \
        and service.safeguarding_lead_id == user.id


def can_read_original(user: User, item: VoiceItem) -> bool:
    """The original words: the participation team, and the service's safeguarding lead for
    items escalated to them (the reading rule, :func:`voice.loop.reading.reads_original`)."""
    from voice.loop.reading import reader_for, reads_original

    return reads_original(reader_for(user), item)


def can_review_escalation(user: User, item: VoiceItem) -> bool:
    """The service's lead; the participation team or an administrator only stand in for a
    service with no lead (they may not read the words otherwise: the reading rule)."""
    return is_lead_for(user, item) or (
        user.role in MANAGERS and item.service.safeguarding_lead_id is None)


def _require_moderator(actor: User | None) -> None:
    if actor is not None and not can_moderate(actor):
        raise NotAllowed("Only the participation team can moderate what young people said")


def _require_state(item: VoiceItem, *states: ModerationState, doing: str) -> None:
    if item.state not in states:
        raise InvalidState(f"You can't {doing}: this item is {item.state_label.lower()}")


def _stamp(item: VoiceItem, actor: User | None) -> None:
    item.moderated_at = utcnow()
    item.moderated_by_id = actor.id if actor is not None else None


# ---- queues ----------------------------------------------------------------------------------

def queue_query(*, state: str | None = ModerationState.NEW, service_id: int | None = None,
                source: str | None = None) -> Select:
    query = (select(VoiceItem).options(selectinload(VoiceItem.service))
             .order_by(VoiceItem.created_at.asc(), VoiceItem.id.asc()))
    if state:
        query = query.where(VoiceItem.state == state)
    if service_id:
        query = query.where(VoiceItem.service_id == service_id)
    if source:
        query = query.where(VoiceItem.source == source)
    return query


def moderation_queue(session: Session, *, state: str | None = ModerationState.NEW,
                     service_id: int | None = None, source: str | None = None, page: int = 1,
                     per_page: int = 25) -> tuple[list[VoiceItem], int]:
    query = queue_query(state=state, service_id=service_id, source=source)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    if state in (ModerationState.APPROVED, ModerationState.HIDDEN, ModerationState.DUPLICATE):
        query = query.order_by(None).order_by(VoiceItem.moderated_at.desc(), VoiceItem.id.desc())
    items = session.scalars(query.limit(per_page).offset((max(page, 1) - 1) * per_page)).all()
    return list(items), total


def state_counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(VoiceItem.state, func.count(VoiceItem.id)).group_by(VoiceItem.state))
    counts = {state.value: 0 for state in ModerationState}
    counts.update({state: n for state, n in rows})
    return counts


def safeguarding_queue(session: Session, user: User, *, reviewed: bool = False) -> list[VoiceItem]:
    """Escalated items for the services this person leads on (everything for admins and the
    participation team). ``reviewed`` lists the ones already dealt with instead."""
    query = (select(VoiceItem).join(Service, Service.id == VoiceItem.service_id)
             .options(selectinload(VoiceItem.service), selectinload(VoiceItem.escalated_by)))
    if reviewed:
        query = query.where(VoiceItem.safeguarding_outcome.is_not(None)).order_by(
            VoiceItem.safeguarding_reviewed_at.desc())
    else:
        query = query.where(VoiceItem.state == ModerationState.ESCALATED,
                            VoiceItem.safeguarding_outcome.is_(None)).order_by(
            VoiceItem.escalated_at.asc(), VoiceItem.id.asc())
    if user.role == Role.SAFEGUARDING:
        query = query.where(Service.safeguarding_lead_id == user.id)
    elif user.role not in MANAGERS:
        return []
    if reviewed:
        return list(session.scalars(query.limit(200)))
    # Waiting items: the most urgent tier first (a risk to life, then abuse and exploitation,
    # then other concerns), then the oldest. Every waiting item must be read, so there are few.
    items = list(session.scalars(query))
    items.sort(key=lambda i: (escalation_tier(i), i.escalated_at or i.created_at, i.id))
    return items[:200]


def escalation_tier(item: VoiceItem) -> int:
    """How urgent an escalated item is: 1 a risk to life, 2 abuse or exploitation, 3 other."""
    from voice.analysis import reason_tier

    return reason_tier(item.safeguarding_reasons or [], item.text)


# ---- public wording --------------------------------------------------------------------------

def personal_details_suggestion(text: str) -> str | None:
    """If the redactor would still remove something from ``text``, its suggested wording."""
    check = check_wording(text)
    return check.suggestion if check.found and check.suggestion else None


def _clean_public_text(public_text: str | None, keep_reason: str | None = None
                       ) -> tuple[str, Check]:
    """The wording to publish, checked by the redactor.

    Contact details and addresses stop it, always: the moderator accepts the redaction
    instead. A name or school the redactor found stops it unless ``keep_reason`` says why it
    may stay (for example a staff member's first name the young person wanted thanked)."""
    text = (public_text or "").strip()
    if not text:
        raise ModerationError("Enter the wording to publish")
    if len(text) > MAX_PUBLIC_TEXT:
        raise ModerationError(f"The public wording must be {MAX_PUBLIC_TEXT:,} characters or fewer")
    if keep_reason is not None and len(keep_reason) > MAX_REASON:
        raise ModerationError(f"The reason must be {MAX_REASON:,} characters or fewer")
    check = check_wording(text)
    if check.never_published or (check.found and not check.suggestion):
        raise PersonalDetailsFound(
            f"This wording still includes {check.summary or 'personal details'}, which can "
            "never be published. Accept the redaction to take it out, or change the wording.",
            check.suggestion, check)
    if check.found and not (keep_reason or "").strip():
        raise PersonalDetailsFound(
            f"This wording may still include {check.summary}. Accept the redaction to take it "
            "out, or say why it may stay.", check.suggestion, check)
    return text, check


def _record_kept(session: Session, actor: User | None, item: VoiceItem, check: Check,
                 keep_reason: str | None) -> None:
    """A name or school kept in published wording: who decided, why, and what kind (never
    the words themselves, so the audit log holds no personal details)."""
    if check.found:
        record(session, actor, "voice_item.personal_details_kept", target=item,
               kinds=sorted({f.kind for f in check.findings}), reason=(keep_reason or "").strip())


def approve_item(session: Session, actor: User | None, item: VoiceItem, *, public_text: str,
                 keep_reason: str | None = None,
                 confirmed_no_personal_details: bool = False) -> VoiceItem:
    """Approve for publication with this public wording (the original is kept, restricted).

    Raises :class:`PersonalDetailsFound` if the redactor finds anything in the wording (see
    :func:`_clean_public_text`); :func:`accept_redaction` approves the redacted wording in one
    step. ``confirmed_no_personal_details`` is ignored: a tick no longer overrides the
    redactor (kept so that older callers still work)."""
    _require_moderator(actor)
    _require_state(item, ModerationState.NEW, ModerationState.APPROVED, doing="approve it")
    if item.is_safeguarding:
        raise InvalidState("A possible safeguarding concern can never be published")
    text, check = _clean_public_text(public_text, keep_reason)
    old = (item.state, item.public_text)
    item.public_text = text
    item.state = ModerationState.APPROVED
    _stamp(item, actor)
    record(session, actor, "voice_item.approved", target=item,
           wording_changed=old[1] != text, was=old[0])
    _record_kept(session, actor, item, check, keep_reason)
    return item


def accept_redaction(session: Session, actor: User | None, item: VoiceItem, *,
                     public_text: str, approve: bool = True) -> VoiceItem:
    """Take out everything the redactor found in ``public_text`` and approve that wording
    (or, with ``approve=False``, save it as the draft wording), in one step."""
    check = check_wording((public_text or "").strip())
    wording = check.suggestion if check.found and check.suggestion else public_text
    if approve:
        approve_item(session, actor, item, public_text=wording)
    else:
        save_public_wording(session, actor, item, public_text=wording)
    if check.found:
        record(session, actor, "voice_item.redaction_accepted", target=item,
               kinds=sorted({f.kind for f in check.findings}))
    return item


def save_public_wording(session: Session, actor: User | None, item: VoiceItem, *,
                        public_text: str, keep_reason: str | None = None,
                        confirmed_no_personal_details: bool = False) -> VoiceItem:
    """Change the public wording without changing the state (drafting, or correcting), under
    the same check as :func:`approve_item`."""
    _require_moderator(actor)
    _require_state(item, ModerationState.NEW, ModerationState.APPROVED, doing="change its wording")
    text, check = _clean_public_text(public_text, keep_reason)
    if text != item.public_text:
        item.public_text = text
        _stamp(item, actor)
        record(session, actor, "voice_item.wording_changed", target=item)
        _record_kept(session, actor, item, check, keep_reason)
    return item


def hide_item(session: Session, actor: User | None, item: VoiceItem, *, reason: str) -> VoiceItem:
    _require_moderator(actor)
    _require_state(item, ModerationState.NEW, ModerationState.APPROVED, ModerationState.DUPLICATE,
                   doing="hide it")
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError("Say why you are hiding it")
    if len(reason) > MAX_REASON:
        raise ModerationError(f"The reason must be {MAX_REASON:,} characters or fewer")
    dups = duplicates_of(session, item)
    if dups:
        raise InvalidState(
            f"{len(dups)} other item{'s are' if len(dups) > 1 else ' is'} marked as saying the same "
            "as this one. Mark one of them as not a duplicate first.")
    item.state = ModerationState.HIDDEN
    item.hidden_reason = reason
    item.duplicate_of_id = None
    _stamp(item, actor)
    record(session, actor, "voice_item.hidden", target=item, reason=reason)
    return item


def return_to_queue(session: Session, actor: User | None, item: VoiceItem) -> VoiceItem:
    """Undo a hide, a duplicate mark or an approval: the item waits for moderation again."""
    _require_moderator(actor)
    _require_state(item, ModerationState.HIDDEN, ModerationState.DUPLICATE, ModerationState.APPROVED,
                   doing="return it to the queue")
    if item.state == ModerationState.APPROVED and duplicates_of(session, item):
        raise InvalidState("Other items are marked as saying the same as this one. "
                           "Mark them as not duplicates first.")
    was = item.state
    item.state = ModerationState.NEW
    item.duplicate_of_id = None
    _stamp(item, actor)
    record(session, actor, "voice_item.returned_to_queue", target=item, was=was)
    return item


# ---- duplicates ------------------------------------------------------------------------------

def duplicates_of(session: Session, item: VoiceItem) -> list[VoiceItem]:
    return list(session.scalars(select(VoiceItem).where(VoiceItem.duplicate_of_id == item.id)
                                .order_by(VoiceItem.id)))


def duplicate_candidates(session: Session, item: VoiceItem, *, limit: int = 50) -> list[VoiceItem]:
    """Items this one could repeat: same service, not restricted, not itself a duplicate."""
    return list(session.scalars(
        select(VoiceItem).where(
            VoiceItem.service_id == item.service_id, VoiceItem.id != item.id,
            VoiceItem.state.in_([ModerationState.NEW.value, ModerationState.APPROVED.value]),
            VoiceItem.is_safeguarding.is_(False))
        .order_by(VoiceItem.state == ModerationState.NEW.value, VoiceItem.created_at.desc())
        .limit(limit)))


def mark_duplicate(session: Session, actor: User | None, item: VoiceItem,
                   of_item: VoiceItem) -> VoiceItem:
    """Count ``item`` with ``of_item`` ("n young people said this"). Chains collapse to the
    first item, so counts never double up."""
    _require_moderator(actor)
    _require_state(item, ModerationState.NEW, ModerationState.APPROVED, ModerationState.DUPLICATE,
                   doing="mark it as a duplicate")
    root = of_item
    seen = {item.id}
    while root.duplicate_of_id is not None:
        if root.id in seen:
            break
        seen.add(root.id)
        root = root.duplicate_of
    if root.id == item.id:
        raise ModerationError("An item can't be a duplicate of itself")
    if root.service_id != item.service_id:
        raise ModerationError("Only items about the same service can be marked as duplicates")
    if root.is_restricted:
        raise ModerationError("Choose an item that is waiting or approved, not a hidden or "
                              "escalated one")
    if item.is_safeguarding:
        raise InvalidState("A possible safeguarding concern can't be merged with other items")
    for dup in duplicates_of(session, item):
        dup.duplicate_of_id = root.id
    item.state = ModerationState.DUPLICATE
    item.duplicate_of_id = root.id
    _stamp(item, actor)
    record(session, actor, "voice_item.marked_duplicate", target=item, duplicate_of=root.id)
    return item


def voice_counts(session: Session, item_ids: Iterable[int]) -> dict[int, int]:
    """For each item, how many young people said it: itself plus its (unrestricted) duplicates."""
    ids = list(set(item_ids))
    if not ids:
        return {}
    counts = Counter({i: 1 for i in ids})
    rows = session.execute(
        select(VoiceItem.duplicate_of_id, func.count(VoiceItem.id))
        .where(VoiceItem.duplicate_of_id.in_(ids), VoiceItem.state == ModerationState.DUPLICATE.value)
        .group_by(VoiceItem.duplicate_of_id))
    for primary, n in rows:
        counts[primary] += n
    return dict(counts)


# ---- safeguarding ----------------------------------------------------------------------------

def escalate_item(session: Session, actor: User | None, item: VoiceItem, *, note: str) -> VoiceItem:
    """Send an item to the service's safeguarding lead now. It will never be published."""
    from voice.loop.items import notify_safeguarding

    _require_moderator(actor)
    if item.state == ModerationState.ESCALATED:
        raise InvalidState("This item has already been escalated")
    note = (note or "").strip()
    if not note:
        raise ModerationError("Say what worries you, so the safeguarding lead can act quickly")
    if len(note) > MAX_REASON:
        raise ModerationError(f"The note must be {MAX_REASON:,} characters or fewer")
    for dup in duplicates_of(session, item):
        dup.duplicate_of_id = None
        dup.state = ModerationState.NEW
    was = item.state
    item.state = ModerationState.ESCALATED
    item.duplicate_of_id = None
    item.escalated_at = utcnow()
    item.escalated_by_id = actor.id if actor is not None else None
    item.escalation_note = note
    item.safeguarding_outcome = None
    _stamp(item, actor)
    session.flush()
    record(session, actor, "voice_item.escalated", target=item, was=was)
    notify_safeguarding(session, item)
    return item


@dataclass(frozen=True)
class OutcomeChoice:
    value: str
    label: str


OUTCOME_CHOICES = [
    OutcomeChoice(SafeguardingOutcome.ACTION_TAKEN, "I have dealt with it (it stays private for ever)"),
    OutcomeChoice(SafeguardingOutcome.NO_CONCERN,
                  "Not a safeguarding concern: it goes back to ordinary moderation, and may be "
                  "quoted after that (with personal details taken out as usual)"),
]


def review_escalation(session: Session, actor: User, item: VoiceItem, *, outcome: str,
                      note: str) -> VoiceItem:
    """The safeguarding lead's decision, recorded with their note."""
    if not can_review_escalation(actor, item):
        raise NotAllowed("Only this service's safeguarding lead can decide on this")
    if item.state != ModerationState.ESCALATED or item.safeguarding_outcome is not None:
        raise InvalidState("This item is not waiting for a safeguarding decision")
    try:
        outcome = SafeguardingOutcome(outcome)
    except ValueError:
        raise ModerationError("Choose what happened") from None
    note = (note or "").strip()
    if not note:
        raise ModerationError("Write a short note of what you did or decided")
    if len(note) > MAX_REASON:
        raise ModerationError(f"The note must be {MAX_REASON:,} characters or fewer")
    item.safeguarding_outcome = outcome.value
    item.safeguarding_note = note
    item.safeguarding_reviewed_at = utcnow()
    item.safeguarding_reviewed_by_id = actor.id
    if outcome is SafeguardingOutcome.NO_CONCERN:
        # A person decided: it may now be moderated like anything else.
        item.state = ModerationState.NEW
        item.is_safeguarding = False
        if item.withdrawn_at is not None:
            # The young person had deleted it: kept only while it might be a concern.
            from voice.loop.withdrawal import finish_withdrawn

            finish_withdrawn(item)
    record(session, actor, "voice_item.safeguarding_reviewed", target=item, outcome=outcome.value)
    if outcome is SafeguardingOutcome.NO_CONCERN:
        # Kept as a correction of the flag, for the learned check to learn from.
        from voice.learning.safeguarding import record_safeguarding_correction

        record_safeguarding_correction(session, actor, item,
                                       reasons=list(item.safeguarding_reasons or []), note=note)
    return item


def search_items(session: Session, text: str, *, limit: int = 50) -> list[VoiceItem]:
    """Find items by words in their redacted text (for staff linking items to commitments)."""
    words = [w for w in re.split(r"\s+", (text or "").strip()) if w][:5]
    query = select(VoiceItem).options(selectinload(VoiceItem.service)).where(
        VoiceItem.state.in_([ModerationState.NEW.value, ModerationState.APPROVED.value]),
        VoiceItem.is_safeguarding.is_(False))
    for word in words:
        pattern = f"%{word.replace('%', '').replace('_', '')}%"
        query = query.where(or_(VoiceItem.redacted_text.ilike(pattern),
                                VoiceItem.public_text.ilike(pattern)))
    return list(session.scalars(query.order_by(VoiceItem.created_at.desc()).limit(limit)))
