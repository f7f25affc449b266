"""Deleting by the young person (issue 15) in a real browser: on a 360 x 640 phone, a young person
deletes their action card with its follow-up code and sees it gone from the "you said, we did"
board (the promise stays, without their words); another deletes their survey answers from the
thank-you page with JavaScript off. axe-core checks every page on the way."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from surveys.demo import DEMO_TITLE
from surveys.models import Survey, SurveyLink, SurveyResponse
from tests.e2e.support import (
    assert_no_axe_violations,
    assert_no_cookies,
    assert_no_horizontal_scroll,
)
from voice.auth.models import User
from voice.auth.roles import Role
from voice.directory.models import Service
from voice.loop import commitments, moderation
from voice.loop.models import ActionCard, CardLink, VoiceItem
from voice.loop.rag import today_in_london

pytestmark = pytest.mark.e2e

SERVICE = "Autism and ADHD Assessment"
WORDS = ["apple", "river", "purple", "tiger", "cloud", "pencil", "garden", "rocket", "violin",
         "maple", "ocean", "lemon", "comet", "forest", "candle", "meadow"]


def _marker() -> str:
    return " ".join(secrets.choice(WORDS) for _ in range(3))


def test_a_young_person_deletes_their_card_and_it_leaves_the_board(phone_page, live_server):
    young = phone_page
    marker = _marker()
    words = f"Put a clock in the waiting room so we know how long ({marker})"
    with live_server.session() as session:
        service = session.scalars(select(Service).where(Service.name == SERVICE)).one()
        token = session.scalars(select(CardLink.token).where(
            CardLink.service_id == service.id).order_by(CardLink.id)).first()
        slug, service_id, provider_id = service.slug, service.id, service.provider_id

    # ---- the young person sends a card and keeps the follow-up code -----------------------------
    young.goto(f"/card/{token}")
    young.get_by_label("Start: they should start doing something new").check()
    young.get_by_label("What should they stop, start or change?").fill(words)
    young.get_by_role("button", name="Send my card").click()
    expect(young.get_by_role("heading", level=1)).to_have_text("We have received your card")
    young.get_by_role("button", name="Get a follow-up code").click()
    code = young.locator("#code").inner_text().strip()

    # ---- the participation team publishes it and a promise quotes it ------------------------------
    we_will = f"Put a clock with the waiting time on the wall ({marker})"
    with live_server.session() as session:
        officer = session.scalars(select(User).where(
            User.role == Role.PARTICIPATION.value).order_by(User.id)).first()
        item = session.scalars(select(VoiceItem).where(VoiceItem.text.contains(marker))).one()
        moderation.approve_item(session, officer, item, public_text=words)
        commitments.create_commitment(
            session, officer, you_said=words, we_will=we_will, owner_organisation_id=provider_id,
            due_date=today_in_london() + timedelta(days=60), voice_item_ids=[item.id],
            service_id=service_id, is_public=True)

    young.goto(f"/you-said-we-did/{slug}")
    promise = young.locator("article", has_text=we_will)
    expect(promise).to_contain_text(words)
    expect(promise).to_contain_text("1 young person")

    # ---- changed their mind: /check, then "Delete my card" ---------------------------------------
    young.goto("/check")
    young.get_by_label("Your follow-up code").fill(code)
    young.get_by_role("button", name="Check my card").click()
    expect(young.get_by_role("heading", name="Changed your mind?")).to_be_visible()
    young.get_by_role("button", name="Delete my card").click()
    expect(young.get_by_role("heading", level=1)).to_have_text("Delete your card?")
    expect(young.get_by_text("keep that part so the person whose job is to keep young people "
                             "safe can still read it", exact=False)).to_be_visible()
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)
    young.get_by_role("button", name="Yes, delete my card").click()
    expect(young.get_by_role("heading", level=1)).to_have_text("Your card has been deleted")
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)
    assert_no_cookies(young)

    # ---- gone from the board; the promise stays, without their words -----------------------------
    young.goto(f"/you-said-we-did/{slug}")
    promise = young.locator("article", has_text=we_will)
    expect(promise).to_be_visible()
    expect(promise).not_to_contain_text(words)
    expect(promise).not_to_contain_text("1 young person")
    expect(young.get_by_text(words)).to_have_count(0)
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)

    # ---- and the code no longer finds anything ----------------------------------------------------
    young.goto("/check")
    young.get_by_label("Your follow-up code").fill(code)
    young.get_by_role("button", name="Check my card").click()
    expect(young.get_by_text("We can't find that code", exact=False).first).to_be_visible()
    with live_server.session() as session:
        assert session.scalars(select(VoiceItem).where(VoiceItem.text.contains(marker))).first() \
            is None
        assert session.scalars(select(ActionCard).where(ActionCard.what.contains(marker))).first() \
            is None


def test_survey_answers_are_deleted_from_the_thank_you_page_without_javascript(
        no_js_page, live_server):
    page = no_js_page
    marker = _marker()
    with live_server.session() as session:
        survey = session.scalars(select(Survey).where(Survey.title == DEMO_TITLE)).first()
        token = session.scalars(select(SurveyLink.token).where(
            SurveyLink.survey_id == survey.id).order_by(SurveyLink.id)).first()
        before = len(session.scalars(select(SurveyResponse.id).where(
            SurveyResponse.survey_id == survey.id)).all())
    page.goto(f"/s/{token}")
    page.get_by_label("Really good").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("What was good? (optional)").fill(f"The nurse listened ({marker})")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.get_by_role("heading", name="Changed your mind?")).to_be_visible()
    page.get_by_role("link", name="Delete my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete your answers?")
    page.get_by_role("button", name="Yes, delete my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answers have been deleted")
    assert page.context.cookies() == []
    with live_server.session() as session:
        assert session.scalars(select(VoiceItem).where(VoiceItem.text.contains(marker))).first() \
            is None
        assert len(session.scalars(select(SurveyResponse.id).where(
            SurveyResponse.survey_id == survey.id)).all()) == before


def test_the_deletion_pages_for_answers_are_accessible_on_a_phone(phone_page, live_server):
    young = phone_page
    with live_server.session() as session:
        survey = session.scalars(select(Survey).where(Survey.title == DEMO_TITLE)).first()
        token = session.scalars(select(SurveyLink.token).where(
            SurveyLink.survey_id == survey.id).order_by(SurveyLink.id)).first()
    young.goto(f"/s/{token}")
    young.get_by_label("Really good").check()
    young.get_by_role("button", name="Continue").click()
    young.get_by_role("button", name="Send my answers").click()
    expect(young.get_by_role("heading", level=1)).to_have_text("Thank you")
    assert_no_axe_violations(young)
    young.get_by_role("link", name="Delete my answers").click()
    expect(young.get_by_role("heading", level=1)).to_have_text("Delete your answers?")
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)
    young.get_by_role("button", name="Yes, delete my answers").click()
    expect(young.get_by_role("heading", level=1)).to_have_text("Your answers have been deleted")
    assert_no_axe_violations(young)
    # A bad receipt: a plain page, also accessible.
    young.goto(f"/s/{token}/thanks/{'a' * 26}/delete")
    expect(young.get_by_role("heading", level=1)).to_have_text("We can't find these answers")
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)
