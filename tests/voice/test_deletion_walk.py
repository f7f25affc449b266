"""Deleting by the young person (issue 15), walked like the reading rule: every route, export
and API table, for every kind of reader, after each marked answer and card was deleted by the
young person who wrote it.

The marked world of tests/voice/test_reading_rule.py holds an answer and a card in every
moderation state. Once they are deleted, nobody (not even the participation team, who read
everything) is shown any of their words anywhere, except the escalated ones, which stay for the
service's safeguarding lead (and the participation team, who stand in for a lead) and are
never published.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from surveys import receipts
from surveys.models import SurveyResponse
from tests.voice.test_reading_rule import (  # noqa: F401  (world is a fixture)
    MARKER,
    _sign_in,
    _text,
    _urls,
    marker,
    world,
)
from voice.auth.roles import MANAGERS, Role
from voice.loop.models import ActionCard, VoiceItem
from voice.loop.withdrawal import delete_card

KEPT = {marker(s, k, "escalated") for s in ("a", "c") for k in ("o", "r")}


def _delete_everything_they_wrote(session, world) -> None:  # noqa: F811
    link = world["surveys"]["link"]
    for response in session.scalars(select(SurveyResponse).where(
            SurveyResponse.link_id == link.id)):
        response.receipt_hash = f"test-{response.id}"  # sent through a thank-you page
        receipts.delete_own_response(session, response)
    for card in session.scalars(select(ActionCard).where(
            ActionCard.link_id == world["card_link"].id)):
        delete_card(session, card)
    session.flush()


@pytest.mark.parametrize("role", [None, Role.PARTICIPATION.value, Role.SAFEGUARDING.value,
                                  Role.PROVIDER.value, Role.COMMISSIONER.value],
                         ids=lambda r: r or "anonymous")
def test_deleted_words_are_nowhere_but_with_the_safeguarding_lead(app, client, factory, session,
                                                                  world, role):  # noqa: F811
    _delete_everything_they_wrote(session, world)
    kept = session.scalars(select(VoiceItem).where(VoiceItem.withdrawn_at.is_not(None))).all()
    assert {(i.source, i.state) for i in kept} == {("answer", "escalated"), ("card", "escalated")}
    if role is not None:
        _sign_in(client, factory, world["users"][role])
    may_see = KEPT if role in {Role.SAFEGUARDING.value, *(r.value for r in MANAGERS)} else set()
    seen, failures = set(), []
    for url in _urls(app, factory, world, role):
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"GET {url}: server error {response.status_code}")
            continue
        found = set(MARKER.findall(_text(response)))
        seen |= found
        if found - may_see:
            failures.append(f"GET {url} still showed {sorted(found - may_see)}")
    assert not failures, "\n".join(failures)
    if role == Role.SAFEGUARDING.value:  # not a walk past empty pages: the lead still reads it
        assert marker("a", "o", "escalated") in seen and marker("c", "o", "escalated") in seen
