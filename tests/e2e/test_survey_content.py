"""A survey's own words in Welsh and Arabic in a real browser (issue 15, point 2): a participation
officer writes the Welsh wording on the builder's page for it and previews it; a young person on a 360 x 640 phone answers the survey in Welsh, and the Arabic
page shows the Arabic wording right to left. axe-core finds nothing on any of these pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from surveys.models import Answer, SurveyResponse
from tests.e2e.support import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    open_survey,
)
from voice.auth.roles import Role

pytestmark = pytest.mark.e2e


@pytest.fixture()
def colours(live_server):
    with live_server.session() as session:
        made = open_survey(session, "Colours", [
            {"kind": "single", "code": "colour", "text": "Which colour?", "is_required": True,
             "option_lines": "Red\nBlue",
             "translations": {"ar": {"text": "أي لون؟",
                                     "options": {"red": "أحمر", "blue": "أزرق"}}}},
        ], intro="One question.", translations={"ar": {"title": "الألوان", "intro": "سؤال واحد."}})
        return {"survey_id": made.survey_id, "token": made.token,
                "question_id": made.questions["colour"]}


def test_an_officer_writes_welsh_and_a_young_person_answers_in_it(page, phone_page, signed_in,
                                                                  live_server, colours):
    signed_in(page, Role.PARTICIPATION)
    survey_id = colours["survey_id"]
    page.goto(f"/surveys/{survey_id}")
    page.get_by_role("link", name="Write the Welsh (Cymraeg) wording").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welsh (Cymraeg) wording")
    assert_no_axe_violations(page)

    # The boxes stop at the English limits (maxlength), as the English fields do.
    expect(page.get_by_label("Title")).to_have_attribute("maxlength", "160")
    page.get_by_label("Title").fill("Lliwiau")
    page.get_by_label("Question (optional)", exact=True).fill("Pa liw?")
    page.get_by_label("Words for “Red”").fill("Coch")
    page.get_by_role("button", name="Save Welsh (Cymraeg) wording").click()
    expect(page.get_by_text("Saved the Welsh (Cymraeg) wording.")).to_be_visible()

    page.goto(f"/surveys/{survey_id}/preview?lang=cy")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lliwiau")
    expect(page.get_by_label("Coch")).to_be_visible()
    expect(page.get_by_label("Blue")).to_be_visible()   # not written: the English
    assert_no_axe_violations(page)

    young = phone_page
    young.goto(f"/s/{colours['token']}?lang=cy")
    expect(young.get_by_role("group", name="Pa liw?")).to_be_visible()
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)
    young.get_by_label("Coch").tap()
    with young.expect_navigation():
        young.get_by_role("button", name="Anfon fy atebion").tap()
    expect(young.get_by_role("heading", level=1)).to_have_text("Diolch")

    with live_server.session() as session:
        response = session.scalars(select(SurveyResponse).where(
            SurveyResponse.survey_id == survey_id)).one()
        stored = session.scalars(select(Answer.value).where(
            Answer.response_id == response.id)).all()
        assert (response.language, stored) == ("cy", ["red"])   # canonical, whatever shown


def test_the_arabic_wording_is_right_to_left_on_a_phone(phone_page, colours):
    young = phone_page
    young.goto(f"/s/{colours['token']}?lang=ar")
    expect(young.locator("html")).to_have_attribute("dir", "rtl")
    expect(young.get_by_role("heading", level=1)).to_have_text("الألوان")
    expect(young.get_by_label("أحمر")).to_be_visible()
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)
