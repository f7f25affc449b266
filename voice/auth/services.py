"""Accounts: sign-in with throttling, creating users, resetting passwords. Plain functions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from voice.audit.services import record
from voice.auth.models import User
from voice.auth.passwords import hash_password, needs_rehash, password_problem, verify_password
from voice.auth.roles import Role
from voice.db import utcnow
from voice.errors import NotAllowed, VoiceError


class LoginFailed(VoiceError):
    """Wrong username or password (deliberately vague)."""


class AccountLocked(VoiceError):
    """Too many wrong passwords in a row."""


class WeakPassword(VoiceError):
    pass


class UsernameTaken(VoiceError):
    pass


@dataclass(frozen=True)
class LoginPolicy:
    max_failures: int = 5
    lock_minutes: int = 15


def normalise_username(username: str) -> str:
    return username.strip().lower()


def find_user(session: Session, username: str) -> User | None:
    """Find by username, or by email for staff who sign in with it."""
    name = normalise_username(username)
    user = session.scalar(select(User).where(User.username == name))
    if user is None and "@" in name:
        user = session.scalar(select(User).where(func.lower(User.email) == name).limit(1))
    return user


def authenticate(
    session: Session,
    username: str,
    password: str,
    *,
    policy: LoginPolicy = LoginPolicy(),
    now: datetime | None = None,
) -> User:
    """Return the user if the password is right; count failures and lock after too many."""
    now = now or utcnow()
    user = find_user(session, username)
    if user is not None and user.locked_until is not None and user.locked_until > now:
        record(session, user, "auth.login_locked")
        raise AccountLocked(
            "This account is locked for a few minutes after too many wrong passwords. "
            "Try again later, or ask an administrator to reset it."
        )
    if user is None or not user.is_active or not verify_password(user.password_hash if user else None, password):
        if user is not None:
            user.failed_logins += 1
            if user.failed_logins >= policy.max_failures:
                user.locked_until = now + timedelta(minutes=policy.lock_minutes)
                user.failed_logins = 0
                record(session, user, "auth.locked", target=user)
            record(session, None, "auth.login_failed", username=user.username)
        else:
            record(session, None, "auth.login_failed", username=normalise_username(username)[:120])
        raise LoginFailed("Enter a correct username and password")
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    record(session, user, "auth.login", target=user)
    return user


def create_user(
    session: Session,
    actor: User | None,
    *,
    username: str,
    display_name: str,
    role: Role | str,
    password: str,
    email: str | None = None,
    organisation_id: int | None = None,
) -> User:
    role = Role(role)
    username = normalise_username(username)
    if problem := password_problem(password):
        raise WeakPassword(problem)
    if find_user(session, username) is not None:
        raise UsernameTaken("That username is already in use: choose another")
    if role is Role.PROVIDER and organisation_id is None:
        raise VoiceError("A provider user must belong to an organisation")
    user = User(
        username=username,
        display_name=display_name.strip(),
        role=role.value,
        email=(email or "").strip() or None,
        organisation_id=organisation_id,
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    record(session, actor, "user.created", target=user, role=role.value)
    return user


def update_user(
    session: Session,
    actor: User,
    user: User,
    *,
    display_name: str,
    role: Role | str,
    email: str | None,
    organisation_id: int | None,
    is_active: bool,
) -> User:
    role = Role(role)
    if user.id == actor.id and (role is not Role.ADMIN or not is_active):
        raise NotAllowed("You cannot remove your own administrator role or deactivate yourself")
    if role is Role.PROVIDER and organisation_id is None:
        raise VoiceError("A provider user must belong to an organisation")
    changes = {}
    for field, value in (
        ("display_name", display_name.strip()),
        ("role", role.value),
        ("email", (email or "").strip() or None),
        ("organisation_id", organisation_id),
        ("is_active", is_active),
    ):
        if getattr(user, field) != value:
            changes[field] = [getattr(user, field), value]
            setattr(user, field, value)
    if "role" in changes or "is_active" in changes:
        user.session_version += 1
    if changes:
        record(session, actor, "user.updated", target=user, changes=changes)
    return user


def reset_password(session: Session, actor: User | None, user: User, new_password: str) -> None:
    """Set a new password (admins do this without email) and end the user's other sessions."""
    if problem := password_problem(new_password):
        raise WeakPassword(problem)
    user.password_hash = hash_password(new_password)
    user.failed_logins = 0
    user.locked_until = None
    user.session_version += 1
    record(session, actor, "user.password_reset", target=user)


def change_own_password(session: Session, user: User, current: str, new_password: str) -> None:
    if not verify_password(user.password_hash, current):
        raise LoginFailed("Your current password is not right")
    reset_password(session, user, user, new_password)


def load_user(session: Session, user_id: str) -> User | None:
    """flask-login loader: ``id:session_version`` so a reset password ends old sessions."""
    try:
        raw_id, raw_version = user_id.split(":", 1)
        uid, version = int(raw_id), int(raw_version)
    except (ValueError, AttributeError):
        return None
    user = session.get(User, uid)
    if user is None or not user.is_active or user.session_version != version:
        return None
    return user


def list_users(session: Session, role: str | None = None) -> list[User]:
    query = select(User).order_by(func.lower(User.display_name))
    if role:
        query = query.where(User.role == role)
    return list(session.scalars(query))
