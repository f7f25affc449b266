"""issue 11 (trust): accounts, sessions, codes, service addresses

Revision ID: 0008
Revises: 0007

Reserved in the chain so that work on several issues at once never forks the history. If this
revision turns out to need no schema change it stays a no-op.
"""

from __future__ import annotations

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
