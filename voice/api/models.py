"""API tokens: long random secrets, stored only as a SHA-256 hash, scoped to areas, revocable."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from voice.auth.models import User
from voice.db import Base, TimestampMixin
from voice.directory.models import Area

api_token_areas = Table(
    "api_token_areas",
    Base.metadata,
    Column("token_id", ForeignKey("api_tokens.id", ondelete="CASCADE"), primary_key=True),
    Column("area_id", ForeignKey("areas.id", ondelete="CASCADE"), primary_key=True),
)


class ApiToken(TimestampMixin, Base):
    """A token a council's reporting tool (Power BI, Excel) uses to read summaries.

    The secret is shown once, when it is made. We keep its SHA-256 (the secret has 256 bits of
    randomness, so a slow password hash adds nothing) and its first characters, so people can
    tell their tokens apart.
    """

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    expires_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id], lazy="joined")
    revoked_by: Mapped[User | None] = relationship(foreign_keys=[revoked_by_id])
    areas: Mapped[list[Area]] = relationship(secondary=api_token_areas, order_by="Area.name",
                                             lazy="selectin")

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, now: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now

    def is_usable(self, now: datetime) -> bool:
        return not self.is_revoked and not self.is_expired(now) and self.created_by.is_active
