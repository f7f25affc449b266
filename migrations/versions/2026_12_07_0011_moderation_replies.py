"""issue 13 (moderation): replies, assurance checks, escalation ladder

Revision ID: 0011
Revises: 0010

- ``item_replies``: a public answer to one young person's words, without a commitment;
- ``loop_settings``: the participation team's moderation target and escalation ladder (one row);
- ``commitments``: the youth group session that assured it (date, how many young people) and
  where it is on the escalation ladder;
- ``organisations.lead_contact_id`` and ``services.commissioner_id``: who the ladder's second
  step tells (plain ``add_column``, not a table rebuild, so 0012's SQLite triggers are kept).
(The queue's index on voice_items (state, created_at) is made by 0012.)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import voice.db

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "item_replies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("voice_item_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author_organisation_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", voice.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_at", voice.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["voice_item_id"], ["voice_items.id"],
                                name=op.f("fk_item_replies_voice_item_id_voice_items")),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"],
                                name=op.f("fk_item_replies_commitment_id_commitments")),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"],
                                name=op.f("fk_item_replies_author_id_users")),
        sa.ForeignKeyConstraint(["author_organisation_id"], ["organisations.id"],
                                name=op.f("fk_item_replies_author_organisation_id_organisations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_replies")),
        sa.UniqueConstraint("voice_item_id", name=op.f("uq_item_replies_voice_item_id")),
    )
    op.create_table(
        "loop_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("moderation_target_days", sa.Integer(), nullable=False),
        sa.Column("escalate_after_days", sa.Integer(), nullable=False),
        sa.Column("updated_at", voice.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"],
                                name=op.f("fk_loop_settings_updated_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loop_settings")),
    )
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assurance_session_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("assurance_young_people", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("escalation_level", sa.Integer(), nullable=False,
                                      server_default="0"))
        batch_op.add_column(sa.Column("escalated_at", voice.db.UTCDateTime(timezone=True),
                                      nullable=True))
    for table, column in (("organisations", "lead_contact_id"), ("services", "commissioner_id")):
        name = op.f(f"fk_{table}_{column}_users")
        if op.get_bind().dialect.name == "sqlite":
            # SQLite adds a column with its foreign key in place (Alembic would want a rebuild).
            op.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER "
                       f"CONSTRAINT {name} REFERENCES users (id)")
        else:
            op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
            op.create_foreign_key(name, table, "users", [column], ["id"])


def downgrade() -> None:
    for table, column in (("services", "commissioner_id"), ("organisations", "lead_contact_id")):
        if op.get_bind().dialect.name == "sqlite":
            # In place (SQLite 3.35+): a rebuild could not drop a table others refer to.
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        else:
            op.drop_constraint(op.f(f"fk_{table}_{column}_users"), table, type_="foreignkey")
            op.drop_column(table, column)
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_column("escalated_at")
        batch_op.drop_column("escalation_level")
        batch_op.drop_column("assurance_young_people")
        batch_op.drop_column("assurance_session_on")
    op.drop_table("loop_settings")
    op.drop_table("item_replies")
