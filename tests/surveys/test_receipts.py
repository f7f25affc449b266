""""Changed your mind? Delete my answers": thank-you receipts, and deleting with one (issue 15)."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from sqlalchemy import func, select

from surveys import receipts
from surveys.models import Answer, SurveyResponse
from tests.support.fake_analysis import fake_analyser, flagging
from tests.support.surveys_factories import q, token_from
from voice.audit.models import AuditEvent
from voice.auth.roles import Role
from voice.db import utcnow
from voice.loop.models import VoiceItem
from voice.loop.reading import countable_items_clause, reader_for, wording_for

QUESTIONS = [
    {"kind": "fft", "code": "fft", "text": "How was it?", "is_required": True},
    {"kind": "long_text", "code": "better", "text": "What could be better?",
     "asks_about": "could_improve"},
    {"kind": "long_text", "code": "else", "text": "Anything else?"},
]
WORDS = "The music in the waiting room is far too loud"


@pytest.fixture(autouse=True)
def analysis(monkeypatch):
    fake_analyser(monkeypatch, flagging("not safe", sentiment="negative", sentiment_score=-0.3))


@pytest.fixture()
def link(surveys, factory):
    lead = factory.user(Role.SAFEGUARDING)
    service = factory.service("Westbridge Clinic", safeguarding_lead=lead)
    return surveys.link(surveys.survey(QUESTIONS, title="Quick one"), service=service)


def text_of(response) -> str:
    return unescape(response.get_data(as_text=True))


def send(client, link, **answers):
    token = token_from(client.get(f"/s/{link.token}").get_data(as_text=True))
    data = {"form_token": token, "step": "0", "action": "send"}
    for code, value in answers.items():
        data[f"q{q(link.survey, code).id}"] = value
    response = client.post(f"/s/{link.token}", data=data)
    assert response.status_code == 303
    return response.location


def count(session, model, *where):
    return session.scalar(select(func.count()).select_from(model).where(*where))


def _confirm(html: str) -> str:
    return re.search(r'name="confirm" value="([^"]+)"', html).group(1)


def delete_via_pages(client, thanks_url):
    page = client.get(f"{thanks_url}/delete")
    assert page.status_code == 200
    return client.post(f"{thanks_url}/delete", data={"confirm": _confirm(text_of(page))})


# ---- receipts ------------------------------------------------------------------------------------

def test_the_receipt_is_unguessable_and_only_its_keyed_hash_is_stored(session, client, link, app):
    thanks = send(client, link, fft="good", better=WORDS)
    receipt = thanks.rsplit("/", 1)[1]
    saved = session.scalar(select(SurveyResponse))
    assert receipts.is_receipt(receipt) and len(receipt) == 26  # 130 bits
    assert receipt != saved.submission_token  # the nonce is stored as it is; the receipt never
    secret = app.config["SECRET_KEY"]
    assert saved.receipt_hash == receipts.hash_receipt(secret, receipt)
    assert receipt not in saved.receipt_hash
    assert saved.receipt_hash != receipts.hash_receipt("another secret", receipt)
    # Sending the same form again gets the same receipt.
    assert receipts.receipt_for(secret, saved.submission_token) == receipt


def test_the_thank_you_page_offers_deleting_for_7_days_shown_as_a_date(session, client, link):
    thanks = send(client, link, fft="good", better=WORDS)
    html = text_of(client.get(thanks))
    assert "Changed your mind?" in html and "Delete my answers" in html
    saved = session.scalar(select(SurveyResponse))
    last_day = receipts.last_day_to_delete(saved)
    assert last_day == (saved.created_at + timedelta(days=7)).astimezone(receipts.LONDON).date()
    assert f"until the end of {last_day.strftime('%-d %B %Y')}" in html
    saved.created_at = utcnow() - timedelta(days=9)
    session.flush()
    later = text_of(client.get(thanks))
    assert "Thank you" in later and "Delete my answers" not in later


def test_older_thank_you_addresses_still_work_without_the_offer(session, client, link, surveys):
    older = surveys.response(link, {"fft": "good"}, nonce="an-older-nonce")
    assert older.receipt_hash is None
    response = client.get(f"/s/{link.token}/thanks/an-older-nonce")
    assert response.status_code == 200 and "Delete my answers" not in text_of(response)
    assert client.get(f"/s/{link.token}/thanks/an-older-nonce/delete").status_code == 404


def test_a_new_responses_nonce_is_not_a_receipt(session, client, link):
    send(client, link, fft="good")
    nonce = session.scalar(select(SurveyResponse)).submission_token
    assert client.get(f"/s/{link.token}/thanks/{nonce}").status_code == 404
    assert client.get(f"/s/{link.token}/thanks/{nonce}/delete").status_code == 404


# ---- deleting ------------------------------------------------------------------------------------

def test_a_young_person_deletes_their_answers_from_everywhere(session, client, link, login,
                                                              factory):
    thanks = send(client, link, fft="poor", better=WORDS, **{"else": "Nothing else"})
    survey_id = link.survey.id
    assert count(session, VoiceItem) == 2
    officer = factory.user(Role.PARTICIPATION)
    login(officer)
    assert WORDS in text_of(client.get(f"/surveys/{survey_id}/export.csv"))

    page = client.get(f"{thanks}/delete")
    html = text_of(page)
    assert page.status_code == 200 and "Delete your answers?" in html
    assert "keep that part so the person whose job is to keep young people safe" in html
    assert "<script" not in html and "Set-Cookie" not in page.headers
    assert len(page.get_data()) <= 14 * 1024
    assert count(session, SurveyResponse) == 1  # looking deletes nothing

    done = client.post(f"{thanks}/delete", data={"confirm": _confirm(html)})
    assert done.status_code == 200 and "Your answers have been deleted" in text_of(done)
    assert "We kept one part" not in text_of(done)
    assert count(session, SurveyResponse) == 0 and count(session, Answer) == 0
    assert count(session, VoiceItem) == 0
    assert client.get(thanks).status_code == 404
    # Results and exports no longer hold them.
    login(officer)
    for path in (f"/surveys/{survey_id}/export.csv", f"/surveys/{survey_id}/results",
                 f"/surveys/{survey_id}/responses", "/moderation"):
        page = client.get(path)
        assert page.status_code == 200 and WORDS not in text_of(page), path
    event = session.scalar(select(AuditEvent).where(
        AuditEvent.action == "young_person.deleted_own_words"))
    assert event.object_id is None and event.actor_id is None
    assert event.detail == {"what": "survey_response", "deleted": 2,
                            "kept_for_safeguarding_lead": 0}


def test_summaries_recount_what_was_deleted(session, client, link):
    rollups = pytest.importorskip("voice.summaries.rollups")
    thanks = send(client, link, fft="poor", better=WORDS)
    rollups.refresh(session, limit=None)
    assert not rollups.dirty_services(session)
    delete_via_pages(client, thanks)
    assert any(link.service_id in ids for ids in rollups.dirty_services(session).values())


def test_words_passed_to_the_safeguarding_lead_are_kept_for_the_lead(session, client, link,
                                                                     factory):
    thanks = send(client, link, fft="poor", better="I am not safe at home",
                  **{"else": "The chairs are comfy"})
    done = delete_via_pages(client, thanks)
    html = text_of(done)
    assert "Your answers have been deleted" in html and "We kept one part" in html
    assert count(session, SurveyResponse) == 0 and count(session, Answer) == 0
    kept = session.scalar(select(VoiceItem))
    assert count(session, VoiceItem) == 1 and kept.text == "I am not safe at home"
    assert kept.withdrawn_at is not None and kept.source_id is None
    lead = link.service.safeguarding_lead
    assert wording_for(reader_for(lead, session), kept) == "I am not safe at home"
    assert count(session, VoiceItem, countable_items_clause()) == 0


def test_after_7_days_the_receipt_gets_a_plain_410_page(session, client, link):
    thanks = send(client, link, fft="good", better=WORDS)
    saved = session.scalar(select(SurveyResponse))
    saved.created_at = utcnow() - timedelta(days=8, hours=1)
    session.flush()
    response = client.get(f"{thanks}/delete")
    html = text_of(response)
    assert response.status_code == 410 and "too late to delete" in html
    assert "7 days" in html and 'href="/help"' in html
    assert client.post(f"{thanks}/delete", data={"confirm": "x"}).status_code == 410
    assert count(session, SurveyResponse) == 1
    with pytest.raises(receipts.ReceiptExpired):
        receipts.delete_own_response(session, saved)


def test_the_last_day_still_works(session, client, link):
    thanks = send(client, link, fft="good")
    saved = session.scalar(select(SurveyResponse))
    assert receipts.can_delete(saved, receipts.deletable_until(saved) - timedelta(seconds=1))
    assert not receipts.can_delete(saved, receipts.deletable_until(saved))
    assert client.get(f"{thanks}/delete").status_code == 200


@pytest.mark.parametrize("receipt", ["not-a-receipt", "a" * 26, "x" * 300, "%27%20OR%201=1"])
def test_a_wrong_receipt_gets_a_plain_404_page(client, link, receipt):
    send(client, link, fft="good")
    response = client.get(f"/s/{link.token}/thanks/{receipt}/delete")
    html = text_of(response)
    assert response.status_code == 404 and "We can't find these answers" in html


def test_a_receipt_only_works_with_its_own_survey_link(session, client, link, surveys):
    thanks = send(client, link, fft="good")
    receipt = thanks.rsplit("/", 1)[1]
    other = surveys.link(link.survey, channel="card", area=link.area, service=link.service)
    assert client.get(f"/s/{other.token}/thanks/{receipt}/delete").status_code == 404
    assert client.get(f"/s/nosuchlink/thanks/{receipt}/delete").status_code == 404


@pytest.mark.parametrize("confirm", [None, "", "forged"])
def test_without_a_real_confirmation_nothing_is_deleted(session, client, link, confirm):
    thanks = send(client, link, fft="good")
    response = client.post(f"{thanks}/delete",
                           data={} if confirm is None else {"confirm": confirm})
    assert response.status_code == 200 and "Delete your answers?" in text_of(response)
    assert count(session, SurveyResponse) == 1


def test_a_confirmation_for_other_answers_deletes_nothing(session, client, link):
    mine, theirs = send(client, link, fft="good"), send(client, link, fft="poor")
    confirm = _confirm(text_of(client.get(f"{mine}/delete")))
    client.post(f"{theirs}/delete", data={"confirm": confirm})
    assert count(session, SurveyResponse) == 2


def test_guessing_receipts_is_stopped_like_check(session, client, link, rate_limits):
    thanks = send(client, link, fft="good")
    for n in range(10):
        assert client.get(f"/s/{link.token}/thanks/{'b' * 25}{n}/delete").status_code == 404
    blocked = client.get(f"{thanks}/delete")
    assert blocked.status_code == 429 and "Wait a few minutes" in text_of(blocked)
    rate_limits.reset()
    assert client.get(f"{thanks}/delete").status_code == 200


def test_pressing_yes_twice_says_they_are_deleted_not_a_server_error(session, client, link,
                                                                     monkeypatch):
    from sqlalchemy.orm.exc import StaleDataError

    thanks = send(client, link, fft="good", better=WORDS)
    confirm = _confirm(text_of(client.get(f"{thanks}/delete")))
    found = iter([session.scalar(select(SurveyResponse)), None])
    monkeypatch.setattr(receipts, "find_by_receipt", lambda *a, **k: next(found))

    def deleted_by_the_other_press(*args, **kwargs):
        raise StaleDataError("DELETE statement on table 'survey_answers' expected to delete 1 row")

    monkeypatch.setattr(receipts, "delete_own_response", deleted_by_the_other_press)
    response = client.post(f"{thanks}/delete", data={"confirm": confirm})
    html = text_of(response)
    assert response.status_code == 200 and "Your answers have been deleted" in html
    assert "Westbridge Clinic" in html
