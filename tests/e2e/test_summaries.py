"""Summaries in a real browser: a commissioner filters to a service and a quarter, opens a
theme to read young people's approved words, and prints the board report to PDF. axe-core
checks every page on the way, and the charts are read as images with their own text."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.e2e.support import assert_no_axe_violations, assert_no_horizontal_scroll
from voice.auth.roles import Role
from voice.db import utcnow
from voice.directory.models import Service
from voice.loop.models import ModerationState, VoiceItem, VoiceSource
from voice.summaries.periods import current_value, london_today, parse_period

pytestmark = pytest.mark.e2e

SERVICE = "Children and Young People's Mental Health Service (CAMHS)"
WORDS = ["apple", "river", "purple", "tiger", "cloud", "pencil", "garden", "rocket"]


@pytest.fixture()
def quotes(live_server):
    """Six approved, redacted items about waiting for CAMHS this quarter (and one that must
    never be shown), so the theme has enough young people to show their words."""
    marker = " ".join(secrets.choice(WORDS) for _ in range(3))
    when = utcnow() - timedelta(minutes=5)
    with live_server.session() as session:
        service = session.scalars(select(Service).where(Service.name == SERVICE)).one()
        for n in range(6):
            text = f"The wait was far too long, nobody told us anything ({marker} {n})"
            session.add(VoiceItem(
                source=VoiceSource.ANSWER.value, service_id=service.id, text=text,
                redacted_text=text, public_text=text, themes=["waiting_and_access"], sentiment="negative",
                state=ModerationState.APPROVED.value, created_at=when, analysed_at=when))
        secret = f"My name is Jo Bloggs and I feel unsafe at home ({marker})"
        session.add(VoiceItem(
            source=VoiceSource.ANSWER.value, service_id=service.id, text=secret,
            redacted_text=secret, public_text=secret, themes=["waiting_and_access"],
            state=ModerationState.ESCALATED.value, is_safeguarding=True, created_at=when,
            analysed_at=when))
    return marker


def test_a_commissioner_filters_reads_a_theme_and_prints_the_report(
        page, signed_in, quotes, tmp_path):
    signed_in(page, Role.COMMISSIONER)
    page.goto("/summaries/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The whole system")
    assert_no_axe_violations(page)

    # ---- filter to one service and this quarter, with the form (no JavaScript needed) --------
    page.get_by_text("Change what this summary covers").click()
    page.get_by_label("Service (optional)").select_option(label=SERVICE)
    quarter = current_value("quarter", london_today())
    page.get_by_label("Period", exact=True).select_option(value=f"quarter:{quarter}")
    page.get_by_role("button", name="Show summary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SERVICE)
    label = parse_period("quarter", quarter, None, None, london_today()).label
    expect(page.locator(".lede").first).to_contain_text(label)
    assert_no_axe_violations(page)
    assert_no_horizontal_scroll(page)

    # Charts are images with a name, and their figures are in a table beside them.
    chart = page.get_by_role("img", name="Friends and Family Test: percentage positive each month")
    expect(chart).to_be_visible()
    expect(page.get_by_role("table", name="Friends and Family Test: positive, month by month",
                            exact=False)).to_be_visible()

    # ---- open the theme: approved words only, never the safeguarding disclosure --------------
    page.locator("#table-themes a[href*='/summaries/themes/waiting_and_access']").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("what young people said")
    expect(page.get_by_text(f"({quotes} 5)")).to_be_visible()
    expect(page.get_by_text("Jo Bloggs")).to_have_count(0)
    assert_no_axe_violations(page)

    # ---- the board report, printed to PDF on A4 ----------------------------------------------
    page.get_by_role("link", name="Back to the summary").click()
    page.get_by_role("link", name="Board report (print or save as PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SERVICE)
    expect(page.locator(".report-summary")).to_contain_text("survey responses")
    assert_no_axe_violations(page)
    page.emulate_media(media="print")
    expect(page.locator(".header")).to_be_hidden()
    pdf = tmp_path / "board-report.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 2


def test_bad_filters_explain_themselves_in_the_browser(page, signed_in):
    signed_in(page, Role.COMMISSIONER)
    page.goto("/summaries/?period=custom&from=2026-06-01&to=2026-01-01")
    expect(page.get_by_role("heading", level=2, name="There is a problem with the filters")
           ).to_be_visible()
    page.get_by_role("link", name="The start date must be on or before the end date").click()
    expect(page.locator("#from")).to_be_focused()
    assert_no_axe_violations(page)
