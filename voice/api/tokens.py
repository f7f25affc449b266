"""Making, using and revoking API tokens.

A token is ``voice_`` followed by 43 random URL-safe characters (256 bits). Only its SHA-256 is
stored. Admins and commissioners make tokens in the app; each is limited to the areas chosen
(and every area inside them), can be given an end date, and can be revoked at once. A token
stops working if the person who made it is switched off.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from voice.api.models import ApiToken
from voice.audit.services import record
from voice.auth.models import User
from voice.auth.roles import Role
from voice.db import utcnow
from voice.directory.models import Area
from voice.errors import InvalidState, NotAllowed, NotFound, VoiceError

TOKEN_PREFIX = "voice_"
TOKEN_MAKERS = frozenset({Role.ADMIN, Role.COMMISSIONER})
MAX_TOKENS_PER_PERSON = 20
# Writing "last used" on every call would make every API read a write; once a minute is enough.
LAST_USED_EVERY = timedelta(minutes=1)


class TokenError(VoiceError):
    pass


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(session: Session, actor: User, *, name: str, area_ids: Iterable[int],
                 expires_in_days: int | None = 365, now: datetime | None = None
                 ) -> tuple[ApiToken, str]:
    """Make a token. Returns it with its secret, which is shown once and never again."""
    if actor.role not in TOKEN_MAKERS:
        raise NotAllowed("Only administrators and commissioners can make API tokens")
    name = (name or "").strip()
    if not name:
        raise TokenError("Enter what the token is for")
    ids = sorted(set(area_ids))
    if not ids:
        raise TokenError("Choose at least one area")
    areas = list(session.scalars(select(Area).where(Area.id.in_(ids))))
    if len(areas) != len(ids):
        raise TokenError("Choose areas from the list")
    live = [t for t in tokens_for(session, actor) if t.created_by_id == actor.id
            and not t.is_revoked]
    if len(live) >= MAX_TOKENS_PER_PERSON:
        raise TokenError(f"You can have up to {MAX_TOKENS_PER_PERSON} tokens: revoke one you "
                         "no longer use first")
    now = now or utcnow()
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(name=name[:120], prefix=secret[:12], token_hash=hash_secret(secret),
                     created_by_id=actor.id,
                     expires_at=now + timedelta(days=expires_in_days) if expires_in_days
                     else None)
    token.areas = areas
    session.add(token)
    session.flush()
    record(session, actor, "api_token.created", target=token, name=token.name,
           areas=[a.id for a in areas], expires_at=token.expires_at)
    return token, secret


def tokens_for(session: Session, user: User) -> list[ApiToken]:
    """The tokens this person may see: their own, or every token for an admin."""
    query = select(ApiToken).order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc())
    if user.role != Role.ADMIN:
        query = query.where(ApiToken.created_by_id == user.id)
    return list(session.scalars(query))


def revoke_token(session: Session, actor: User, token_id: int,
                 now: datetime | None = None) -> ApiToken:
    token = session.get(ApiToken, token_id)
    if token is None:
        raise NotFound("We could not find that token")
    if actor.role != Role.ADMIN and token.created_by_id != actor.id:
        raise NotAllowed("You can only revoke your own tokens")
    if token.is_revoked:
        raise InvalidState("That token is already revoked")
    token.revoked_at = now or utcnow()
    token.revoked_by_id = actor.id
    record(session, actor, "api_token.revoked", target=token, name=token.name)
    return token


def authenticate(session: Session, secret: str, now: datetime | None = None) -> ApiToken | None:
    """The usable token for ``secret``, or None (unknown, revoked, expired, maker switched off)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    digest = hash_secret(secret)
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest))
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        return None
    now = now or utcnow()
    if not token.is_usable(now):
        return None
    if token.created_by.role not in TOKEN_MAKERS:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        token.last_used_at = now
    return token
