"""The feedback loop: voice items (everything a young person says), and what is done about them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from voice.db import Base, TimestampMixin
from voice.directory.models import Area, Service


class VoiceSource(StrEnum):
    ANSWER = "answer"    # a free-text survey answer
    CARD = "card"        # an action card: stop, start or change
    FINDING = "finding"  # a young inspector's finding or recommendation


class ModerationState(StrEnum):
    NEW = "new"
    APPROVED = "approved"
    HIDDEN = "hidden"
    ESCALATED = "escalated"


class VoiceItem(TimestampMixin, Base):
    """Anything a young person said in free text, with its analysis and moderation state.

    ``text`` is the original and is restricted to the participation team and safeguarding lead;
    only ``public_text`` (redacted, then approved by a person) is ever shown beyond them.
    """

    __tablename__ = "voice_items"
    __table_args__ = (
        Index("ix_voice_items_service_created", "service_id", "created_at"),
        Index("ix_voice_items_state", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(20))
    # The id of the answer, card or finding this came from, in its own package's table.
    source_id: Mapped[int | None]
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"))
    channel: Mapped[str | None] = mapped_column(String(20))
    age_band: Mapped[str | None] = mapped_column(String(20))
    question_kind: Mapped[str] = mapped_column(String(20), default="nonspecific")
    text: Mapped[str] = mapped_column(Text)
    redacted_text: Mapped[str] = mapped_column(Text, default="")
    public_text: Mapped[str | None] = mapped_column(Text)
    sentiment: Mapped[str | None] = mapped_column(String(10))
    sentiment_score: Mapped[float | None]
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    is_safeguarding: Mapped[bool] = mapped_column(default=False)
    safeguarding_reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    model_version: Mapped[str | None] = mapped_column(String(60))
    analysed_at: Mapped[datetime | None]
    state: Mapped[str] = mapped_column(String(20), default=ModerationState.NEW)

    service: Mapped[Service] = relationship()
    area: Mapped[Area | None] = relationship()

    @property
    def is_published(self) -> bool:
        return self.state == ModerationState.APPROVED and not self.is_safeguarding
