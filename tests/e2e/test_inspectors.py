"""Young inspectors in a real browser, at phone size: the provider assesses itself, a young
inspector scores every standard with evidence and sends, the participation officer agrees the
ratings and publishes, and the provider reads the side-by-side grid and responds."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from inspectors.models import Framework, Inspection, InspectionState
from inspectors.services import inspections as ins
from inspectors.services import people
from tests.e2e.support import (
    assert_error_summary,
    assert_no_axe_violations,
    assert_no_cookies,
    assert_no_horizontal_scroll,
    demo_user,
)
from voice.auth.models import User
from voice.auth.roles import Role
from voice.directory.models import Service

pytestmark = pytest.mark.e2e

SERVICE = "Speech and Language Therapy"  # run by the demo provider's trust
# What the young inspector gives each standard of "You're Welcome" (8 standards).
INSPECTOR_RATINGS = ["Green", "Amber", "Green", "Red", "Green", "Amber", "Green", "Green"]
# What the service says about itself (code: rating): YW4 is where they disagree most.
PROVIDER_RATINGS = {"YW1": "green", "YW2": "green", "YW4": "green", "YW8": "amber"}


@pytest.fixture()
def planned(live_server):
    """A planned visit of a demo service, with the demo young inspector as its lead."""
    with live_server.session() as session:
        officer = session.scalars(select(User).where(
            User.username == demo_user(Role.PARTICIPATION).username)).one()
        jordan = session.scalars(select(User).where(
            User.username == demo_user(Role.INSPECTOR).username)).one()
        assert people.profile_for_user(session, jordan.id).is_ready
        service = session.scalars(select(Service).where(Service.name == SERVICE)).one()
        framework = session.scalars(select(Framework).where(
            Framework.family == "youre-welcome", Framework.superseded_at.is_(None))).one()
        start = date.today() + timedelta(days=7)
        inspection = ins.plan_inspection(session, officer, ins.Plan(
            service_id=service.id, framework_id=framework.id, method="visit", visit_from=start,
            visit_to=start, self_assessment_due=start - timedelta(days=1), team_ids=[jordan.id],
            lead_id=jordan.id, officer_id=officer.id,
            brief=f"Test visit {secrets.token_hex(3)}"))
        ids = {s.code: s.id for s in framework.standards}
        return inspection.id, ids


def test_inspection_from_self_assessment_to_provider_response_on_a_phone(
        phone_page, new_context, signed_in, live_server, planned):
    inspection_id, standard_ids = planned
    page = phone_page

    # ---- the provider assesses its service before the visit -------------------------------
    signed_in(page, Role.PROVIDER)
    page.goto(f"/inspections/{inspection_id}")
    page.get_by_role("link", name="Assess your service").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("How does Speech and Language")
    assert_no_axe_violations(page)
    for code, rating in PROVIDER_RATINGS.items():
        page.locator(f"input[name='rating-{standard_ids[code]}'][value='{rating}']").check()
    page.get_by_label("Why? (optional)").first.fill("We answer the phone within a day.")
    page.get_by_role("button", name="Save and send").click()
    expect(page.get_by_role("status").filter(has_text="Your self-assessment has been sent")).to_be_visible()

    # ---- the young inspector scores every standard, one page each ---------------------------
    signed_in(page, Role.INSPECTOR)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Inspections").click()
    page.get_by_role("link", name=SERVICE).first.click()
    page.get_by_role("link", name="Start scoring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your scores")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="YW1: Easy to get to and use").click()
    for number, rating in enumerate(INSPECTOR_RATINGS, start=1):
        expect(page.get_by_text(f"Standard {number} of 8")).to_be_visible()
        if number == 1:
            assert_no_horizontal_scroll(page)
            assert_no_axe_violations(page)
            # Saved as they go: an answer without a rating is kept, and nothing is lost.
            page.get_by_label("What we saw, heard and felt").fill("Half written")
            page.get_by_role("button", name="Save and go back to the list").click()
            expect(page.get_by_text("Not finished")).to_be_visible()
            page.get_by_role("link", name="YW1: Easy to get to and use").click()
            expect(page.get_by_label("What we saw, heard and felt")).to_have_value("Half written")
        page.get_by_label(rating, exact=False).first.check()
        page.get_by_label("What we saw, heard and felt").fill(
            f"Standard {number}: we saw this for ourselves and asked two young people.")
        button = "Save and continue" if number < 8 else "Save and finish"
        page.get_by_role("button", name=button).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your scores")
    expect(page.get_by_text("8 of 8 done")).to_be_visible()

    # A recommendation, written by the young inspector.
    page.get_by_role("link", name="Back to the inspection").click()
    page.get_by_role("link", name="Write recommendations, strengths and quotes").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Add recommendation").click()
    assert_error_summary(page, "Write the recommendation")
    page.get_by_label("Recommendation").fill("Make the waiting room feel less like a "
                                             "children's ward: posters and seats for teenagers.")
    page.get_by_label("Which standard is it about?").select_option(label="YW4: A welcoming place")
    page.get_by_role("button", name="Add recommendation").click()
    expect(page.get_by_role("status").filter(has_text="Recommendation added.")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(f"/inspections/{inspection_id}/scores")
    page.get_by_role("button", name="Send my scores").click()
    expect(page.get_by_role("status").filter(has_text="Your scores have been sent")).to_be_visible()
    expect(page.get_by_text("They cannot be changed now")).to_be_visible()
    assert_no_axe_violations(page)

    # ---- the participation officer agrees the ratings, shares and publishes -----------------
    signed_in(page, Role.PARTICIPATION)
    page.goto(f"/inspections/{inspection_id}")
    page.get_by_role("button", name="Close scoring and agree ratings").click()
    expect(page.get_by_role("status").filter(has_text="Scoring has closed")).to_be_visible()
    page.get_by_role("link", name="Agree the team's ratings").first.click()
    assert_no_axe_violations(page)
    # The team's rating starts from the inspector's; YW4 differs from the service's own view.
    expect(page.locator(f"input[name='team-{standard_ids['YW4']}'][value='red']")).to_be_checked()
    expect(page.get_by_text("YW4: the service rated itself differently, so explain")).to_be_visible()
    reasons = page.get_by_label("Why the team rated it this way")
    reasons.nth(1).fill("Posters were only in the clinic, not in schools.")
    reasons.nth(3).fill(
        "The waiting room was full of toys for small children and nowhere to sit privately.")
    reasons.nth(7).fill("Staff gave us leaflets about feelings, relationships and healthy living.")
    page.get_by_role("button", name="Save the ratings").click()
    expect(page.get_by_role("status").filter(has_text="Ratings saved")).to_be_visible()
    page.get_by_label("I agreed these ratings with the lead inspector").check()
    page.get_by_role("button", name="We agree these ratings").click()
    expect(page.get_by_role("status").filter(has_text="your agreement is recorded")).to_be_visible()

    page.goto(f"/inspections/{inspection_id}")
    page.get_by_role("link", name="Share the report with the service").click()
    page.get_by_role("button", name="Share the report").click()
    expect(page.get_by_role("status").filter(has_text="They have until")).to_be_visible()
    page.get_by_role("link", name="Approve and publish the summary").click()
    page.get_by_role("button", name="Approve and publish").click()
    assert_error_summary(page, "Write a short summary for young people")
    page.get_by_label("Summary for young people").fill(
        "Young inspectors visited speech and language therapy. Staff were kind and explained "
        "things well. The waiting room needs to feel right for teenagers.")
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_role("status").filter(has_text="Published on the service's public page")).to_be_visible()

    # ---- the provider reads the grid and responds ----------------------------------------------
    signed_in(page, Role.PROVIDER)
    page.goto(f"/inspections/{inspection_id}")
    page.get_by_role("link", name="Read the report and respond").click()
    grid = page.get_by_role("table")
    row = grid.get_by_role("row").filter(has_text="YW4: A welcoming place")
    expect(row).to_contain_text("Different view: the service rated itself higher")
    expect(row).to_contain_text("a big difference")
    expect(row).to_contain_text("The waiting room was full of toys")
    expect(grid.get_by_role("row").filter(has_text="YW3: Private, and asked first")).to_contain_text(
        "Only the young inspectors rated this")
    # Jordan chose to be named by first name: services see "Jordan", never a full name.
    expect(page.locator(".lede")).to_contain_text("by Jordan")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Respond to recommendation 1").click()
    assert_no_axe_violations(page)
    page.get_by_label("We will do this").check()
    page.get_by_label("What you will do, or why you cannot").fill(
        "We will ask our young people's group to choose new posters and seating.")
    page.get_by_label("Done by").fill((date.today() + timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Save your response").click()
    expect(page.get_by_role("status").filter(has_text="Your response is saved")).to_be_visible()
    expect(page.locator(".recommendations")).to_contain_text("We will ask our young people's group")

    with live_server.session() as session:
        inspection = session.get(Inspection, inspection_id)
        assert inspection.state == InspectionState.PUBLISHED
        assert inspection.recommendations[0].response == "accepted"
        slug = inspection.service.slug

    # ---- and the public page shows the approved summary, with no names -------------------------
    public = new_context().new_page()
    public.goto(f"/services/{slug}/inspections")
    expect(public.get_by_text("The waiting room needs to feel right for teenagers.")).to_be_visible()
    expect(public.locator("main")).not_to_contain_text("Jordan")
    assert_no_axe_violations(public)
    assert_no_cookies(public)
