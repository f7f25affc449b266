"""Accounts: sign-in with throttling, creating users, resetting passwords. Plain functions."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from voice.audit.services import record
from voice.auth.models import User, UserSession
from voice.auth.passwords import hash_password, needs_rehash, password_problem, verify_password
from voice.auth.roles import Role
from voice.db import utcnow
from voice.errors import NotAllowed, VoiceError
from voice.scheduler import register_job

SIGN_IN_FAILED = ("Enter a correct username and password. After several wrong tries, wait 15 "
                  "minutes before trying again.")


class LoginFailed(VoiceError):
    """Any failed sign-in: one message whatever the reason, so nobody can tell real accounts
    from made-up ones (or a throttled account from a wrong password)."""

    def __init__(self, message: str = SIGN_IN_FAILED) -> None:
        super().__init__(message)


class WeakPassword(VoiceError):
    pass


class UsernameTaken(VoiceError):
    pass


def normalise_username(username: str) -> str:
    return username.strip().lower()


def find_user(session: Session, username: str) -> User | None:
    """Find by username, or by email for staff who sign in with it."""
    name = normalise_username(username)
    user = session.scalar(select(User).where(User.username == name))
    if user is None and "@" in name:
        user = session.scalar(select(User).where(func.lower(User.email) == name).limit(1))
    return user


def authenticate(session: Session, username: str, password: str, *,
                 now: datetime | None = None) -> User:
    """Return the user if the password is right, else raise :class:`LoginFailed`.

    Accounts are never locked (anyone could lock out a named person, such as the safeguarding
    lead, by typing wrong passwords): the sign-in page throttles tries instead, by address and
    by account (:mod:`voice.auth.throttle`). A failure is audited against the account if it is
    one; what was typed is never stored when it is not an account.
    """
    now = now or utcnow()
    user = find_user(session, username)
    # The password is checked even for made-up names (against a dummy hash): same timing.
    right = verify_password(user.password_hash if user is not None else None, password)
    if user is None or not user.is_active or not right:
        if user is not None:
            record(session, None, "auth.login_failed", target=user)
        else:
            record(session, None, "auth.login_failed", account="not an account")
        raise LoginFailed()
    user.last_login_at = now
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    record(session, user, "auth.login", target=user)
    return user


def refuse_throttled(session: Session, username: str) -> LoginFailed:
    """Audit a sign-in refused by the throttle; return the (same as ever) error to raise."""
    user = find_user(session, username)
    if user is not None:
        record(session, None, "auth.login_throttled", target=user)
    else:
        record(session, None, "auth.login_throttled", account="not an account")
    return LoginFailed()


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
    if {"role", "is_active", "organisation_id"} & changes.keys():
        from voice.directory.services import check_lead_change

        check_lead_change(session, user)  # never leave a service without its safeguarding lead
    if "role" in changes or "is_active" in changes:
        user.session_version += 1
        end_all_sessions(session, user)
    if changes:
        record(session, actor, "user.updated", target=user, changes=changes)
    return user


def reset_password(session: Session, actor: User | None, user: User, new_password: str) -> None:
    """Set a new password (admins do this without email) and end the user's other sessions."""
    if problem := password_problem(new_password):
        raise WeakPassword(problem)
    user.password_hash = hash_password(new_password)
    user.session_version += 1
    end_all_sessions(session, user)
    record(session, actor, "user.password_reset", target=user)


def change_own_password(session: Session, user: User, current: str, new_password: str) -> None:
    if not verify_password(user.password_hash, current):
        raise LoginFailed("Your current password is not right")
    reset_password(session, user, user, new_password)


# ---- server-side sessions ----------------------------------------------------------------------

def _token_hash(token: str) -> str:
    return hashlib.sha256(f"voice-session:{token}".encode()).hexdigest()


def start_session(session: Session, user: User, *, lifetime: timedelta,
                  now: datetime | None = None) -> str:
    """A new server-side session for ``user``; returns the token the cookie carries.

    Also forgets this person's sessions older than ``lifetime`` (they no longer work anyway).
    """
    now = now or utcnow()
    session.execute(delete(UserSession).where(UserSession.user_id == user.id,
                                              UserSession.created_at < now - lifetime))
    token = secrets.token_urlsafe(32)
    session.add(UserSession(user_id=user.id, token_hash=_token_hash(token), created_at=now))
    session.flush()
    return token


def end_session(session: Session, token: str | None) -> None:
    """Sign-out: the session stops working on the server, whoever holds a copy of the cookie."""
    if token:
        session.execute(delete(UserSession).where(UserSession.token_hash == _token_hash(token)))


def end_all_sessions(session: Session, user: User) -> None:
    """Every browser this person is signed in on (new password, new role, deactivated)."""
    session.execute(delete(UserSession).where(UserSession.user_id == user.id))


def forget_old_sessions(session: Session, *, lifetime: timedelta,
                        now: datetime | None = None) -> int:
    """Delete every session older than ``lifetime`` (they no longer work); returns how many."""
    result = session.execute(delete(UserSession).where(
        UserSession.created_at < (now or utcnow()) - lifetime))
    return result.rowcount or 0


def _forget_old_sessions_job(session: Session, now: datetime) -> str:
    from flask import current_app

    lifetime = current_app.config["PERMANENT_SESSION_LIFETIME"]
    if not isinstance(lifetime, timedelta):
        lifetime = timedelta(seconds=lifetime)
    forgotten = forget_old_sessions(session, lifetime=lifetime, now=now)
    return (f"forgot {forgotten} signed-in sessions older than "
            f"{lifetime.total_seconds() / 3600:g} hours")


register_job("auth.forget_old_sessions", _forget_old_sessions_job, period="day",
             cron={"hour": 3, "minute": 10},
             description="Delete staff sessions that have expired (nobody signed out of them)")


def load_user(session: Session, user_id: str, token: str | None, *, lifetime: timedelta,
              now: datetime | None = None) -> User | None:
    """flask-login loader: ``id:session_version`` plus the session's token, which must still be
    on the server (not signed out, not ended by a new password) and younger than ``lifetime``."""
    try:
        raw_id, raw_version = user_id.split(":", 1)
        uid, version = int(raw_id), int(raw_version)
    except (ValueError, AttributeError):
        return None
    if not token or not isinstance(token, str) or len(token) > 100:
        return None
    user = session.get(User, uid)
    if user is None or not user.is_active or user.session_version != version:
        return None
    started = session.scalar(select(UserSession.created_at).where(
        UserSession.token_hash == _token_hash(token), UserSession.user_id == uid))
    if started is None or started < (now or utcnow()) - lifetime:
        return None
    return user


def list_users(session: Session, role: str | None = None) -> list[User]:
    query = select(User).order_by(func.lower(User.display_name))
    if role:
        query = query.where(User.role == role)
    return list(session.scalars(query))
