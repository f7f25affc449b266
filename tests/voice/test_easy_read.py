"""Easy read on the public pages (issue 15, point 3; voice/easy_read.py, docs/easy-read.md):
``?read=easy`` shows the easy-read wording with pictures, keeps ``read=easy`` in every link and
form (no cookie), a switch on every public page, and it works in Welsh and in Arabic."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from tests.support.bidi import without_isolates
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
    return without_isolates(unescape(response.get_data(as_text=True)))


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


# ---- the start page, accessibility, the boards, a card's journey and the error pages -------------

def easy_words(lang: str, msgid: str) -> str:
    """``msgid`` as the page shows it in ``lang``; in Welsh and Arabic it must be translated."""
    if lang == "en":
        return msgid
    from babel.support import Translations

    words = Translations.load(str(ROOT / "voice" / "translations"), [lang]).gettext(msgid)
    assert words != msgid, (lang, msgid)
    return words


def easy_page(client, path: str, lang: str, status: int = 200) -> str:
    """The easy-read page in ``lang``: easy-read layout, pictures beside the words, read=easy
    kept in every link on the page (except the switch back to the standard version)."""
    query = "read=easy" if lang == "en" else f"lang={lang}&read=easy"
    response = client.get(f"{path}{'&' if '?' in path else '?'}{query}")
    html = text_of(response)
    assert response.status_code == status, path
    assert len(response.data) <= 14 * 1024, path
    assert 'class="public easy"' in html and 'class="easy-line"' in html, path
    assert html.count('class="easy-pic"') == html.count('class="easy-line"'), path
    page = re.sub(r'<nav class="read-switch".*?</nav>', "", html)
    links = [h for h in re.findall(r'(?:href|action)="(/[^"]*)"', page)
             if not h.startswith("/static/")]
    assert links and all("read=easy" in h for h in links), (path, links)
    return html


@pytest.mark.parametrize("lang", ["en", "cy", "ar"])
def test_the_start_page_and_accessibility_statement_in_easy_read(client, lang):
    home = easy_page(client, "/", lang)
    for words in ("Voice is for children and young people.", "You do not need an account.",
                  "See what services promised to do"):
        assert easy_words(lang, words) in home
    assert "/static/easy/qr.svg" in home
    assert easy_words(lang, "Scan a Voice QR code on a poster or card to have your say. You don't "
                            "need an account and you don't need to give your name.") not in home
    statement = easy_page(client, "/accessibility", lang)
    for words in ("We want everyone to be able to use Voice.",
                  "Red, amber and green always have words too.",
                  "Tell your participation team. We will fix it."):
        assert easy_words(lang, words) in statement


@pytest.mark.parametrize("lang", ["en", "cy", "ar"])
def test_error_pages_in_easy_read(client, lang):
    missing = easy_page(client, "/no-such-page", lang, status=404)
    assert easy_words(lang, "We cannot find this page.") in missing
    assert easy_words(lang, "Page not found") in missing  # the heading stays
    assert easy_words(lang, "Check the address, or go back to the page you came from.") \
        not in missing
    # A 400 keeps the page's own reason, then the easy steps.
    wrong = text_of(client.post(f"/check/save?{'' if lang == 'en' else f'lang={lang}&'}read=easy",
                                data={"code": "<script>", "format": "png"}))
    assert easy_words(lang, "Go back to the page before.") in wrong and "easy-line" in wrong


def test_the_database_blip_page_in_easy_read(client, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from voice.db import db

    def unavailable(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("could not connect to server"))

    for name in ("execute", "scalars", "scalar", "get"):
        monkeypatch.setattr(db.session, name, unavailable)
    response = client.get("/help?lang=cy&read=easy")
    html = text_of(response)
    assert response.status_code == 503
    assert easy_words("cy", "There is a problem on our side.") in html
    assert easy_words("cy", "Please try again in a moment") in html
    assert 'href="/help?lang=cy&read=easy"' in html  # try again: the same page, same version


def board_promises(loop, service):
    """One promise in each state a board can show."""
    from datetime import timedelta

    from voice.auth.roles import Role
    from voice.loop import commitments
    from voice.loop.rag import today_in_london

    officer = loop.factory.user(Role.PARTICIPATION)
    done = loop.commitment(service, you_said="The waiting room is boring",
                           we_will="Ask young people to help redecorate it")
    commitments.record_progress(loop.session, officer, done, status="done",
                                we_did="We painted it with six of you in May")
    cant = loop.commitment(service, you_said="Open on Sundays", we_will="Look at Sunday clinics")
    commitments.record_progress(loop.session, officer, cant, status="cant_do",
                                cant_do_reason="There are no nurses on Sundays")
    late = loop.commitment(service, you_said="Shorter waits", we_will="Text the wait each week",
                           today=today_in_london() - timedelta(days=90),
                           due_date=today_in_london() - timedelta(days=5))
    soon = loop.commitment(service, you_said="Comfy chairs", we_will="Buy new chairs")
    return done, cant, late, soon


@pytest.mark.parametrize("lang", ["en", "cy", "ar"])
def test_the_boards_in_easy_read_give_each_status_words_and_a_shape(client, session, factory,
                                                                    lang):
    loop = LoopFactory(factory)
    service = factory.service("School Nursing")
    board_promises(loop, service)
    for n in (1, 2):
        loop.commitment(service, you_said=f"Wish {n}", we_will=f"Promise {n}")
    loop.link(service)
    session.commit()
    for path in ("/you-said-we-did", f"/you-said-we-did/{service.slug}"):
        html = easy_page(client, path, lang)
        assert easy_words(lang, "What the pictures mean") in html
        for words in ("Done", "On the way", "Late", "Cannot do it",
                      "The service cannot do it. They say why.",
                      "Young people checked that it really happened."):
            assert f"{easy_words(lang, words)}" in html, (path, words)
        for picture in ("tick", "star", "half", "late", "cross"):
            assert f"/static/easy/{picture}.svg" in html, (path, picture)
        both = html + easy_page(client, f"{path}?page=2", lang)
        assert easy_words(lang, "We did: %(words)s") % {
            "words": "We painted it with six of you in May"} in both
        assert easy_words(lang, "We cannot do it because: %(words)s") % {
            "words": "There are no nurses on Sundays"} in both
        # A plain list of lines, not the standard colour key or description lists.
        assert '<ul class="key">' not in html and "<dl" not in html
        # Fewer a page in easy read (5 of the 6), the next page in easy read too.
        assert html.count('<article class="card commitment">') == 5, path
        assert re.search(r'href="[^"]*page=2[^"]*read=easy[^"]*" rel="next"', html), path
    service_board = easy_page(client, f"/you-said-we-did/{service.slug}", lang)
    assert easy_words(lang, "Send %(service)s an action card") % {"service": "School Nursing"} \
        in service_board
    # The standard boards are as they were.
    standard = text_of(client.get("/you-said-we-did"))
    assert '<ul class="key">' in standard and "easy-line" not in standard
    assert standard.count('<article class="card commitment">') == 6


def test_answers_on_the_board_in_easy_read(client, session, factory):
    from voice.auth.roles import Role
    from voice.loop import replies

    loop = LoopFactory(factory)
    service = factory.service("School Nursing")
    item = loop.approved(service, text="Start evening appointments")
    replies.reply_to_item(session, factory.user(Role.PARTICIPATION), item, kind="heard",
                          body="Thank you: we are looking at evening clinics.")
    session.commit()
    html = easy_page(client, "/you-said-we-did", "cy")
    assert easy_words("cy", "You said: %(words)s") % {"words": "Start evening appointments"} in html
    assert "Thank you: we are looking at evening clinics." in html
    assert easy_words("cy", "They answered on %(date)s.").split("%")[0] in html


def card_with_code(client, factory, service, query: str,
                   what: str = "Tell us how long the wait is") -> str:
    """Send a card to ``service`` through its page at ``?<query>``; its follow-up code."""
    link = LoopFactory(factory).link(service)
    page = text_of(client.get(f"/card/{link.token}?{query}"))
    token = re.search(r'name="form_token"[^>]*value="([^"]+)"', page).group(1)
    client.post(f"/card/{link.token}?{query}", data={
        "kind": "change", "what": what, "form_token": token})
    html = text_of(client.post(f"/card/{link.token}/code?{query}", data={"form_token": token}))
    return re.search(r'id="code">([A-Z0-9-]+)<', html).group(1)


@pytest.mark.parametrize("lang", ["en", "cy", "ar"])
def test_what_happened_to_a_card_in_easy_read(client, session, factory, lang):
    from sqlalchemy import select

    from voice.auth.roles import Role
    from voice.loop import commitments, moderation
    from voice.loop.models import VoiceItem

    service = factory.service("School Nursing")
    query = "read=easy" if lang == "en" else f"lang={lang}&read=easy"
    code = card_with_code(client, factory, service, query)
    officer = factory.user(Role.PARTICIPATION)
    item = session.scalar(select(VoiceItem))
    moderation.approve_item(session, officer, item, public_text="Tell us the wait")
    promise = LoopFactory(factory).commitment(service, items=[item],
                                              we_will="Text everyone monthly")
    commitments.record_progress(session, officer, promise, status="done",
                                we_did="We text everyone on the list every month")
    session.commit()
    response = client.post(f"/check?{query}", data={"code": code})
    html = text_of(response)
    assert 'class="public easy"' in html and len(response.data) <= 14 * 1024
    for words in ("What has happened so far", "We got your card.", "A person read your card.",
                  "They did it.", "The service did it.", "Keep it safe. Use it to check again later."):
        assert easy_words(lang, words) in html, words
    assert easy_words(lang, "You sent a card to %(service)s.") % {"service": "School Nursing"} \
        in html
    assert easy_words(lang, "Other people may see your words like this:") in html
    assert easy_words(lang, "We did: %(words)s") % {
        "words": "We text everyone on the list every month"} in html
    assert "/static/easy/tick.svg" in html
    assert f'action="/check/delete?{query}"' in html
    assert html.count('class="easy-pic"') == html.count('class="easy-line"')


def test_a_card_kept_private_in_easy_read_never_says_why(client, session, factory):
    from sqlalchemy import select

    from voice.auth.roles import Role
    from voice.loop import moderation
    from voice.loop.models import ModerationState, VoiceItem

    lead = factory.user(Role.SAFEGUARDING)
    service = factory.service("School Nursing", safeguarding_lead=lead)
    code = card_with_code(client, factory, service, "read=easy", what="Someone hurts me at home")
    item = session.scalar(select(VoiceItem))
    assert item.state == ModerationState.ESCALATED
    html = text_of(client.post("/check?read=easy", data={"code": code}))
    assert "A person will read your card soon." in html  # as for a card nobody has read yet
    assert "safeguarding" not in html.lower() and "hurts" not in html
    moderation.review_escalation(session, lead, item, outcome="action_taken",
                                 note="Called the school nurse")
    session.commit()
    html = text_of(client.post("/check?read=easy", data={"code": code}))
    assert "A person read your card." in html
    assert "We will not show it to the public. This keeps what you said private." in html
    assert 'href="/help?read=easy"' in html
    assert "safeguarding" not in html.lower() and "Called the school nurse" not in html


def test_a_hidden_card_in_easy_read_gives_the_kind_reason(client, session, factory):
    from sqlalchemy import select

    from voice.auth.roles import Role
    from voice.loop import queue
    from voice.loop.models import VoiceItem

    service = factory.service("School Nursing")
    code = card_with_code(client, factory, service, "lang=cy&read=easy")
    item = session.scalar(select(VoiceItem))
    queue.decide_items(session, factory.user(Role.PARTICIPATION),
                       [queue.Decision(item.id, "hide")], hide_reason="personal")
    session.commit()
    html = text_of(client.post("/check?lang=cy&read=easy", data={"code": code}))
    assert easy_words("cy", "It will not be shown to the public") in html
    assert easy_words("cy", "This is because %(reason)s.").split("%")[0] in html
    assert easy_words("cy", "Thank you for telling us.") in html
