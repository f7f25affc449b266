"""issue 16: read the most-backed action cards by an index, not by reading every card

Revision ID: 0015
Revises: 0014

``ix_summary_rollups_grain_n_k2`` on ``summary_rollups (grain, n, k2)``: the most-backed list
reads the cards' backing rows (grain 3: ``n`` the backers, ``k2`` when the card was raised)
most backed first, newest first, a page at a time, and stops at the first ten that may be
quoted, so it reads a few dozen rows however many cards were raised in the period. Plain
``CREATE INDEX`` (no table rebuild), so the summary triggers of 0012 stay in place on SQLite.
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_summary_rollups_grain_n_k2", "summary_rollups", ["grain", "n", "k2"])


def downgrade() -> None:
    op.drop_index("ix_summary_rollups_grain_n_k2", table_name="summary_rollups")
