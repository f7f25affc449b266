"""Issue 12 in the browser: the calm help after worrying words, and the lead's queue by risk."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from surveys.demo import DEMO_TITLE
from surveys.models import Survey, SurveyLink
from tests.e2e.support import assert_no_axe_violations
from tests.support.factories import Factory
from tests.support.loop_factories import LoopFactory
from voice.auth.roles import Role
from voice.db import utcnow
from voice.loop.models import ModerationState

pytestmark = pytest.mark.e2e


def test_a_flagged_answer_gets_calm_help_on_an_accessible_thank_you_page(page, live_server):
    with live_server.session() as session:
        survey = session.scalars(select(Survey).where(Survey.title == DEMO_TITLE)).first()
        token = session.scalars(select(SurveyLink.token).where(
            SurveyLink.survey_id == survey.id).order_by(SurveyLink.id)).first()
    page.goto(f"/s/{token}")
    page.get_by_label("Really bad").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("What could we do better? (optional)").fill(
        "my stepdad hits me when he has been drinking")
    page.get_by_role("button", name="Send my answers").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for telling us")
    expect(page.get_by_role("heading", name="If you want to talk to someone")).to_be_visible()
    expect(page.get_by_text("Childline: 0800 1111")).to_be_visible()
    expect(page.get_by_text("We don't know who you are, so we can't contact you")).to_be_visible()
    body = page.locator("main").inner_text().lower()
    assert "not be safe" not in body and "confidential" not in body
    assert page.get_by_role("alert").count() == 0
    assert_no_axe_violations(page)


def test_the_lead_reads_the_queue_by_risk_and_clears_a_false_flag(page, signed_in, live_server):
    tag = secrets.token_hex(3)
    now = utcnow()
    with live_server.session() as session:
        factory = Factory(session)
        lead = factory.user(Role.SAFEGUARDING, display_name=f"Lead {tag}")
        service = factory.service(f"Harbour Drop-in {tag}", safeguarding_lead=lead)
        loop = LoopFactory(factory)
        for text, reasons, hours in (
            (f"they call me names on the bus {tag}", ["bullying"], 48),
            (f"my uncle hits me {tag}", ["abuse"], 20),
            (f"waiting for camhs is pointless {tag}", ["worded_like_a_disclosure"], 30),
            (f"i keep thinking about ending it all {tag}", ["suicidal_thoughts"], 1),
        ):
            item = loop.item(service, text=text, state=ModerationState.ESCALATED,
                             is_safeguarding=True, safeguarding_reasons=reasons)
            item.escalated_at = now - timedelta(hours=hours)

    signed_in(page, username=lead.username, password=Factory.PASSWORD)
    page.goto("/safeguarding")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_contain_text("Risk to life")
    expect(rows.nth(0)).to_contain_text(f"i keep thinking about ending it all {tag}")
    expect(rows.nth(0)).to_contain_text("1 hour ago")
    expect(rows.nth(1)).to_contain_text("Abuse or exploitation")
    expect(rows.nth(2)).to_contain_text(f"they call me names on the bus {tag}")  # oldest other
    expect(rows.nth(3)).to_contain_text(f"waiting for camhs is pointless {tag}")
    expect(rows.nth(3)).to_contain_text("No rule matched, but it is worded like a disclosure")
    assert_no_axe_violations(page)

    rows.nth(3).get_by_role("link").click()
    page.get_by_label("Not a safeguarding concern", exact=False).check()
    page.get_by_label("Your note").fill("A complaint about the waiting list")
    page.get_by_role("button", name="Save decision").click()
    # back on the queue, without the item: it has gone back to ordinary moderation
    expect(page).to_have_url(f"{live_server.url}/safeguarding")
    expect(page.locator("tbody tr")).to_have_count(3)
    expect(page.locator("tbody")).not_to_contain_text(f"waiting for camhs is pointless {tag}")
