"""issue 16 (scale): summary rollups and indexes

Revision ID: 0012
Revises: 0011

- ``summary_rollups``: counts by month and service (and the whole system by month) that every
  summary reads instead of counting rows (see ``voice/summaries/rollups.py``);
- ``summary_dirty``: which service and day changed since its rollups were counted, written by
  triggers on ``voice_items``, ``survey_responses``, ``survey_answers``, ``action_cards``,
  ``survey_links`` and ``card_links`` (so every write path, ORM or not, keeps rollups right);
- indexes for the views that list words a page at a time (quotes, theme drill-down, and the
  moderation queue of 0011): ``voice_items (state, created_at)`` and
  ``(service_id, state, created_at)``;
- the rollups are counted once here for existing data, and ``summary_months`` (the whole
  system's monthly counts they replace) is dropped.

On SQLite, a later migration that rebuilds one of those tables (``batch_alter_table``) drops
its triggers: call ``install_triggers`` from this file again after it (a test checks they are
there).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import voice.db

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# PostgreSQL: a mark already there is updated, so the writer holds its row lock until it
# commits and a refresh deleting the mark waits for it (see voice/summaries/rollups.py).
_UPSERT = ("INSERT INTO summary_dirty (service_id, day, version) {source} "
           "ON CONFLICT (service_id, day) DO UPDATE SET version = summary_dirty.version + 1")
# SQLite: writers take turns, so a mark already there is left alone (no write at all).
_SQLITE_MARK = "INSERT OR IGNORE INTO summary_dirty (service_id, day, version) {source}"

# A duplicate's change changes the backing of the action card it says the same as: mark the
# card's service and day too.
_SQLITE_CARD_OF_DUPLICATE = ("SELECT a.service_id, date(a.created_at), 1 FROM action_cards a "
                             "WHERE {row}.duplicate_of_id IS NOT NULL "
                             "AND a.voice_item_id = {row}.duplicate_of_id")
_PG_CARD_OF_DUPLICATE = ("SELECT a.service_id, (a.created_at AT TIME ZONE 'UTC')::date, 1 "
                         "FROM action_cards a WHERE {row}.duplicate_of_id IS NOT NULL "
                         "AND a.voice_item_id = {row}.duplicate_of_id")

# SQLite: one trigger per table and event. ``{row}`` is NEW or OLD.
_SQLITE_MARKS = {
    "voice_items": "SELECT {row}.service_id, date({row}.created_at), 1 WHERE true",
    "action_cards": "SELECT {row}.service_id, date({row}.created_at), 1 WHERE true",
    "survey_responses": ("SELECT l.service_id, date({row}.created_at), 1 FROM survey_links l "
                         "WHERE l.id = {row}.link_id"),
    "survey_answers": ("SELECT l.service_id, date(r.created_at), 1 FROM survey_responses r "
                       "JOIN survey_links l ON l.id = r.link_id WHERE r.id = {row}.response_id"),
    "survey_links": ("SELECT DISTINCT {row}.service_id, date(r.created_at), 1 "
                     "FROM survey_responses r WHERE r.link_id = {row}.id"),
    "card_links": ("SELECT DISTINCT c.service_id, date(c.created_at), 1 FROM action_cards c "
                   "WHERE c.link_id = {row}.id"),
}
# Which events each table's triggers fire on. Answers are always written with their response
# (whose trigger marks the day), so inserting an answer does not fire; links only matter when
# they move to another service, place or channel.
_EVENTS = {
    "voice_items": ("INSERT", "UPDATE", "DELETE"),
    "action_cards": ("INSERT", "UPDATE", "DELETE"),
    "survey_responses": ("INSERT", "UPDATE", "DELETE"),
    "survey_answers": ("UPDATE", "DELETE"),
    "survey_links": ("UPDATE OF service_id, area_id, channel",),
    "card_links": ("UPDATE OF service_id, area_id",),
}

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION summary_mark_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    {old};
  END IF;
  IF TG_OP <> 'DELETE' THEN
    {new};
  END IF;
  RETURN NULL;
END $$
"""
_PG_SOURCES = {
    "voice_items": "SELECT {row}.service_id, ({row}.created_at AT TIME ZONE 'UTC')::date, 1",
    "action_cards": "SELECT {row}.service_id, ({row}.created_at AT TIME ZONE 'UTC')::date, 1",
    "survey_responses": ("SELECT l.service_id, ({row}.created_at AT TIME ZONE 'UTC')::date, 1 "
                         "FROM survey_links l WHERE l.id = {row}.link_id"),
    "survey_answers": ("SELECT l.service_id, (r.created_at AT TIME ZONE 'UTC')::date, 1 "
                       "FROM survey_responses r JOIN survey_links l ON l.id = r.link_id "
                       "WHERE r.id = {row}.response_id"),
    "survey_links": ("SELECT DISTINCT {row}.service_id, (r.created_at AT TIME ZONE 'UTC')::date, "
                     "1 FROM survey_responses r WHERE r.link_id = {row}.id"),
    "card_links": ("SELECT DISTINCT c.service_id, (c.created_at AT TIME ZONE 'UTC')::date, 1 "
                   "FROM action_cards c WHERE c.link_id = {row}.id"),
}


def install_triggers(bind) -> None:
    """(Re)create the triggers that mark changed services and days. Idempotent."""
    drop_triggers(bind)
    if bind.dialect.name == "postgresql":
        for table, source in _PG_SOURCES.items():
            sources = [source] + ([_PG_CARD_OF_DUPLICATE] if table == "voice_items" else [])
            bind.exec_driver_sql(_PG_FUNCTION.format(
                table=table,
                old="; ".join(_UPSERT.format(source=one.format(row="OLD")) for one in sources),
                new="; ".join(_UPSERT.format(source=one.format(row="NEW")) for one in sources)))
            events = " OR ".join(_EVENTS[table])
            bind.exec_driver_sql(
                f"CREATE TRIGGER summary_mark AFTER {events} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION summary_mark_{table}()")
        return
    for table, source in _SQLITE_MARKS.items():
        sources = [source] + ([_SQLITE_CARD_OF_DUPLICATE] if table == "voice_items" else [])
        for event in _EVENTS[table]:
            rows = {"INSERT": ("NEW",), "DELETE": ("OLD",)}.get(event, ("OLD", "NEW"))
            body = "; ".join(_SQLITE_MARK.format(source=one.format(row=row))
                             for row in rows for one in sources)
            name = f"summary_mark_{table}_{event.split()[0].lower()}"
            bind.exec_driver_sql(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW BEGIN {body}; END")


def drop_triggers(bind) -> None:
    if bind.dialect.name == "postgresql":
        for table in _PG_SOURCES:
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS summary_mark ON {table}")
            bind.exec_driver_sql(f"DROP FUNCTION IF EXISTS summary_mark_{table}()")
        return
    for table, events in _EVENTS.items():
        for event in events:
            bind.exec_driver_sql(
                f"DROP TRIGGER IF EXISTS summary_mark_{table}_{event.split()[0].lower()}")


def upgrade() -> None:
    op.create_table(
        "summary_rollups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grain", sa.SmallInteger(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=True),
        sa.Column("metric", sa.String(length=10), nullable=False),
        sa.Column("k1", sa.Text(), nullable=True),
        sa.Column("k2", sa.Text(), nullable=True),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_summary_rollups")),
    )
    op.create_index("ix_summary_rollups_grain_service_month", "summary_rollups",
                    ["grain", "service_id", "month"])
    op.create_index("ix_summary_rollups_grain_area_month", "summary_rollups",
                    ["grain", "area_id", "month"])
    op.create_table(
        "summary_dirty",
        sa.Column("service_id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("service_id", "day", name=op.f("pk_summary_dirty")),
    )
    # The monthly counts of the whole system the rollups replace.
    op.drop_table("summary_months")
    bind = op.get_bind()
    install_triggers(bind)

    # Quotes and the theme drill-down read one page of approved words, newest first, for the
    # whole system or one service; the moderation queue reads waiting items oldest first.
    op.create_index("ix_voice_items_state_created", "voice_items", ["state", "created_at"])
    op.create_index("ix_voice_items_service_state_created", "voice_items",
                    ["service_id", "state", "created_at"])
    # A card from its voice item (the backing of a card, and the triggers above).
    op.create_index("ix_action_cards_voice_item_id", "action_cards", ["voice_item_id"])

    # Existing data: count it all now (the same function the benchmark's generator uses).
    from sqlalchemy.orm import Session

    from voice.summaries.rollups import rebuild

    with Session(bind=bind) as session:
        rebuild(session)
        session.flush()


def downgrade() -> None:
    drop_triggers(op.get_bind())
    op.drop_index("ix_action_cards_voice_item_id", table_name="action_cards")
    op.drop_index("ix_voice_items_service_state_created", table_name="voice_items")
    op.drop_index("ix_voice_items_state_created", table_name="voice_items")
    op.drop_table("summary_dirty")
    op.create_table(
        "summary_months",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("computed_at", voice.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("month", name=op.f("pk_summary_months")),
    )
    op.drop_index("ix_summary_rollups_grain_area_month", table_name="summary_rollups")
    op.drop_index("ix_summary_rollups_grain_service_month", table_name="summary_rollups")
    op.drop_table("summary_rollups")
