"""Moderation in a real browser: wording that still holds a phone number and an email is shown
with what was found highlighted, can't be ticked through, and the redaction is accepted in one
step. axe-core checks the page with the findings on it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.e2e.support import assert_no_axe_violations
from voice.auth.roles import Role
from voice.directory.models import Service
from voice.loop.models import ModerationState, VoiceItem, VoiceSource

pytestmark = pytest.mark.e2e

WORDS = "Please ring me back on 07700 900456 or write to sam.e2e@example.com"


@pytest.fixture()
def item_id(live_server):
    with live_server.session() as session:
        service = session.scalars(select(Service).order_by(Service.id)).first()
        item = VoiceItem(source=VoiceSource.CARD.value, service_id=service.id, text=WORDS,
                         redacted_text=WORDS, themes=[], safeguarding_reasons=[],
                         state=ModerationState.NEW.value)
        session.add(item)
        session.flush()
        return item.id


def test_personal_details_are_highlighted_and_taken_out_in_one_step(page, signed_in, item_id):
    signed_in(page, Role.PARTICIPATION)
    page.goto(f"/moderation/items/{item_id}")
    page.get_by_label("Public wording").fill(WORDS)
    page.get_by_role("button", name="Approve for publication").click()
    found = page.locator("#found")
    expect(found).to_contain_text("Our check found a phone number and an email address")
    expect(found.locator("mark").first).to_contain_text("07700 900456")
    expect(found).to_contain_text("can never be published")
    expect(page.get_by_label("Why may the name stay?")).to_have_count(0)
    assert_no_axe_violations(page)
    found.get_by_role("button", name="Take them out and approve").click()
    expect(page.get_by_role("status")).to_contain_text("Approved for publication.")
    expect(page.get_by_label("Public wording")).to_have_value(
        "Please ring me back on [phone] or write to [email]")
