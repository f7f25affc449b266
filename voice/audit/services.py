"""Writing to the audit log. Services call :func:`record`; views never write events directly."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from voice.audit.models import AuditEvent
from voice.auth.models import User
from voice.db import utcnow


def record(
    session: Session,
    actor: User | None,
    action: str,
    target: Any = None,
    **detail: Any,
) -> AuditEvent:
    """Add an audit event for ``action`` done by ``actor`` to ``target`` (any model with an id)."""
    event = AuditEvent(
        actor_id=actor.id if actor is not None and getattr(actor, "id", None) else None,
        action=action,
        object_type=type(target).__name__ if target is not None else None,
        object_id=getattr(target, "id", None),
        detail={k: _jsonable(v) for k, v in detail.items()},
    )
    session.add(event)
    return event


def _jsonable(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


# Refusals kept per person in a window: enough to see what someone tried, without a row for
# every request when a page keeps asking (a script, a stuck browser tab, someone probing).
PERMISSION_DENIED_KEPT = 5
PERMISSION_DENIED_WINDOW = timedelta(minutes=10)


def permission_failures_recorded(session: Session, actor: User | None, since: datetime) -> int:
    query = select(func.count(AuditEvent.id)).where(
        AuditEvent.action == "permission.denied", AuditEvent.created_at >= since,
        AuditEvent.actor_id == actor.id if actor is not None else AuditEvent.actor_id.is_(None))
    return session.scalar(query) or 0


def record_permission_failure(reason: str) -> None:
    """Log a refused request and commit it on its own, before the request is aborted.

    At most :data:`PERMISSION_DENIED_KEPT` refusals per person in
    :data:`PERMISSION_DENIED_WINDOW` are written; the last one written says that more are not.
    (Refusals with nobody signed in share one allowance.)
    """
    from flask import request
    from flask_login import current_user

    from voice.db import db

    db.session.rollback()
    actor = current_user if current_user.is_authenticated else None
    already = permission_failures_recorded(db.session, actor, utcnow() - PERMISSION_DENIED_WINDOW)
    if already >= PERMISSION_DENIED_KEPT:
        return
    detail: dict[str, Any] = {"path": request.path[:300], "method": request.method,
                              "reason": reason}
    if already == PERMISSION_DENIED_KEPT - 1:
        detail["more_not_recorded"] = (
            f"Further refusals for this person in the next "
            f"{int(PERMISSION_DENIED_WINDOW.total_seconds() // 60)} minutes are not recorded")
    record(db.session, actor, "permission.denied", **detail)
    db.session.commit()


def list_events(
    session: Session, *, page: int = 1, per_page: int = 50, action: str | None = None
) -> tuple[list[AuditEvent], int]:
    query = select(AuditEvent)
    count = select(func.count(AuditEvent.id))
    if action:
        query = query.where(AuditEvent.action.startswith(action))
        count = count.where(AuditEvent.action.startswith(action))
    total = session.scalar(count) or 0
    events = session.scalars(
        query.order_by(AuditEvent.id.desc()).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return list(events), total
