"""shared age bands: action cards store the survey's bands (voice/ages.py)

Revision ID: 0007
Revises: 0006

Cards asked "under_11", "11_13", "14_15", "16_17", "18_25" or "not_said"; they now ask with the
survey's bands. The values that name the same band are converted on cards and on the cards'
voice items. "under_11" and "18_25" each cover two of today's bands, so they stay as they are
(the app shows them as older cards' bands and counts them in the right age group).

The downgrade converts the same values back on cards and their voice items only: survey
answers' voice items held "11-13" and the rest before this revision and must keep them. Cards
made after the upgrade with a band the old cards never had ("0-7", "22-25"…) keep it; the
summaries before this revision already counted those values in the right age group.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The card's old value -> the same band as surveys store it. Written out here (not imported)
# so this revision does the same thing whatever later code says.
SAME_BAND = {"11_13": "11-13", "14_15": "14-15", "16_17": "16-17", "not_said": "prefer_not"}

action_cards = sa.table("action_cards", sa.column("age_band", sa.String))
voice_items = sa.table("voice_items", sa.column("age_band", sa.String),
                       sa.column("source", sa.String))


def _convert(mapping: dict[str, str]) -> None:
    for old, new in mapping.items():
        op.execute(action_cards.update().where(action_cards.c.age_band == old)
                   .values(age_band=new))
        op.execute(voice_items.update().where(voice_items.c.source == "card",
                                              voice_items.c.age_band == old)
                   .values(age_band=new))


def upgrade() -> None:
    _convert(SAME_BAND)


def downgrade() -> None:
    _convert({new: old for old, new in SAME_BAND.items()})
