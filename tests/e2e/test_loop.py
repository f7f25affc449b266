"""The feedback loop in a real browser: a young person raises an action card from its QR link
and keeps the follow-up code; a participation officer approves it and makes a commitment from
it; the provider marks it done; the young person's /check shows "done" with the "we did" words
and the public board shows it green. axe-core checks every public page on the way."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.e2e.support import (
    assert_error_summary,
    assert_no_axe_violations,
    assert_no_cookies,
    assert_no_horizontal_scroll,
    page_weight,
)
from voice.auth.roles import Role
from voice.directory.models import Service
from voice.loop.models import CardLink
from voice.loop.rag import today_in_london

pytestmark = pytest.mark.e2e

SERVICE = "Autism and ADHD Assessment"  # run by the demo provider's trust
PROVIDER_PERSON = "Sam Taylor"
WORDS = ["apple", "river", "purple", "tiger", "cloud", "pencil", "garden", "rocket", "violin",
         "maple", "ocean", "lemon", "comet", "forest", "candle", "meadow"]


@pytest.fixture()
def card_link(live_server):
    """The demo card link (QR code) for the service, and the service's public slug."""
    with live_server.session() as session:
        service = session.scalars(select(Service).where(Service.name == SERVICE)).one()
        link = session.scalars(select(CardLink).where(CardLink.service_id == service.id)
                               .order_by(CardLink.id)).first()
        assert link is not None, "voice demo should make a card link for every demo service"
        return link.token, service.slug, service.id


def test_a_card_becomes_a_promise_that_is_kept_and_checked(
        phone_page, new_context, signed_in, live_server, card_link):
    token, slug, service_id = card_link
    marker = " ".join(secrets.choice(WORDS) for _ in range(3))  # tells this run's card apart
    words = f"Tell us how long the wait is, it has been months ({marker})"
    we_did = f"We now text everyone on the waiting list every month ({marker})"
    young = phone_page

    # ---- a young person scans the QR code: a small page, no cookies, no account --------------
    weight = page_weight(young, f"/card/{token}")
    assert weight.html <= 14_000 and weight.total <= 30_000, str(weight)
    expect(young.get_by_role("heading", level=1)).to_have_text(
        f"What should {SERVICE} stop, start or change?")
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)
    young.get_by_role("button", name="Send my card").click()
    assert_error_summary(young, "Choose stop, start or change",
                         "Tell us what they should stop, start or change")
    assert_no_axe_violations(young)
    young.get_by_label("Change: they should do something differently").check()
    young.get_by_label("What should they stop, start or change?").fill(words)
    young.get_by_label("Why does it matter to you?").fill("Waiting and not knowing is the worst bit")
    young.get_by_label("14 or 15").check()
    young.get_by_role("button", name="Send my card").click()
    expect(young.get_by_role("heading", level=1)).to_have_text("We have received your card")
    assert_no_axe_violations(young)
    assert_no_cookies(young)

    # ---- …and keeps the follow-up code, saving it as a note ---------------------------------------
    young.get_by_role("button", name="Get a follow-up code").click()
    expect(young.get_by_role("heading", level=1)).to_have_text("Your follow-up code")
    code = young.locator("#code").inner_text().strip()
    assert re.fullmatch(r"[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}", code), code
    assert_no_axe_violations(young)
    with young.expect_download() as download:
        young.get_by_role("button", name="Save as a note").click()
    assert download.value.suggested_filename == "voice-follow-up-code.txt"
    assert code in open(download.value.path(), encoding="utf-8").read()

    young.goto("/check")
    young.get_by_label("Your follow-up code").fill(code.lower())
    young.get_by_role("button", name="Check my card").click()
    expect(young.get_by_text("Not yet. A person will read it soon.")).to_be_visible()
    assert_no_axe_violations(young)

    # ---- the participation officer approves it and makes a commitment from it ------------------
    officer = new_context().new_page()
    signed_in(officer, Role.PARTICIPATION)
    officer.goto(f"/moderation?service={service_id}&source=card")
    officer.get_by_role("link", name=re.compile(re.escape(words[:40]))).click()
    expect(officer.get_by_role("heading", level=1)).to_contain_text("Action card #")
    assert_no_axe_violations(officer)
    # The wording starts from the analyser's redacted copy; the officer writes the final words.
    expect(officer.get_by_label("Public wording")).to_have_value(
        re.compile(r"^Change: Tell us how long the wait is"))
    officer.get_by_label("Public wording").fill(words)
    officer.get_by_role("button", name="Approve for publication").click()
    expect(officer.get_by_role("status")).to_contain_text("Approved for publication.")
    officer.get_by_role("link", name="Make a commitment from this").click()
    assert_no_axe_violations(officer)
    officer.get_by_label("You said", exact=True).fill("Waiting is hard when nobody tells you how long it will be")
    officer.get_by_label("We will", exact=True).fill("Text everyone on the waiting list every month")
    officer.get_by_label("Owner (person)").select_option(
        label=f"{PROVIDER_PERSON} (Northdale Healthcare NHS Foundation Trust)")
    officer.get_by_label("Done by").fill((today_in_london() + timedelta(days=90)).isoformat())
    officer.get_by_label("Show it on the public \"you said, we did\" board now").check()
    officer.get_by_role("button", name="Save commitment").click()
    expect(officer.get_by_role("status")).to_contain_text("Commitment made.")
    expect(officer.get_by_text("Amber: on track")).to_be_visible()
    assert_no_axe_violations(officer)
    commitment_url = officer.url

    # ---- the provider marks it done -------------------------------------------------------------
    provider = new_context().new_page()
    signed_in(provider, Role.PROVIDER)
    provider.goto(commitment_url)
    provider.get_by_role("link", name="Update progress").click()
    provider.get_by_label("Done", exact=True).check()
    provider.get_by_role("button", name="Save progress").click()
    assert_error_summary(provider, "Say what was done, in words young people will understand")
    provider.get_by_label("Done", exact=True).check()
    provider.get_by_label("We did").fill(we_did)
    provider.get_by_role("button", name="Save progress").click()
    expect(provider.get_by_role("status")).to_contain_text("Progress saved.")
    expect(provider.locator(".rag--green")).to_have_text("Green: done")

    # ---- the young person's /check shows "done" with the "we did" words -------------------------
    young.goto("/check")
    young.get_by_label("Your follow-up code").fill(code)
    young.get_by_role("button", name="Check my card").click()
    expect(young.get_by_text("They did it.")).to_be_visible()
    expect(young.get_by_text(we_did)).to_be_visible()
    expect(young.locator(".rag--green").first).to_have_text("Green: done")
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)

    # ---- and the public board shows it green ----------------------------------------------------------
    young.goto(f"/you-said-we-did/{slug}")
    promise = young.locator("article", has_text=we_did)
    expect(promise.locator(".rag")).to_have_text("Green: done")
    expect(promise).to_contain_text("1 young person")
    assert_no_axe_violations(young)
    young.goto(f"/you-said-we-did?service={slug}")
    expect(young.locator("article", has_text=we_did).locator(".rag--green")).to_be_visible()
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)


def test_public_loop_pages_are_accessible_and_small(page, live_server, card_link):
    _, slug, _ = card_link
    for path in ("/you-said-we-did", f"/you-said-we-did/{slug}", f"/you-said-we-did/{slug}/poster",
                 "/check"):
        weight = page_weight(page, path)
        assert weight.html <= 14_000, f"{path}: {weight}"
        assert_no_axe_violations(page)
        assert_no_cookies(page)
    page.goto("/check")
    page.get_by_label("Your follow-up code").fill("ABC-DEF-GHJ")
    page.get_by_role("button", name="Check my card").click()
    assert_error_summary(page, "We can't find that code. Check it and try again.")
    assert_no_axe_violations(page)


def test_a_card_can_be_sent_without_javascript(no_js_page, card_link):
    token, _, _ = card_link
    page = no_js_page
    page.goto(f"/card/{token}")
    page.get_by_label("Stop: they should stop doing something").check()
    page.get_by_label("What should they stop, start or change?").fill(
        "Stop cancelling appointments on the day")
    page.get_by_role("button", name="Send my card").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("We have received your card")
    page.get_by_role("button", name="Get a follow-up code").click()
    expect(page.locator("#code")).to_have_text(re.compile(r"^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}$"))


def test_staff_loop_pages_are_accessible(page, signed_in, live_server):
    signed_in(page, Role.PARTICIPATION)
    for path in ("/moderation", "/commitments", "/commitments/new", "/action-cards",
                 "/action-cards/paper", "/notifications", "/safeguarding"):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_no_axe_violations(page)
    page.goto("/action-cards")
    page.get_by_role("table").get_by_role("link").first.click()
    expect(page.locator(".qr svg")).to_be_visible()
    assert_no_axe_violations(page)
