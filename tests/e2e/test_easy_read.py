"""Easy read in a real browser (issue 15, point 3): a young person on a 360 x 640 phone answers a
survey in easy read, from the first page to deleting their answers; easy read in Arabic is right
to left with its pictures mirrored; axe-core finds nothing; the pages stay within the budget.

(A young person answering in Welsh at 360 x 640 is tests/e2e/test_languages.py.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.support import (
    assert_error_summary,
    assert_no_axe_violations,
    assert_no_cookies,
    assert_no_horizontal_scroll,
    page_weight,
)

pytestmark = pytest.mark.e2e


def check_page(page, *, rtl: bool = False) -> None:
    """Easy read is on, every picture is drawn, and the page is accessible and fits the phone."""
    expect(page.locator("body")).to_have_class("public easy")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if rtl else "ltr")
    pictures = page.locator("img.easy-pic")
    for i in range(pictures.count()):
        expect(pictures.nth(i)).to_have_attribute("alt", "")
        assert pictures.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")
    assert_no_axe_violations(page)
    assert_no_horizontal_scroll(page)


def test_a_young_person_answers_a_survey_in_easy_read_on_a_phone(phone_page, short_survey):
    young = phone_page
    young.goto(f"/s/{short_survey}")
    with young.expect_navigation():
        young.get_by_role("link", name="Easy read").tap()
    assert "read=easy" in young.url
    weight = page_weight(young, f"/s/{short_survey}?read=easy")
    assert weight.html <= 14_000 and weight.total <= 30_000, str(weight)
    expect(young.get_by_text("There are no right or wrong answers.")).to_be_visible()
    expect(young.get_by_text("You do not need to give your name.")).to_be_visible()
    check_page(young)

    with young.expect_navigation():
        young.get_by_role("button", name="Send my answers").tap()
    assert_error_summary(young)
    check_page(young)

    young.get_by_label("Really good").tap()
    young.get_by_label("What could be better? (you can skip this)").fill("More time with the nurse")
    with young.expect_navigation():
        young.get_by_role("button", name="Send my answers").tap()
    expect(young.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(young.get_by_text("People at School Nursing will read your answers.")).to_be_visible()
    check_page(young)
    assert_no_cookies(young)

    with young.expect_navigation():
        young.get_by_role("link", name="Delete my answers").tap()
    expect(young.get_by_role("heading", level=1)).to_have_text("Delete your answers?")
    expect(young.get_by_text("You cannot undo this.")).to_be_visible()
    check_page(young)
    with young.expect_navigation():
        young.get_by_role("button", name="Yes, delete my answers").tap()
    expect(young.get_by_role("heading", level=1)).to_have_text("Your answers have been deleted")
    check_page(young)
    # Back to the standard version, on the same page.
    with young.expect_navigation():
        young.get_by_role("link", name="Standard version").tap()
    expect(young.locator("body")).to_have_class("public")
    assert "read=easy" not in young.url


def test_easy_read_in_arabic_is_right_to_left_on_a_phone(phone_page, short_survey):
    young = phone_page
    weight = page_weight(young, f"/s/{short_survey}?lang=ar&read=easy")
    assert weight.html <= 14_000 and weight.total <= 30_000, str(weight)
    expect(young.get_by_text("لا توجد إجابات صحيحة أو خاطئة.")).to_be_visible()
    # Right to left: each picture sits to the right of its words.
    line = young.locator(".easy-line").first
    picture = line.locator("img.easy-pic").bounding_box()
    words = line.locator(".easy-words").bounding_box()
    assert picture["x"] > words["x"] + words["width"] - 1
    check_page(young, rtl=True)


@pytest.mark.parametrize("path", ["/help?lang=ar&read=easy", "/privacy?lang=ar&read=easy",
                                  "/check?lang=ar&read=easy", "/help?lang=cy&read=easy",
                                  "/privacy?read=easy",
                                  # the start page, the statement, the boards and an error page
                                  "/?read=easy", "/?lang=ar&read=easy",
                                  "/accessibility?read=easy", "/accessibility?lang=ar&read=easy",
                                  "/you-said-we-did?read=easy", "/you-said-we-did?lang=ar&read=easy",
                                  "/you-said-we-did/school-nursing?read=easy",
                                  "/you-said-we-did/school-nursing?lang=ar&read=easy",
                                  "/no-such-page?read=easy", "/no-such-page?lang=ar&read=easy"])
def test_easy_read_pages_pass_axe_on_a_phone(phone_page, live_server, path):
    young = phone_page
    weight = page_weight(young, path)
    assert weight.html <= 14_000 and weight.total <= 30_000, str(weight)
    check_page(young, rtl="lang=ar" in path)


@pytest.mark.parametrize(("lang", "send", "get_code", "check", "heading"), [
    ("en", "Send my card", "Get a follow-up code", "Check my card", "What happened to your card"),
    ("ar", "أرسل بطاقتي", "احصل على رمز متابعة", "تحقق من بطاقتي", "ماذا حدث لبطاقتك"),
])
def test_what_happened_to_a_card_in_easy_read_on_a_phone(phone_page, card_token, lang, send,
                                                         get_code, check, heading):
    young = phone_page
    query = "read=easy" if lang == "en" else f"lang={lang}&read=easy"
    young.goto(f"/card/{card_token}?{query}")
    young.locator("input[name=kind]").first.check()
    young.locator("textarea[name=what]").fill("More appointments after school")
    with young.expect_navigation():
        young.get_by_role("button", name=send).tap()
    with young.expect_navigation():
        young.get_by_role("button", name=get_code).tap()
    code = young.locator("#code").inner_text()
    young.goto(f"/check?{query}")
    young.locator("input[name=code]").fill(code)
    with young.expect_navigation():
        young.get_by_role("button", name=check).tap()
    expect(young.get_by_role("heading", level=1)).to_have_text(heading)
    assert "read=easy" in young.url
    expect(young.locator(".journey__step--done").first).to_be_visible()
    check_page(young, rtl=lang == "ar")
