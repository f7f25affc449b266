"""Snapshots and digests: keep a summary exactly as it was, and send one every month.

A snapshot stores the summary document (already suppressed) with a SHA-256 of its canonical
JSON, so the report for October can be shown again next year figure for figure, even after
moderation, re-analysis or late responses have changed the live numbers.

Digests: a commissioner subscribes to a scope (filters without a period). On the first of each
month the scheduler stores last month's snapshot for every subscribed scope (one per scope,
shared by everyone subscribed to it) and tells each subscriber in Voice, with an email when SMTP
is set up (through the loop's notification outbox: the email carries a link, never figures or
young people's words).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from voice.audit.services import record
from voice.auth.models import User
from voice.auth.roles import Role
from voice.db import utcnow
from voice.errors import InvalidState, NotAllowed, NotFound, VoiceError
from voice.summaries.filters import Filters, Selection, resolve_scope
from voice.summaries.models import DigestDelivery, DigestSubscription, ReportSnapshot
from voice.summaries.periods import Period, add_months, london_date, month_period
from voice.summaries.summary import build_summary, document_without_words

SUBSCRIBERS = frozenset({Role.ADMIN, Role.PARTICIPATION, Role.COMMISSIONER})
MAX_SUBSCRIPTIONS = 50


def canonical_json(document: dict[str, Any]) -> str:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str)


def checksum(document: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(document).encode()).hexdigest()


def snapshot_title(document: dict[str, Any]) -> str:
    return f"{document['scope']['description']}: {document['period']['label']}"[:300]


def save_snapshot(session: Session, actor: User | None, selection: Selection,
                  document: dict[str, Any], *, kind: str = "manual",
                  unique_key: str | None = None) -> ReportSnapshot:
    """Keep ``document`` (built for ``selection``) for good."""
    if actor is not None and actor.role not in SUBSCRIBERS:
        raise NotAllowed("Only commissioners and the participation team can save snapshots")
    # Round-trip through JSON so what is stored is exactly what is checked and shown later.
    # Never young people's words: a snapshot is kept for good (the reading rule).
    stored = json.loads(canonical_json(document_without_words(document)))
    snapshot = ReportSnapshot(
        kind=kind, scope_key=selection.filters.key(), filters=selection.filters.as_dict(),
        title=snapshot_title(stored), period_start=selection.period.start,
        period_end=selection.period.end, document=stored, checksum=checksum(stored),
        unique_key=unique_key, created_by_id=actor.id if actor else None)
    session.add(snapshot)
    session.flush()
    record(session, actor, "summary.snapshot_saved", target=snapshot, title=snapshot.title,
           kind=kind)
    return snapshot


def shown_document(snapshot: ReportSnapshot) -> dict[str, Any]:
    """What a snapshot shows and exports: its figures, without any words stored before
    snapshots stopped keeping them."""
    return document_without_words(snapshot.document)


def verify(snapshot: ReportSnapshot) -> bool:
    """True if the stored figures are exactly those the snapshot was made with."""
    return checksum(snapshot.document) == snapshot.checksum


def snapshots_for(session: Session, user: User, limit: int = 100) -> list[ReportSnapshot]:
    if user.role not in SUBSCRIBERS:
        return []
    return list(session.scalars(select(ReportSnapshot).order_by(
        ReportSnapshot.period_start.desc(), ReportSnapshot.id.desc()).limit(limit)))


def get_snapshot(session: Session, user: User, snapshot_id: int) -> ReportSnapshot:
    snapshot = session.get(ReportSnapshot, snapshot_id)
    if snapshot is None:
        raise NotFound("We could not find that snapshot")
    if user.role not in SUBSCRIBERS:
        raise NotAllowed("Only commissioners and the participation team can read snapshots")
    return snapshot


# ---- subscriptions -------------------------------------------------------------------------------

def subscribe(session: Session, actor: User, filters: Filters, name: str) -> DigestSubscription:
    if actor.role not in SUBSCRIBERS:
        raise NotAllowed("Only commissioners and the participation team can get monthly digests")
    existing = session.scalar(select(DigestSubscription).where(
        DigestSubscription.user_id == actor.id, DigestSubscription.scope_key == filters.key()))
    if existing is not None:
        if existing.is_active:
            raise InvalidState("You already get a monthly digest for this")
        existing.is_active = True
        record(session, actor, "summary.subscribed", target=existing, name=existing.name)
        return existing
    count = len(subscriptions_for(session, actor))
    if count >= MAX_SUBSCRIPTIONS:
        raise VoiceError(f"You can have up to {MAX_SUBSCRIPTIONS} monthly digests: stop one "
                         "you no longer need first")
    subscription = DigestSubscription(user_id=actor.id, name=name.strip()[:200] or "Summary",
                                      filters=filters.as_dict(), scope_key=filters.key())
    session.add(subscription)
    session.flush()
    record(session, actor, "summary.subscribed", target=subscription, name=subscription.name)
    return subscription


def unsubscribe(session: Session, actor: User, subscription_id: int) -> DigestSubscription:
    subscription = session.get(DigestSubscription, subscription_id)
    if subscription is None:
        raise NotFound("We could not find that digest")
    if subscription.user_id != actor.id and actor.role not in (Role.ADMIN, Role.PARTICIPATION):
        raise NotAllowed("You can only stop your own digests")
    subscription.is_active = False
    record(session, actor, "summary.unsubscribed", target=subscription, name=subscription.name)
    return subscription


def subscriptions_for(session: Session, user: User) -> list[DigestSubscription]:
    return list(session.scalars(select(DigestSubscription).where(
        DigestSubscription.user_id == user.id, DigestSubscription.is_active.is_(True))
        .order_by(DigestSubscription.name, DigestSubscription.id)))


# ---- the monthly job -----------------------------------------------------------------------------

@dataclass
class DigestReport:
    snapshots: int = 0
    notified: int = 0
    skipped: int = 0

    def __str__(self) -> str:
        return (f"{self.snapshots} snapshots stored, {self.notified} subscribers told, "
                f"{self.skipped} skipped")


def last_month(today: date) -> Period:
    first = add_months(date(today.year, today.month, 1), -1)
    return month_period(first.year, first.month)


def monthly_snapshot(session: Session, filters: Filters, period: Period, now: datetime
                     ) -> ReportSnapshot:
    """Last month's snapshot for a scope: the stored one, or a new one. Idempotent."""
    from voice.summaries.periods import comparison_for

    unique_key = f"monthly:{filters.key()}:{period.value}"
    existing = session.scalar(select(ReportSnapshot).where(ReportSnapshot.unique_key == unique_key))
    if existing is not None:
        return existing
    today = london_date(now)
    selection = Selection(filters, period, comparison_for(period, "previous", None, None, today))
    scope = resolve_scope(session, filters)
    document = build_summary(session, selection, scope, today=today, now=now)
    try:
        with session.begin_nested():
            return save_snapshot(session, None, selection, document, kind="monthly",
                                 unique_key=unique_key)
    except IntegrityError:  # another scheduler stored it first
        found = session.scalar(select(ReportSnapshot).where(
            ReportSnapshot.unique_key == unique_key))
        if found is None:
            raise
        return found


def run_monthly_digests(session: Session, now: datetime | None = None) -> DigestReport:
    """Store last month's snapshot for each subscribed scope and tell each subscriber once."""
    from voice.loop.notifications import notify

    now = now or utcnow()
    period = last_month(london_date(now))
    report = DigestReport()
    subscriptions = session.scalars(select(DigestSubscription).where(
        DigestSubscription.is_active.is_(True)).order_by(DigestSubscription.id)).all()
    made: dict[str, ReportSnapshot] = {}
    for subscription in subscriptions:
        user = subscription.user
        if not user.is_active or user.role not in SUBSCRIBERS:
            report.skipped += 1
            continue
        filters = Filters.from_dict(subscription.filters)
        snapshot = made.get(subscription.scope_key)
        if snapshot is None:
            before = session.scalar(select(ReportSnapshot.id).where(
                ReportSnapshot.unique_key == f"monthly:{filters.key()}:{period.value}"))
            snapshot = monthly_snapshot(session, filters, period, now)
            made[subscription.scope_key] = snapshot
            if before is None:
                report.snapshots += 1
        delivered = session.scalar(select(DigestDelivery.id).where(
            DigestDelivery.subscription_id == subscription.id,
            DigestDelivery.snapshot_id == snapshot.id))
        if delivered is not None:
            continue
        notification = notify(
            session, user, kind="summary_digest",
            title=f"Monthly summary: {subscription.name}, {period.label}",
            body=(f"The summary of young people's feedback for {subscription.name} in "
                  f"{period.label} is ready. It is kept as a snapshot, so it will not change."),
            url=f"/summaries/snapshots/{snapshot.id}",
            dedupe_key=f"summary-digest:{subscription.id}:{period.value}", email=True)
        session.add(DigestDelivery(
            subscription_id=subscription.id, snapshot_id=snapshot.id,
            note="" if notification is None or notification.email_wanted
            else "No email address: told in Voice only"))
        subscription.last_sent_at = now
        report.notified += 1
        session.flush()
    return report


def monthly_digests_job(session: Session, now: datetime) -> str:
    """Scheduler job: see :func:`run_monthly_digests`."""
    return str(run_monthly_digests(session, now))


def register_jobs() -> None:
    """Register the monthly digest with the scheduler (called when the blueprint is imported)."""
    try:
        from voice.scheduler import register_job
    except ImportError:  # pragma: no cover - the scheduler ships with the loop
        return
    register_job("summaries.monthly_digests", monthly_digests_job,
                 description="Store last month's summary for every digest and tell subscribers",
                 cron={"day": 1, "hour": 6, "minute": 15}, period="month")
