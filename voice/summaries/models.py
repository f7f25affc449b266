"""What the summaries package stores itself: service population figures, quotes held back,
digest subscriptions, and report snapshots (the exact figures a report showed, kept for good).

Everything else it shows is read, never written, from the other packages' tables.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from voice.auth.models import User
from voice.db import Base, TimestampMixin, utcnow
from voice.directory.models import Service


class ServicePopulation(TimestampMixin, Base):
    """How many young people a service works with, in one group of one dimension.

    Entered by the participation team (from the provider's caseload or the census), so that
    "who we are hearing from" can be set against who uses the service.
    """

    __tablename__ = "service_populations"
    __table_args__ = (UniqueConstraint("service_id", "dimension", "category",
                                       name="uq_service_populations_service_dimension_category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="CASCADE"),
                                            index=True)
    dimension: Mapped[str] = mapped_column(String(30))
    category: Mapped[str] = mapped_column(String(40))
    people: Mapped[int]
    # Where the figure comes from and when it was true ("caseload, 31 March 2026").
    source: Mapped[str] = mapped_column(String(160), default="")
    as_of: Mapped[date | None] = mapped_column(Date)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    service: Mapped[Service] = relationship()


class QuoteHold(TimestampMixin, Base):
    """A moderator held this approved quote back from summaries: it could identify someone."""

    __tablename__ = "summary_quote_holds"

    id: Mapped[int] = mapped_column(primary_key=True)
    voice_item_id: Mapped[int] = mapped_column(
        ForeignKey("voice_items.id", ondelete="CASCADE"), unique=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    held_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    held_by: Mapped[User | None] = relationship()


class DigestSubscription(TimestampMixin, Base):
    """A person asked for a monthly summary of one scope (filters without a period)."""

    __tablename__ = "digest_subscriptions"
    __table_args__ = (UniqueConstraint("user_id", "scope_key",
                                       name="uq_digest_subscriptions_user_scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    filters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    scope_key: Mapped[str] = mapped_column(String(64))
    is_active: Mapped[bool] = mapped_column(default=True)
    last_sent_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(lazy="joined")


class ReportSnapshot(TimestampMixin, Base):
    """The figures of one summary exactly as computed, so a past report can be shown again.

    ``document`` is the suppressed summary (nothing under the threshold is ever stored) and
    ``checksum`` a SHA-256 of its canonical JSON, so anyone can check it was not changed.
    Monthly snapshots have a ``unique_key`` (scope and month), which keeps the job idempotent.
    """

    __tablename__ = "report_snapshots"
    __table_args__ = (Index("ix_report_snapshots_scope_period", "scope_key", "period_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="manual")
    scope_key: Mapped[str] = mapped_column(String(64))
    filters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    title: Mapped[str] = mapped_column(String(300))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    checksum: Mapped[str] = mapped_column(String(64))
    unique_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    created_by: Mapped[User | None] = relationship()


class DigestDelivery(Base):
    """One monthly snapshot made for one subscription, and whether the email went."""

    __tablename__ = "digest_deliveries"
    __table_args__ = (UniqueConstraint("subscription_id", "snapshot_id",
                                       name="uq_digest_deliveries_subscription_snapshot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("digest_subscriptions.id", ondelete="CASCADE"), index=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("report_snapshots.id",
                                                        ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    emailed_at: Mapped[datetime | None]
    # Why no email went ("SMTP is not configured", "no email address"), for the admin page.
    note: Mapped[str] = mapped_column(String(300), default="")

    subscription: Mapped[DigestSubscription] = relationship()
    snapshot: Mapped[ReportSnapshot] = relationship()


# The API's token table lives with the API; importing it here registers it whenever the app
# imports every package's models (voice.import_models imports this module).
from voice.api.models import ApiToken, api_token_areas  # noqa: E402, F401


class SummaryRollup(Base):
    """Counts kept ready by month and service (see :mod:`voice.summaries.rollups`).

    ``grain`` 1 rows are one month of one service, split by where it was said (``area_id``)
    and how (``channel``); grain 0 rows are one month of the whole system (``service_id`` 0).
    ``metric`` says what ``k1`` and ``k2`` mean (``item``: sentiment, source; ``theme``:
    theme, sentiment; ``answer``: question kind, value; ``link``: survey link id; ``age``:
    age band as stored; ``card``: stop, start or change)."""

    __tablename__ = "summary_rollups"
    __table_args__ = (
        Index("ix_summary_rollups_grain_service_month", "grain", "service_id", "month"),
        Index("ix_summary_rollups_grain_area_month", "grain", "area_id", "month"),
        # The most-backed cards, most backed and newest first (migration 0015).
        Index("ix_summary_rollups_grain_n_k2", "grain", "n", "k2"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    grain: Mapped[int] = mapped_column(SmallInteger)
    month: Mapped[date] = mapped_column(Date)
    service_id: Mapped[int]
    area_id: Mapped[int | None]
    channel: Mapped[str | None] = mapped_column(String(20))
    metric: Mapped[str] = mapped_column(String(10))
    k1: Mapped[str | None] = mapped_column(Text)
    k2: Mapped[str | None] = mapped_column(Text)
    n: Mapped[int]


class SummaryDirty(Base):
    """A service and a (UTC) day whose rows changed since its rollups were counted. Written by
    database triggers on every write path; cleared by :func:`voice.summaries.rollups.refresh`."""

    __tablename__ = "summary_dirty"

    service_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    version: Mapped[int] = mapped_column(default=1)
