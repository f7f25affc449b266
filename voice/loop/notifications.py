"""Notifications: always in the app, and emailed from an outbox when SMTP is configured.

Any package may call :func:`notify`. A ``dedupe_key`` makes a notification idempotent: the same
key for the same person is stored (and emailed) once, however many times, or however many
processes, ask.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from voice.auth.models import User
from voice.auth.roles import Role
from voice.db import utcnow
from voice.loop.models import Notification

MAX_EMAIL_ATTEMPTS = 5
# Email is for things that are still news: older unsent notifications stay in the app only.
EMAIL_MAX_AGE = timedelta(days=2)


def notify(
    session: Session,
    user: User,
    *,
    kind: str,
    title: str,
    body: str = "",
    url: str | None = None,
    dedupe_key: str | None = None,
    email: bool = True,
) -> Notification | None:
    """Tell ``user`` something. Returns the new notification, or ``None`` if it was already sent
    (same ``dedupe_key``) or the user is inactive."""
    if user is None or not user.is_active:
        return None
    if dedupe_key is not None:
        existing = session.scalar(select(Notification.id).where(
            Notification.user_id == user.id, Notification.dedupe_key == dedupe_key))
        if existing is not None:
            return None
    notification = Notification(
        user_id=user.id, kind=kind, title=title[:200], body=body, url=url, dedupe_key=dedupe_key,
        email_wanted=bool(email and user.email),
    )
    # A savepoint, so that losing a race with another process costs only this row.
    try:
        with session.begin_nested():
            session.add(notification)
    except IntegrityError:
        return None
    return notification


def notify_all(session: Session, users: Iterable[User], **kwargs: Any) -> list[Notification]:
    sent = []
    for user in {u.id: u for u in users if u is not None}.values():
        notification = notify(session, user, **kwargs)
        if notification is not None:
            sent.append(notification)
    return sent


def users_with_role(session: Session, *roles: Role) -> list[User]:
    return list(session.scalars(select(User).where(
        User.role.in_([r.value for r in roles]), User.is_active.is_(True)).order_by(User.id)))


def unread_count(session: Session, user: User) -> int:
    return session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def list_notifications(session: Session, user: User, *, page: int = 1,
                       per_page: int = 30) -> tuple[list[Notification], int]:
    total = session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == user.id)) or 0
    rows = session.scalars(
        select(Notification).where(Notification.user_id == user.id)
        .order_by(Notification.read_at.is_not(None), Notification.id.desc())
        .limit(per_page).offset((max(page, 1) - 1) * per_page)
    ).all()
    return list(rows), total


def mark_read(session: Session, user: User, notification_ids: Iterable[int] | None = None,
              *, now: datetime | None = None) -> int:
    """Mark the user's own notifications read (all of them when ``notification_ids`` is None)."""
    query = update(Notification).where(Notification.user_id == user.id,
                                       Notification.read_at.is_(None))
    if notification_ids is not None:
        ids = [int(i) for i in notification_ids]
        if not ids:
            return 0
        query = query.where(Notification.id.in_(ids))
    result = session.execute(query.values(read_at=now or utcnow()))
    return result.rowcount or 0


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0

    def __str__(self) -> str:
        return f"{self.sent} emailed, {self.failed} failed, {self.skipped} too old or no address"


def deliver_pending_email(
    session: Session,
    config: Mapping[str, Any],
    *,
    now: datetime | None = None,
    notification_ids: Iterable[int] | None = None,
    limit: int = 100,
    timeout: float = 10.0,
) -> DeliveryReport:
    """Email notifications that want it and have not been sent. Does nothing without SMTP."""
    from voice.mail import MailError, send_email, smtp_configured

    report = DeliveryReport()
    if not smtp_configured(config):
        return report
    now = now or utcnow()
    query = (select(Notification).where(
        Notification.email_wanted.is_(True), Notification.emailed_at.is_(None),
        Notification.email_attempts < MAX_EMAIL_ATTEMPTS).order_by(Notification.id).limit(limit))
    if notification_ids is not None:
        query = query.where(Notification.id.in_(list(notification_ids)))
    base_url = (config.get("BASE_URL") or "").rstrip("/")
    for notification in session.scalars(query).all():
        user = notification.user
        if notification.created_at < now - EMAIL_MAX_AGE or not user.email or not user.is_active:
            notification.email_wanted = False
            report.skipped += 1
            continue
        body = notification.body.strip()
        link = f"{base_url}{notification.url}" if notification.url else f"{base_url}/notifications"
        text = (f"{body}\n\n" if body else "") + (
            f"Sign in to Voice to see it: {link}\n\n"
            "You get this email because you have a Voice account. "
            "Everything in it is also in your notifications in Voice.")
        try:
            send_email(config, to=user.email, subject=f"Voice: {notification.title}", body=text,
                       timeout=timeout)
        except MailError as error:
            notification.email_attempts += 1
            notification.email_error = str(error)[:500]
            report.failed += 1
        else:
            notification.email_attempts += 1
            notification.emailed_at = utcnow()
            notification.email_error = None
            report.sent += 1
        session.flush()
    return report
