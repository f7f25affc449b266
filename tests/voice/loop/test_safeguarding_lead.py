"""Issue 12: the safeguarding lead's queue ordered by risk, and clearing a false flag."""

from __future__ import annotations

import csv
from datetime import timedelta
from html import unescape

from sqlalchemy import select

from voice.analysis.safeguarding_training import (
    ORDINARY_WEIGHT,
    Sentence,
    _read_texts,
    training_examples,
)
from voice.audit.models import AuditEvent
from voice.db import utcnow
from voice.learning.models import SafeguardingCorrection
from voice.learning.safeguarding import cleared_texts
from voice.loop import moderation
from voice.loop.models import ModerationState, VoiceItem


def _flagged(loop, service, text, reasons, hours_ago):
    item = loop.item(service, text=text, state=ModerationState.ESCALATED, is_safeguarding=True,
                     safeguarding_reasons=list(reasons))
    item.escalated_at = utcnow() - timedelta(hours=hours_ago)
    return item


def test_the_queue_puts_risk_to_life_first_then_abuse_then_the_rest_oldest_first(
        session, loop, people):
    service = people["service"]
    bullying_old = _flagged(loop, service, "they call me names every day", ["bullying"], 30)
    learned = _flagged(loop, service, "worded like one", ["worded_like_a_disclosure"], 40)
    abuse_new = _flagged(loop, service, "my stepdad hits me", ["abuse"], 1)
    abuse_old = _flagged(loop, service, "he hurts me", ["abuse", "bullying"], 5)
    suicidal_new = _flagged(loop, service, "i want to die", ["suicidal_thoughts"], 0.1)
    self_harm_old = _flagged(loop, service, "i cut myself", ["bullying", "self_harm"], 2)
    # a person escalated it without a reason code: other concerns
    by_hand = loop.item(service, text="something felt off", state=ModerationState.ESCALATED)
    by_hand.escalated_at = utcnow() - timedelta(hours=50)
    # danger now: whatever the reason, it comes first
    danger_now = _flagged(loop, service, "he is home now and i am scared", ["abuse"], 3)
    session.flush()

    queue = moderation.safeguarding_queue(session, people["lead"])
    assert [i.id for i in queue] == [
        danger_now.id, self_harm_old.id, suicidal_new.id,
        abuse_old.id, abuse_new.id,
        by_hand.id, learned.id, bullying_old.id,
    ]
    assert [moderation.escalation_tier(i) for i in queue] == [1, 1, 1, 2, 2, 3, 3, 3]


def test_clearing_a_false_flag_returns_it_to_moderation_and_records_a_correction(
        session, loop, people, fake_analysis):
    item = _flagged(loop, people["service"],
                    "they didnt believe me when i said i was in pain", ["abuse"], 2)
    item.model_version = "engine-1+sg-abc"
    moderation.review_escalation(session, people["lead"], item, outcome="no_concern",
                                 note="A complaint about pain relief, not abuse")

    # back in ordinary moderation: no longer restricted, and it can be quoted after approval
    assert item.state == ModerationState.NEW and not item.is_safeguarding
    assert item not in moderation.safeguarding_queue(session, people["lead"])
    moderation.approve_item(session, people["officer"], item,
                            public_text="They didn't believe me when I said I was in pain")
    assert item.is_published

    correction = session.scalar(select(SafeguardingCorrection)
                                .where(SafeguardingCorrection.voice_item_id == item.id))
    assert correction is not None
    assert correction.reasons == ["abuse"]
    assert correction.model_version == "engine-1+sg-abc"
    assert correction.note == "A complaint about pain relief, not abuse"
    assert correction.decided_by_id == people["lead"].id
    actions = set(session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == item.id)))
    assert {"voice_item.safeguarding_reviewed", "safeguarding.cleared_as_no_concern"} <= actions
    # the learned check learns from the redacted words
    assert cleared_texts(session) == [item.redacted_text]


def test_what_the_check_learns_from_leaves_out_erased_words_and_hand_escalations(
        session, loop, people):
    flagged = _flagged(loop, people["service"], "my mum will go mad", ["abuse"], 1)
    by_hand = loop.item(people["service"], text="odd feeling", state=ModerationState.ESCALATED)
    erased = _flagged(loop, people["service"], "old words", ["bullying"], 1)
    for item in (flagged, by_hand, erased):
        moderation.review_escalation(session, people["lead"], item, outcome="no_concern",
                                     note="Not a concern")
    erased.text = erased.redacted_text = ""
    session.flush()
    assert cleared_texts(session) == ["my mum will go mad"]


def test_dealing_with_a_concern_records_no_correction(session, loop, people):
    item = _flagged(loop, people["service"], "my stepdad hits me", ["abuse"], 1)
    moderation.review_escalation(session, people["lead"], item, outcome="action_taken",
                                 note="Referred to children's social care")
    assert session.scalar(select(SafeguardingCorrection)) is None


def test_the_queue_page_shows_the_words_the_reason_in_words_and_how_long_ago(
        client, session, login, loop, people):
    _flagged(loop, people["service"], "they call me names at school", ["bullying"], 26)
    _flagged(loop, people["service"], "i keep thinking about ending it", ["suicidal_thoughts"], 3)
    login(people["lead"])
    page = unescape(client.get("/safeguarding").get_data(as_text=True))
    life = page.index("i keep thinking about ending it")
    other = page.index("they call me names at school")
    assert life < other  # the risk to life first, although it arrived later
    assert "Risk to life" in page and "Other concern" in page
    assert "Thoughts of suicide or of not wanting to be alive" in page
    assert "3 hours ago" in page and "1 day ago" in page


def test_a_lead_clears_a_false_flag_with_a_reason_on_the_item_page(
        client, session, login, loop, people):
    item = _flagged(loop, people["service"], "waiting is pointless", ["suicidal_thoughts"], 1)
    login(people["lead"])
    page = unescape(client.get(f"/safeguarding/items/{item.id}").get_data(as_text=True))
    assert "Not a safeguarding concern" in page
    response = client.post(f"/safeguarding/items/{item.id}",
                           data={"outcome": "no_concern", "note": ""})
    assert response.status_code == 200  # the reason is required
    response = client.post(f"/safeguarding/items/{item.id}",
                           data={"outcome": "no_concern", "note": "A complaint about waiting"})
    assert response.status_code == 302
    assert session.get(VoiceItem, item.id).state == ModerationState.NEW
    assert session.scalar(select(SafeguardingCorrection.note)) == "A complaint about waiting"


def test_the_cleared_words_are_exported_for_the_checks_rebuild(app, session, loop, people,
                                                                  tmp_path):
    item = _flagged(loop, people["service"], "my mum will go mad if im late", ["abuse"], 1)
    moderation.review_escalation(session, people["lead"], item, outcome="no_concern",
                                 note="Not a concern")
    session.flush()
    out = tmp_path / "cleared.csv"
    result = app.test_cli_runner().invoke(
        args=["learning", "safeguarding-corrections", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote 1 cleared comment(s)" in result.output
    with out.open(encoding="utf-8", newline="") as handle:
        assert list(csv.DictReader(handle)) == [{"text": "my mum will go mad if im late"}]
    # the rebuild reads that file as safe examples, weighted like young people's feedback
    texts = _read_texts(str(out))
    examples = training_examples([Sentence("he hits me", True, "x")], texts, [])
    assert list(examples.labels) == [True, False]
    assert list(examples.weights) == [1.0, ORDINARY_WEIGHT]


def test_the_item_page_says_how_urgent_it_is(client, login, loop, people):
    item = _flagged(loop, people["service"], "i cut myself last night", ["self_harm"], 1)
    login(people["lead"])
    page = unescape(client.get(f"/safeguarding/items/{item.id}").get_data(as_text=True))
    assert "How urgent" in page and "Risk to life" in page


def test_only_the_services_lead_reads_an_escalated_item_not_the_team(session, loop, people):
    """Issue 11: an escalated item is read by the service's safeguarding lead and nobody else;
    the participation team and administrators stand in only for a service with no lead."""
    from voice.loop.reading import readable_items_clause, reader_for, wording_for

    led = _flagged(loop, people["service"], "marker-led he hurts me", ["abuse"], 1)
    unled = _flagged(loop, people["other_service"], "marker-unled he hurts me", ["abuse"], 1)
    session.flush()

    def readable(user):
        reader = reader_for(user, session)
        found = set(session.scalars(select(VoiceItem.id).where(
            VoiceItem.id.in_([led.id, unled.id]), readable_items_clause(reader))))
        return found, wording_for(reader, led), wording_for(reader, unled)

    assert readable(people["lead"]) == ({led.id}, led.text, None)
    for role in ("officer", "admin"):
        assert readable(people[role]) == ({unled.id}, None, unled.text), role
        assert moderation.can_read_original(people[role], led) is False
        assert moderation.can_review_escalation(people[role], led) is False
        assert moderation.can_review_escalation(people[role], unled) is True
