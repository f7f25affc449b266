"""issue 11 (trust): the reading rule and redaction decisions

Revision ID: 0009
Revises: 0008

Reserved in the chain so that work on several issues at once never forks the history. If this
revision turns out to need no schema change it stays a no-op.
"""

from __future__ import annotations

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
