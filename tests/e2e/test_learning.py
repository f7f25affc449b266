"""The analysis pages in a real browser: a participation officer reads how the analysis does,
tries the theme rules, changes a theme's words (and sees a clear message for a bad one), and
corrects one item's themes from the moderation page. axe-core checks every page on the way."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.support import (
    PHONE,
    assert_error_summary,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
)
from voice.auth.roles import Role

pytestmark = pytest.mark.e2e


def test_a_participation_officer_tunes_and_corrects_the_analysis(page, new_context, signed_in):
    officer = signed_in(page, Role.PARTICIPATION)

    # ---- the model in use, its scores and its training history ----------------------------------
    officer.goto("/analysis/")
    expect(officer.get_by_role("heading", level=1)).to_have_text("Analysis")
    expect(officer.get_by_role("heading", name="Training history")).to_be_visible()
    expect(officer.get_by_role("button", name="Retrain now")).to_be_visible()
    assert_no_axe_violations(officer)

    # ---- trying the rules out changes nothing ------------------------------------------------------
    officer.get_by_role("link", name="See or change the theme rules").click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Theme rules")
    officer.get_by_label("Try some words").fill("I waited ages for the bus to the youth hub")
    officer.get_by_role("button", name="Try these words").click()
    expect(officer.locator("#tried")).to_contain_text("Waiting times and access")
    assert_no_axe_violations(officer)

    # ---- a bad word gets a message beside the field; a good one is saved ----------------------------
    officer.get_by_role("link", name="Change the words for The place and getting there").click()
    expect(officer.get_by_role("heading", level=1)).to_contain_text("The place and getting there")
    patterns = officer.get_by_label("Words and phrases that find this theme")
    original = patterns.input_value()
    patterns.fill(original + "\n(youth hub")
    officer.get_by_role("button", name="Save the words").click()
    assert_error_summary(officer)
    expect(officer.locator("#patterns-error")).to_contain_text("“(youth hub” cannot be used")
    assert_no_axe_violations(officer)
    officer.get_by_label("Words and phrases that find this theme").fill(original + "\nyouth hub")
    officer.get_by_role("button", name="Save the words").click()
    expect(officer.locator(".notice")).to_contain_text("Saved the words for “The place and getting there”")
    officer.get_by_label("Try some words").fill("the youth hub")
    officer.get_by_role("button", name="Try these words").click()
    expect(officer.locator("#tried")).to_contain_text("Environment, location and travel")
    # Leave the demo rules as they were for other tests.
    officer.get_by_role("link", name="Change the words for The place and getting there").click()
    officer.get_by_role("button", name="Go back to the built-in words").click()
    expect(officer.locator(".notice")).to_contain_text("Saved the words")

    # ---- correcting one item from the moderation page ------------------------------------------------
    officer.goto("/moderation")
    officer.locator(".queue__list a[href^='/moderation/items/']").first.click()
    officer.get_by_role("link", name="Correct the themes or sentiment").click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Correct the analysis")
    assert_no_axe_violations(officer)
    officer.get_by_label("Saying thank you (Compliments and praise)").check()
    officer.get_by_role("button", name="Save").click()
    expect(officer.locator(".notice")).to_contain_text("Correction saved")
    expect(officer.get_by_role("heading", level=1)).to_contain_text("#")

    # ---- on a phone the wide tables scroll inside their box, not the page ---------------------------
    phone = signed_in(new_context(**PHONE).new_page(), Role.PARTICIPATION)
    for address in ("/analysis/", "/analysis/rules"):
        phone.goto(address)
        assert_no_horizontal_scroll(phone)
