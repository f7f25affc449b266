from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from voice.auth.roles import Role
from voice.db import Base, TimestampMixin, utcnow

if TYPE_CHECKING:
    from voice.directory.models import Organisation


class User(TimestampMixin, Base):
    """A staff member or young inspector. Young people answering surveys have no account."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(40))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(default=True)
    # No longer used (issue 11): accounts are never locked; sign-in is throttled in the limit
    # store instead (voice.auth.throttle). Kept so older databases need no table rebuild.
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    # Bumped on password change or deactivation so existing sessions stop working.
    session_version: Mapped[int] = mapped_column(default=1)

    organisation: Mapped[Organisation | None] = relationship(lazy="joined",
                                                             foreign_keys=[organisation_id])

    # flask-login protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"


class UserSession(Base):
    """One signed-in browser. Signing out deletes it, so a copied session cookie stops working;
    a new password deletes all of that person's. The cookie holds the token, this only its hash."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
