"""Surveys in a real browser: a young person on a 360 x 640 phone answers every type of question,
by touch and by keyboard, and sees the thank-you page; it also works with JavaScript off; axe-core
finds nothing on any public survey page or on the builder."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from surveys.demo import DEMO_TITLE
from surveys.models import Survey, SurveyLink, SurveyResponse
from tests.e2e.support import (
    assert_error_summary,
    assert_no_axe_violations,
    assert_no_cookies,
    assert_no_horizontal_scroll,
    assert_skip_link_works,
    open_survey,
    page_weight,
)
from tests.support.surveys_factories import EVERY_TYPE
from voice.auth.roles import Role

pytestmark = pytest.mark.e2e


def tap_and_wait(page, button: str) -> None:
    """Tap a button that sends the form, and wait for the next page."""
    with page.expect_navigation():
        page.get_by_role("button", name=button).tap()

SERVICE = "School Nursing"
PLACE = "Eastmoor"


@pytest.fixture()
def every_type(live_server):
    """An open survey with every question type (and skip logic), with a poster link."""
    with live_server.session() as session:
        made = open_survey(session, "Every question", EVERY_TYPE, service=SERVICE, place=PLACE,
                           intro="A test survey with every kind of question.")
        return {"survey_id": made.survey_id, "token": made.token, "link_id": made.link_id}


@pytest.fixture()
def demo_token(live_server):
    with live_server.session() as session:
        survey = session.scalars(select(Survey).where(Survey.title == DEMO_TITLE)).first()
        assert survey is not None, "voice demo should open the demo survey"
        return session.scalars(select(SurveyLink.token).where(
            SurveyLink.survey_id == survey.id).order_by(SurveyLink.id)).first()


def test_a_young_person_answers_every_question_type_on_a_phone(phone_page, live_server,
                                                               every_type):
    young = phone_page
    token = every_type["token"]

    # ---- the first page: small, no cookies, accessible, fits the phone ---------------------
    weight = page_weight(young, f"/s/{token}")
    assert weight.html <= 14_000 and weight.total <= 30_000, str(weight)
    expect(young.get_by_role("heading", level=1)).to_contain_text("Every question")
    expect(young.get_by_text("You don't need to give your name")).to_be_visible()
    expect(young.get_by_role("link", name="Get help now", exact=True)).to_be_visible()
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)
    assert_skip_link_works(young)

    # Nothing chosen: an error summary and a message at the question.
    tap_and_wait(young, "Continue")
    assert_error_summary(young, "Choose an answer")
    assert_no_axe_violations(young)

    # ---- Friends and Family Test by touch (poor, so the follow-up question is asked) ---------
    young.get_by_label("Not good").tap()
    expect(young.get_by_label("Not good")).to_be_checked()
    tap_and_wait(young, "Continue")
    expect(young.get_by_text("What went wrong?")).to_be_visible()
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)

    # single choice by touch; smiley by keyboard; multiple by touch and keyboard
    young.get_by_label("Not listened to").tap()
    smiley = young.get_by_role("group", name="How was your visit today? (optional)")
    smiley.get_by_role("radio", name="Really good").focus()
    young.keyboard.press("ArrowDown")  # radios move with the arrow keys: now "Good"
    expect(smiley.get_by_role("radio", name="Good", exact=True)).to_be_checked()
    young.get_by_label("On time").tap()
    young.get_by_label("Friendly staff").focus()
    young.keyboard.press("Space")
    expect(young.get_by_label("Friendly staff")).to_be_checked()
    # yes / no / not sure by keyboard
    listened = young.get_by_role("group", name="Did you feel listened to? (optional)")
    listened.get_by_label("Yes").focus()
    young.keyboard.press("ArrowDown")
    young.keyboard.press("ArrowDown")
    expect(listened.get_by_label("Not sure")).to_be_checked()
    # short and long text, and a number, typed
    young.get_by_label("One word for us? (optional)").tap()
    young.keyboard.type("Slow 🐢")
    young.get_by_label("What could we do better? (optional)").focus()
    young.keyboard.type("Ask me, not my mum. شكرا")
    young.get_by_label("How many times have you been? (optional)").focus()
    young.keyboard.type("lots")
    with young.expect_navigation():
        young.keyboard.press("Enter")  # submits the form from the keyboard
    assert_error_summary(young, "Enter a whole number using digits, like 3")
    expect(young.get_by_label("One word for us? (optional)")).to_have_value("Slow 🐢")
    assert_no_axe_violations(young)
    young.get_by_label("How many times have you been? (optional)").fill("4")
    tap_and_wait(young, "Continue")

    # ---- about you: every question optional, each with "prefer not to say" ---------------------
    expect(young.get_by_role("heading", name="About you")).to_be_visible()
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)
    young.get_by_label("14 or 15").tap()
    young.get_by_label("How would you describe your gender? (optional)").fill("non-binary")
    young.get_by_label("Mixed or multiple ethnic groups").tap()
    disability = young.get_by_role("group", name="Do you have a disability, or special "
                                                  "educational needs (SEND)? (optional)")
    disability.get_by_label("Prefer not to say").tap()
    care = young.get_by_role("group", name="Are you in care now, or have you been in care? "
                                           "(optional)")
    care.get_by_label("No", exact=True).focus()
    young.keyboard.press("Space")
    # The young carer question is left unanswered: that is fine.
    tap_and_wait(young, "Back")
    expect(young.get_by_label("What could we do better? (optional)")).to_have_value(
        "Ask me, not my mum. شكرا")
    tap_and_wait(young, "Continue")
    young.get_by_label("14 or 15").tap()
    tap_and_wait(young, "Send my answers")

    # ---- thank you --------------------------------------------------------------------------------
    expect(young.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(young.get_by_text("Your answers have been sent.")).to_be_visible()
    expect(young.get_by_role("link", name=f"see what {SERVICE} is doing")).to_be_visible()
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)
    assert_no_cookies(young)

    with live_server.session() as session:
        responses = session.scalars(select(SurveyResponse).where(
            SurveyResponse.survey_id == every_type["survey_id"])).all()
        assert len(responses) == 1
        survey = session.get(Survey, every_type["survey_id"])
        by_id = {q.id: q.code for q in survey.questions}
        stored = {}
        for answer in responses[0].answers:
            stored.setdefault(by_id[answer.question_id], []).append(answer.value)
    assert stored == {
        "fft": ["poor"], "why_poor": ["not_listened_to"], "visit": ["4"],
        "good_bits": ["on_time", "friendly_staff"], "listened": ["not_sure"],
        "one_word": ["Slow 🐢"], "better": ["Ask me, not my mum. شكرا"], "visits": ["4"],
        "about_age": ["14-15"], "about_gender": ["non-binary"], "about_ethnicity": ["mixed"],
        "about_disability": ["prefer_not"], "about_care": ["no"]}


def test_the_survey_works_with_javascript_off(no_js_page, live_server, demo_token):
    page = no_js_page
    page.goto(f"/s/{demo_token}")
    page.get_by_label("Really good").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("What was good? (optional)").fill("The nurse listened 😊")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    assert page.context.cookies() == []


def test_worrying_words_get_help_now_on_the_thank_you_page(phone_page, live_server, demo_token):
    young = phone_page
    young.goto(f"/s/{demo_token}")
    young.get_by_label("Really bad").tap()
    tap_and_wait(young, "Continue")
    young.get_by_label("What could we do better? (optional)").fill(
        "my stepdad hits me and I don't feel safe at home")
    tap_and_wait(young, "Send my answers")
    expect(young.get_by_role("heading", level=1)).to_have_text("Thank you for telling us")
    expect(young.get_by_text("Childline: 0800 1111")).to_be_visible()
    expect(young.get_by_text("Shout: text SHOUT to 85258")).to_be_visible()
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)


def test_paused_closed_and_unknown_links_are_friendly_and_accessible(page, live_server,
                                                                   every_type):
    page.goto("/s/zzzzzzz")
    expect(page.get_by_role("heading", level=1)).to_have_text("Survey not found")
    assert_no_axe_violations(page)
    with live_server.session() as session:
        session.get(SurveyLink, every_type["link_id"]).is_paused = True
    page.goto(f"/s/{every_type['token']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("This survey is paused")
    assert_no_axe_violations(page)
    with live_server.session() as session:
        survey = session.get(Survey, every_type["survey_id"])
        session.get(SurveyLink, every_type["link_id"]).is_paused = False
        survey.status = "closed"
        survey.closed_message = "Thank you! Results will be on the clinic noticeboard in June."
    page.goto(f"/s/{every_type['token']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("This survey has closed")
    expect(page.get_by_text("clinic noticeboard in June")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_builder_is_accessible_from_start_to_results(page, signed_in, live_server,
                                                        every_type):
    signed_in(page, Role.PARTICIPATION)
    survey_id = every_type["survey_id"]
    checks = [
        "/surveys", "/surveys/new", "/surveys/templates", f"/surveys/{survey_id}",
        f"/surveys/{survey_id}/edit", f"/surveys/{survey_id}/questions/new",
        f"/surveys/{survey_id}/questions/new?kind=fft",
        f"/surveys/{survey_id}/questions/new?kind=single",
        f"/surveys/{survey_id}/questions/new?kind=long_text",
        f"/surveys/{survey_id}/links", f"/surveys/{survey_id}/links/new",
        f"/surveys/{survey_id}/links/{every_type['link_id']}/poster",
        f"/surveys/{survey_id}/cards", f"/surveys/{survey_id}/preview",
        f"/surveys/{survey_id}/results", f"/surveys/{survey_id}/responses",
    ]
    for path in checks:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_no_axe_violations(page)

    # Build a survey through the pages: errors first, then a question with skip logic.
    page.goto("/surveys/new")
    page.get_by_role("button", name="Save survey").click()
    assert_error_summary(page, "Enter a title")
    assert_no_axe_violations(page)
    page.get_by_label("Title").fill("After your appointment")
    page.get_by_role("button", name="Save survey").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("After your appointment")
    page.get_by_role("link", name="Add a question").click()
    page.get_by_label("Yes / no / not sure").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Question", exact=True).fill("Were you seen on time?")
    page.get_by_role("button", name="Save question").click()
    page.get_by_role("link", name="Add a question").click()
    page.get_by_label("Long text").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Question", exact=True).fill("How long did you wait?")
    page.get_by_label("What could be better").check()
    page.get_by_label("No", exact=True).check()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save question").click()
    expect(page.get_by_text("Only shown when")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Open survey").click()
    expect(page.get_by_text("The survey is open")).to_be_visible()
    assert_no_axe_violations(page)
