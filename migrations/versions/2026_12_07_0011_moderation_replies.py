"""issue 13 (moderation): replies, assurance checks, escalation ladder

Revision ID: 0011
Revises: 0010

Reserved in the chain so that work on several issues at once never forks the history. If this
revision turns out to need no schema change it stays a no-op.
"""

from __future__ import annotations

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
