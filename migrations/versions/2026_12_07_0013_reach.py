"""issue 15 (reach): translations, easy read, deletion

Revision ID: 0013
Revises: 0012

Deletion by the young person ("Changed your mind? Delete my answers", "Delete my card"):

- ``survey_responses.receipt_hash``: a keyed hash (HMAC-SHA256 with the app's secret key) of the
  receipt in the thank-you page's address; the receipt itself is never stored. Older responses
  have none (and so no "delete my answers" offer: it only lasts 7 days anyway).
- ``voice_items.withdrawn_at``: the young person deleted what they wrote, but it was a possible
  safeguarding concern, so the words stay for the safeguarding lead only and can never be
  published or counted.

Plain ``ADD COLUMN`` / ``DROP COLUMN`` (no table rebuild), so the summary triggers of 0012 stay
in place on SQLite.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import voice.db

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("survey_responses", sa.Column("receipt_hash", sa.String(length=64),
                                                nullable=True))
    op.create_index("ix_survey_responses_receipt_hash", "survey_responses", ["receipt_hash"],
                    unique=True)
    op.add_column("voice_items", sa.Column("withdrawn_at", voice.db.UTCDateTime(timezone=True),
                                           nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35 or newer) rather than a batch rebuild, which on SQLite
    # would drop the summary triggers of 0012.
    op.execute("ALTER TABLE voice_items DROP COLUMN withdrawn_at")
    op.drop_index("ix_survey_responses_receipt_hash", table_name="survey_responses")
    op.execute("ALTER TABLE survey_responses DROP COLUMN receipt_hash")
