"""issue 12 (safeguarding): lead decisions and tiers

Revision ID: 0010
Revises: 0009

Reserved in the chain so that work on several issues at once never forks the history. If this
revision turns out to need no schema change it stays a no-op.
"""

from __future__ import annotations

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
