"""Young people answering on their phones: /s/<token> and the thank-you page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select, update

import surveys.tokens
from surveys.models import Answer, SurveyLink, SurveyResponse
from surveys.submission import started_counts
from tests.support.fake_analysis import fake_analyser, flagging
from tests.support.surveys_factories import q, token_from
from voice.db import utcnow

SHORT = [
    {"kind": "fft", "code": "fft", "text": "How was it?", "is_required": True},
    {"kind": "long_text", "code": "better", "text": "What could be better?",
     "asks_about": "could_improve", "max_length": 50},
    {"kind": "number", "code": "visits", "text": "How many visits?", "min_value": 0,
     "max_value": 50},
    {"kind": "about_age", "code": "about_age"},
]


@pytest.fixture(autouse=True)
def analysis(monkeypatch):
    fake_analyser(monkeypatch, flagging("not safe"))


@pytest.fixture()
def short_link(surveys, factory):
    survey = surveys.survey(SHORT, title="Quick one", intro="Two minutes, tops.")
    return surveys.link(survey, service=factory.service("Westbridge Clinic"))


def open_form(client, link):
    response = client.get(f"/s/{link.token}")
    assert response.status_code == 200
    return token_from(response.get_data(as_text=True))


def send(client, link, answers, token=None, **control):
    token = token or open_form(client, link)
    data = {"form_token": token, "step": "0", "action": "send"} | control
    for code, value in answers.items():
        data[f"q{q(link.survey, code).id}"] = value
    return client.post(f"/s/{link.token}", data=data)


def stored(session):
    return session.scalar(select(func.count(SurveyResponse.id)))


def test_the_survey_page_is_plain_private_and_self_contained(client, short_link):
    response = client.get(f"/s/{short_link.token}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers  # no cookies at all
    assert "Quick one" in html and "Two minutes, tops." in html
    assert "don't need to give your name" in html and 'href="/privacy"' in html
    assert 'href="/help"' in html  # get help now, on every page
    assert "<script" not in html and "style=" not in html
    # Nothing is loaded from anywhere else.
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert 'name="leave_blank"' in html  # the honeypot
    assert "😀" in html and "Really good" in html  # every face has a word
    assert len(response.data) <= 14 * 1024


def test_opening_the_page_counts_an_open(session, client, short_link):
    client.get(f"/s/{short_link.token}")
    client.get(f"/s/{short_link.token.upper()}")
    assert session.get(SurveyLink, short_link.id).opened_count == 2


def test_sending_answers_stores_them_and_says_thank_you(session, client, short_link):
    response = send(client, short_link, {"fft": "very_good", "better": "Más citas por la tarde 🙏",
                                         "visits": "3", "about_age": "14-15"})
    assert response.status_code == 303
    assert "/thanks/" in response.location
    saved = session.scalar(select(SurveyResponse))
    values = {a.question_id: a.value for a in saved.answers}
    assert values[q(short_link.survey, "better").id] == "Más citas por la tarde 🙏"
    assert values[q(short_link.survey, "fft").id] == "very_good"
    assert saved.age_band == "14-15"
    link = session.get(SurveyLink, short_link.id)
    # Started and finished in one send: counted through the response, nothing written on the link.
    assert (link.opened_count, link.started_count, saved.counted_start) == (1, 0, True)
    assert started_counts(session, [link]) == {link.id: 1}
    page = client.get(response.location)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Thank you" in html
    assert "Westbridge Clinic" in html and "/you-said-we-did/" in html
    assert "Childline" not in html
    assert "Set-Cookie" not in page.headers


def test_a_double_tap_or_resend_stores_one_response(session, client, short_link):
    token = open_form(client, short_link)
    first = send(client, short_link, {"fft": "good"}, token=token)
    second = send(client, short_link, {"fft": "good"}, token=token)
    assert first.status_code == second.status_code == 303
    assert first.location == second.location
    assert stored(session) == 1


def test_a_missing_required_answer_is_explained_and_the_rest_kept(session, client, short_link):
    response = send(client, short_link, {"better": "Longer opening hours", "visits": "2"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in html
    fft = q(short_link.survey, "fft")
    assert f'href="#q{fft.id}">Choose an answer' in html
    assert f'id="q{fft.id}-e"' in html  # the message at the question
    assert ">Longer opening hours</textarea>" in html
    assert 'value="2"' in html
    assert stored(session) == 0


def test_text_over_the_limit_says_the_limit_and_keeps_everything(session, client, short_link):
    long_text = "ש" * 60  # right-to-left script, over the 50 limit
    response = send(client, short_link, {"fft": "poor", "better": long_text})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "50 characters or fewer" in html and "Shorten it by 10 characters" in html
    assert long_text in html
    assert 'value="poor" checked' in html
    assert stored(session) == 0


def test_a_number_that_is_not_a_number_is_explained(client, short_link):
    html = send(client, short_link, {"fft": "good", "visits": "lots"}).get_data(as_text=True)
    assert "Enter a whole number using digits, like 3" in html


def test_emoji_accents_and_rtl_are_stored_and_shown_exactly(session, client, login, factory,
                                                            short_link):
    text = "שלום 👋 Ça marche — مرحبا"
    send(client, short_link, {"fft": "good", "better": text})
    assert session.scalar(select(Answer.value).where(
        Answer.question_id == q(short_link.survey, "better").id)) == text
    login(factory.user("participation_officer"))
    html = client.get(f"/surveys/{short_link.survey_id}/results").get_data(as_text=True)
    assert f'<p dir="auto">{text}</p>' in html


@pytest.mark.parametrize("tamper, message", [
    ({"fft": "amazing"}, "not one of the choices"),
    ({"fft": ["good", "poor"]}, "More than one answer"),
])
def test_tampered_choices_get_a_clear_400(session, client, short_link, tamper, message):
    response = send(client, short_link, tamper)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert stored(session) == 0


def test_a_question_from_another_survey_gets_a_clear_400(session, client, short_link, surveys):
    other = surveys.survey(SHORT)
    data = {"form_token": open_form(client, short_link), "step": "0", "action": "send",
            f"q{q(other, 'fft').id}": "good"}
    response = client.post(f"/s/{short_link.token}", data=data)
    assert response.status_code == 400
    assert "does not have" in response.get_data(as_text=True)


@pytest.mark.parametrize("data", [
    {},  # no form token at all
    {"form_token": "forged"},
    {"step": "99"},
    {"step": "first"},
    {"action": "explode"},
])
def test_malformed_posts_get_400_never_500(session, client, short_link, data):
    base = {"form_token": open_form(client, short_link), "step": "0", "action": "send"}
    payload = {k: v for k, v in (base | data).items()} if data else {}
    response = client.post(f"/s/{short_link.token}", data=payload)
    assert response.status_code == 400
    assert "Go back" in response.get_data(as_text=True)
    assert stored(session) == 0


def test_a_form_token_for_another_link_is_refused(session, client, short_link, surveys):
    other = surveys.link(short_link.survey, channel="card", area=short_link.area,
                         service=short_link.service)
    token = open_form(client, other)
    response = send(client, short_link, {"fft": "good"}, token=token)
    assert response.status_code == 400
    assert stored(session) == 0


def test_a_huge_body_is_refused_politely(client, short_link):
    token = open_form(client, short_link)
    response = client.post(f"/s/{short_link.token}",
                           data={"form_token": token, "step": "0", "x": "a" * 2_000_000})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


def test_invalid_utf8_is_not_a_server_error(client, short_link):
    response = client.post(f"/s/{short_link.token}", data=b"q1=%ff%fe&step=\xff",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


def test_control_characters_are_dropped_not_stored(session, client, short_link):
    send(client, short_link, {"fft": "good", "better": "ok\x00 then\x07"})
    assert session.scalar(select(Answer.value).where(
        Answer.question_id == q(short_link.survey, "better").id)) == "ok then"


def test_an_old_form_is_renewed_with_answers_kept(session, client, short_link, monkeypatch):
    token = open_form(client, short_link)
    monkeypatch.setattr(surveys.tokens, "FORM_TOKEN_MAX_AGE", -1)
    response = send(client, short_link, {"fft": "good", "better": "keep this"}, token=token)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nothing was lost" in html and ">keep this</textarea>" in html
    assert token_from(html) != token
    assert stored(session) == 0
    monkeypatch.setattr(surveys.tokens, "FORM_TOKEN_MAX_AGE", 3600)
    assert send(client, short_link, {"fft": "good"}, token=token_from(html)).status_code == 303
    assert stored(session) == 1


def test_the_honeypot_stops_bots_but_tells_a_person_and_keeps_answers(session, client, short_link):
    response = send(client, short_link, {"fft": "good", "better": "hello"}, leave_blank="http://spam")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "looked automatic" in html and ">hello</textarea>" in html
    assert stored(session) == 0


def test_a_rate_limit_says_to_try_again_and_keeps_answers(session, app, client, short_link,
                                                          rate_limits, survey_windows):
    app.config["SURVEY_SUBMIT_LIMIT"] = "2/minute"
    try:
        assert send(client, short_link, {"fft": "good"}).status_code == 303
        assert send(client, short_link, {"fft": "good"}).status_code == 303
        response = send(client, short_link, {"fft": "poor", "better": "third try"})
    finally:
        del app.config["SURVEY_SUBMIT_LIMIT"]
    html = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "Wait a minute, then press the button again" in html
    assert ">third try</textarea>" in html and 'value="poor" checked' in html
    assert stored(session) == 2


@pytest.mark.parametrize("state, status, words", [
    ("paused", 200, "paused"),
    ("closed", 200, "has closed"),
    ("draft", 200, "isn't open yet"),
])
def test_paused_closed_and_unopened_links_say_so(session, client, short_link, state, status, words):
    if state == "paused":
        short_link.is_paused = True
    else:
        short_link.survey.status = state
    short_link.survey.closed_message = "Results will be on the noticeboard in June."
    session.flush()
    response = client.get(f"/s/{short_link.token}")
    html = response.get_data(as_text=True)
    assert response.status_code == status and words in html
    assert 'name="form_token"' not in html
    if state == "closed":
        assert "Results will be on the noticeboard in June." in html
        assert "/you-said-we-did/" in html


def test_answers_sent_after_closing_are_refused_honestly(session, client, short_link):
    token = open_form(client, short_link)
    short_link.survey.status = "closed"
    session.flush()
    response = send(client, short_link, {"fft": "good"}, token=token)
    assert "could not be sent" in response.get_data(as_text=True)
    assert stored(session) == 0


def test_an_unknown_link_is_a_friendly_404(client):
    response = client.get("/s/zzzzzzz")
    assert response.status_code == 404
    assert "can't find a survey" in response.get_data(as_text=True)
    assert client.get("/s/..%2F..%2Fetc").status_code == 404


def test_skip_logic_asks_the_follow_up_only_after_a_poor_rating(session, client, surveys):
    survey = surveys.survey([
        {"kind": "fft", "code": "fft", "text": "How was it?", "is_required": True},
        {"kind": "single", "code": "why", "text": "What went wrong?", "is_required": True,
         "option_lines": "Waiting\nRude staff", "show_if": ("fft", ["poor", "very_poor"])},
        {"kind": "short_text", "code": "else", "text": "Anything else?"}])
    link = surveys.link(survey)
    fft, why, other = q(survey, "fft"), q(survey, "why"), q(survey, "else")
    first = client.get(f"/s/{link.token}").get_data(as_text=True)
    assert "Page 1 of 2" in first and "What went wrong?" not in first
    token = token_from(first)
    # Good: the follow-up is skipped.
    page = client.post(f"/s/{link.token}", data={"form_token": token, "step": "0",
                                                 "action": "next", f"q{fft.id}": "good"})
    html = page.get_data(as_text=True)
    assert "What went wrong?" not in html and "Anything else?" in html
    assert f'name="q{fft.id}" value="good"' in html  # carried forward, hidden
    assert "Page 2 of 2" in html
    # Back on page 1 (the form now says it was started), poor: the follow-up is asked.
    page = client.post(f"/s/{link.token}", data={"form_token": token, "step": "0",
                                                 "started": "1", "action": "next",
                                                 f"q{fft.id}": "poor"})
    html = page.get_data(as_text=True)
    assert "What went wrong?" in html
    done = client.post(f"/s/{link.token}", data={"form_token": token, "step": "1",
                                                 "started": "1", "action": "send",
                                                 f"q{fft.id}": "poor", f"q{other.id}": "x"})
    assert done.status_code == 200 and "Choose an answer" in done.get_data(as_text=True)
    done = client.post(f"/s/{link.token}", data={"form_token": token, "step": "1",
                                                 "started": "1", "action": "send",
                                                 f"q{fft.id}": "poor", f"q{why.id}": "waiting"})
    assert done.status_code == 303
    link = session.get(SurveyLink, link.id)
    assert started_counts(session, [link]) == {link.id: 1}  # counted once per form
    assert link.started_count == 1  # by its first page, so not again by its response
    assert not session.scalar(select(SurveyResponse)).counted_start


def test_answers_to_a_question_skipped_after_going_back_are_not_stored(session, client, surveys):
    survey = surveys.survey([
        {"kind": "yes_no", "code": "ok", "text": "OK?"},
        {"kind": "short_text", "code": "why", "text": "Why not?", "show_if": ("ok", ["no"])}])
    link = surveys.link(survey)
    ok, why = q(survey, "ok"), q(survey, "why")
    token = open_form(client, link)
    response = client.post(f"/s/{link.token}", data={
        "form_token": token, "step": "1", "started": "1", "action": "send",
        f"q{ok.id}": "yes", f"q{why.id}": "left over from before"})
    assert response.status_code == 303
    assert [a.question_id for a in session.scalar(select(SurveyResponse)).answers] == [ok.id]


def test_one_question_per_screen_with_progress_and_back(session, client, surveys):
    survey = surveys.survey([
        {"kind": "smiley", "code": "visit", "text": "How was your visit?"},
        {"kind": "yes_no", "code": "listened", "text": "Did we listen?"},
        {"kind": "long_text", "code": "more", "text": "Tell us more"}], layout="one_per_screen")
    link = surveys.link(survey)
    visit, listened, more = (q(survey, c) for c in ("visit", "listened", "more"))
    html = client.get(f"/s/{link.token}").get_data(as_text=True)
    assert "Question 1 of 3" in html and "Did we listen?" not in html
    token = token_from(html)
    html = client.post(f"/s/{link.token}", data={"form_token": token, "step": "0",
                                                 "action": "next", f"q{visit.id}": "4"}
                       ).get_data(as_text=True)
    assert "Question 2 of 3" in html and "Did we listen?" in html
    assert 'value="back"' in html
    back = client.post(f"/s/{link.token}", data={
        "form_token": token, "step": "1", "started": "1", "action": "back",
        f"q{visit.id}": "4", f"q{listened.id}": "no"}).get_data(as_text=True)
    assert "Question 1 of 3" in back and 'value="4" checked' in back
    assert f'name="q{listened.id}" value="no"' in back  # kept while going back
    done = client.post(f"/s/{link.token}", data={
        "form_token": token, "step": "2", "started": "1", "action": "send",
        f"q{visit.id}": "4", f"q{listened.id}": "no", f"q{more.id}": "ok"})
    assert done.status_code == 303
    link = session.get(SurveyLink, link.id)
    assert started_counts(session, [link]) == {link.id: 1}


def test_the_thank_you_page_gives_help_now_when_words_were_worrying(session, client, short_link):
    response = send(client, short_link, {"fft": "poor", "better": "I am not safe at home"})
    html = client.get(response.location).get_data(as_text=True)
    assert "Thank you for telling us" in html
    for words in ("999", "Childline: 0800 1111", "85258"):
        assert words in html
    assert "we can't contact you" in html.replace("&#39;", "'")
    # The page address lasts; the worried message does not (phones are shared).
    saved = session.scalar(select(SurveyResponse))
    saved.created_at = utcnow() - timedelta(hours=3)
    session.flush()
    later = client.get(response.location).get_data(as_text=True)
    assert "Childline: 0800 1111" not in later and "Thank you" in later


def test_the_help_after_worrying_words_is_calm_and_promises_nothing_it_cannot_keep(
        session, client, short_link):
    """Issue 12: most flags are complaints. The page gives help routes without telling the young
    person they are thought to be unsafe, never promises secrecy and never says a person will
    contact them (docs/privacy-and-safeguarding.md has the wording)."""
    response = send(client, short_link, {"fft": "poor", "better": "I am not safe at home"})
    html = client.get(response.location).get_data(as_text=True).replace("&#39;", "'")
    assert "If you want to talk to someone" in html
    assert "A person reads everything young people write here" in html
    assert 'role="alert"' not in html and "notice--error" not in html
    lowered = html.lower()
    for never in ("might not be safe", "not be safe", "worried that you", "confidential",
                  "secret", "will contact you", "will be in touch", "get in touch with you",
                  "will call you", "keep you safe"):
        assert never not in lowered, never


def test_a_thank_you_page_needs_its_own_receipt(session, client, short_link, surveys):
    response = send(client, short_link, {"fft": "good"})
    receipt = response.location.rsplit("/", 1)[1]
    assert client.get(f"/s/{short_link.token}/thanks/not-a-receipt").status_code == 404
    other = surveys.link(short_link.survey, channel="card", area=short_link.area,
                         service=short_link.service)
    assert client.get(f"/s/{other.token}/thanks/{receipt}").status_code == 404


def test_a_changed_question_shows_at_once(session, client, short_link, factory):
    from surveys import operations

    client.get(f"/s/{short_link.token}")  # the worker now has the questions
    question = q(short_link.survey, "better")
    operations.update_question(session, factory.user("admin"), question,
                               text="What one thing should we change?")
    html = client.get(f"/s/{short_link.token}").get_data(as_text=True)
    assert "What one thing should we change?" in html


def test_a_changed_rule_is_checked_at_once_when_answers_are_sent(session, client, short_link,
                                                                 factory):
    from surveys import operations

    assert send(client, short_link, {"fft": "good"}).status_code == 303  # questions cached
    operations.update_question(session, factory.user("admin"), q(short_link.survey, "visits"),
                               is_required=True)
    response = send(client, short_link, {"fft": "good"})
    assert response.status_code == 200 and "Enter a number" in response.get_data(as_text=True)
    assert stored(session) == 1


def test_a_changed_layout_is_used_at_once_when_answers_are_sent(session, client, short_link,
                                                               factory):
    from surveys import operations

    assert send(client, short_link, {"fft": "good"}).status_code == 303  # pages cached
    operations.update_survey(session, factory.user("admin"), short_link.survey,
                             layout="one_per_screen")
    response = send(client, short_link, {"fft": "good"})
    # One question per screen now: sending the first screen shows the next question.
    assert response.status_code == 200 and "Question 2 of" in response.get_data(as_text=True)
    assert stored(session) == 1


def test_a_link_paused_after_the_page_was_opened_refuses_the_answers(session, client,
                                                                      short_link):
    token = open_form(client, short_link)
    short_link.is_paused = True
    response = send(client, short_link, {"fft": "good"}, token=token)
    assert response.status_code == 200 and "paused" in response.get_data(as_text=True)
    assert stored(session) == 0


def test_a_very_late_resend_of_a_stored_answer_still_gets_its_thank_you(
        session, client, short_link, monkeypatch):
    token = open_form(client, short_link)
    first = send(client, short_link, {"fft": "good"}, token=token)
    monkeypatch.setattr(surveys.tokens, "FORM_TOKEN_MAX_AGE", -1)
    again = send(client, short_link, {"fft": "good"}, token=token)
    assert again.status_code == 303 and again.location == first.location
    assert stored(session) == 1


def test_a_flood_of_page_views_gets_the_friendly_429(app, client, short_link, rate_limits,
                                                     survey_windows):
    app.config["SURVEY_VIEW_LIMIT"] = "3/minute"
    try:
        codes = [client.get(f"/s/{short_link.token}").status_code for _ in range(4)]
        page = client.get(f"/s/{short_link.token}")
    finally:
        del app.config["SURVEY_VIEW_LIMIT"]
    assert codes == [200, 200, 200, 429]
    assert "Too many tries" in page.get_data(as_text=True)


def test_limits_count_per_window_and_forget_old_windows():
    from limits import parse

    from surveys import public_views

    windows = public_views._WorkerWindows()
    clock = [1_000_000.0]
    windows.clock = lambda: clock[0]
    item = [parse("2/minute")]
    assert [windows.hit("s", "k", item) for _ in range(3)] == [True, True, False]
    assert windows.hit("s", "other", item)  # each address counts on its own
    clock[0] += 60
    assert windows.hit("s", "k", item)
    assert len(windows._counts) <= 2


def test_the_you_said_we_did_link_on_the_thank_you_page_works(client, short_link):
    response = send(client, short_link, {"fft": "good"})
    html = client.get(response.location).get_data(as_text=True)
    board = re.search(r'href="(/you-said-we-did/[^"]+)"', html).group(1)
    assert client.get(board).status_code == 200


# ---- the link each worker remembers for a few seconds --------------------------------------------

def test_a_change_made_by_another_worker_is_seen_within_seconds(session, client, short_link,
                                                                monkeypatch):
    """Another worker's change does not reach this worker's memory: it is read again once
    ``PUBLIC_LINK_SECONDS`` have passed."""
    import surveys.submission as submission

    send(client, short_link, {"fft": "good"})  # this worker now remembers the link
    assert stored(session) == 1
    session.execute(update(SurveyLink).where(SurveyLink.id == short_link.id)
                    .values(is_paused=True))  # as another worker would: no ORM event here
    session.commit()
    clock = [submission.time.monotonic()]
    monkeypatch.setattr(submission.time, "monotonic", lambda: clock[0])
    token = open_form_anyway(client, short_link)
    still = send(client, short_link, {"fft": "good"}, token=token)
    assert still.status_code == 303  # remembered: a paused link takes answers a moment longer
    clock[0] += submission.PUBLIC_LINK_SECONDS
    token = open_form_anyway(client, short_link)
    refused = send(client, short_link, {"fft": "good"}, token=token)
    assert refused.status_code == 200 and "paused" in refused.get_data(as_text=True)
    assert stored(session) == 2


def test_answers_to_a_link_deleted_a_moment_ago_get_the_friendly_page(session, client, surveys,
                                                                      short_link):
    """Deleted while this worker still remembers it: the answers cannot be stored, and the
    young person gets the "no such survey" page, not a server error."""
    token = open_form(client, short_link)
    send(client, short_link, {"fft": "good"})  # remembered
    link_id, link_token, fft_id = short_link.id, short_link.token, q(short_link.survey, "fft").id
    session.execute(delete(SurveyResponse).where(SurveyResponse.link_id == link_id))
    session.execute(delete(SurveyLink).where(SurveyLink.id == link_id))  # no ORM event
    session.commit()
    response = client.post(f"/s/{link_token}", data={"form_token": token, "step": "0",
                                                      "action": "send", f"q{fft_id}": "good"})
    assert response.status_code == 404
    assert "survey" in response.get_data(as_text=True).lower()


def open_form_anyway(client, link):
    """A fresh form token for the link, even when the link is paused (the form was opened
    before the pause)."""
    from surveys.tokens import make_form_token

    return make_form_token(client.application.config["SECRET_KEY"], link.id)
