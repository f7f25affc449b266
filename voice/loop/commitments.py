"""Commitments: "you said, we did". Plain functions, called by the loop's views and by other
packages (inspections turn recommendations into commitments and assure them at follow-up).

Every change leaves a :class:`CommitmentEvent` (who, when, what), kept for ever. The RAG mark
is recomputed by :func:`refresh_rag` after every change and by the daily job, from the single
rule in :mod:`voice.loop.rag`; when a commitment turns red its owners are told.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from voice.audit.services import record
from voice.auth.models import User
from voice.auth.roles import MANAGERS, STAFF, Role
from voice.db import utcnow
from voice.directory.models import Organisation, Service, service_areas
from voice.errors import InvalidState, NotAllowed, NotFound, VoiceError
from voice.loop.models import (
    AssuredBy,
    Commitment,
    CommitmentComment,
    CommitmentEvent,
    CommitmentSource,
    CommitmentStatus,
    ModerationState,
    SourceKind,
    VoiceItem,
)
from voice.loop.rag import RAG, assess, today_in_london

MAX_YOU_SAID = 500
MAX_WE_WILL = 1000
MAX_WE_DID = 1000
MAX_REASON = 1000
MAX_COMMENT = 2000
MAX_NOTE = 1000
_KIND = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class CommitmentError(VoiceError):
    """A commitment could not be saved as asked; the message says what to fix."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# ---- who may do what -------------------------------------------------------------------------

def can_view(user: User, commitment: Commitment) -> bool:
    if user.role in MANAGERS or user.role == Role.COMMISSIONER:
        return True
    if user.role == Role.PROVIDER:
        org = user.organisation_id
        return org is not None and org in (commitment.owner_organisation_id,
                                           commitment.service.provider_id)
    return False


def can_manage(user: User | None) -> bool:
    """Change what was promised, by whom and when; publish; link sources."""
    return user is None or user.role in MANAGERS


def can_update_progress(user: User | None, commitment: Commitment) -> bool:
    """Status, "we did" and "we can't, because": the owner organisation, and the participation team."""
    if user is None or user.role in MANAGERS:
        return True
    return user.role == Role.PROVIDER and user.organisation_id is not None \
        and user.organisation_id == commitment.owner_organisation_id


def can_comment(user: User, commitment: Commitment) -> bool:
    return can_view(user, commitment)


def can_assure(user: User | None) -> bool:
    return user is None or user.role in MANAGERS or user.role == Role.INSPECTOR


def commitments_query(user: User, *, service_id: int | None = None,
                      owner_organisation_id: int | None = None, status: str | None = None,
                      rag: str | None = None, open_only: bool = False) -> Select:
    """Commitments this user may see, filtered; soonest due first."""
    query = (select(Commitment).join(Service, Service.id == Commitment.service_id)
             .order_by(Commitment.due_date.asc(), Commitment.id.asc()))
    if user.role == Role.PROVIDER:
        org = user.organisation_id or -1
        query = query.where(or_(Commitment.owner_organisation_id == org, Service.provider_id == org))
    elif not (user.role in MANAGERS or user.role == Role.COMMISSIONER):
        query = query.where(Commitment.id.is_(None))
    if service_id:
        query = query.where(Commitment.service_id == service_id)
    if owner_organisation_id:
        query = query.where(Commitment.owner_organisation_id == owner_organisation_id)
    if status:
        query = query.where(Commitment.status == status)
    if rag:
        query = query.where(Commitment.rag == rag)
    if open_only:
        query = query.where(Commitment.status.in_([CommitmentStatus.NOT_STARTED.value,
                                                   CommitmentStatus.IN_PROGRESS.value]))
    return query


def get_commitment_for(session: Session, user: User, commitment_id: int) -> Commitment:
    commitment = session.get(Commitment, commitment_id)
    if commitment is None:
        raise NotFound("We could not find that commitment")
    if not can_view(user, commitment):
        raise NotAllowed("You can only see your own organisation's commitments")
    return commitment


# ---- history ---------------------------------------------------------------------------------

def _event(session: Session, commitment: Commitment, actor: User | None, action: str,
           changes: dict[str, Any] | None = None, note: str | None = None) -> CommitmentEvent:
    event = CommitmentEvent(commitment_id=commitment.id, actor_id=actor.id if actor else None,
                            action=action, changes=_jsonable(changes or {}), note=note)
    session.add(event)
    commitment.updated_at = utcnow()
    return event


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    who: str
    action: str
    changes: dict[str, Any]
    note: str | None
    is_comment: bool


EVENT_LABELS = {
    "created": "Created",
    "updated": "Changed",
    "progress": "Progress updated",
    "published": "Published on the board",
    "unpublished": "Taken off the board",
    "source_linked": "Linked to what young people said",
    "source_unlinked": "Link removed",
    "assured": "Assured",
    "reopened": "Re-opened",
    "rag_changed": "RAG changed",
    "escalated": "Escalated (overdue)",
    "escalation_ended": "No longer overdue",
}


def history(session: Session, commitment: Commitment) -> list[HistoryEntry]:
    """Every change and comment, newest first. Changes made in the same instant (a progress
    update and the RAG change it causes, or two saves within the clock's resolution) come in
    the order they were made: later ids are newer."""
    events = session.scalars(select(CommitmentEvent).where(
        CommitmentEvent.commitment_id == commitment.id)).all()
    comments = session.scalars(select(CommitmentComment).where(
        CommitmentComment.commitment_id == commitment.id)).all()
    entries = [((e.created_at, 0, e.id), HistoryEntry(
        e.created_at, e.actor.display_name if e.actor else "Voice (automatic)",
        EVENT_LABELS.get(e.action, e.action), e.changes or {}, e.note, False)) for e in events]
    entries += [((c.created_at, 1, c.id), HistoryEntry(
        c.created_at, c.author.display_name, "Comment", {}, c.body, True)) for c in comments]
    return [entry for _, entry in sorted(entries, key=lambda pair: pair[0], reverse=True)]


# ---- validation helpers ----------------------------------------------------------------------

def _text(value: str | None, *, field: str, label: str, limit: int, required: bool = True) -> str | None:
    text = (value or "").strip()
    if not text:
        if required:
            raise CommitmentError(f"Enter {label}", field)
        return None
    if len(text) > limit:
        raise CommitmentError(f"{label[0].upper()}{label[1:]} must be {limit:,} characters or fewer",
                              field)
    return text


def _owner(session: Session, owner_organisation_id: int | None,
           owner_user_id: int | None) -> tuple[Organisation, User | None]:
    org = session.get(Organisation, owner_organisation_id) if owner_organisation_id else None
    if org is None or org.is_archived:
        raise CommitmentError("Choose the organisation that owns this commitment",
                              "owner_organisation_id")
    user = None
    if owner_user_id:
        user = session.get(User, owner_user_id)
        if user is None or not user.is_active or user.organisation_id != org.id:
            raise CommitmentError("Choose a person from the owner organisation, or nobody yet",
                                  "owner_user_id")
    return org, user


def _due(due_date: date | None, *, today: date, unchanged: date | None = None) -> date:
    if not isinstance(due_date, date):
        raise CommitmentError("Enter the date it will be done by", "due_date")
    if due_date < today and due_date != unchanged:
        raise CommitmentError("The due date must be today or in the future", "due_date")
    return due_date


def _linkable_items(session: Session, item_ids: Iterable[int]) -> list[VoiceItem]:
    ids = sorted({int(i) for i in item_ids})
    if not ids:
        return []
    items = list(session.scalars(select(VoiceItem).where(VoiceItem.id.in_(ids))))
    if len(items) != len(ids):
        raise CommitmentError("Some of those items could not be found", "voice_item_ids")
    if any(item.is_restricted for item in items):
        raise CommitmentError("Hidden or escalated items can't be linked to a commitment",
                              "voice_item_ids")
    return items


def _item_label(item: VoiceItem) -> str:
    """The link's stored label: which item, never its words (those are read through the
    reading rule when the page is shown, so hiding or erasing them later takes effect)."""
    return f"{item.source_label} #{item.id}"[:255]


def _add_source(session: Session, actor: User | None, commitment: Commitment, *, kind: str,
                ref: str, label: str = "", voice_item: VoiceItem | None = None) -> CommitmentSource | None:
    if not _KIND.match(kind or ""):
        raise CommitmentError("A source kind is a short lower-case name, like inspection_recommendation")
    ref = str(ref).strip()
    if not ref or len(ref) > 120:
        raise CommitmentError("A source needs a short reference (its id)")
    exists = session.scalar(select(CommitmentSource.id).where(
        CommitmentSource.commitment_id == commitment.id, CommitmentSource.kind == kind,
        CommitmentSource.ref == ref))
    if exists is not None:
        return None
    source = CommitmentSource(kind=kind, ref=ref, voice_item_id=voice_item.id if voice_item else None,
                              label=(label or "")[:255], created_by_id=actor.id if actor else None)
    commitment.sources.append(source)
    session.add(source)
    return source


def _normalise_source_refs(source_refs: Iterable[Sequence[Any]]) -> list[tuple[str, str, str]]:
    refs = []
    for entry in source_refs:
        if len(entry) not in (2, 3):
            raise CommitmentError("Each source is (kind, id) or (kind, id, label)")
        kind, ref = str(entry[0]), str(entry[1])
        label = str(entry[2]) if len(entry) == 3 else ""
        refs.append((kind, ref, label))
    return refs


# ---- creating and changing -------------------------------------------------------------------

def create_commitment(
    session: Session,
    actor: User | None,
    *,
    you_said: str,
    we_will: str,
    owner_organisation_id: int,
    owner_user_id: int | None = None,
    due_date: date,
    voice_item_ids: Iterable[int] = (),
    source_refs: Iterable[Sequence[Any]] = (),
    service_id: int | None = None,
    is_public: bool = False,
    today: date | None = None,
) -> Commitment:
    """Make a promise back to young people.

    ``voice_item_ids`` links cards and answers; ``source_refs`` links anything else as
    ``(kind, id)`` or ``(kind, id, label)``, for example
    ``("inspection_recommendation", 42, "Recommendation 3: answer the phone")``; find them again
    with :func:`commitments_for_source`. ``service_id`` defaults to the linked items' service.
    The participation team (or ``actor=None`` for system jobs) may create any commitment; a
    provider only one owned by their own organisation about their own service.
    """
    today = today or today_in_london()
    you_said = _text(you_said, field="you_said", label="what young people said", limit=MAX_YOU_SAID)
    we_will = _text(we_will, field="we_will", label="what will be done", limit=MAX_WE_WILL)
    org, owner = _owner(session, owner_organisation_id, owner_user_id)
    due = _due(due_date, today=today)
    items = _linkable_items(session, voice_item_ids)
    refs = _normalise_source_refs(source_refs)
    if service_id is None:
        services = {item.service_id for item in items}
        if len(services) != 1:
            raise CommitmentError("Choose the service this commitment is about", "service_id")
        service_id = services.pop()
    service = session.get(Service, service_id)
    if service is None:
        raise CommitmentError("Choose the service this commitment is about", "service_id")
    if actor is not None and actor.role not in MANAGERS:
        if not (actor.role == Role.PROVIDER and actor.organisation_id == org.id
                and service.provider_id == org.id):
            raise NotAllowed("You can only make commitments for your own organisation's services")
    if is_public and not can_manage(actor):
        raise NotAllowed("Only the participation team can publish commitments")

    status = CommitmentStatus.NOT_STARTED
    assessment = assess(status, due, today, None)
    commitment = Commitment(
        service_id=service.id, you_said=you_said, we_will=we_will, status=status.value,
        due_date=due, owner_organisation_id=org.id, owner_user_id=owner.id if owner else None,
        rag=assessment.rag.value, rag_changed_at=utcnow(), is_public=bool(is_public),
        published_at=utcnow() if is_public else None, created_by_id=actor.id if actor else None,
    )
    session.add(commitment)
    session.flush()
    _event(session, commitment, actor, "created", {
        "you_said": [None, you_said], "we_will": [None, we_will], "due_date": [None, due],
        "owner_organisation": [None, org.name],
        "owner_user": [None, owner.display_name if owner else None],
        "rag": [None, assessment.rag.value]}, note=assessment.reason)
    for item in items:
        _add_source(session, actor, commitment, kind=SourceKind.VOICE_ITEM.value, ref=str(item.id),
                    label=_item_label(item), voice_item=item)
    for kind, ref, label in refs:
        _add_source(session, actor, commitment, kind=kind, ref=ref, label=label)
    session.flush()
    record(session, actor, "commitment.created", target=commitment, service=service.id,
           sources=len(items) + len(refs))
    if assessment.rag is RAG.RED:
        _notify_red(session, commitment, assessment.reason)
    return commitment


def update_commitment(
    session: Session,
    actor: User | None,
    commitment: Commitment,
    *,
    you_said: str,
    we_will: str,
    owner_organisation_id: int,
    owner_user_id: int | None,
    due_date: date,
    today: date | None = None,
) -> Commitment:
    """Change what was promised, who owns it and when (the participation team only)."""
    if not can_manage(actor):
        raise NotAllowed("Only the participation team can change what was promised or when")
    today = today or today_in_london()
    values = {
        "you_said": _text(you_said, field="you_said", label="what young people said", limit=MAX_YOU_SAID),
        "we_will": _text(we_will, field="we_will", label="what will be done", limit=MAX_WE_WILL),
    }
    org, owner = _owner(session, owner_organisation_id, owner_user_id)
    values["owner_organisation_id"] = org.id
    values["owner_user_id"] = owner.id if owner else None
    values["due_date"] = _due(due_date, today=today, unchanged=commitment.due_date)
    changes = {}
    for field, value in values.items():
        old = getattr(commitment, field)
        if old != value:
            changes[field] = [old, value]
            setattr(commitment, field, value)
    if changes:
        _event(session, commitment, actor, "updated", changes)
        record(session, actor, "commitment.updated", target=commitment, fields=sorted(changes))
        refresh_rag(session, commitment, today=today)
    return commitment


def record_progress(
    session: Session,
    actor: User | None,
    commitment: Commitment,
    *,
    status: str,
    we_did: str | None = None,
    cant_do_reason: str | None = None,
    note: str | None = None,
    today: date | None = None,
) -> Commitment:
    """Update the status, with "we did" (required when done) or "we can't, because" (a reason
    young people can understand: without one the commitment shows red)."""
    if not can_update_progress(actor, commitment):
        raise NotAllowed("You can only update your own organisation's commitments")
    today = today or today_in_london()
    try:
        new_status = CommitmentStatus(status)
    except ValueError:
        raise CommitmentError("Choose a status from the list", "status") from None
    we_did = _text(we_did, field="we_did", label="what was done", limit=MAX_WE_DID, required=False)
    reason = _text(cant_do_reason, field="cant_do_reason", label="the reason", limit=MAX_REASON,
                   required=False)
    note = _text(note, field="note", label="the note", limit=MAX_NOTE, required=False)
    if new_status is CommitmentStatus.DONE and not we_did:
        raise CommitmentError("Say what was done, in words young people will understand", "we_did")

    changes: dict[str, list[Any]] = {}

    def change(field: str, value: Any) -> None:
        old = getattr(commitment, field)
        if old != value:
            changes[field] = [old, value]
            setattr(commitment, field, value)

    change("status", new_status.value)
    if we_did is not None or new_status is CommitmentStatus.DONE:
        change("we_did", we_did)
    if reason is not None or new_status is CommitmentStatus.CANT_DO:
        change("cant_do_reason", reason)
    if new_status in (CommitmentStatus.DONE, CommitmentStatus.CANT_DO):
        if commitment.completed_at is None or "status" in changes:
            commitment.completed_at = utcnow()
    else:
        commitment.completed_at = None
    if new_status is not CommitmentStatus.DONE and commitment.assured_at is not None:
        changes["assured"] = [commitment.assured_by_label, None]
        _clear_assurance(commitment)
    if not changes and not note:
        return commitment
    _event(session, commitment, actor, "progress", changes, note=note)
    record(session, actor, "commitment.progress", target=commitment, status=new_status.value)
    refresh_rag(session, commitment, today=today)
    return commitment


def add_comment(session: Session, actor: User, commitment: Commitment, body: str) -> CommitmentComment:
    if not can_comment(actor, commitment):
        raise NotAllowed("You can only comment on commitments you can see")
    text = _text(body, field="body", label="a comment", limit=MAX_COMMENT)
    comment = CommitmentComment(commitment_id=commitment.id, author_id=actor.id, body=text)
    session.add(comment)
    commitment.updated_at = utcnow()
    session.flush()
    record(session, actor, "commitment.commented", target=commitment)
    return comment


def set_published(session: Session, actor: User | None, commitment: Commitment,
                  published: bool) -> Commitment:
    """Show on (or take off) the public "you said, we did" board."""
    if not can_manage(actor):
        raise NotAllowed("Only the participation team can publish commitments")
    if commitment.is_public == published:
        return commitment
    commitment.is_public = published
    if published:
        commitment.published_at = utcnow()
    _event(session, commitment, actor, "published" if published else "unpublished",
           {"is_public": [not published, published]})
    record(session, actor, "commitment.published" if published else "commitment.unpublished",
           target=commitment)
    return commitment


# ---- sources ---------------------------------------------------------------------------------

def link_voice_items(session: Session, actor: User | None, commitment: Commitment,
                     voice_item_ids: Iterable[int]) -> int:
    """Link more cards or answers; returns how many new links were made."""
    if not can_manage(actor):
        raise NotAllowed("Only the participation team can link what young people said")
    added = 0
    for item in _linkable_items(session, voice_item_ids):
        if _add_source(session, actor, commitment, kind=SourceKind.VOICE_ITEM.value,
                       ref=str(item.id), label=_item_label(item), voice_item=item) is not None:
            added += 1
    if added:
        session.flush()
        _event(session, commitment, actor, "source_linked",
               {"voice_items": [None, sorted(int(i) for i in voice_item_ids)]})
        record(session, actor, "commitment.linked", target=commitment, added=added)
    return added


def link_source(session: Session, actor: User | None, commitment: Commitment, *, kind: str,
                ref: int | str, label: str = "") -> CommitmentSource | None:
    """Link anything else, e.g. ``kind="inspection_recommendation", ref=recommendation.id``.
    Idempotent: linking the same thing twice returns ``None`` the second time."""
    if not can_manage(actor) and not (actor is not None and can_update_progress(actor, commitment)):
        raise NotAllowed("You can't link sources to this commitment")
    if kind == SourceKind.VOICE_ITEM.value:
        link_voice_items(session, actor, commitment, [int(ref)])
        return None
    source = _add_source(session, actor, commitment, kind=kind, ref=str(ref), label=label)
    if source is not None:
        session.flush()
        _event(session, commitment, actor, "source_linked", {kind: [None, str(ref)]}, note=label or None)
        record(session, actor, "commitment.linked", target=commitment, kind=kind, ref=str(ref))
    return source


def unlink_source(session: Session, actor: User | None, commitment: Commitment,
                  source_id: int) -> None:
    if not can_manage(actor):
        raise NotAllowed("Only the participation team can remove links")
    source = session.get(CommitmentSource, source_id)
    if source is None or source.commitment_id != commitment.id:
        raise NotFound("That link is not on this commitment")
    _event(session, commitment, actor, "source_unlinked", {source.kind: [source.ref, None]},
           note=source.label or None)
    record(session, actor, "commitment.unlinked", target=commitment, kind=source.kind, ref=source.ref)
    if source in commitment.sources:
        commitment.sources.remove(source)
    session.delete(source)
    session.flush()


def commitments_for_source(session: Session, kind: str, ref: int | str) -> list[Commitment]:
    """The commitments linked to one source, e.g. ``("inspection_recommendation", 42)``."""
    return list(session.scalars(
        select(Commitment).join(CommitmentSource, CommitmentSource.commitment_id == Commitment.id)
        .where(CommitmentSource.kind == kind, CommitmentSource.ref == str(ref))
        .order_by(Commitment.id)))


def commitments_for_items(session: Session, item_ids: Iterable[int]) -> dict[int, list[Commitment]]:
    ids = list(set(item_ids))
    found: dict[int, list[Commitment]] = defaultdict(list)
    if not ids:
        return found
    rows = session.execute(
        select(CommitmentSource.voice_item_id, Commitment)
        .join(Commitment, Commitment.id == CommitmentSource.commitment_id)
        .where(CommitmentSource.voice_item_id.in_(ids)).order_by(Commitment.id))
    for item_id, commitment in rows:
        found[item_id].append(commitment)
    return found


def voice_item_sources(session: Session, commitment: Commitment) -> list[tuple[CommitmentSource, VoiceItem]]:
    rows = session.execute(
        select(CommitmentSource, VoiceItem).join(VoiceItem, VoiceItem.id == CommitmentSource.voice_item_id)
        .where(CommitmentSource.commitment_id == commitment.id).order_by(CommitmentSource.id))
    return [(s, i) for s, i in rows]


def young_people_counts(session: Session, commitment_ids: Iterable[int]) -> dict[int, int]:
    """How many young people raised each commitment: its linked voice items plus their
    duplicates, each counted once; hidden and escalated items never count."""
    ids = list(set(commitment_ids))
    counts = {cid: 0 for cid in ids}
    if not ids:
        return counts
    linked: dict[int, set[int]] = defaultdict(set)
    for cid, item_id in session.execute(
        select(CommitmentSource.commitment_id, VoiceItem.id)
        .join(VoiceItem, VoiceItem.id == CommitmentSource.voice_item_id)
        .where(CommitmentSource.commitment_id.in_(ids),
               VoiceItem.state.notin_([ModerationState.HIDDEN.value, ModerationState.ESCALATED.value]),
               VoiceItem.is_safeguarding.is_(False))):
        linked[cid].add(item_id)
    all_items = set().union(*linked.values()) if linked else set()
    duplicates: dict[int, set[int]] = defaultdict(set)
    if all_items:
        for primary, dup in session.execute(
            select(VoiceItem.duplicate_of_id, VoiceItem.id).where(
                VoiceItem.duplicate_of_id.in_(all_items),
                VoiceItem.state == ModerationState.DUPLICATE.value)):
            duplicates[primary].add(dup)
    for cid, items in linked.items():
        voices = set(items)
        for item_id in items:
            voices |= duplicates.get(item_id, set())
        counts[cid] = len(voices)
    return counts


# ---- assurance -------------------------------------------------------------------------------

def _clear_assurance(commitment: Commitment) -> None:
    commitment.assured_at = None
    commitment.assured_by = None
    commitment.assured_group = None
    commitment.assurance_note = None
    commitment.assurance_session_on = None
    commitment.assurance_young_people = None
    commitment.assured_recorded_by_id = None


def assure_commitment(
    session: Session,
    actor: User | None,
    commitment: Commitment,
    *,
    by: AssuredBy | str,
    note: str,
    group: str | None = None,
    followup: int | str | None = None,
    session_on: date | None = None,
    young_people: int | None = None,
    today: date | None = None,
) -> Commitment:
    """Young people confirmed the change really happened: the fourth mark, "assured".

    It is never self-declared: it needs a young people's check, after the commitment was done.

    - ``by="young_inspectors"``: a young inspectors' follow-up finding. Only the inspections
      follow-up calls this, naming the follow-up inspection (``followup``); an officer cannot
      choose it on their own.
    - ``by="young_peoples_group"``: a youth group session recorded by the participation team:
      the group's name, the date of the session (``session_on``), how many young people took
      part (``young_people``) and what they said (``note``).
    """
    if not can_assure(actor):
        raise NotAllowed("Only young inspectors or the participation team can assure a commitment")
    try:
        by = AssuredBy(by)
    except ValueError:
        raise CommitmentError("Choose who checked it", "by") from None
    if commitment.status != CommitmentStatus.DONE:
        raise InvalidState("Only a commitment marked done can be assured")
    today = today or today_in_london()
    done_on = (today_in_london(commitment.completed_at)
               if commitment.completed_at is not None else None)
    if by is AssuredBy.YOUNG_INSPECTORS:
        if followup in (None, ""):
            raise CommitmentError("Young inspectors assure a commitment through their follow-up "
                                  "inspection. Record a youth group session instead, or ask the "
                                  "young inspectors to follow it up.", "by")
        note = _text(note, field="note", label="what the young inspectors found", limit=MAX_NOTE)
        group = (f"follow-up inspection #{followup}" if str(followup).isdigit()
                 else str(followup)[:160])
        session_on = session_on or today
        young_people = None
    else:
        note = _text(note, field="note", label="what the young people said", limit=MAX_NOTE)
        group = _text(group, field="group", label="the group's name", limit=160, required=False)
        if not group:
            raise CommitmentError("Enter the name of the young people's group", "group")
        if session_on is None:
            raise CommitmentError("Enter the date of the session", "session_on")
        if session_on > today:
            raise CommitmentError("The session date must be today or in the past", "session_on")
        if young_people is None or not 1 <= young_people <= 1000:
            raise CommitmentError("Enter how many young people took part (1 or more)",
                                  "young_people")
        if done_on is not None and session_on < done_on:
            raise CommitmentError(
                f"The session must come after the commitment was done ({done_on:%-d %B %Y}): "
                "young people check that it really happened", "session_on")
    commitment.assured_at = utcnow()
    commitment.assured_by = by.value
    commitment.assured_group = group
    commitment.assurance_note = note
    commitment.assurance_session_on = session_on
    commitment.assurance_young_people = young_people
    commitment.assured_recorded_by_id = actor.id if actor else None
    _event(session, commitment, actor, "assured", {"assured": [None, commitment.assured_by_label],
                                                   "checked_on": [None, session_on.isoformat()],
                                                   "young_people": [None, young_people]},
           note=note)
    record(session, actor, "commitment.assured", target=commitment, by=by.value,
           followup=str(followup) if followup not in (None, "") else None)
    refresh_rag(session, commitment, today=today)
    return commitment


def reopen_commitment(
    session: Session,
    actor: User | None,
    commitment: Commitment,
    *,
    note: str,
    by: AssuredBy | str | None = None,
    due_date: date | None = None,
    today: date | None = None,
) -> Commitment:
    """Young people found it had not really happened (or not for long): back to in progress,
    assurance removed, with their words in the history. ``due_date`` optionally sets a new date."""
    if not can_assure(actor):
        raise NotAllowed("Only young inspectors or the participation team can re-open a commitment")
    today = today or today_in_london()
    if commitment.status not in (CommitmentStatus.DONE, CommitmentStatus.CANT_DO):
        raise InvalidState("Only a finished commitment can be re-opened")
    note = _text(note, field="note", label="why it is being re-opened", limit=MAX_NOTE)
    changes: dict[str, list[Any]] = {"status": [commitment.status, CommitmentStatus.IN_PROGRESS.value]}
    if commitment.assured_at is not None:
        changes["assured"] = [commitment.assured_by_label, None]
    if due_date is not None and due_date != commitment.due_date:
        changes["due_date"] = [commitment.due_date, _due(due_date, today=today)]
        commitment.due_date = due_date
    if by is not None:
        try:
            changes["reopened_by"] = [None, AssuredBy(by).value]
        except ValueError:
            raise CommitmentError("Choose who checked it", "by") from None
    commitment.status = CommitmentStatus.IN_PROGRESS.value
    commitment.completed_at = None
    _clear_assurance(commitment)
    _event(session, commitment, actor, "reopened", changes, note=note)
    record(session, actor, "commitment.reopened", target=commitment)
    refresh_rag(session, commitment, today=today)
    return commitment


# ---- RAG -------------------------------------------------------------------------------------

def refresh_rag(session: Session, commitment: Commitment, *, today: date,
                now: datetime | None = None) -> bool:
    """Recompute the stored RAG mark from the rule; record and announce a change. Idempotent:
    returns True only when the mark changed."""
    assessment = assess(commitment.status, commitment.due_date, today, commitment.cant_do_reason,
                        assured=commitment.assured_at is not None)
    if commitment.rag == assessment.rag.value:
        return False
    old = commitment.rag
    commitment.rag = assessment.rag.value
    commitment.rag_changed_at = now or utcnow()
    event = _event(session, commitment, None, "rag_changed", {"rag": [old, assessment.rag.value]},
                   note=assessment.reason)
    if now is not None:
        event.created_at = now
    if assessment.rag is RAG.RED:
        _notify_red(session, commitment, assessment.reason)
    return True


def commitment_owners(session: Session, commitment: Commitment) -> list[User]:
    """Who is told when a commitment turns red: its owner, else the owner organisation's staff,
    else the participation team."""
    if commitment.owner_user is not None and commitment.owner_user.is_active:
        return [commitment.owner_user]
    users = list(session.scalars(select(User).where(
        User.organisation_id == commitment.owner_organisation_id, User.is_active.is_(True),
        User.role.in_([r.value for r in STAFF])).order_by(User.id)))
    if users:
        return users
    return list(session.scalars(select(User).where(
        User.role == Role.PARTICIPATION.value, User.is_active.is_(True)).order_by(User.id)))


def _notify_red(session: Session, commitment: Commitment, reason: str) -> None:
    from voice.loop.notifications import notify_all

    day = today_in_london(commitment.rag_changed_at).isoformat()
    notify_all(
        session, commitment_owners(session, commitment), kind="commitment_red",
        title=f"A commitment has turned red: {commitment.service.name}",
        body=(f"“{_short(commitment.we_will)}” is now red ({reason.lower()}). "
              f"It is due on {commitment.due_date.strftime('%-d %B %Y')}. "
              "Update its progress, or tell the participation team what is in the way."),
        url=f"/commitments/{commitment.id}", dedupe_key=f"commitment-red:{commitment.id}:{day}")


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def rag_counts(session: Session, query: Select) -> dict[str, int]:
    sub = query.order_by(None).subquery()
    rows = session.execute(select(sub.c.rag, func.count()).group_by(sub.c.rag))
    counts = Counter({r.value: 0 for r in RAG})
    counts.update({rag: n for rag, n in rows})
    return dict(counts)


# ---- the public board ------------------------------------------------------------------------

def public_board_query(*, service_id: int | None = None, area_ids: Iterable[int] | None = None) -> Select:
    query = (select(Commitment).join(Service, Service.id == Commitment.service_id)
             .where(Commitment.is_public.is_(True), Service.archived_at.is_(None))
             .options(selectinload(Commitment.service))
             .order_by(Commitment.updated_at.desc(), Commitment.id.desc()))
    if service_id:
        query = query.where(Commitment.service_id == service_id)
    if area_ids is not None:
        ids = list(area_ids)
        query = query.where(Commitment.service_id.in_(
            select(service_areas.c.service_id).where(service_areas.c.area_id.in_(ids))))
    return query


def public_board(session: Session, *, service_id: int | None = None,
                 area_ids: Iterable[int] | None = None, page: int = 1,
                 per_page: int = 10) -> tuple[list[Commitment], int]:
    query = public_board_query(service_id=service_id, area_ids=area_ids)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = session.scalars(query.limit(per_page).offset((max(page, 1) - 1) * per_page)).unique().all()
    return list(rows), total


def has_inspection_source(session: Session, commitment_ids: Iterable[int]) -> set[int]:
    ids = list(set(commitment_ids))
    if not ids:
        return set()
    return set(session.scalars(select(CommitmentSource.commitment_id).where(
        CommitmentSource.commitment_id.in_(ids),
        CommitmentSource.kind.in_([SourceKind.INSPECTION_RECOMMENDATION.value,
                                   SourceKind.INSPECTION_FINDING.value]))))
