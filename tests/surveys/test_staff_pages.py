"""The staff pages: builder, links and QR codes, posters, results, responses and deleting one."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from surveys.models import Question, Survey, SurveyLink, SurveyResponse
from tests.support.fake_analysis import Analysis, fake_analyser
from tests.support.surveys_factories import q
from voice.audit.models import AuditEvent
from voice.loop.models import VoiceItem


@pytest.fixture(autouse=True)
def analysis(monkeypatch):
    def fake(text, question_kind=None):
        return Analysis(redacted_text=text, safeguarding="unsafe" in text)

    fake_analyser(monkeypatch, fake)


@pytest.fixture()
def officer(factory, login):
    user = factory.user("participation_officer")
    login(user)
    return user


def test_create_a_survey_through_the_form(session, client, officer, factory):
    service = factory.service("Open Door")
    page = client.get("/surveys/new")
    assert page.status_code == 200 and "Open Door" in page.get_data(as_text=True)
    response = client.post("/surveys/new", data={
        "title": "How was today?", "intro": "Quick.", "min_age": "11", "max_age": "18",
        "service_ids": [str(service.id)], "layout": "one_per_screen", "opens_on": "2026-01-05",
        "closes_on": "", "closed_message": ""})
    assert response.status_code == 302
    survey = session.scalar(select(Survey).where(Survey.title == "How was today?"))
    assert survey.layout == "one_per_screen" and survey.services[0].id == service.id
    assert survey.opens_on.isoformat() == "2026-01-05"


def test_survey_form_errors_are_shown_beside_fields(client, officer):
    html = client.post("/surveys/new", data={
        "title": "", "min_age": "18", "max_age": "5", "layout": "one_page",
        "opens_on": "31/02/2026"}).get_data(as_text=True)
    assert "There is a problem" in html
    assert "Enter a title" in html
    assert "oldest age must be the same as or older" in html
    assert "Enter a real date" in html


def test_builder_pages_add_change_reorder_and_delete_questions(session, client, officer, surveys):
    survey = surveys.survey([], status="draft")
    chooser = client.get(f"/surveys/{survey.id}/questions/new").get_data(as_text=True)
    assert "Smiley scale" in chooser and "Friends and Family Test" in chooser
    form = client.get(f"/surveys/{survey.id}/questions/new?kind=fft").get_data(as_text=True)
    assert "Overall, how was your experience of our service?" in form
    assert "Words for “Very good”" in form
    client.post(f"/surveys/{survey.id}/questions/new", data={
        "kind": "fft", "text": "How was it?", "is_required": "y",
        **{f"option_labels-{i}": w for i, w in enumerate(
            ["Ace", "Good", "OK", "Not good", "Bad", "Dunno"])}})
    client.post(f"/surveys/{survey.id}/questions/new", data={
        "kind": "single", "text": "What went wrong?", "option_lines": "Waiting\nRude staff"})
    fft = session.scalar(select(Question).where(Question.survey_id == survey.id,
                                                Question.kind == "fft"))
    assert fft.is_required and fft.options[0]["label"] == "Ace"
    response = client.post(f"/surveys/{survey.id}/questions/new", data={
        "kind": "long_text", "text": "Tell us why", "asks_about": "could_improve",
        "max_length": "500", "show_if": [f"{fft.id}:poor", f"{fft.id}:very_poor"]})
    assert response.status_code == 302
    why = session.scalar(select(Question).where(Question.text == "Tell us why"))
    assert why.show_if_question_id == fft.id and why.show_if_values == ["poor", "very_poor"]
    assert why.asks_about == "could_improve" and why.max_length == 500
    overview = client.get(f"/surveys/{survey.id}").get_data(as_text=True)
    assert "Only shown when" in overview and "“Poor” or “Very poor”" in overview
    # Reorder: "What went wrong?" up to the top.
    wrong = session.scalar(select(Question).where(Question.text == "What went wrong?"))
    client.post(f"/surveys/{survey.id}/questions/{wrong.id}/move", data={"direction": "up"})
    assert session.get(Question, wrong.id).position == 1
    # A move that would break skip logic is refused with a message.
    client.post(f"/surveys/{survey.id}/questions/{why.id}/move", data={"direction": "up"})
    client.post(f"/surveys/{survey.id}/questions/{why.id}/move", data={"direction": "up"})
    assert session.get(Question, why.id).position == 3
    # Change the wording.
    client.post(f"/surveys/{survey.id}/questions/{why.id}", data={
        "text": "Tell us more", "asks_about": "could_improve",
        "show_if": [f"{fft.id}:poor"], "code": "tell_more"})
    changed = session.get(Question, why.id)
    assert changed.text == "Tell us more" and changed.show_if_values == ["poor"]
    assert changed.code == "tell_more"
    # Delete needs a confirmation.
    assert client.post(f"/surveys/{survey.id}/questions/{why.id}/delete").status_code == 200
    assert session.get(Question, why.id) is not None
    client.post(f"/surveys/{survey.id}/questions/{why.id}/delete", data={"confirm": "y"})
    assert session.get(Question, why.id) is None


def test_question_form_shows_service_errors_beside_the_field(client, officer, surveys):
    survey = surveys.survey([], status="draft")
    html = client.post(f"/surveys/{survey.id}/questions/new", data={
        "kind": "multiple", "text": "Pick", "option_lines": "Just one"}).get_data(as_text=True)
    assert "Give at least 2 answers" in html and 'id="option_lines-error"' in html


def test_unknown_question_type_is_a_400(client, officer, surveys):
    survey = surveys.survey([], status="draft")
    assert client.get(f"/surveys/{survey.id}/questions/new?kind=dragon").status_code == 400


def test_open_and_close_from_the_overview(session, client, officer, surveys):
    survey = surveys.survey(status="draft")
    client.post(f"/surveys/{survey.id}/open")
    assert session.get(Survey, survey.id).is_open
    client.post(f"/surveys/{survey.id}/close")
    assert session.get(Survey, survey.id).is_closed


def test_start_from_a_template(session, client, officer):
    page = client.get("/surveys/templates").get_data(as_text=True).replace("&#39;", "'")
    assert "Children's Friends and Family Test" in page and "Were our promises kept?" in page
    template = session.scalar(select(Survey).where(Survey.template_key == "visit_today"))
    response = client.post("/surveys/templates", data={"template_id": template.id,
                                                       "title": "Clinic visits"})
    assert response.status_code == 302
    copy = session.scalar(select(Survey).where(Survey.title == "Clinic visits"))
    assert not copy.is_template and len(copy.questions) == len(template.questions)


def test_preview_walks_the_survey_without_saving(session, client, officer, surveys):
    survey = surveys.survey()
    html = client.get(f"/surveys/{survey.id}/preview").get_data(as_text=True)
    assert "Preview" in html and "Nothing you send is saved" in html
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    fft = q(survey, "fft")
    page = client.post(f"/surveys/{survey.id}/preview", data={
        "form_token": token, "step": "0", "action": "next", f"q{fft.id}": "poor"})
    assert "What went wrong?" in page.get_data(as_text=True)
    page = client.post(f"/surveys/{survey.id}/preview", data={
        "form_token": token, "step": "0", "action": "next", f"q{fft.id}": "good"})
    html = page.get_data(as_text=True)
    assert "What went wrong?" not in html and "How was your visit today?" in html
    page = client.post(f"/surveys/{survey.id}/preview", data={
        "form_token": token, "step": "1", "action": "next", f"q{fft.id}": "good"})
    assert "About you" in page.get_data(as_text=True)
    done = client.post(f"/surveys/{survey.id}/preview", data={
        "form_token": token, "step": "2", "action": "send", f"q{fft.id}": "good",
        f"q{q(survey, 'about_age').id}": "11-13"})
    text = done.get_data(as_text=True)
    assert "Preview finished" in text and "Very good" not in text and "Good" in text
    assert "11 to 13" in text
    assert session.scalar(select(func.count(SurveyResponse.id))) == 0


def test_links_qr_codes_posters_and_cards(session, client, officer, surveys, factory):
    service, area = factory.service("School Nursing"), factory.area("Eastmoor")
    survey = surveys.survey(services=[service])
    response = client.post(f"/surveys/{survey.id}/links/new", data={
        "service_id": service.id, "area_id": area.id, "channel": "poster",
        "note": "Reception desk"})
    assert response.status_code == 302
    link = session.scalar(select(SurveyLink).where(SurveyLink.survey_id == survey.id))
    page = client.get(f"/surveys/{survey.id}/links").get_data(as_text=True)
    assert f"voice.test/s/{link.token}" in page and "Reception desk" in page
    duplicate = client.post(f"/surveys/{survey.id}/links/new", data={
        "service_id": service.id, "area_id": area.id, "channel": "poster"})
    assert "already a link" in duplicate.get_data(as_text=True)
    svg = client.get(f"/surveys/{survey.id}/links/{link.id}/qr.svg")
    assert svg.mimetype == "image/svg+xml" and svg.data.startswith(b"<svg")
    png = client.get(f"/surveys/{survey.id}/links/{link.id}/qr.png")
    assert png.mimetype == "image/png" and png.data.startswith(b"\x89PNG")
    poster = client.get(f"/surveys/{survey.id}/links/{link.id}/poster").get_data(as_text=True)
    assert "<svg" in poster and f"voice.test/s/{link.token}" in poster
    assert "don't need to give your name" in poster.replace("&#39;", "'")
    assert q(survey, "fft").text in poster
    assert "/surveys/print.css" in poster
    cards = client.get(f"/surveys/{survey.id}/cards?link={link.id}").get_data(as_text=True)
    assert cards.count('class="survey-card"') == 8
    assert client.get(f"/surveys/{survey.id}/cards?link=abc").status_code == 400
    assert client.get("/surveys/print.css").mimetype == "text/css"
    client.post(f"/surveys/{survey.id}/links/{link.id}/pause")
    assert session.get(SurveyLink, link.id).is_paused


def test_results_page_has_charts_with_data_tables(session, client, officer, surveys):
    survey = surveys.survey()
    link = surveys.link(survey)
    for value in ("very_good", "good", "poor", "dont_know"):
        surveys.response(link, {"fft": value, "better": f"said {value}"})
    html = client.get(f"/surveys/{survey.id}/results").get_data(as_text=True)
    assert "<strong>4</strong> responses" in html
    assert '<svg class="chart" role="img"' in html
    assert "<caption>Answers to “Overall, how was your time with us?”</caption>" in html
    assert "<strong>50.0%</strong>" in html and "<strong>25.0%</strong>" in html
    assert "said poor" in html
    assert "Opened" in html and "Completed" in html
    filtered = client.get(f"/surveys/{survey.id}/results?link={link.id}&date_from=2020-01-01")
    assert filtered.status_code == 200
    junk = client.get(f"/surveys/{survey.id}/results?link=x&date_from=yesterday")
    assert junk.status_code == 200 and "Enter a real date" in junk.get_data(as_text=True)
    more = client.get(f"/surveys/{survey.id}/results/questions/{q(survey, 'better').id}")
    assert more.status_code == 200 and "said good" in more.get_data(as_text=True)
    assert client.get(
        f"/surveys/{survey.id}/results/questions/{q(survey, 'fft').id}").status_code == 404


def test_results_permissions_by_role(session, client, login, factory, surveys):
    own = factory.organisation("Own")
    mine = factory.service(provider=own)
    survey = surveys.survey(services=[mine])
    surveys.link(survey, service=mine)
    url = f"/surveys/{survey.id}/results"
    login(factory.user("commissioner"))
    assert client.get(url).status_code == 200
    assert client.get(f"/surveys/{survey.id}").status_code == 403  # read-only
    assert client.post("/surveys/new", data={"title": "x"}).status_code == 403
    client.post("/sign-out")
    login(factory.user("provider", organisation=own))
    assert client.get(url).status_code == 200
    assert client.get(f"/surveys/{survey.id}/export.csv").status_code == 200
    assert survey.title in client.get("/surveys").get_data(as_text=True)
    client.post("/sign-out")
    login(factory.user("provider"))
    assert client.get(url).status_code == 403
    assert client.get(f"/surveys/{survey.id}/export.xlsx").status_code == 403
    assert survey.title not in client.get("/surveys").get_data(as_text=True)
    refused = session.scalars(select(AuditEvent).where(AuditEvent.action == "permission.denied"))
    assert len(refused.all()) >= 2
    client.post("/sign-out")
    login(factory.user("young_inspector"))
    assert client.get(url).status_code == 403


def test_templates_have_no_results_page(session, client, officer):
    client.get("/surveys/templates")
    template = session.scalar(select(Survey).where(Survey.is_template.is_(True)))
    assert client.get(f"/surveys/{template.id}/results").status_code == 404


def test_delete_a_response_with_a_reason_is_audited(session, client, officer, surveys):
    survey = surveys.survey()
    link = surveys.link(survey)
    keep = surveys.response(link, {"fft": "good", "better": "keep me"})
    gone = surveys.response(link, {"fft": "poor", "better": "test entry please ignore"})
    flagged = surveys.response(link, {"fft": "poor", "better": "I feel unsafe"})
    page = client.get(f"/surveys/{survey.id}/responses").get_data(as_text=True)
    assert page.count("View<span") == 3
    view = client.get(f"/surveys/{survey.id}/responses/{gone.id}").get_data(as_text=True)
    assert "test entry please ignore" in view and "Poor" in view
    refused = client.post(f"/surveys/{survey.id}/responses/{gone.id}", data={"reason": ""})
    assert "Say why you are deleting" in refused.get_data(as_text=True)
    assert session.get(SurveyResponse, gone.id) is not None
    item_id = session.scalar(select(VoiceItem.id).where(VoiceItem.text == "test entry please ignore"))
    response = client.post(f"/surveys/{survey.id}/responses/{gone.id}",
                           data={"reason": "A test by staff"})
    assert response.status_code == 302
    assert session.get(SurveyResponse, gone.id) is None
    assert session.get(SurveyResponse, keep.id) is not None
    # The words go from everywhere, as when the young person deletes them (not only hidden).
    session.expire_all()
    assert session.get(VoiceItem, item_id) is None
    assert session.scalar(select(VoiceItem.id).where(
        VoiceItem.text.contains("test entry please ignore"))) is None
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "survey.response_deleted"))
    assert event.object_id == gone.id and event.detail["reason"] == "A test by staff"
    # A flagged response's words stay with the safeguarding lead only, cut off from the survey.
    client.post(f"/surveys/{survey.id}/responses/{flagged.id}", data={"reason": "Duplicate"})
    assert session.get(SurveyResponse, flagged.id) is None
    kept = session.scalar(select(VoiceItem).where(VoiceItem.text == "I feel unsafe"))
    assert kept.state == "escalated" and kept.withdrawn_at is not None
    assert kept.source_id is None and kept.public_text is None


def test_staff_forms_need_a_csrf_token(client, officer, csrf_app):
    assert client.post("/surveys/new", data={"title": "No token"}).status_code == 400


def test_index_lists_surveys_with_response_counts(client, officer, surveys):
    survey = surveys.survey(title="Listed survey")
    surveys.response(surveys.link(survey), {"fft": "good"})
    html = client.get("/surveys").get_data(as_text=True)
    assert "Listed survey" in html and '<td class="num">1</td>' in html
