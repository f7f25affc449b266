"""Staff pages: moderation, safeguarding, commitments, card links, paper sessions, notifications."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

from sqlalchemy import func, select

from voice.loop import notifications
from voice.loop.models import (
    ActionCard,
    CardLink,
    Commitment,
    ModerationState,
    Notification,
    VoiceItem,
)
from voice.loop.rag import today_in_london


def text_of(response) -> str:
    return unescape(response.get_data(as_text=True))


def due(days=60) -> str:
    return (today_in_london() + timedelta(days=days)).isoformat()


# ---- moderation ----------------------------------------------------------------------------------

def test_the_moderation_queue_lists_waiting_items(client, login, loop, people):
    loop.item(people["service"], text="Stop cancelling appointments")
    loop.approved(people["service"], text="Already approved one")
    login(people["officer"])
    html = text_of(client.get("/moderation"))
    assert "Stop cancelling appointments" in html and "Already approved one" not in html
    assert "Approved for publication (1)" in html
    assert "Already approved one" in text_of(client.get("/moderation?state=approved"))


def test_an_officer_approves_with_new_wording_and_the_original_stays_restricted(
        client, session, login, loop, people, fake_analysis):
    item = loop.item(people["service"], text="Dr Patel talks to my mum not me",
                     redacted_text="[name] talks to my mum not me")
    login(people["officer"])
    page = text_of(client.get(f"/moderation/items/{item.id}"))
    assert "Dr Patel talks to my mum not me" in page and "[name] talks to my mum not me" in page
    response = client.post(f"/moderation/items/{item.id}/approve",
                           data={"public_text": "The doctor talks to my mum, not me"})
    assert response.status_code == 302
    item = session.get(VoiceItem, item.id)
    assert item.state == ModerationState.APPROVED and item.text == "Dr Patel talks to my mum not me"


def test_the_item_page_gives_the_age_in_words_older_cards_bands_included(client, login, loop,
                                                                           people):
    login(people["officer"])
    for stored, shown in (("0-7", "7 or under"), ("14-15", "14 or 15"),
                          ("prefer_not", "Prefer not to say"), (None, "Not given"),
                          ("under_11", "Under 11 (older cards)"),
                          ("18_25", "18 to 25 (older cards)")):
        item = loop.item(people["service"], age_band=stored)
        page = text_of(client.get(f"/moderation/items/{item.id}"))
        assert f"<dt>Age</dt><dd>{shown}</dd>" in page, stored


def test_the_paper_form_offers_the_shared_age_bands(client, login, people):
    login(people["officer"])
    form = text_of(client.get("/action-cards/paper"))
    select_html = re.search(r'<select[^>]*name="cards-0-age_band".*?</select>', form, re.S).group(0)
    offered = re.findall(r'<option[^>]*value="([^"]*)"[^>]*>([^<]*)</option>', select_html)
    assert offered == [("", "Not given"), ("0-7", "7 or under"), ("8-10", "8 to 10"),
                       ("11-13", "11 to 13"), ("14-15", "14 or 15"), ("16-17", "16 or 17"),
                       ("18-21", "18 to 21"), ("22-25", "22 to 25"),
                       ("prefer_not", "Prefer not to say")]


def test_wording_with_a_name_left_in_is_stopped_with_a_suggestion(client, session, login, loop,
                                                                  people, fake_analysis):
    item = loop.item(people["service"], text="Dr Patel was lovely")
    login(people["officer"])
    response = client.post(f"/moderation/items/{item.id}/approve",
                           data={"public_text": "Dr Patel was lovely"})
    html = text_of(response)
    assert response.status_code == 200 and "may still include a name" in html
    assert "[name] was lovely" in html
    assert session.get(VoiceItem, item.id).state == ModerationState.NEW


def test_hide_duplicate_and_escalate_from_the_item_page(client, session, login, loop, people):
    first, second, third = (loop.item(people["service"]) for _ in range(3))
    login(people["officer"])
    assert client.post(f"/moderation/items/{first.id}/hide", data={"reason": ""}).status_code == 200
    client.post(f"/moderation/items/{first.id}/hide", data={"reason": "Not about the service"})
    client.post(f"/moderation/items/{third.id}/duplicate", data={"of_item_id": str(second.id)})
    client.post(f"/moderation/items/{second.id}/escalate", data={"note": "Sounds frightened"})
    assert session.get(VoiceItem, first.id).state == ModerationState.HIDDEN
    assert session.get(VoiceItem, second.id).state == ModerationState.ESCALATED
    assert session.get(VoiceItem, third.id).state == ModerationState.NEW  # released on escalation
    assert session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == people["lead"].id)) == 1


def test_tampered_moderation_posts_get_clear_messages(client, login, loop, people):
    item = loop.item(people["service"])
    login(people["officer"])
    bad_dup = client.post(f"/moderation/items/{item.id}/duplicate", data={"of_item_id": "9999999"})
    assert bad_dup.status_code == 200 and "Not a valid choice" in text_of(bad_dup)
    assert client.get("/moderation/items/99999999").status_code == 404
    assert client.post("/moderation/items/99999999/hide", data={"reason": "x"}).status_code == 404


def test_providers_and_commissioners_cannot_moderate(client, login, loop, people):
    item = loop.item(people["service"])
    for who in ("provider", "commissioner"):
        login(people[who])
        assert client.get("/moderation").status_code == 403
        assert client.post(f"/moderation/items/{item.id}/approve",
                           data={"public_text": "x"}).status_code == 403
        client.post("/sign-out")


# ---- safeguarding --------------------------------------------------------------------------------

def test_the_lead_reads_and_closes_their_services_escalations(client, session, login, loop, people):
    mine = loop.item(people["service"], text="I am scared to go home", state="escalated",
                     is_safeguarding=True)
    theirs = loop.item(people["other_service"], text="Someone else's", state="escalated",
                       is_safeguarding=True)
    login(people["lead"])
    queue = text_of(client.get("/safeguarding"))
    assert f"item #{mine.id}" in queue and f"item #{theirs.id}" not in queue
    assert "I am scared to go home" in text_of(client.get(f"/safeguarding/items/{mine.id}"))
    assert client.get(f"/safeguarding/items/{theirs.id}").status_code == 403
    response = client.post(f"/safeguarding/items/{mine.id}",
                           data={"outcome": "action_taken", "note": "Referred to social care"})
    assert response.status_code == 302
    assert session.get(VoiceItem, mine.id).safeguarding_outcome == "action_taken"


def test_a_lead_cannot_open_an_ordinary_item(client, login, loop, people):
    item = loop.item(people["service"])
    login(people["lead"])
    assert client.get(f"/safeguarding/items/{item.id}").status_code == 404
    assert client.get(f"/moderation/items/{item.id}").status_code == 403


# ---- commitments --------------------------------------------------------------------------------

def test_an_officer_makes_a_commitment_from_chosen_cards(client, session, login, loop, people):
    items = [loop.approved(people["service"], text="The waiting room is boring") for _ in range(2)]
    login(people["officer"])
    form = text_of(client.get("/commitments/new?item=" + "&item=".join(str(i.id) for i in items)))
    assert "The waiting room is boring" in form
    response = client.post("/commitments/new", data={
        "item": [str(i.id) for i in items], "service_id": str(people["service"].id),
        "you_said": "The waiting room is boring", "we_will": "Redecorate it with young people",
        "owner_organisation_id": str(people["org"].id), "owner_user_id": str(people["provider"].id),
        "due_date": due(), "is_public": "y"})
    assert response.status_code == 302
    made = session.scalar(select(Commitment))
    assert made.is_public and {s.voice_item_id for s in made.sources} == {i.id for i in items}
    html = text_of(client.get(f"/commitments/{made.id}"))
    assert "Amber: on track" in html and "2 young people" in html


def test_a_commitment_form_with_problems_says_what_to_fix(client, session, login, people):
    login(people["officer"])
    response = client.post("/commitments/new", data={
        "service_id": str(people["service"].id), "you_said": "", "we_will": "x",
        "owner_organisation_id": str(people["org"].id), "owner_user_id": str(people["other_provider"].id),
        "due_date": "31/02/2026"})
    html = text_of(response)
    assert response.status_code == 200 and "Enter what young people said" in html
    assert session.scalar(select(func.count(Commitment.id))) == 0
    response = client.post("/commitments/new", data={
        "service_id": str(people["service"].id), "you_said": "y", "we_will": "x",
        "owner_organisation_id": str(people["org"].id), "owner_user_id": str(people["other_provider"].id),
        "due_date": due()})
    assert "Choose a person from the owner organisation" in text_of(response)


def test_a_provider_updates_their_own_commitment_to_done(client, session, login, loop, people):
    made = loop.commitment(people["service"], owner=people["org"])
    login(people["provider"])
    assert client.get(f"/commitments/{made.id}/progress").status_code == 200
    missing = client.post(f"/commitments/{made.id}/progress", data={"status": "done"})
    assert "Say what was done" in text_of(missing)
    response = client.post(f"/commitments/{made.id}/progress",
                           data={"status": "done", "we_did": "We painted the room"})
    assert response.status_code == 302
    made = session.get(Commitment, made.id)
    assert made.status == "done" and made.rag == "green"


def test_a_provider_cannot_see_or_touch_another_providers_commitment(client, session, login, loop, people):
    made = loop.commitment(people["service"], owner=people["org"])
    login(people["other_provider"])
    assert client.get(f"/commitments/{made.id}").status_code == 403
    assert client.get(f"/commitments/{made.id}/progress").status_code == 403
    assert client.post(f"/commitments/{made.id}/progress",
                       data={"status": "done", "we_did": "Hacked"}).status_code == 403
    assert client.post(f"/commitments/{made.id}/comment", data={"body": "hi"}).status_code == 403
    assert client.post(f"/commitments/{made.id}/publish", data={"publish": "0"}).status_code == 403
    assert session.get(Commitment, made.id).status == "not_started"
    assert "The waiting room is boring" not in text_of(client.get("/commitments"))


def test_comments_publishing_assurance_and_reopening(client, session, login, loop, people):
    made = loop.commitment(people["service"], owner=people["org"], public=False)
    login(people["officer"])
    client.post(f"/commitments/{made.id}/comment", data={"body": "Can we do this by March?"})
    client.post(f"/commitments/{made.id}/publish", data={"publish": "1"})
    client.post(f"/commitments/{made.id}/progress", data={"status": "done", "we_did": "Painted"})
    # An officer cannot assure it alone: "young inspectors" is not theirs to choose, and a
    # youth group session needs the group, the date, how many took part and what they said.
    html = text_of(client.post(f"/commitments/{made.id}/assure", data={
        "by": "young_inspectors", "note": "We visited; it looks great"}))
    assert "Enter the name of the young people's group" in html
    assert "Enter the date of the session" in html and "how many young people" in html
    assert not session.get(Commitment, made.id).is_assured
    session_on = today_in_london().isoformat()
    client.post(f"/commitments/{made.id}/assure", data={
        "group": "Northdale Youth Council", "session_on": session_on, "young_people": "7",
        "note": "We went and looked: the walls are painted"})
    made = session.get(Commitment, made.id)
    assert made.is_public and made.rag == "assured"
    assert made.assurance_young_people == 7 and made.assurance_session_on.isoformat() == session_on
    html = text_of(client.get(f"/commitments/{made.id}"))
    assert "Can we do this by March?" in html and "Assured: young people checked" in html
    assert "Checked by A young people's group (Northdale Youth Council) on" in html
    assert "(7 young people), recorded by" in html
    client.post(f"/commitments/{made.id}/reopen", data={"note": "It went back to how it was"})
    assert session.get(Commitment, made.id).status == "in_progress"


def test_linking_and_unlinking_items(client, session, login, loop, people):
    made = loop.commitment(people["service"], owner=people["org"])
    item = loop.approved(people["service"], text="More chairs please")
    hidden = loop.item(people["service"], text="Hidden words", state="hidden")
    login(people["officer"])
    page = text_of(client.get(f"/commitments/{made.id}/link"))
    assert "More chairs please" in page and "Hidden words" not in page
    client.post(f"/commitments/{made.id}/link", data={"voice_item_ids": [str(item.id)]})
    sources = session.get(Commitment, made.id).sources
    assert [s.voice_item_id for s in sources] == [item.id]
    tampered = client.post(f"/commitments/{made.id}/link", data={"voice_item_ids": [str(hidden.id)]})
    assert tampered.status_code == 200 and "not a valid choice" in text_of(tampered)
    client.post(f"/commitments/{made.id}/unlink", data={"source_id": str(sources[0].id)})
    assert session.get(Commitment, made.id).sources == []
    assert client.post(f"/commitments/{made.id}/unlink", data={"source_id": "x"}).status_code == 400


def test_the_commitments_list_shows_rag_in_words(client, login, loop, people):
    loop.commitment(people["service"], owner=people["org"],
                    due_date=today_in_london() + timedelta(days=3))
    login(people["commissioner"])
    html = text_of(client.get("/commitments"))
    assert "Red: late or at risk" in html and "rag--red" in html
    assert client.get("/commitments?rag=purple&status=%F0%9F%99%82&service=x").status_code == 200


# ---- card links and paper sessions ----------------------------------------------------------------

def test_an_officer_makes_a_card_link_with_a_qr_code(client, session, login, people):
    login(people["officer"])
    response = client.post("/action-cards/links/new", data={
        "service_id": str(people["service"].id), "place": "Waiting room, Hillside"})
    assert response.status_code == 302
    link = session.scalar(select(CardLink))
    page = text_of(client.get(f"/action-cards/links/{link.token}"))
    assert f"http://voice.test/card/{link.token}" in page and "<svg" in page
    svg = client.get(f"/action-cards/links/{link.token}/qr.svg")
    assert svg.mimetype == "image/svg+xml"
    assert client.get(f"/action-cards/links/{link.token}/qr.png").get_data()[:4] == b"\x89PNG"
    client.post(f"/action-cards/links/{link.token}/pause", data={"paused": "1"})
    assert session.get(CardLink, link.id).is_paused


def test_paper_cards_are_typed_in_together_and_a_resend_saves_nothing_twice(
        client, session, login, people, fake_analysis):
    login(people["officer"])
    form = text_of(client.get("/action-cards/paper"))
    batch_token = re.search(r'name="batch_token" type="hidden" value="([^"]+)"', form).group(1)
    data = {"service_id": str(people["service"].id), "session_label": "Youth club",
            "batch_token": batch_token,
            "cards-0-kind": "stop", "cards-0-what": "Stop cancelling",
            "cards-1-kind": "", "cards-1-what": "",
            "cards-2-kind": "start", "cards-2-what": "Start a Saturday club", "cards-2-age_band": "11-13"}
    assert client.post("/action-cards/paper", data=data).status_code == 302
    assert client.post("/action-cards/paper", data=data).status_code == 302
    stored = session.scalars(select(ActionCard)).all()
    assert len(stored) == 2 and {c.channel for c in stored} == {"paper"}
    data["cards-3-what"] = "A card without a kind"
    response = client.post("/action-cards/paper", data=data)
    assert "Card 4: Choose stop, start or change" in text_of(response)
    assert client.post("/action-cards/paper", data={"batch_token": "forged"}).status_code == 400


# ---- notifications --------------------------------------------------------------------------------

def test_people_see_and_clear_only_their_own_notifications(client, session, login, people):
    mine = notifications.notify(session, people["provider"], kind="t", title="Your commitment is red",
                                url="/commitments")
    theirs = notifications.notify(session, people["other_provider"], kind="t", title="Not yours")
    login(people["provider"])
    html = text_of(client.get("/notifications"))
    assert "Your commitment is red" in html and "Not yours" not in html
    client.post("/notifications/read", data={"notification_id": str(theirs.id)})
    client.post("/notifications/read", data={"notification_id": str(mine.id)})
    assert session.get(Notification, mine.id).read_at is not None
    assert session.get(Notification, theirs.id).read_at is None
    assert client.post("/notifications/read", data={"notification_id": "x"}).status_code == 400


def test_the_lead_reads_why_an_item_was_flagged_in_words(client, login, loop, people):
    item = loop.item(people["service"], text="Nobody feeds us at the weekend", state="escalated",
                     is_safeguarding=True,
                     safeguarding_reasons=["neglect", "worded_like_a_disclosure", "new_code"])
    login(people["lead"])
    page = text_of(client.get(f"/safeguarding/items/{item.id}"))
    assert "no food, no care, left alone, or an unsafe or cold home" in page
    assert "no rule matched, but it is worded like a disclosure" in page
    assert "new_code" in page  # a reason Voice has no words for is shown as it is
    assert "worded_like_a_disclosure" not in page
