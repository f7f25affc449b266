"""The moderation queue for a busy team (issue 13 point 1): filters, what needs a person first,
many decisions in one submit, nothing published that the person did not see, and undo."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest

from voice.db import utcnow
from voice.loop import moderation, queue
from voice.loop.models import ModerationState, VoiceItem, VoiceSource
from voice.loop.reading import PUBLIC, wording_for


def ids(page) -> list[int]:
    return [item.id for item in page.items]


def decide(session, officer, *pairs, hide_reason="unclear"):
    return queue.decide_items(session, officer, [
        queue.Decision(item.id, action, queue.shown_fingerprint(item)) for item, action in pairs],
        hide_reason=hide_reason)


# ---- filters and order -----------------------------------------------------------------------------

def test_the_queue_filters_by_service_source_theme_feeling_and_age(session, loop, people):
    service, other = people["service"], people["other_service"]
    card = loop.item(service, text="Start a Saturday clinic", source=VoiceSource.CARD,
                     themes=["waiting_and_access"], sentiment="negative", age_band="14-15")
    answer = loop.item(service, text="The staff were kind", source=VoiceSource.ANSWER,
                       themes=["staff_attitude"], sentiment="positive", age_band="8-10")
    elsewhere = loop.item(other, text="Nobody explains anything", source=VoiceSource.CARD)
    officer = people["officer"]

    def found(**args):
        return set(ids(queue.waiting_queue(session, officer, queue.QueueFilters.from_args(args))))

    assert {card.id, answer.id, elsewhere.id} <= found()
    assert found(service=str(other.id)) == {elsewhere.id}
    assert found(service=str(service.id), source="answer") == {answer.id}
    assert found(service=str(service.id), theme="waiting_and_access") == {card.id}
    assert found(service=str(service.id), sentiment="positive") == {answer.id}
    assert found(service=str(service.id), age="under_11") == {answer.id}
    assert found(service=str(service.id), age="14_15") == {card.id}
    # Nonsense in the address is ignored, not a 500.
    assert found(service=str(service.id), theme="%'; drop", sentiment="angry", age="x") == {
        card.id, answer.id}


def test_waiting_items_come_in_the_order_a_person_should_read_them(session, loop, people):
    service, officer = people["service"], people["officer"]
    now = utcnow()

    def made(text, days, source=VoiceSource.CARD):
        return loop.item(service, text=text, source=source, created_at=now - timedelta(days=days))

    recent_answer = made("recent survey answer", 1, VoiceSource.ANSWER)
    recent_card = made("recent card", 1)
    older_card = made("older card", 2)
    backed_answer = made("backed survey answer", 1.5, VoiceSource.ANSWER)
    overdue_answer = made("overdue survey answer", 10, VoiceSource.ANSWER)
    very_overdue_card = made("very overdue card", 20)
    for n in range(2):
        loop.item(service, text=f"same as backed {n}", state=ModerationState.DUPLICATE,
                  duplicate_of_id=backed_answer.id)
    loop.item(service, text="flagged", is_safeguarding=True, state=ModerationState.ESCALATED)

    page = queue.waiting_queue(session, officer, queue.QueueFilters(service_id=service.id),
                               now=now)
    # Past the target (3 days) first, then cards, then what others backed, then the oldest.
    assert ids(page) == [very_overdue_card.id, overdue_answer.id, older_card.id, recent_card.id,
                         backed_answer.id, recent_answer.id]
    assert page.overdue == 2 and page.total == 6
    assert page.backers[backed_answer.id] == 2
    assert queue.overdue_count(session, now=now) >= 2


def test_the_target_is_the_teams_own(session, loop, people):
    officer = people["officer"]
    item = loop.item(people["service"], created_at=utcnow() - timedelta(days=2))
    assert not queue.waiting_queue(session, officer, queue.QueueFilters(
        service_id=people["service"].id)).is_overdue(item)
    queue.save_loop_settings(session, officer, moderation_target_days=1, escalate_after_days=7)
    page = queue.waiting_queue(session, officer, queue.QueueFilters(service_id=people["service"].id))
    assert page.is_overdue(item) and page.target_days == 1
    with pytest.raises(moderation.ModerationError):
        queue.save_loop_settings(session, officer, moderation_target_days=0, escalate_after_days=7)


# ---- many decisions at once ------------------------------------------------------------------------

def test_approve_and_hide_several_items_in_one_go(session, loop, people):
    officer = people["officer"]
    first = loop.item(people["service"], text="Dr Patel never listens",
                      redacted_text="[name] never listens")
    second = loop.item(people["service"], text="Open later on Fridays")
    third = loop.item(people["service"], text="asdfgh")
    result = decide(session, officer, (first, "approve"), (second, "approve"), (third, "hide"))
    assert result.approved == 2 and result.hidden == 1 and not result.skipped
    # What is published is exactly the wording that was shown: the redacted words.
    assert first.state == ModerationState.APPROVED and first.public_text == "[name] never listens"
    assert wording_for(PUBLIC, first) == "[name] never listens"
    assert third.state == ModerationState.HIDDEN
    assert third.hidden_reason == queue.HIDE_REASONS["unclear"]
    assert first.moderated_by_id == officer.id


def test_an_item_escalated_meanwhile_is_never_published_by_a_batch(session, loop, people):
    officer = people["officer"]
    item = loop.item(people["service"], text="Please make the waiting room nicer")
    shown = queue.shown_fingerprint(item)            # the officer's page is drawn…
    moderation.escalate_item(session, officer, item,
                             note="Another officer read more into it")   # …someone escalates it
    result = queue.decide_items(session, officer, [queue.Decision(item.id, "approve", shown)])
    assert result.done == [] and "safeguarding lead" in result.skipped[0][1]
    session.refresh(item)
    assert item.state == ModerationState.ESCALATED and item.public_text is None
    assert wording_for(PUBLIC, item) is None


def test_a_flagged_item_is_never_published_by_a_batch(session, loop, people):
    item = loop.item(people["service"], text="flagged after a re-analysis")
    shown = queue.shown_fingerprint(item)
    item.is_safeguarding = True
    session.flush()
    result = queue.decide_items(session, people["officer"], [queue.Decision(item.id, "approve", shown)])
    assert not result.done and item.state == ModerationState.NEW


def test_wording_that_changed_after_the_page_was_shown_is_not_published(session, loop, people):
    officer = people["officer"]
    item = loop.item(people["service"], text="Dr Patel is great", redacted_text="[name] is great")
    shown = queue.shown_fingerprint(item)
    item.public_text = "Dr Patel is great"   # someone changed the wording meanwhile
    session.flush()
    result = queue.decide_items(session, officer, [queue.Decision(item.id, "approve", shown)])
    assert not result.done and "changed" in result.skipped[0][1]
    assert item.state == ModerationState.NEW
    # Without the fingerprint of what was shown, nothing is approved either.
    result = queue.decide_items(session, officer, [queue.Decision(item.id, "approve", "")])
    assert not result.done and item.state == ModerationState.NEW


def test_wording_that_still_holds_personal_details_waits_for_a_person(session, loop, people):
    item = loop.item(people["service"], text="Ring me on 07700 900123 about it",
                     redacted_text="Ring me on 07700 900123 about it")   # the analyser missed it
    result = decide(session, people["officer"], (item, "approve"))
    assert not result.done and "personal details" in result.skipped[0][1]
    assert item.state == ModerationState.NEW and item.public_text is None


def test_a_batch_refuses_what_another_person_already_decided(session, loop, people):
    item = loop.item(people["service"])
    shown = queue.shown_fingerprint(item)
    moderation.hide_item(session, people["officer"], item, reason="Not about the service")
    result = queue.decide_items(session, people["officer"], [queue.Decision(item.id, "approve", shown)])
    assert not result.done and "already moderated" in result.skipped[0][1]
    assert item.state == ModerationState.HIDDEN


def test_only_the_participation_team_decides(session, loop, people):
    item = loop.item(people["service"])
    with pytest.raises(moderation.NotAllowed):
        decide(session, people["provider"], (item, "approve"))
    with pytest.raises(moderation.ModerationError):
        decide(session, people["officer"], (item, "hide"), hide_reason="because")


def test_undo_puts_back_only_what_nobody_has_touched_since(session, loop, people):
    officer = people["officer"]
    first, second = loop.item(people["service"]), loop.item(people["service"], text="Other words")
    result = decide(session, officer, (first, "approve"), (second, "hide"))
    moderation.return_to_queue(session, officer, second)        # someone else moved it since
    moderation.hide_item(session, officer, second, reason="A different reason")
    assert queue.undo_decisions(session, officer, result.done) == 1
    assert first.state == ModerationState.NEW and first.public_text is not None
    assert second.state == ModerationState.HIDDEN


# ---- the page ----------------------------------------------------------------------------------------

def page_text(response) -> str:
    return unescape(response.get_data(as_text=True))


def test_the_page_shows_the_published_words_with_redactions_highlighted(client, login, loop, people):
    item = loop.item(people["service"], text="Dr Patel talks to my mum not me",
                     redacted_text="[name] talks to my mum not me")
    login(people["officer"])
    html = page_text(client.get(f"/moderation?service={people['service'].id}"))
    assert '<mark class="removed">[name]</mark> talks to my mum not me' in html
    assert "Dr Patel" not in html       # the list shows the words as they would be published
    assert "already counts in summaries" in html and "only what may be shown" in html
    assert f'name="decision-{item.id}"' in html and f'name="shown-{item.id}"' in html
    assert "Keyboard shortcuts" in html and 'src="/static/moderation.js"' in html


def test_decisions_in_one_submit_then_undo(client, session, login, loop, people):
    first = loop.item(people["service"], text="Start a Saturday clinic")
    second = loop.item(people["service"], text="zzz")
    later = loop.item(people["service"], text="Not sure yet")
    login(people["officer"])
    data = {"item": [str(first.id), str(second.id), str(later.id)],
            f"decision-{first.id}": "approve", f"shown-{first.id}": queue.shown_fingerprint(first),
            f"decision-{second.id}": "hide", f"shown-{second.id}": "x",
            f"decision-{later.id}": "", "hide_reason": "test",
            "service": str(people["service"].id)}
    response = client.post("/moderation/decide", data=data)
    assert response.status_code == 302
    assert f"service={people['service'].id}" in response.location and "undo=" in response.location
    html = page_text(client.get(response.location))
    assert "You approved 1 for publication and hid 1." in html and "Undo" in html
    assert session.get(VoiceItem, first.id).state == ModerationState.APPROVED
    assert session.get(VoiceItem, second.id).state == ModerationState.HIDDEN
    assert session.get(VoiceItem, later.id).state == ModerationState.NEW
    token = re.search(r'name="undo" value="([^"]+)"', html).group(1)
    response = client.post("/moderation/undo", data={"undo": token})
    assert response.status_code == 302
    assert "2 items are waiting again" in page_text(client.get(response.location))
    assert session.get(VoiceItem, first.id).state == ModerationState.NEW


def test_undo_is_refused_when_too_late_or_forged(client, session, login, loop, people, monkeypatch):
    item = loop.item(people["service"])
    login(people["officer"])
    response = client.post("/moderation/decide", data={
        "item": str(item.id), f"decision-{item.id}": "approve",
        f"shown-{item.id}": queue.shown_fingerprint(item)})
    token = re.search(r"undo=([^&]+)", response.location).group(1)
    assert "could not be undone" in page_text(client.post("/moderation/undo",
                                                          data={"undo": token + "x"},
                                                          follow_redirects=True))
    monkeypatch.setattr(queue, "UNDO_SECONDS", -1)
    assert "too late" in page_text(client.post("/moderation/undo", data={"undo": token},
                                               follow_redirects=True))
    assert session.get(VoiceItem, item.id).state == ModerationState.APPROVED


@pytest.mark.parametrize("data", [
    {}, {"item": "abc"}, {"item": "99999999", "decision-99999999": "approve"},
    {"item": "1", "decision-1": "publish"}, {"item": "1", "decision-1": "hide", "hide_reason": "?"},
])
def test_malformed_decisions_are_explained_not_a_500(client, login, people, data):
    login(people["officer"])
    response = client.post("/moderation/decide", data=data, follow_redirects=True)
    assert response.status_code == 200
    assert 'class="notice notice--error"' in response.get_data(as_text=True)


def test_only_managers_can_use_the_queue(client, login, people):
    login(people["provider"])
    assert client.post("/moderation/decide", data={}).status_code == 403
    assert client.post("/moderation/undo", data={}).status_code == 403
