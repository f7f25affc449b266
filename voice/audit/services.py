"""Writing to the audit log. Services call :func:`record`; views never write events directly."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from voice.audit.models import AuditEvent
from voice.auth.models import User


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


def record_permission_failure(reason: str) -> None:
    """Log a refused request and commit it on its own, before the request is aborted."""
    from flask import request
    from flask_login import current_user

    from voice.db import db

    db.session.rollback()
    actor = current_user if current_user.is_authenticated else None
    record(db.session, actor, "permission.denied", path=request.path, method=request.method,
           reason=reason)
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
