"""Demo answers (issue 13): a few demo cards get an answer without a commitment, so the board and
/check show what answers look like. Runs after the loop's own demo step."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from voice.auth.roles import Role
from voice.demo import demo_step
from voice.loop import replies
from voice.loop.commitments import commitments_for_items
from voice.loop.models import ModerationState, VoiceItem, VoiceSource

ANSWERS = [
    ("happening", "This already happens: ask at reception and they will tell you how long the "
                  "wait is that day. We will put up a sign so everyone knows."),
    ("cant", "We can't do this at the moment because the building is shared with another "
             "service in the evenings. We have asked for a room and will tell you what they say."),
    ("heard", "Thank you. We read every card at our team meeting, and yours is on the list for "
              "the next one."),
]


@demo_step(45)
def answers_demo(session: Session, ctx: dict[str, Any]) -> None:
    """Cards still waiting get a plain answer; one approved card, part of a published promise,
    says so (so the board shows an answer beside the promises)."""
    officer = ctx["users"][Role.PARTICIPATION.value]
    cards = session.scalars(select(VoiceItem).where(
        VoiceItem.source == VoiceSource.CARD.value, VoiceItem.is_safeguarding.is_(False),
        VoiceItem.state.in_([ModerationState.NEW.value, ModerationState.APPROVED.value]))
        .order_by(VoiceItem.id)).all()
    linked = commitments_for_items(session, [i.id for i in cards])
    waiting = [i for i in cards if i.state == ModerationState.NEW and not linked.get(i.id)]
    for item, (kind, body) in zip(waiting, ANSWERS, strict=False):
        replies.reply_to_item(session, officer, item, kind=kind, body=body)
    for item in cards:
        promises = [c for c in linked.get(item.id, []) if c.is_public]
        if item.state == ModerationState.APPROVED and promises:
            replies.reply_to_item(
                session, officer, item, kind="promise", commitment_id=promises[0].id,
                body="Thank you for this card. It helped us make the promise you can see on "
                     "the board, and we will keep it up to date there.")
            break
    session.flush()
