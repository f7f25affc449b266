"""Easy read on the public pages (issue 15, point 3; voice/easy_read.py, docs/easy-read.md):
``?read=easy`` shows the easy-read wording with pictures, keeps ``read=easy`` in every link and
form (no cookie), a switch on every public page, and it works in Welsh and in Arabic."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from tests.support.fake_analysis import fake_analyser
from tests.support.loop_factories import LoopFactory
from tests.support.surveys_factories import SurveyFactory, q, token_from

ROOT = Path(__file__).resolve().parents[2]
PICTURES = ROOT / "voice" / "static" / "easy"
QUESTIONS = [
    {"kind": "fft", "code": "fft", "text": "How was it?", "is_required": True},
    {"kind": "long_text", "code": "better", "text": "What could be better?"},
    {"kind": "about_age", "code": "about_age"},
]


@pytest.fixture(autouse=True)
def analysis(monkeypatch):
    from tests.voice.loop.conftest import fake_analyse

    fake_analyser(monkeypatch, fake_analyse)


@pytest.fixture()
def link(session, factory):
    surveys = SurveyFactory(session, factory)
    return surveys.link(surveys.survey(QUESTIONS, title="Quick one"),
                        service=factory.service("Westbridge Clinic"))


@pytest.fixture()
def card_link(factory):
    return LoopFactory(factory).link(factory.service("School Nursing"))


def text_of(response) -> str:
    return unescape(response.get_data(as_text=True))


def send(client, link, query: str) -> str:
    """Answer the survey at ``/s/<token>?<query>``; the thank-you page's address."""
    token = token_from(client.get(f"/s/{link.token}?{query}").get_data(as_text=True))
    response = client.post(f"/s/{link.token}?{query}", data={
        "form_token": token, "step": "0", "action": "send",
        f"q{q(link.survey, 'fft').id}": "good"})
    assert response.status_code == 303
    return response.location


def public_paths(link, card_link) -> list[str]:
    return ["/", "/help", "/privacy", "/accessibility", "/check", "/you-said-we-did",
            f"/s/{link.token}", f"/card/{card_link.token}", "/s/zzzzzzzz", "/no-such-page"]


def test_the_switch_is_on_every_public_page(client, link, card_link):
    for path in public_paths(link, card_link):
        standard = text_of(client.get(path))
        switch = re.search(r'<nav class="read-switch"[^>]*>(.*?)</nav>', standard).group(1)
        assert re.fullmatch(r'<a href="[^"]*[?&]read=easy[^"]*">Easy read</a>', switch), path
        easy = text_of(client.get(f"{path}?read=easy"))
        switch = re.search(r'<nav class="read-switch"[^>]*>(.*?)</nav>', easy).group(1)
        assert "Standard version" in switch and "read=easy" not in switch, path
        assert 'class="public easy"' in easy and "/static/easy.css" in easy, path
        assert "/static/easy.css" not in standard, path


def test_read_easy_is_kept_in_every_link_and_form(client, link):
    response = client.get(f"/s/{link.token}?read=easy")
    html = text_of(response)
    assert "Set-Cookie" not in response.headers
    assert f'action="/s/{link.token}?read=easy"' in html
    pages = [h for h in re.findall(r'href="(/[^"]*)"', html) if not h.startswith("/static/")]
    switch_back = re.search(r'<nav class="read-switch"[^>]*><a href="([^"]+)"', html).group(1)
    assert pages and all("read=easy" in h for h in pages if h != switch_back), pages
    # Without it, nothing is added (only the switch offers it): chosen by the address alone.
    standard = text_of(client.get(f"/s/{link.token}"))
    assert re.sub(r'<nav class="read-switch".*?</nav>', "", standard).count("read=easy") == 0


def test_a_survey_in_easy_read_from_start_to_deleting(client, link):
    start = text_of(client.get(f"/s/{link.token}?read=easy"))
    assert "There are no right or wrong answers." in start
    assert "You do not need to give your name." in start
    assert "What could be better? (you can skip this)" in start
    assert "These questions are about you." in start
    assert "You don't need to give your name, and we don't store" not in start

    thanks_url = send(client, link, "read=easy")
    assert "read=easy" in thanks_url
    thanks = text_of(client.get(thanks_url))
    assert "People at Westbridge Clinic will read your answers." in thanks
    assert "You can delete your answers." in thanks
    delete_url = re.search(r'href="([^"]*/delete[^"]*)"', thanks).group(1)
    assert "read=easy" in delete_url

    asked = text_of(client.get(delete_url))
    assert "If you delete them, nobody will read them or count them." in asked
    assert "Then we keep that part." in asked  # the safeguarding exception, in easy read
    action = re.search(r'<form method="post" action="([^"]+)"', asked).group(1)
    assert "read=easy" in action
    confirm = re.search(r'name="confirm" value="([^"]+)"', asked).group(1)
    done = text_of(client.post(action, data={"confirm": confirm}))
    assert "Everything you answered in this survey has gone." in done


def test_the_talk_to_someone_box_in_easy_read(client, link):
    token = token_from(client.get(f"/s/{link.token}?read=easy").get_data(as_text=True))
    response = client.post(f"/s/{link.token}?read=easy", data={
        "form_token": token, "step": "0", "action": "send",
        f"q{q(link.survey, 'fft').id}": "poor",
        f"q{q(link.survey, 'better').id}": "I am not safe at home"})
    thanks = text_of(client.get(response.location))
    assert "If you want to talk to someone" in thanks
    assert "Is someone in danger or hurt right now?" in thanks
    assert "So we cannot contact you or reply to you." in thanks


def test_the_action_card_and_check_pages_in_easy_read(client, card_link):
    card = text_of(client.get(f"/card/{card_link.token}?read=easy"))
    assert "Tell School Nursing what to stop, start or change." in card
    assert f'action="/card/{card_link.token}?read=easy"' in card
    check = text_of(client.get("/check?read=easy"))
    assert "Type your code in the box." in check and 'action="/check?read=easy"' in check


def test_sending_and_deleting_a_card_in_easy_read(client, card_link):
    token = re.search(r'name="form_token"[^>]*value="([^"]+)"',
                      text_of(client.get(f"/card/{card_link.token}?read=easy"))).group(1)
    sent = client.post(f"/card/{card_link.token}?read=easy", data={
        "kind": "change", "what": "Shorter waits", "why": "It is long", "form_token": token})
    received = text_of(sent)  # shown straight after sending, in easy read still
    assert "You can get a follow-up code." in received
    assert f'action="/card/{card_link.token}/code?read=easy"' in received
    html = text_of(client.post(f"/card/{card_link.token}/code?read=easy",
                               data={"form_token": token}))
    assert "Keep this code safe." in html
    code = re.search(r'id="code">([A-Z0-9-]+)<', html).group(1)
    asked = text_of(client.post("/check/delete?read=easy", data={"code": code}))
    assert "If you delete it, nobody will read it or count it." in asked
    assert 'action="/check/delete?read=easy"' in asked
    confirm = re.search(r'name="confirm" value="([^"]+)"', asked).group(1)
    done = text_of(client.post("/check/delete?read=easy", data={"code": code,
                                                                "confirm": confirm}))
    assert "Your follow-up code does not work any more." in done


def test_help_and_privacy_in_easy_read(client):
    help_page = text_of(client.get("/help?read=easy"))
    assert "Call 999." in help_page and "Childline: 0800 1111" in help_page
    privacy = text_of(client.get("/privacy?read=easy"))
    assert "We keep your answers for up to 3 years." in privacy


def test_pictures_have_a_text_alternative_or_are_marked_decorative(client, link, card_link):
    paths = [f"{p}?read=easy" for p in public_paths(link, card_link)]
    seen = set()
    for path in paths:
        html = client.get(path).get_data(as_text=True)
        for img in re.findall(r"<img\b[^>]*>", html):
            assert re.search(r'\balt="[^"]*"', img), (path, img)
            src = re.search(r'src="/static/easy/([a-z]+)\.svg"', img)
            if src:
                seen.add(src.group(1))
                # Decorative: the words beside it say the same thing.
                assert 'alt=""' in img or "alt=" in img
        assert html.count('class="easy-pic"') == html.count('class="easy-line"'), path
    assert len(seen) >= 8
    for picture in PICTURES.glob("*.svg"):
        svg = picture.read_text(encoding="utf-8")
        assert "<title>" in svg and "<script" not in svg and "href" not in svg, picture.name
        assert len(svg) < 600, picture.name


@pytest.mark.parametrize(("lang", "direction", "words"), [
    ("cy", "ltr", "Does dim atebion cywir nac anghywir."),
    ("ar", "rtl", "لا توجد إجابات صحيحة أو خاطئة."),
])
def test_easy_read_in_welsh_and_arabic(client, link, lang, direction, words):
    response = client.get(f"/s/{link.token}?lang={lang}&read=easy")
    html = text_of(response)
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert words in html
    assert f'action="/s/{link.token}?lang={lang}&read=easy"' in html
    assert len(response.data) <= 14 * 1024
    # The language switcher keeps easy read; the easy-read switch keeps the language.
    languages = re.search(r'<nav class="lang-nav".*?</nav>', html).group(0)
    assert all("read=easy" in h for h in re.findall(r'href="([^"]+)"', languages))
    back = re.search(r'<nav class="read-switch"[^>]*><a href="([^"]+)"', html).group(1)
    assert f"lang={lang}" in back and "read=easy" not in back
    thanks = text_of(client.get(send(client, link, f"lang={lang}&read=easy")))
    assert f'<html lang="{lang}" dir="{direction}">' in thanks and "easy-line" in thanks


def test_every_ready_made_template_has_easy_read_wording(session):
    from surveys import operations
    from surveys.builtin_templates import BUILTIN_TEMPLATES
    from surveys.questions import default_options, options_from_lines

    for spec in BUILTIN_TEMPLATES:
        easy = spec["translations"]["en-easy"]
        assert easy["title"] and easy["intro"], spec["key"]
        for question in spec["questions"]:
            words = question["translations"]["en-easy"]
            assert words["text"], question["code"]
            values = [o["value"] for o in (options_from_lines(question["option_lines"])
                                           if "option_lines" in question
                                           else default_options(question["kind"]))]
            assert set(words.get("options", {})) <= set(values), question["code"]
            # Short sentences: easy-read questions are no longer than 60 characters.
            assert len(words["text"]) <= 60, words["text"]
    # Installed templates store every easy-read word (none is dropped as unknown).
    for template in operations.install_builtin_templates(session):
        spec = next(s for s in BUILTIN_TEMPLATES if s["key"] == template.template_key)
        assert template.translations["en-easy"] == spec["translations"]["en-easy"]
        for question in template.questions:
            wanted = next(q for q in spec["questions"] if q["code"] == question.code)
            assert question.translations["en-easy"] == wanted["translations"]["en-easy"]


def test_a_survey_made_from_a_template_shows_its_easy_read_words(session, factory, client):
    from surveys import operations
    from voice.auth.roles import Role

    template = next(t for t in operations.install_builtin_templates(session)
                    if t.template_key == "visit_today")
    survey = operations.start_from_template(session, factory.user(Role.PARTICIPATION), template)
    operations.open_survey(session, None, survey)
    link = SurveyFactory(session, factory).link(survey)
    easy = text_of(client.get(f"/s/{link.token}?read=easy"))
    assert "Did we listen to you?" in easy and "The staff were kind" in easy
    assert "We have a few questions about today.\nThey are quick." in easy
    standard = text_of(client.get(f"/s/{link.token}"))
    assert "Did you feel listened to?" in standard and "Did we listen to you?" not in standard


# ---- staff: which version a poster, card or QR code opens -----------------------------------------

def test_staff_choose_the_language_and_easy_read_for_posters_and_qr_codes(client, factory, login,
                                                                         link):
    from voice.auth.roles import Role

    login(factory.user(Role.PARTICIPATION))
    base = f"/surveys/{link.survey.id}/links"
    page = text_of(client.get(f"{base}?version=cy-easy"))
    assert '<option value="cy-easy" selected>Welsh (Cymraeg), easy read</option>' in page
    assert f"/s/{link.token}?lang=cy&read=easy</code>" in page
    assert f'href="{base}/{link.id}/poster?version=cy-easy"' in page
    assert f'href="{base}/{link.id}/qr.svg?version=cy-easy"' in page
    poster = text_of(client.get(f"{base}/{link.id}/poster?version=cy-easy"))
    assert f"/s/{link.token}?lang=cy&read=easy" in poster
    assert '<html lang="en"' in poster  # staff pages stay in English
    svg = text_of(client.get(f"{base}/{link.id}/qr.svg?version=ar-easy"))
    assert f"/s/{link.token}?lang=ar&read=easy" in svg
    cards = text_of(client.get(f"/surveys/{link.survey.id}/cards?version=en-easy"))
    assert f"/s/{link.token}?read=easy" in cards
    # No choice, or an unknown one: the plain English address.
    for query in ("", "?version=fr-easy"):
        assert f"/s/{link.token}</code>" in text_of(client.get(f"{base}{query}"))


def test_staff_choose_the_version_for_an_action_card_poster(client, factory, login, card_link):
    from voice.auth.roles import Role

    login(factory.user(Role.PARTICIPATION))
    page = text_of(client.get(f"/action-cards/links/{card_link.token}?version=en-easy"))
    assert f"/card/{card_link.token}?read=easy" in page
    poster_href = f"/action-cards/links/{card_link.token}/poster?version=en-easy"
    assert f'href="{poster_href}"' in page
    assert f"/card/{card_link.token}?read=easy" in text_of(client.get(poster_href))


def test_a_survey_that_cannot_take_answers_says_so_in_easy_read(client, session, factory):
    surveys = SurveyFactory(session, factory)
    closed = surveys.link(surveys.survey(QUESTIONS, status="closed"))
    html = text_of(client.get(f"/s/{closed.token}?read=easy"))
    assert "Thank you to everyone who answered." in html and "easy-line" in html
    unknown = text_of(client.get("/s/zzzzzzzz?read=easy&lang=cy"))
    assert "Allwn ni ddim dod o hyd i arolwg yn y cyfeiriad hwn." in unknown
