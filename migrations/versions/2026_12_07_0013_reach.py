"""issue 15 (reach): translations, easy read, deletion

Revision ID: 0013
Revises: 0012

Reserved in the chain so that work on several issues at once never forks the history. If this
revision turns out to need no schema change it stays a no-op.
"""

from __future__ import annotations

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
