"""issue 11 (trust): accounts, sessions, codes, service addresses

Revision ID: 0008
Revises: 0007

- ``user_sessions``: one row per signed-in browser, so signing out ends the session on the
  server (a copied cookie stops working) and a new password ends all of them.
- ``service_old_slugs``: a service's public addresses from before it was renamed, so printed
  posters keep working (they redirect to today's address).
- Follow-up codes were stored as a plain SHA-256 of the code; they are now a keyed hash
  (HMAC-SHA256 with the app's secret key) of that same digest, so the stored values can be
  converted here without knowing the codes. The secret key comes from the running app
  (``voice db upgrade``) or ``VOICE_SECRET_KEY``. Keep the secret key: if it changes, existing
  follow-up codes no longer find their cards.

The downgrade drops the two tables. The keyed code hashes cannot be turned back into plain
ones, so after a downgrade existing follow-up codes no longer find their cards.
"""

from __future__ import annotations

import hashlib
import hmac
import os

import sqlalchemy as sa
from alembic import op

import voice.db

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

action_cards = sa.table("action_cards", sa.column("id", sa.Integer),
                        sa.column("followup_code_hash", sa.String))


def _secret_key() -> str | None:
    try:
        from flask import current_app, has_app_context

        if has_app_context():
            return current_app.config.get("SECRET_KEY")
    except ImportError:  # pragma: no cover - Flask is always installed with Voice
        pass
    return os.environ.get("VOICE_SECRET_KEY") or None


def _keyed(secret: str, digest_hex: str) -> str:
    # Written out here (not imported) so this revision does the same thing whatever later code
    # says; voice.loop.codes.hash_code computes the same value for new codes.
    return hmac.new(secret.encode(), f"voice-followup-key:{digest_hex}".encode(),
                    hashlib.sha256).hexdigest()


def _convert_codes() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(action_cards.c.id, action_cards.c.followup_code_hash)
                        .where(action_cards.c.followup_code_hash.is_not(None))).all()
    if not rows:
        return
    secret = _secret_key()
    if not secret:
        raise RuntimeError(
            "Migration 0008 converts stored follow-up codes with the app's secret key. Run it "
            "with 'voice db upgrade' and VOICE_SECRET_KEY set to the key the app uses."
        )
    for card_id, digest in rows:
        bind.execute(action_cards.update().where(action_cards.c.id == card_id)
                     .values(followup_code_hash=_keyed(secret, digest)))


def upgrade() -> None:
    op.create_table(
        "user_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", voice.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_user_sessions_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_user_sessions_token_hash")),
    )
    op.create_index(op.f("ix_user_sessions_user_id"), "user_sessions", ["user_id"], unique=False)
    op.create_table(
        "service_old_slugs",
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("created_at", voice.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"],
                                name=op.f("fk_service_old_slugs_service_id_services"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_service_old_slugs")),
    )
    op.create_index(op.f("ix_service_old_slugs_service_id"), "service_old_slugs", ["service_id"],
                    unique=False)
    _convert_codes()


def downgrade() -> None:
    op.drop_index(op.f("ix_service_old_slugs_service_id"), table_name="service_old_slugs")
    op.drop_table("service_old_slugs")
    op.drop_index(op.f("ix_user_sessions_user_id"), table_name="user_sessions")
    op.drop_table("user_sessions")
