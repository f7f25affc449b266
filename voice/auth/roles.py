"""Who may do what. Every staff view declares its roles with :func:`roles_required`;
public views say so with :func:`public`. The permission test walks the route table and fails
for any view that declares neither."""

from __future__ import annotations

import functools
from enum import StrEnum

from flask import abort, request
from flask_login import current_user


class Role(StrEnum):
    ADMIN = "admin"
    PARTICIPATION = "participation_officer"
    COMMISSIONER = "commissioner"
    PROVIDER = "provider"
    INSPECTOR = "young_inspector"
    SAFEGUARDING = "safeguarding_lead"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ADMIN: "Administrator",
    Role.PARTICIPATION: "Participation officer",
    Role.COMMISSIONER: "Commissioner",
    Role.PROVIDER: "Provider",
    Role.INSPECTOR: "Young inspector",
    Role.SAFEGUARDING: "Safeguarding lead",
}

ALL_ROLES = frozenset(Role)
STAFF = frozenset({Role.ADMIN, Role.PARTICIPATION, Role.COMMISSIONER, Role.PROVIDER, Role.SAFEGUARDING})
MANAGERS = frozenset({Role.ADMIN, Role.PARTICIPATION})

PUBLIC = "public"
SIGNED_IN = "signed_in"


def public(view):
    """Mark a view as open to anyone, signed in or not."""
    view.access = PUBLIC
    return view


def signed_in(view):
    """Any signed-in user, whatever their role (for example the sign-out and own-account pages)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            from voice.extensions import login_manager

            return login_manager.unauthorized()
        return view(*args, **kwargs)

    wrapper.access = SIGNED_IN
    return wrapper


def roles_required(*roles: Role | frozenset[Role]):
    """Allow only signed-in users holding one of ``roles``; record every refusal."""
    allowed: set[Role] = set()
    for role in roles:
        allowed |= set(role) if isinstance(role, frozenset) else {role}

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                from voice.extensions import login_manager

                return login_manager.unauthorized()
            if current_user.role not in allowed:
                deny(f"role {current_user.role} may not use {request.endpoint}")
            return view(*args, **kwargs)

        wrapper.access = frozenset(allowed)
        return wrapper

    return decorator


def deny(reason: str):
    """Refuse the request with 403 and leave a line in the audit log."""
    from voice.audit.services import record_permission_failure

    record_permission_failure(reason)
    abort(403)
