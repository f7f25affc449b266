"""The young people's pages: the card, the follow-up code, /check and the public board."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from sqlalchemy import func, select

from surveys.questions import QuestionKind, default_options
from voice.loop import commitments, moderation
from voice.loop.models import ActionCard, CardLink, VoiceItem
from voice.loop.rag import today_in_london

PAGE_BUDGET = 14 * 1024


def text_of(response) -> str:
    return unescape(response.get_data(as_text=True))


def form_token(html: str) -> str:
    return re.search(r'name="form_token"[^>]*value="([^"]+)"', html).group(1)


def open_card(client, link):
    response = client.get(f"/card/{link.token}")
    assert response.status_code == 200
    return form_token(text_of(response))


def send(client, link, token=None, **fields):
    data = {"kind": "change", "what": "Tell us how long the wait is", "why": "We feel forgotten",
            "form_token": token or open_card(client, link)}
    data.update(fields)
    return client.post(f"/card/{link.token}", data=data)


def cards_stored(session):
    return session.scalar(select(func.count(ActionCard.id)))


def assert_public_page(response):
    html = text_of(response)
    assert len(response.get_data()) <= PAGE_BUDGET, f"{len(response.get_data())} bytes"
    assert "<script" not in html and ' style="' not in html
    assert 'href="/help"' in html  # the help link on every page
    assert "Set-Cookie" not in response.headers
    return html


# ---- the card ----------------------------------------------------------------------------------

def test_the_card_page_is_small_plain_and_needs_no_account(client, loop, people):
    link = loop.link(people["service"])
    response = client.get(f"/card/{link.token}")
    html = assert_public_page(response)
    assert "What should CAMHS stop, start or change?" in html
    for label in ("Stop:", "Start:", "Change:", "Why does it matter to you?", "How old are you?"):
        assert label in html
    assert "email" not in html.lower().replace("don't write your name", "")


def test_the_card_asks_age_with_the_same_bands_and_words_as_a_survey(client, loop, people):
    link = loop.link(people["service"])
    html = text_of(client.get(f"/card/{link.token}"))
    offered = re.findall(r'name="age_band" type="radio" value="([^"]+)">\s*'
                         r'<label class="radios__label"[^>]*>([^<]+)</label>', html)
    survey = [(o["value"], o["label"]) for o in default_options(QuestionKind.ABOUT_AGE)]
    assert offered == survey
    assert offered[0] == ("0-7", "7 or under") and offered[-1] == ("prefer_not",
                                                                 "Prefer not to say")
    assert "under_11" not in html and "18_25" not in html


def test_sending_a_card_says_received_and_stores_it(client, session, loop, people, fake_analysis):
    link = loop.link(people["service"])
    response = send(client, link, age_band="11-13")
    html = assert_public_page(response)
    assert response.status_code == 200 and "We have received your card" in html
    card = session.scalar(select(ActionCard))
    assert card.kind == "change" and card.age_band == "11-13" and card.link_id == link.id
    assert session.get(VoiceItem, card.voice_item_id).source == "card"


def test_a_double_tap_stores_one_card_and_says_received_both_times(client, session, loop, people,
                                                                   fake_analysis):
    link = loop.link(people["service"])
    token = open_card(client, link)
    assert "We have received your card" in text_of(send(client, link, token))
    assert "We have received your card" in text_of(send(client, link, token))
    assert cards_stored(session) == 1


@pytest.mark.parametrize(("fields", "message"), [
    ({"what": ""}, "Tell us what they should stop, start or change"),
    ({"kind": "dragon"}, "Choose stop, start or change"),
    ({"what": "w" * 1200}, "Use 1,000 characters or fewer. You have used 1,200"),
])
def test_a_card_with_a_problem_says_what_to_fix_and_keeps_the_words(client, session, loop, people,
                                                                    fields, message):
    link = loop.link(people["service"])
    response = send(client, link, **fields)
    html = text_of(response)
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert "We feel forgotten" in html  # what they typed is still there
    assert cards_stored(session) == 0


@pytest.mark.parametrize("token", ["", "not-a-token", "eyJsIjoiWFhYIn0.tampered"])
def test_a_missing_or_changed_form_token_is_a_clear_400(client, session, loop, people, token):
    link = loop.link(people["service"])
    response = client.post(f"/card/{link.token}", data={"kind": "stop", "what": "x",
                                                        "form_token": token})
    assert response.status_code == 400
    assert "reload it and send your card again" in text_of(response)
    assert cards_stored(session) == 0


def test_a_form_token_from_another_cards_page_is_refused(client, session, loop, people):
    link, other = loop.link(people["service"]), loop.link(people["other_service"])
    response = send(client, link, token=open_card(client, other))
    assert response.status_code == 400 and cards_stored(session) == 0


def test_bots_filling_the_hidden_box_store_nothing(client, session, loop, people):
    link = loop.link(people["service"])
    response = send(client, link, contact_website="http://spam.example")
    assert response.status_code == 400 and cards_stored(session) == 0
    assert "We have received" not in text_of(response)


def test_unknown_and_paused_links_get_friendly_pages(client, session, loop, people):
    assert "We can't find that card" in text_of(client.get("/card/ZZZZZZZZ"))
    assert client.get("/card/../../etc/passwd").status_code == 404
    link = loop.link(people["service"])
    token = open_card(client, link)
    session.get(CardLink, link.id).is_paused = True
    page = client.get(f"/card/{link.token}")
    assert "This card is paused" in text_of(page)
    assert "This card is paused" in text_of(send(client, link, token))
    assert cards_stored(session) == 0


def test_a_safeguarding_card_gets_a_kind_message_with_help_now(client, loop, people, fake_analysis):
    link = loop.link(people["service"])
    html = text_of(send(client, link, what="My dad hurts me", why=""))
    assert "We have received your card" in html
    assert "If you want to talk to someone" in html
    assert "might not be safe" not in html  # never told they are thought to be unsafe
    assert "Childline: 0800 1111" in html and "85258" in html and "999" in html


def test_an_ordinary_card_gets_no_safeguarding_message(client, loop, people, fake_analysis):
    html = text_of(send(client, loop.link(people["service"])))
    assert "If you want to talk to someone" not in html


def test_when_the_card_limit_is_hit_the_page_says_wait_and_keeps_the_words(
        client, session, loop, people, rate_limits, monkeypatch):
    from voice.loop import limits

    monkeypatch.setattr(limits, "CARD_SUBMISSIONS", (limits.Limit("card-test", "1 per minute"),))
    monkeypatch.setattr("voice.loop.views_public.CARD_SUBMISSIONS", limits.CARD_SUBMISSIONS)
    link = loop.link(people["service"])
    assert send(client, link).status_code == 200
    response = send(client, link, what="My second card")
    html = text_of(response)
    assert response.status_code == 429 and "Wait a minute" in html and "My second card" in html
    assert cards_stored(session) == 1


# ---- follow-up codes and /check --------------------------------------------------------------------

def get_code(client, link, token):
    response = client.post(f"/card/{link.token}/code", data={"form_token": token})
    assert response.status_code == 200
    html = assert_public_page(response)
    return re.search(r'class="code-big" id="code">([A-Z0-9-]+)<', html).group(1)


def test_a_young_person_can_take_a_code_and_see_the_same_one_again(client, session, loop, people,
                                                                   fake_analysis):
    link = loop.link(people["service"])
    token = open_card(client, link)
    send(client, link, token)
    code = get_code(client, link, token)
    assert re.fullmatch(r"[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}", code)
    assert get_code(client, link, token) == code
    assert session.scalar(select(ActionCard)).followup_code_hash is not None
    again = text_of(send(client, link, token))
    assert "Show my follow-up code" in again


def test_no_code_for_a_card_that_was_never_sent(client, loop, people):
    link = loop.link(people["service"])
    response = client.post(f"/card/{link.token}/code", data={"form_token": open_card(client, link)})
    assert response.status_code == 400


@pytest.mark.parametrize(("fmt", "mimetype"), [("png", "image/png"), ("txt", "text/plain")])
def test_the_code_can_be_saved_as_a_picture_or_a_note(client, fmt, mimetype):
    response = client.post("/check/save", data={"code": "kx7-m42-pq9", "format": fmt})
    assert response.status_code == 200 and response.mimetype == mimetype
    assert "attachment" in response.headers["Content-Disposition"]
    if fmt == "png":
        assert response.get_data()[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        assert "KX7-M42-PQ9" in text_of(response)


def test_saving_something_that_is_not_a_code_is_a_400(client):
    assert client.post("/check/save", data={"code": "<script>", "format": "png"}).status_code == 400


def _card_with_code(client, loop, people):
    link = loop.link(people["service"])
    token = open_card(client, link)
    send(client, link, token)
    return get_code(client, link, token)


def test_check_shows_the_journey_to_done_with_the_we_did_words(client, session, loop, people,
                                                              fake_analysis):
    code = _card_with_code(client, loop, people)
    response = client.post("/check", data={"code": code.lower()})
    html = assert_public_page(response)
    assert "What happened to your card" in html and "Not yet. A person will read it soon." in html
    item = session.scalar(select(VoiceItem))
    moderation.approve_item(session, people["officer"], item, public_text="Tell us the wait")
    made = commitments.create_commitment(
        session, people["officer"], you_said="Waiting is scary", we_will="Text everyone monthly",
        owner_organisation_id=people["org"].id, due_date=today_in_london() + timedelta(days=40),
        voice_item_ids=[item.id], is_public=True)
    commitments.record_progress(session, people["provider"], made, status="done",
                                we_did="We now text everyone on the list every month")
    html = text_of(client.post("/check", data={"code": code}))
    assert "We now text everyone on the list every month" in html
    assert "Green: done" in html and "rag--green" in html


def test_a_wrong_code_says_only_that_we_cannot_find_it(client, loop, people, fake_analysis):
    _card_with_code(client, loop, people)
    for wrong in ("KX7-M42-PQ9", "' OR 1=1 --", "%%%%", "a" * 400):
        response = client.post("/check", data={"code": wrong})
        html = text_of(response)
        assert response.status_code == 200
        assert "We can't find that code" in html and "What happened to your card" not in html


def test_an_empty_code_asks_for_one(client):
    assert "Enter your follow-up code" in text_of(client.post("/check", data={"code": " "}))


def test_guessing_codes_is_stopped_by_the_rate_limit(client, loop, people, fake_analysis, rate_limits):
    code = _card_with_code(client, loop, people)
    for _ in range(10):
        assert client.post("/check", data={"code": "ABC-DEF-GHJ"}).status_code == 200
    blocked = client.post("/check", data={"code": "ABC-DEF-GHK"})
    html = text_of(blocked)
    assert blocked.status_code == 429 and "Wait a few minutes" in html
    assert "ABC-DEF-GHK" in html  # what they typed is kept
    # Even the right code is refused while the limit lasts, so guessing cannot go on.
    assert client.post("/check", data={"code": code}).status_code == 429
    rate_limits.reset()
    assert "What happened to your card" in text_of(client.post("/check", data={"code": code}))


def test_right_codes_do_not_count_towards_the_limit(client, loop, people, fake_analysis, rate_limits):
    code = _card_with_code(client, loop, people)
    for _ in range(15):
        assert client.post("/check", data={"code": code}).status_code == 200


# ---- the public board --------------------------------------------------------------------------------

def test_the_board_shows_published_commitments_with_words_and_colour(client, session, loop, people):
    items = [loop.approved(people["service"]) for _ in range(3)]
    loop.commitment(people["service"], items=items, you_said="Waiting is scary",
                            we_will="Text everyone monthly")
    loop.commitment(people["service"], public=False, we_will="A secret draft")
    response = client.get("/you-said-we-did")
    html = assert_public_page(response)
    assert "Text everyone monthly" in html and "A secret draft" not in html
    assert 'class="rag rag--amber">Amber: on track<' in html
    assert "Not started" in html and "3 young people" in html


def test_the_board_filters_by_service_and_area(client, loop, people, factory):
    area = factory.area("Eastmoor")
    people["other_service"].areas = [area]
    loop.commitment(people["service"], we_will="Paint the waiting room")
    loop.commitment(people["other_service"], we_will="Lunchtime drop-ins")
    by_service = text_of(client.get(f"/you-said-we-did?service={people['other_service'].slug}"))
    assert "Lunchtime drop-ins" in by_service and "Paint the waiting room" not in by_service
    by_area = text_of(client.get(f"/you-said-we-did?area={area.id}"))
    assert "Lunchtime drop-ins" in by_area and "Paint the waiting room" not in by_area


@pytest.mark.parametrize("query", ["service=nope", "area=abc", "area=999999", "page=zzz",
                                   "page=99999999999", "service=%00"])
def test_junk_filters_never_break_the_board(client, loop, people, query):
    loop.commitment(people["service"])
    assert client.get(f"/you-said-we-did?{query}").status_code == 200


def test_the_service_page_and_its_poster(client, loop, people):
    link = loop.link(people["service"])
    loop.commitment(people["service"], you_said="The waiting room is boring",
                    we_will="Paint it with young people")
    page = client.get(f"/you-said-we-did/{people['service'].slug}")
    html = assert_public_page(page)
    assert "You said: The waiting room is boring" in html and f"/card/{link.token}" in html
    poster = client.get(f"/you-said-we-did/{people['service'].slug}/poster")
    html = text_of(poster)
    assert poster.status_code == 200 and "<svg" in html and "Paint it with young people" in html
    assert client.get("/you-said-we-did/no-such-service").status_code == 404


def test_the_board_pages_through_many_commitments(client, loop, people):
    for i in range(23):
        loop.commitment(people["service"], we_will=f"Promise number {i:02d}")
    first = assert_public_page(client.get("/you-said-we-did"))
    assert "Page 1 of 3" in first
    last = text_of(client.get("/you-said-we-did?page=3"))
    assert "Promise number 00" in last


def test_the_card_needs_no_session_csrf_token_but_staff_forms_do(client, session, loop, people,
                                                                 login, csrf_app, fake_analysis):
    link = loop.link(people["service"])
    response = send(client, link)
    assert "We have received your card" in text_of(response)
    assert "Set-Cookie" not in response.headers
    assert client.post("/check", data={"code": "ABC-DEF-GHJ"}).status_code == 200
    item = session.scalar(select(VoiceItem))
    csrf_app.config["WTF_CSRF_ENABLED"] = False
    login(people["officer"])
    csrf_app.config["WTF_CSRF_ENABLED"] = True
    refused = client.post(f"/moderation/items/{item.id}/hide", data={"reason": "x"})
    assert refused.status_code == 400
