"""The reading rule: who may read which of young people's words, and in what form.

Every reader of voice items (pages, CSV and XLSX exports, the API, the board report, snapshots,
digests, theme quotes, the inspectors' pages) asks here, so that there is one rule:

- the participation team and administrators read the original words (they moderate them);
- a possible safeguarding concern (escalated, or flagged) is read only by the safeguarding lead
  of that item's service, and by the young inspector who wrote it when it is their own evidence
  note. Nobody else: not the participation team, not an administrator. The one exception is a
  service with no lead (only older data: a service taking answers can no longer be left without
  one), where the participation team stands in so that a possible disclosure is never unread;
- everyone else (commissioners, providers, young inspectors, safeguarding leads for other
  items, the public) reads only the wording a person approved for publication, which was
  redacted first; waiting, hidden and duplicate items have no words for them at all.

:func:`wording_for` applies the rule to one item in Python; :func:`readable_items_clause` is the
same rule as SQL for lists. Counting is a different question (a count reveals no words):
:func:`countable_items_clause` is what summaries may count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, not_, or_, select
from sqlalchemy.orm import Session

from voice.auth.roles import MANAGERS, Role
from voice.directory.models import Service
from voice.loop.models import ModerationState, VoiceItem, VoiceSource
from voice.loop.personal_details import publishable_wording

__all__ = [
    "PUBLIC", "Reader", "countable_items_clause", "is_restricted", "publishable",
    "own_words_for", "readable_items_clause", "reader_for", "reads_original",
    "restricted_source_ids", "wording_for",
]


@dataclass(frozen=True)
class Reader:
    """Who is reading. Build it with :func:`reader_for`; ``PUBLIC`` is anyone not signed in
    (and what every public page uses, whoever is signed in)."""

    role: str | None = None
    user_id: int | None = None
    organisation_id: int | None = None
    # Services this person may see (None: every service).
    service_ids: frozenset[int] | None = None
    # Services whose safeguarding lead this person is.
    lead_service_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_public(self) -> bool:
        return self.role is None

    @property
    def is_team(self) -> bool:
        """The participation team or an administrator: they read the original words."""
        return self.role in MANAGERS


PUBLIC = Reader()


def reader_for(user, session: Session | None = None) -> Reader:
    """The reader for this user; None or an anonymous user is the public.

    ``session`` is used to find the services a provider may see and a safeguarding lead leads
    on (by default, the user's own session, else the request's)."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "id", None):
        return PUBLIC
    role = str(user.role)
    if role in MANAGERS:
        return Reader(role=role, user_id=user.id, organisation_id=user.organisation_id)
    if session is None:
        from sqlalchemy.orm import object_session

        session = object_session(user)
        if session is None:
            from voice.db import db

            session = db.session()
    service_ids = None
    if role == Role.PROVIDER:
        service_ids = frozenset(session.scalars(
            select(Service.id).where(Service.provider_id == (user.organisation_id or -1))))
    leads = frozenset()
    if role == Role.SAFEGUARDING:
        leads = frozenset(session.scalars(
            select(Service.id).where(Service.safeguarding_lead_id == user.id)))
    return Reader(role=role, user_id=user.id, organisation_id=user.organisation_id,
                  service_ids=service_ids, lead_service_ids=leads)


# ---- the rule, one item at a time ----------------------------------------------------------------

def is_restricted(item: VoiceItem) -> bool:
    """A possible safeguarding concern: escalated now, flagged, or dealt with by the lead."""
    return (item.state == ModerationState.ESCALATED or bool(item.is_safeguarding))


def publishable(item: VoiceItem) -> bool:
    """Approved by a person, with wording, and not a safeguarding concern."""
    return (item.state == ModerationState.APPROVED and not is_restricted(item)
            and bool((item.public_text or "").strip()))


def reads_original(reader: Reader, item: VoiceItem) -> bool:
    """The participation team, except a possible safeguarding concern (which they read only
    standing in for a service with no lead); a safeguarding lead for a possible concern about a
    service they lead on (and one they have decided on)."""
    if reader.is_team:
        return not is_restricted(item) or _has_no_lead(item)
    return (reader.user_id is not None and item.service_id in reader.lead_service_ids
            and (is_restricted(item) or item.safeguarding_outcome is not None))


def wording_for(reader: Reader, item: VoiceItem, *, author_id: int | None = None) -> str | None:
    """The words ``reader`` may see for ``item``, or None for nothing at all.

    ``author_id``: the account that wrote the words, when the caller knows it (a young
    inspector's evidence note is theirs to read, even when it was escalated)."""
    if reads_original(reader, item):
        return item.text
    if (author_id is not None and reader.user_id == author_id
            and item.source == VoiceSource.EVIDENCE):
        return item.text
    if publishable(item):
        # The publish-time guard: never a phone number, email, postcode or address.
        return publishable_wording(item.public_text)
    return None


def own_words_for(reader: Reader, text: str, *, restricted: bool,
                  author_id: int | None) -> str | None:
    """Words kept in their own package (a young inspector's evidence note, read by the
    inspection team) that became a voice item only if they were a possible safeguarding
    concern: once ``restricted`` (see :func:`restricted_source_ids`), only the participation
    team and the person who wrote them read them here (the lead reads the escalated item)."""
    if not restricted or reader.is_team:
        return text
    if reader.user_id is not None and reader.user_id == author_id:
        return text
    return None


def _has_no_lead(item: VoiceItem) -> bool:
    service = item.service
    return service is None or service.safeguarding_lead_id is None


# ---- the same rule as SQL --------------------------------------------------------------------------

def _restricted() -> ColumnElement[bool]:
    return or_(VoiceItem.state == ModerationState.ESCALATED.value,
               VoiceItem.is_safeguarding.is_(True))


def _published() -> ColumnElement[bool]:
    return and_(VoiceItem.state == ModerationState.APPROVED.value,
                VoiceItem.is_safeguarding.is_(False),
                VoiceItem.public_text.is_not(None), VoiceItem.public_text != "")


def readable_items_clause(reader: Reader = PUBLIC) -> ColumnElement[bool]:
    """Items of which ``reader`` may read some words (then :func:`wording_for` says which)."""
    if reader.is_team:
        return or_(not_(_restricted()), VoiceItem.service_id.in_(
            select(Service.id).where(Service.safeguarding_lead_id.is_(None))))
    clause = _published()
    if reader.lead_service_ids:
        clause = or_(clause, and_(
            VoiceItem.service_id.in_(sorted(reader.lead_service_ids)),
            or_(VoiceItem.state == ModerationState.ESCALATED.value,
                VoiceItem.is_safeguarding.is_(True),
                VoiceItem.safeguarding_outcome.is_not(None))))
    return clause


def countable_items_clause() -> ColumnElement[bool]:
    """Items that may be counted in summaries (a count shows no words): everything except
    hidden items and possible safeguarding concerns."""
    return and_(VoiceItem.state.notin_([ModerationState.HIDDEN.value,
                                        ModerationState.ESCALATED.value]),
                VoiceItem.is_safeguarding.is_(False))


def restricted_source_ids(session: Session, source: VoiceSource | str,
                          source_ids) -> set[int]:
    """Of these source rows (answers, cards, evidence notes), the ones whose words became a
    possible safeguarding concern: their own package must not show them beyond the rule."""
    ids = sorted({int(i) for i in source_ids if i is not None})
    if not ids:
        return set()
    return set(session.scalars(select(VoiceItem.source_id).where(
        VoiceItem.source == VoiceSource(source).value, VoiceItem.source_id.in_(ids),
        or_(VoiceItem.state == ModerationState.ESCALATED.value,
            VoiceItem.is_safeguarding.is_(True)))))
