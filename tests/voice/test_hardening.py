"""Bad input and bad moments are never a 500 (issue 11, part C): control characters, ids out
of range, HEAD, database blips and what unhandled errors write to the log."""

from __future__ import annotations

import logging
import re
from html import unescape

import pytest
from flask import has_request_context, request
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from surveys.models import Answer, SurveyResponse
from tests.support.fake_analysis import fake_analyser
from tests.support.loop_factories import LoopFactory
from tests.support.surveys_factories import SurveyFactory, q, token_from
from tests.voice.loop.conftest import fake_analyse
from voice.auth.roles import Role
from voice.db import db
from voice.hardening import MAX_ID, clean_text
from voice.loop.models import ActionCard

SURVEY = [
    {"kind": "fft", "code": "fft", "text": "How was it?", "is_required": True},
    {"kind": "long_text", "code": "better", "text": "What could be better?"},
]


@pytest.fixture(autouse=True)
def _fake_analysis(monkeypatch):
    fake_analyser(monkeypatch, fake_analyse)


@pytest.fixture()
def service(factory):
    return factory.service("Hillside Drop-in", safeguarding_lead=factory.user(Role.SAFEGUARDING))


@pytest.fixture()
def card_link(factory, service):
    return LoopFactory(factory).link(service)


@pytest.fixture()
def survey_link(session, factory, service):
    surveys = SurveyFactory(session, factory)
    return surveys.link(surveys.survey(SURVEY, title="Quick one"), service=service)


def _card_token(client, link) -> str:
    html = unescape(client.get(f"/card/{link.token}").get_data(as_text=True))
    return re.search(r'name="form_token"[^>]*value="([^"]+)"', html).group(1)


def send_card(client, link, **fields):
    data = {"kind": "change", "what": "Shorter waits", "why": "We wait for months",
            "form_token": _card_token(client, link)} | fields
    return client.post(f"/card/{link.token}", data=data)


def send_survey(client, link, **answers):
    token = token_from(client.get(f"/s/{link.token}").get_data(as_text=True))
    data = {"form_token": token, "step": "0", "action": "send"}
    for code, value in answers.items():
        data[f"q{q(link.survey, code).id}"] = value
    return client.post(f"/s/{link.token}", data=data)


# ---- control characters ----------------------------------------------------------------------

def test_clean_text_removes_control_characters_and_keeps_whitespace():
    assert clean_text("a\x00b\x07c\x1bd\x7fe\x85f") == "abcdef"
    assert clean_text("line one\r\nline two\n\tindented") == "line one\r\nline two\n\tindented"
    assert clean_text("emoji 🙂, accents é, عربى") == "emoji 🙂, accents é, عربى"


def test_a_card_with_a_nul_is_stored_without_it(session, client, card_link):
    response = send_card(client, card_link, what="Shorter\x00 waits\x0b please",
                         why="Because\r\nwe wait\x1b")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    card = session.scalars(select(ActionCard)).one()
    assert card.what == "Shorter waits please"
    assert card.why == "Because\r\nwe wait" or card.why == "Because\nwe wait"


def test_every_form_field_and_query_parameter_is_cleaned_in_one_place(app):
    with app.test_request_context("/help?q=a%00b", method="POST",
                                  data={"name": "x\x00y", "name2": ["1\x00", "2"]}):
        from flask import request

        assert request.args["q"] == "ab"
        assert request.form["name"] == "xy"
        assert request.form.getlist("name2") == ["1", "2"]


def test_a_nul_in_a_staff_form_is_not_a_server_error(session, client, login, factory):
    login(factory.user(Role.ADMIN))
    response = client.post("/directory/organisations/new",
                           data={"name": "Nul\x00 Trust", "kind": "provider"})
    assert response.status_code in (200, 302, 303), response.status_code


# ---- ids out of range ------------------------------------------------------------------------

@pytest.mark.parametrize("value", [str(MAX_ID + 1), "99999999999999999999", "-1", "0x10",
                                   "١٢"])
def test_ids_outside_the_range_are_404(client, login, factory, value):
    login(factory.user(Role.ADMIN))
    assert client.get(f"/surveys/{value}").status_code == 404
    assert client.get(f"/directory/services/{value}").status_code == 404


def test_a_control_character_in_a_url_variable_is_404(client, card_link):
    assert client.get("/card/AB%00CD").status_code == 404
    assert client.get("/s/ab%0d%0acd").status_code == 404


# ---- HEAD ------------------------------------------------------------------------------------

def test_head_works_wherever_get_does(client, card_link, survey_link):
    for path in (f"/card/{card_link.token}", f"/s/{survey_link.token}", "/check", "/help"):
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head.get_data() == b""
        assert head.headers["Content-Type"] == get.headers["Content-Type"]


# ---- database blips --------------------------------------------------------------------------

class _Blip:
    """Make the next commit fail as if the database had gone away for a moment."""

    def __init__(self, monkeypatch):
        self.failures = 0
        original = db.session.commit

        def commit():
            # Only inside the POST: the test client commits the test's setup before it.
            if self.armed and has_request_context() and request.method == "POST":
                self.armed = False
                self.failures += 1
                raise OperationalError("COMMIT", {}, Exception("server closed the connection"))
            return original()

        self.armed = False
        monkeypatch.setattr(db.session, "commit", commit)


@pytest.fixture()
def blip(monkeypatch):
    return _Blip(monkeypatch)


def _answers_kept(html: str, *texts: str) -> None:
    for text in texts:
        assert text in html, text


def test_a_survey_sent_during_a_database_blip_keeps_every_answer(session, client, survey_link,
                                                                 blip):
    token = token_from(client.get(f"/s/{survey_link.token}").get_data(as_text=True))
    data = {"form_token": token, "step": "0", "action": "send",
            f"q{q(survey_link.survey, 'fft').id}": "poor",
            f"q{q(survey_link.survey, 'better').id}": "Kinder & quicker"}
    blip.armed = True
    response = client.post(f"/s/{survey_link.token}", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert blip.failures == 1
    assert "press the button again" in html
    assert "Kinder &amp; quicker" in html and 'value="poor" checked' in html
    assert session.scalar(select(func.count(SurveyResponse.id))) == 0
    # Pressing the button again stores it.
    data["form_token"] = token_from(html)
    assert client.post(f"/s/{survey_link.token}", data=data).status_code == 303
    assert session.scalar(select(Answer.value).where(
        Answer.question_id == q(survey_link.survey, "better").id)) == "Kinder & quicker"


def test_a_card_sent_during_a_database_blip_keeps_every_word(session, client, card_link, blip):
    token = _card_token(client, card_link)
    data = {"kind": "stop", "what": "Stop moving my appointments", "why": "I miss school",
            "age_band": "", "form_token": token}
    blip.armed = True
    response = client.post(f"/card/{card_link.token}", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "press the button again" in html.replace("&#34;", '"')
    assert "Stop moving my appointments" in html and "I miss school" in html
    assert session.scalar(select(func.count(ActionCard.id))) == 0
    assert client.post(f"/card/{card_link.token}", data=data).status_code == 200
    assert session.scalar(select(func.count(ActionCard.id))) == 1


def test_any_other_form_sent_during_a_blip_comes_back_to_send_again(client, login, factory,
                                                                    monkeypatch):
    login(factory.user(Role.ADMIN))

    def unavailable(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("could not connect to server"))

    monkeypatch.setattr(db.session, "execute", unavailable)
    monkeypatch.setattr(db.session, "scalars", unavailable)
    monkeypatch.setattr(db.session, "scalar", unavailable)
    monkeypatch.setattr(db.session, "get", unavailable)
    response = client.post("/directory/organisations/new",
                           data={"name": "Blip Trust", "kind": "provider"})
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert 'name="name" value="Blip Trust"' in html and "Send again" in html


def test_a_mistake_in_our_sql_is_not_taken_for_a_blip():
    import sqlite3

    from voice.hardening import is_database_blip

    def wrapped(orig):
        return OperationalError("SELECT 1", {}, orig)

    assert is_database_blip(wrapped(sqlite3.OperationalError("database is locked")))
    assert is_database_blip(wrapped(Exception("server closed the connection unexpectedly")))
    assert not is_database_blip(wrapped(sqlite3.OperationalError("no such table: surveys")))
    assert not is_database_blip(ValueError("not a database error"))


def test_the_429_page_needs_no_database(app, client, login, factory, monkeypatch):
    from flask import abort

    login(factory.user(Role.PROVIDER))  # a signed-in user is read from the database

    def limited():
        abort(429)

    def unavailable(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("could not connect to server"))

    monkeypatch.setitem(app.view_functions, "public.help", limited)
    for name in ("execute", "get", "scalar", "scalars"):
        monkeypatch.setattr(db.session, name, unavailable)
    response = client.get("/help")
    assert response.status_code == 429
    assert "Too many tries" in response.get_data(as_text=True)


# ---- logs ------------------------------------------------------------------------------------

MARKER = "ZebraMarker9731"


def test_a_failing_insert_does_not_put_the_words_in_the_log(app, client, caplog, monkeypatch):
    from sqlalchemy import text

    def failing_insert():
        db.session.execute(text("INSERT INTO organisations (id, name) VALUES (:id, :name)"),
                           {"id": None, "name": request.args["words"]})
        db.session.commit()
        return "stored"

    monkeypatch.setitem(app.view_functions, "public.help", failing_insert)
    with caplog.at_level(logging.INFO):
        response = client.get("/help", query_string={"words": MARKER})
    assert response.status_code == 500
    assert "Unhandled error" in caplog.text
    assert "INSERT INTO organisations" in caplog.text  # the statement, without its values
    assert MARKER not in caplog.text


def test_an_exception_message_holding_what_was_typed_is_not_logged(caplog):
    from voice.hardening import HideValuesFilter

    logger = logging.getLogger("voice.test_hardening")
    logger.addFilter(HideValuesFilter())
    try:
        int(MARKER)
    except ValueError:
        with caplog.at_level(logging.INFO):
            logger.exception("Failed")
    logger.filters.clear()
    assert "ValueError" in caplog.text and MARKER not in caplog.text
