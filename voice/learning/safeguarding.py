"""Safeguarding leads' "not a safeguarding concern" decisions, kept as corrections to learn from.

When a lead clears a flagged item (``voice.loop.moderation.review_escalation`` with
``no_concern``), :func:`record_safeguarding_correction` keeps why the analysis flagged it and
the lead's reason. :func:`cleared_texts` gives the redacted words of every cleared item whose
words are still kept, for the learned check's rebuild::

    voice learning safeguarding-corrections --output cleared.csv
    python -m voice.analysis.safeguarding_training NHS.csv --cleared cleared.csv --output DIR

The learned check is shipped inside the package and rebuilt by people (``make
model-safeguarding``), never retrained on its own in the app: a change to what reaches the
safeguarding lead must be read and measured by a person before it is used.
"""

from __future__ import annotations

import csv
from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from voice.audit.services import record
from voice.auth.models import User
from voice.learning.models import SafeguardingCorrection
from voice.loop.models import VoiceItem


def record_safeguarding_correction(session: Session, actor: User | None, item: VoiceItem, *,
                                   reasons: list[str], note: str) -> SafeguardingCorrection:
    """Keep a lead's "not a safeguarding concern" on ``item`` as a correction of its flag.

    ``reasons`` are the flag's reasons at the moment of the decision (empty when a person
    escalated it without the analysis flagging it: then there is nothing for the check to
    unlearn, but the decision is still kept).
    """
    correction = SafeguardingCorrection(
        voice_item_id=item.id, reasons=list(reasons), model_version=item.model_version,
        note=note, decided_by_id=actor.id if actor is not None else None)
    session.add(correction)
    session.flush()
    record(session, actor, "safeguarding.cleared_as_no_concern", target=item,
           correction=correction.id, reasons=list(reasons))
    return correction


def cleared_texts(session: Session) -> list[str]:
    """Redacted words of items a lead cleared after the analysis flagged them, oldest first.

    Items whose words were erased (retention) and items a person escalated without a flag are
    left out; an item cleared twice counts once.
    """
    first = (select(SafeguardingCorrection.voice_item_id,
                    func.min(SafeguardingCorrection.id).label("first_id"))
             .group_by(SafeguardingCorrection.voice_item_id).subquery())
    rows = session.execute(
        select(VoiceItem.redacted_text, SafeguardingCorrection.reasons)
        .join(first, first.c.voice_item_id == VoiceItem.id)
        .join(SafeguardingCorrection, SafeguardingCorrection.id == first.c.first_id)
        .order_by(first.c.first_id))
    return [text for text, reasons in rows if reasons and (text or "").strip()]


def safeguarding_correction_count(session: Session) -> int:
    return session.scalar(select(func.count(SafeguardingCorrection.id))) or 0


@click.group("learning", help="What the analysis learns from people's corrections.")
def learning_group() -> None:
    pass


@learning_group.command("safeguarding-corrections")
@click.option("--output", required=True, type=click.Path(dir_okay=False),
              help="CSV file to write (a 'text' column of redacted words).")
@with_appcontext
def export_safeguarding_corrections(output: str) -> None:
    """Write the words safeguarding leads cleared as "not a safeguarding concern"."""
    from voice.db import db

    texts = cleared_texts(db.session)
    with Path(output).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text"])
        writer.writerows([t] for t in texts)
    click.echo(f"Wrote {len(texts)} cleared comment(s) to {output}. Rebuild the learned check with "
               f"--cleared {output} and read its figures before shipping it.")
