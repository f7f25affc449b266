"""issue 12 (safeguarding): lead decisions and tiers

Revision ID: 0010
Revises: 0009

``safeguarding_corrections``: a safeguarding lead's "not a safeguarding concern", kept as a
correction the learned safeguarding check learns from. Tiers need no column: they follow from
an item's reasons (``voice.analysis.reason_tier``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import voice.db

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "safeguarding_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("voice_item_id", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("model_version", sa.String(length=60), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", voice.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"],
                                name=op.f("fk_safeguarding_corrections_decided_by_id_users")),
        sa.ForeignKeyConstraint(["voice_item_id"], ["voice_items.id"],
                                name=op.f("fk_safeguarding_corrections_voice_item_id_voice_items")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safeguarding_corrections")),
    )
    op.create_index(op.f("ix_safeguarding_corrections_voice_item_id"),
                    "safeguarding_corrections", ["voice_item_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_safeguarding_corrections_voice_item_id"),
                  table_name="safeguarding_corrections")
    op.drop_table("safeguarding_corrections")
