"""issue 16.4: a survey submission counts "started" in its own row, not on the link

Revision ID: 0016
Revises: 0015

``survey_responses.counted_start`` (false for every response stored before): true when the
send that stored the response was also the form's first. The funnel's "started" is then the
link's ``started_count`` (forms started by an earlier page) plus those responses, so the usual
submission (a one-page survey) writes its response and answers and nothing on the link: one
statement and one changed page fewer on SQLite, and on PostgreSQL no row lock on the link that
two submissions through the same poster would queue for. A constant default: PostgreSQL adds
the column without rewriting the table, SQLite with a plain ``ALTER TABLE ... ADD COLUMN`` (no
table rebuild, so the summary triggers of 0012 stay in place).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("survey_responses",
                  sa.Column("counted_start", sa.Boolean(), nullable=False,
                            server_default=sa.false()))


def downgrade() -> None:
    # Fold the starts kept on responses back into the links' counters first.
    op.execute(
        "UPDATE survey_links SET started_count = started_count + ("
        "SELECT count(*) FROM survey_responses r "
        "WHERE r.link_id = survey_links.id AND r.counted_start)")
    # Plain DROP COLUMN (SQLite 3.35 or newer) rather than a batch rebuild, which on SQLite
    # would drop the summary triggers of 0012.
    op.execute("ALTER TABLE survey_responses DROP COLUMN counted_start")
