"""A young person takes back what they wrote ("Delete my card", "Delete my answers").

Deleting removes the words from everything that reads them: the voice item goes (so it leaves
moderation, results, summaries and their rollups, exports, theme quotes, the board, the API and
every snapshot made afterwards), with what hangs off it: a reply to it, a moderator's held-back
quote, staff and safeguarding-lead corrections used for training, and its links to
commitments. A commitment itself stays (it is the service's promise), but loses the link to the
words; where its "you said" quotes them word for word, that wording is replaced too (also in its
history).

The one exception: words that may be a safeguarding concern (escalated to the service's
safeguarding lead, or flagged for them) are kept for the lead, marked ``withdrawn_at`` and cut
off from where they came from, so they can never be published, counted or found again from the
young person's side. If the lead later decides there was no concern, the words are erased then
(:func:`finish_withdrawn`), as the young person asked.

Only that a deletion happened is recorded (:func:`record_deletion`): an audit row with what kind
of thing was deleted and how many pieces, but no words, no ids and no service, so nothing links
back to the person.

Callers (``voice.loop.views_delete`` for cards, ``surveys.receipts`` for survey answers) find
what to delete; these functions flush and never commit.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from voice.audit.services import record
from voice.db import utcnow
from voice.loop.models import (
    ActionCard,
    Commitment,
    CommitmentEvent,
    CommitmentSource,
    ItemReply,
    ModerationState,
    VoiceItem,
)
from voice.loop.reading import is_restricted

__all__ = ["DELETED_WORDS", "Withdrawn", "confirm_token", "delete_card", "finish_withdrawn",
           "is_confirmed", "record_deletion", "withdraw_items"]

# What a commitment's "you said" reads once the words it quoted were deleted.
DELETED_WORDS = "(What a young person wrote here was deleted at their request.)"
# Shorter public wording than this is not treated as quoted inside a longer "you said".
_MIN_QUOTE = 12


@dataclass
class Withdrawn:
    """What one deletion did: pieces of writing deleted, and kept for the safeguarding lead."""

    deleted: int = 0
    kept_for_lead: int = 0
    # Commitments that lost a link (the participation team is told in their history).
    commitment_ids: set[int] = field(default_factory=set)

    def __iadd__(self, other: Withdrawn) -> Withdrawn:
        self.deleted += other.deleted
        self.kept_for_lead += other.kept_for_lead
        self.commitment_ids |= other.commitment_ids
        return self


def withdraw_items(session: Session, items: Iterable[VoiceItem | None], *,
                   now: datetime | None = None) -> Withdrawn:
    """Delete these voice items and everything that shows their words, except the ones that
    may be a safeguarding concern, which are kept for the lead only (see the module's text)."""
    now = now or utcnow()
    result = Withdrawn()
    for item in [i for i in items if i is not None]:
        if is_restricted(item):
            _keep_for_lead(item, now)
            result.kept_for_lead += 1
        else:
            result.commitment_ids |= _delete_item(session, item)
            result.deleted += 1
    session.flush()
    return result


def _keep_for_lead(item: VoiceItem, now: datetime) -> None:
    item.withdrawn_at = item.withdrawn_at or now
    item.source_id = None          # no way back to the answer or card (both are deleted)
    item.public_text = None        # never to be published, whatever happens later
    item.duplicate_of_id = None


def _delete_item(session: Session, item: VoiceItem) -> set[int]:
    from voice.learning.models import AnalysisCorrection, SafeguardingCorrection

    words = _words_of(item)
    # Others counted with this one ("n young people said this") wait for a person again.
    session.execute(update(VoiceItem).where(VoiceItem.duplicate_of_id == item.id)
                    .values(duplicate_of_id=None, state=ModerationState.NEW.value)
                    .execution_options(synchronize_session="fetch"))
    session.execute(update(ActionCard).where(ActionCard.voice_item_id == item.id)
                    .values(voice_item_id=None).execution_options(synchronize_session="fetch"))
    session.execute(delete(ItemReply).where(ItemReply.voice_item_id == item.id)
                    .execution_options(synchronize_session="fetch"))
    for correction in (AnalysisCorrection, SafeguardingCorrection):  # what training reads
        session.execute(delete(correction).where(correction.voice_item_id == item.id)
                        .execution_options(synchronize_session="fetch"))
    commitment_ids = set(session.scalars(select(CommitmentSource.commitment_id).where(
        CommitmentSource.voice_item_id == item.id)))
    if commitment_ids:
        for commitment in session.scalars(select(Commitment).where(
                Commitment.id.in_(sorted(commitment_ids)))):
            _unlink(session, commitment, item, words)
    session.delete(item)           # quote holds go with it (ON DELETE CASCADE)
    session.flush()
    return commitment_ids


def _words_of(item: VoiceItem) -> list[str]:
    """The forms of the item's words that staff might have copied."""
    forms = {(item.public_text or "").strip(), (item.redacted_text or "").strip(),
             (item.text or "").strip()}
    return sorted((w for w in forms if w), key=len, reverse=True)


def _scrub(value, words: list[str]):
    """``value`` (text, or the JSON of a commitment's history) without the quoted words."""
    if isinstance(value, str):
        stripped = value.strip()
        for w in words:
            if stripped == w or (len(w) >= _MIN_QUOTE and w in value):
                return DELETED_WORDS
        return value
    if isinstance(value, list):
        return [_scrub(v, words) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, words) for k, v in value.items()}
    return value


def _unlink(session: Session, commitment: Commitment, item: VoiceItem, words: list[str]) -> None:
    for source in list(commitment.sources):
        if source.voice_item_id == item.id:
            commitment.sources.remove(source)
            session.delete(source)
    if words:
        commitment.you_said = _scrub(commitment.you_said, words)
        for event in session.scalars(select(CommitmentEvent).where(
                CommitmentEvent.commitment_id == commitment.id)):
            changes, note = _scrub(event.changes, words), _scrub(event.note, words)
            if changes != event.changes:
                event.changes = changes
            if note != event.note:
                event.note = note
    # No id and no words: only that one of the young people's pieces of writing went.
    session.add(CommitmentEvent(
        commitment_id=commitment.id, actor_id=None, action="source_withdrawn", changes={},
        note="A young person deleted what they wrote, so it is no longer linked here."))
    commitment.updated_at = utcnow()


def delete_card(session: Session, card: ActionCard, *, now: datetime | None = None) -> Withdrawn:
    """Delete an action card at the request of the young person who sent it (they had its
    follow-up code), with its words everywhere; see :func:`withdraw_items` for the exception."""
    item = card.voice_item
    if item is None and card.voice_item_id is not None:
        item = session.get(VoiceItem, card.voice_item_id)
    card.voice_item = None
    session.flush()
    result = withdraw_items(session, [item], now=now)
    session.delete(card)
    session.flush()
    record_deletion(session, "action_card", result)
    return result


def record_deletion(session: Session, what: str, result: Withdrawn) -> None:
    """The only trace of a deletion: what kind of thing, and how many pieces (no words, no ids,
    no service, no link back to the person)."""
    record(session, None, "young_person.deleted_own_words", what=what, deleted=result.deleted,
           kept_for_safeguarding_lead=result.kept_for_lead)


def finish_withdrawn(item: VoiceItem) -> None:
    """The safeguarding lead found no concern in words the young person had already deleted:
    erase them now (the row stays hidden, uncounted, for the lead's record of their decision)."""
    item.text = ""
    item.redacted_text = ""
    item.public_text = None
    item.state = ModerationState.HIDDEN.value
    item.hidden_reason = "Deleted by the young person who wrote it."


# ---- the confirmation step ---------------------------------------------------------------------
# The "Yes, delete" form carries a signed, short-lived token for this one receipt or code, so a
# deletion only happens after the young person has seen the page that says what it does (the
# public forms have no session, so no session CSRF token either).

CONFIRM_SALT = "voice-delete-confirm"
CONFIRM_MAX_AGE = 60 * 60


def _confirm_key(secret: str, what: str) -> str:
    return hmac.new(secret.encode(), f"delete-confirm:{what}".encode(),
                    hashlib.sha256).hexdigest()[:32]


def confirm_token(secret: str, what: str) -> str:
    """A token for the confirmation form of ``what`` (a receipt or a normalised code)."""
    return URLSafeTimedSerializer(secret, salt=CONFIRM_SALT).dumps(_confirm_key(secret, what))


def is_confirmed(secret: str, token: str | None, what: str) -> bool:
    """True if ``token`` came from the confirmation form of ``what`` within the last hour."""
    if not token or len(token) > 200:
        return False
    try:
        key = URLSafeTimedSerializer(secret, salt=CONFIRM_SALT).loads(
            token, max_age=CONFIRM_MAX_AGE)
    except BadSignature:  # also SignatureExpired
        return False
    return isinstance(key, str) and key == _confirm_key(secret, what)
