"""A young person answers a survey in Welsh or Arabic, chosen by the link (voice/i18n.py)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.support.fake_analysis import fake_analyser, flagging
from tests.support.surveys_factories import q, token_from

QUESTIONS = [
    {"kind": "fft", "code": "fft", "text": "How was it?", "is_required": True},
    {"kind": "long_text", "code": "better", "text": "What could be better?", "max_length": 20},
    {"kind": "about_age", "code": "about_age"},
]


@pytest.fixture(autouse=True)
def analysis(monkeypatch):
    fake_analyser(monkeypatch, flagging())  # nothing flagged, the words as they were written


@pytest.fixture()
def link(surveys, factory):
    survey = surveys.survey(QUESTIONS, title="Quick one")
    return surveys.link(survey, service=factory.service("Westbridge Clinic"))


def test_the_survey_page_in_welsh_from_the_link(client, link):
    response = client.get(f"/s/{link.token}?lang=cy")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="cy" dir="ltr">' in html
    assert "Anfon fy atebion" in html and "Amdanoch chi" in html
    assert f'action="/s/{link.token}?lang=cy"' in html  # the answers are sent in Welsh too
    assert len(response.data) <= 14 * 1024


def test_problems_are_explained_in_welsh_and_the_thank_you_page_follows(client, link):
    token = token_from(client.get(f"/s/{link.token}?lang=cy").get_data(as_text=True))
    base = {"form_token": token, "step": "0", "action": "send"}
    response = client.post(f"/s/{link.token}?lang=cy", data=base | {
        f"q{q(link.survey, 'better').id}": "x" * 25})
    html = response.get_data(as_text=True)
    assert "Mae problem" in html and "Dewiswch ateb" in html
    assert "Byrhewch ef 5 nod" in html
    response = client.post(f"/s/{link.token}?lang=cy", data=base | {
        f"q{q(link.survey, 'fft').id}": "good"})
    assert response.status_code == 303 and "lang=cy" in response.location
    thanks = client.get(response.location).get_data(as_text=True)
    assert "Mae eich atebion wedi’u hanfon." in thanks


def test_the_survey_page_in_arabic_is_right_to_left(client, link):
    html = client.get(f"/s/{link.token}",
                      headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert "أرسل إجاباتي" in html


def test_a_closed_or_unknown_survey_says_so_in_welsh(client):
    response = client.get("/s/zzzzzzzz?lang=cy")
    assert response.status_code == 404
    assert "Heb ddod o hyd i’r arolwg" in response.get_data(as_text=True)


def _sent(client, link, lang: str) -> str:
    """Answers sent in `lang`; the thank-you address, without its query."""
    token = token_from(client.get(f"/s/{link.token}?lang={lang}").get_data(as_text=True))
    response = client.post(f"/s/{link.token}?lang={lang}", data={
        "form_token": token, "step": "0", "action": "send", f"q{q(link.survey, 'fft').id}": "good"})
    assert response.status_code == 303
    return response.location.split("?")[0]


def test_deleting_answers_in_welsh_from_the_offer_to_the_end(client, link):
    thanks = _sent(client, link, "cy")
    page = client.get(f"{thanks}/delete?lang=cy").get_data(as_text=True)
    assert '<html lang="cy" dir="ltr">' in page
    assert "<h1>Dileu eich atebion?</h1>" in page and ">Ie, dileu fy atebion</button>" in page
    assert "Allwch chi ddim dadwneud hyn." in page
    assert f'action="{thanks}/delete?lang=cy"' in page  # the answer comes back in Welsh
    assert f'href="{thanks}/delete?lang=ar" lang="ar"' in page  # the switcher keeps the page
    confirm = re.search(r'name="confirm" value="([^"]+)"', page).group(1)
    done = client.post(f"{thanks}/delete?lang=cy", data={"confirm": confirm})
    html = done.get_data(as_text=True)
    assert done.status_code == 200 and '<html lang="cy"' in html
    assert "<h1>Mae eich atebion wedi’u dileu</h1>" in html
    assert "Mae popeth a atebwyd gennych chi yn yr arolwg hwn wedi’i dynnu." in html


def test_a_wrong_receipt_is_explained_in_arabic(client, link):
    response = client.get(f"/s/{link.token}/thanks/{'b' * 26}/delete?lang=ar")
    html = response.get_data(as_text=True)
    assert response.status_code == 404 and '<html lang="ar" dir="rtl">' in html
    assert "لا نجد هذه الإجابات" in html and "تأكد أنك نسخت العنوان كله" in html


# ---- Voice's ready-made words, notices and dates -----------------------------------------------

def test_ready_made_answer_words_are_translated_and_stored_as_the_canonical_value(
        client, session, link):
    from surveys.models import Answer

    html = client.get(f"/s/{link.token}?lang=cy").get_data(as_text=True)
    assert "Da iawn</label>" in html and "Gwael iawn</label>" in html  # the FFT faces' words
    assert "Faint yw eich oed chi?" in html and "7 neu iau</label>" in html
    assert "Really good" not in html and "How old are you?" not in html
    token = token_from(html)
    response = client.post(f"/s/{link.token}?lang=cy", data={
        "form_token": token, "step": "0", "action": "send",
        f"q{q(link.survey, 'fft').id}": "very_good", f"q{q(link.survey, 'about_age').id}": "0-7"})
    assert response.status_code == 303
    stored = session.scalars(select(Answer.value).where(
        Answer.question_id.in_([q(link.survey, "fft").id, q(link.survey, "about_age").id]))).all()
    assert sorted(stored) == ["0-7", "very_good"]  # the codes, as from the English page


def test_a_teams_own_wording_is_never_replaced(app):
    from surveys.questions import in_page_language

    with app.test_request_context("/s/abc?lang=ar"):
        assert in_page_language("fft", "option:very_good", "Really good") == "جيد جدًا"
        assert in_page_language("fft", "option:very_good", "Brilliant") == "Brilliant"
        assert in_page_language("yes_no", "option:yes", "Yes") == "نعم"
        assert in_page_language("single", "option:yes", "Yes") == "Yes"  # the team's option
    with app.test_request_context("/s/abc"):
        assert in_page_language("fft", "option:very_good", "Really good") == "Really good"


def test_the_notice_after_a_bot_like_send_is_in_welsh(client, link):
    token = token_from(client.get(f"/s/{link.token}?lang=cy").get_data(as_text=True))
    response = client.post(f"/s/{link.token}?lang=cy", data={
        "form_token": token, "step": "0", "action": "send", "leave_blank": "http://spam"})
    assert response.status_code == 400
    assert "Roedd rhywbeth ar y dudalen hon yn edrych yn awtomatig." in response.get_data(
        as_text=True)


@pytest.mark.parametrize(("lang", "month"), [("cy", "Rhagfyr"), ("ar", "ديسمبر"),
                                             ("en", "December")])
def test_dates_on_public_pages_are_in_the_language(app, lang, month):
    from datetime import date

    from voice.templating import format_date

    with app.test_request_context(f"/privacy?lang={lang}"):
        assert format_date(date(2026, 12, 7)) == f"7 {month} 2026"
