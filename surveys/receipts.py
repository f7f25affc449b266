"""Thank-you receipts, and deleting one's own answers with one ("Changed your mind?").

The thank-you page's address carries a **receipt**: 128 bits derived from the form's one-time
nonce with the app's secret key (HMAC-SHA256), so a resend of the same form gets the same
receipt, and a copy of the database alone (which holds the nonce) cannot make one. Only a keyed
hash of the receipt is stored (``survey_responses.receipt_hash``), like follow-up codes.

For :data:`DELETE_FOR` after sending, whoever has the receipt can delete the response: its
answers go from results, exports and summaries, and its free-text answers from the loop
(:mod:`voice.loop.withdrawal`, which keeps a possible safeguarding concern for the lead).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from surveys.models import Answer, SurveyResponse
from voice.db import utcnow
from voice.loop.models import VoiceItem, VoiceSource
from voice.loop.withdrawal import Withdrawn, record_deletion, withdraw_items

# Answers can be deleted until the end of the 7th day (London time) after they were sent.
DELETE_FOR = timedelta(days=7)
LONDON = ZoneInfo("Europe/London")
_RECEIPT = re.compile(r"^[a-z2-7]{26}$")


def receipt_for(secret: str, nonce: str) -> str:
    """The receipt for the form with this nonce: 26 lower-case letters and digits."""
    digest = hmac.new(secret.encode(), f"voice-receipt:{nonce}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:16]).decode().rstrip("=").lower()


def hash_receipt(secret: str, receipt: str) -> str:
    """The stored form of a receipt (a keyed hash; the receipt itself is never kept)."""
    return hmac.new(secret.encode(), f"voice-receipt-key:{receipt}".encode(),
                    hashlib.sha256).hexdigest()


def is_receipt(value: str | None) -> bool:
    return bool(value) and _RECEIPT.match(value) is not None


def find_by_receipt(session: Session, secret: str, receipt: str | None) -> SurveyResponse | None:
    """The response with this receipt, or None (also for anything that is not a receipt)."""
    if not is_receipt(receipt):
        return None
    hashed = hash_receipt(secret, receipt)
    response = session.scalar(select(SurveyResponse).where(SurveyResponse.receipt_hash == hashed))
    if response is None or not hmac.compare_digest(response.receipt_hash or "", hashed):
        return None
    return response


def deletable_until(response: SurveyResponse) -> datetime:
    """The moment deleting stops: midnight (London) at the end of the 7th day after sending,
    so the page can honestly say "until the end of <date>"."""
    sent_on = response.created_at.astimezone(LONDON).date()
    return datetime.combine(sent_on + DELETE_FOR + timedelta(days=1), time(0), tzinfo=LONDON)


def last_day_to_delete(response: SurveyResponse):
    """The last date (London) on which the answers can be deleted."""
    return (deletable_until(response) - timedelta(days=1)).date()


def can_delete(response: SurveyResponse, now: datetime | None = None) -> bool:
    return response.receipt_hash is not None and (now or utcnow()) < deletable_until(response)


class ReceiptExpired(Exception):
    """More than :data:`DELETE_FOR` has passed since the answers were sent."""


def delete_own_response(session: Session, response: SurveyResponse, *,
                        now: datetime | None = None) -> Withdrawn:
    """Delete a response at the request of the young person who sent it (they had its receipt):
    every answer, and each free-text answer's voice item, except words kept for the
    safeguarding lead. Records only that a deletion happened."""
    now = now or utcnow()
    if not can_delete(response, now):
        raise ReceiptExpired("The time for deleting these answers has passed.")
    answer_ids = list(session.scalars(select(Answer.id).where(Answer.response_id == response.id)))
    items = list(session.scalars(select(VoiceItem).where(
        VoiceItem.source == VoiceSource.ANSWER.value, VoiceItem.source_id.in_(answer_ids)))
    ) if answer_ids else []
    result = withdraw_items(session, items, now=now)
    session.delete(response)  # its answers go with it
    session.flush()
    record_deletion(session, "survey_response", result)
    return result
