"""issue 15 (point 2): survey content in several languages

Revision ID: 0014
Revises: 0013

- ``surveys.translations`` and ``survey_questions.translations``: JSON, ``{}`` by default, keyed
  by a version key: a language code (``"cy"``, ``"ar"``) or an easy-read key (``"en-easy"``,
  ``"cy-easy"``, ``"ar-easy"``). A survey's value holds any of ``title``, ``intro``,
  ``closed_message``; a question's any of ``text``, ``hint`` and ``options`` (canonical option
  value to label). See surveys/content.py. Nothing is backfilled: an empty translation shows
  the English original.
- ``survey_responses.language``: the version the young person answered in (``"en"``, ``"cy"``,
  ``"cy-easy"``, …); empty for responses from before. The answers themselves are always the
  canonical values, whatever the language shown.

Plain ``ADD COLUMN`` / ``DROP COLUMN`` (no table rebuild), so the summary triggers of 0012 stay
in place on SQLite.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("surveys", "survey_questions"):
        op.add_column(table, sa.Column("translations", sa.JSON(), nullable=False,
                                       server_default=sa.text("'{}'")))
    op.add_column("survey_responses", sa.Column("language", sa.String(length=16),
                                                nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35 or newer) rather than a batch rebuild, which on SQLite
    # would drop the summary triggers of 0012.
    op.execute("ALTER TABLE survey_responses DROP COLUMN language")
    for table in ("survey_questions", "surveys"):
        op.execute(f"ALTER TABLE {table} DROP COLUMN translations")
