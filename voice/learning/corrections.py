"""Staff corrections of a voice item's themes and sentiment.

A correction changes the item at once (summaries count the corrected themes), is kept for ever
with who made it and what the item said before, and is what retraining learns from. The newest
correction of an item is the one that counts; re-analysis never overwrites it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from voice.analysis import SENTIMENT_LABELS
from voice.audit.services import record
from voice.auth.models import User
from voice.auth.roles import MANAGERS
from voice.db import utcnow
from voice.errors import NotAllowed, VoiceError
from voice.learning.models import AnalysisCorrection
from voice.learning.rules import valid_theme_keys
from voice.loop.models import VoiceItem

MAX_NOTE = 500
SENTIMENT_CHOICES = {
    "positive": "Positive: they are pleased or praising",
    "neutral": "Neutral: neither, or a mix",
    "negative": "Negative: they are unhappy or want something changed",
}
# A corrected sentiment gets a score that agrees with it (the engine's score no longer does).
SCORE_FOR = {"positive": 0.5, "neutral": 0.0, "negative": -0.5}


class CorrectionInvalid(VoiceError):
    """``errors`` maps a field name (themes, sentiment, note) to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(next(iter(errors.values())))
        self.errors = errors


def record_correction(session: Session, actor: User | None, item: VoiceItem, *,
                      themes: Iterable[str], sentiment: str | None,
                      note: str | None = None) -> AnalysisCorrection | None:
    """Record what ``item`` is really about and how its writer felt, and apply it to the item.

    Saving the analysis unchanged is a confirmation, and is stored too: the model learns from
    what it got right as well as what it got wrong. Returns None when the newest correction
    already says exactly this (a resent form stores nothing twice).
    """
    if actor is not None and actor.role not in MANAGERS:
        raise NotAllowed("Only the participation team can correct the analysis")
    chosen = [str(t).strip() for t in themes if str(t).strip()]
    sentiment = (sentiment or "").strip()
    note = (note or "").strip() or None
    errors: dict[str, str] = {}
    valid = valid_theme_keys(session)
    unknown = [t for t in chosen if t not in valid]
    if unknown:
        errors["themes"] = (f"“{unknown[0][:40]}” is not one of the themes. Choose from the list")
    if not sentiment:
        errors["sentiment"] = "Choose whether what they said is positive, neutral or negative"
    elif sentiment not in SENTIMENT_LABELS:
        errors["sentiment"] = "Choose positive, neutral or negative"
    if note and len(note) > MAX_NOTE:
        errors["note"] = f"The note must be {MAX_NOTE} characters or fewer"
    if errors:
        raise CorrectionInvalid(errors)
    ordered = [t for t in valid if t in set(chosen)]

    latest = latest_correction(session, item)
    if latest is not None and latest.sentiment == sentiment and latest.themes == ordered:
        return None
    correction = AnalysisCorrection(
        voice_item_id=item.id, themes=ordered, sentiment=sentiment,
        previous_themes=list(item.themes or []), previous_sentiment=item.sentiment,
        model_version=item.model_version, note=note,
        corrected_by_id=actor.id if actor is not None else None, created_at=utcnow())
    session.add(correction)
    if item.sentiment != sentiment or item.sentiment_score is None:
        item.sentiment_score = SCORE_FOR[sentiment]
    item.sentiment = sentiment
    item.themes = ordered
    session.flush()
    record(session, actor, "analysis.corrected", target=item, correction=correction.id,
           themes=ordered, sentiment=sentiment, was_themes=correction.previous_themes,
           was_sentiment=correction.previous_sentiment,
           confirmed=correction.is_confirmation)
    return correction


def latest_correction(session: Session, item: VoiceItem) -> AnalysisCorrection | None:
    return session.scalar(select(AnalysisCorrection)
                          .where(AnalysisCorrection.voice_item_id == item.id)
                          .order_by(AnalysisCorrection.id.desc()).limit(1))


def corrections_for_item(session: Session, item: VoiceItem) -> list[AnalysisCorrection]:
    return list(session.scalars(
        select(AnalysisCorrection).options(selectinload(AnalysisCorrection.corrected_by))
        .where(AnalysisCorrection.voice_item_id == item.id)
        .order_by(AnalysisCorrection.id.desc())))


def _latest_ids():
    return (select(func.max(AnalysisCorrection.id))
            .group_by(AnalysisCorrection.voice_item_id).scalar_subquery())


def latest_corrections(session: Session) -> list[AnalysisCorrection]:
    """The newest correction of every corrected item, oldest item first, items loaded."""
    return list(session.scalars(
        select(AnalysisCorrection).options(selectinload(AnalysisCorrection.voice_item))
        .where(AnalysisCorrection.id.in_(_latest_ids()))
        .order_by(AnalysisCorrection.voice_item_id)))


def corrected_item_ids(session: Session, item_ids: Iterable[int]) -> set[int]:
    ids = list(set(item_ids))
    if not ids:
        return set()
    return set(session.scalars(select(AnalysisCorrection.voice_item_id)
                               .where(AnalysisCorrection.voice_item_id.in_(ids)).distinct()))


def corrected_item_count(session: Session) -> int:
    return session.scalar(select(func.count(func.distinct(AnalysisCorrection.voice_item_id)))) or 0


def recent_corrections(session: Session, *, limit: int = 10) -> list[AnalysisCorrection]:
    return list(session.scalars(
        select(AnalysisCorrection)
        .options(selectinload(AnalysisCorrection.corrected_by),
                 selectinload(AnalysisCorrection.voice_item))
        .order_by(AnalysisCorrection.id.desc()).limit(limit)))
