"""Languages in a real browser (issue 15): a young person on a 360 x 640 phone answers a survey
in Welsh, chosen by the link; the Arabic page is right to left and fits the phone; axe-core
finds nothing in either language; the pages stay within the public budget."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.support import (
    assert_error_summary,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    page_weight,
)

pytestmark = pytest.mark.e2e


def test_a_young_person_answers_a_survey_in_welsh_on_a_phone(phone_page, short_survey):
    young = phone_page
    weight = page_weight(young, f"/s/{short_survey}?lang=cy")
    assert weight.html <= 14_000 and weight.total <= 30_000, str(weight)
    expect(young.locator("html")).to_have_attribute("lang", "cy")
    expect(young.get_by_role("button", name="Anfon fy atebion")).to_be_visible()
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)

    with young.expect_navigation():
        young.get_by_role("button", name="Anfon fy atebion").tap()
    assert_error_summary(young, "Dewiswch ateb")
    expect(young.locator("html")).to_have_attribute("lang", "cy")
    assert_no_axe_violations(young)

    young.get_by_label("Da iawn").tap()  # "Really good": Voice's own words are translated
    young.get_by_label("What could be better? (dewisol)").fill("Mwy o amser gyda’r nyrs")
    with young.expect_navigation():
        young.get_by_role("button", name="Anfon fy atebion").tap()
    expect(young.get_by_role("heading", level=1)).to_have_text("Diolch")
    expect(young.get_by_text("Mae eich atebion wedi’u hanfon.")).to_be_visible()
    expect(young.locator("html")).to_have_attribute("lang", "cy")
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)

    # Changed their mind: deleting the answers is in Welsh too, to the end.
    with young.expect_navigation():
        young.get_by_role("link", name="Dileu fy atebion").tap()
    expect(young.get_by_role("heading", level=1)).to_have_text("Dileu eich atebion?")
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)
    with young.expect_navigation():
        young.get_by_role("button", name="Ie, dileu fy atebion").tap()
    expect(young.get_by_role("heading", level=1)).to_have_text("Mae eich atebion wedi’u dileu")
    expect(young.locator("html")).to_have_attribute("lang", "cy")
    assert_no_axe_violations(young)


def test_the_arabic_survey_is_right_to_left_and_fits_a_phone(phone_page, short_survey):
    young = phone_page
    weight = page_weight(young, f"/s/{short_survey}?lang=ar")
    assert weight.html <= 14_000 and weight.total <= 30_000, str(weight)
    expect(young.locator("html")).to_have_attribute("dir", "rtl")
    button = young.get_by_role("button", name="أرسل إجاباتي")
    expect(button).to_be_visible()
    # Right to left: the radios sit on the right of their labels.
    radio = young.get_by_label("جيد جدًا")  # "Really good"
    label = young.locator("label", has_text="جيد جدًا")
    assert radio.bounding_box()["x"] > label.bounding_box()["x"]
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)
    # The switcher goes to the same page in Welsh.
    with young.expect_navigation():
        young.get_by_role("navigation", name="اللغة").get_by_role("link", name="Cymraeg").tap()
    expect(young.locator("html")).to_have_attribute("dir", "ltr")
    expect(young.get_by_role("button", name="Anfon fy atebion")).to_be_visible()


@pytest.mark.parametrize("path", ["/?lang=ar", "/help?lang=ar", "/check?lang=ar", "/help?lang=cy",
                                  "/no-such-page?lang=ar"])
def test_public_pages_in_welsh_and_arabic_pass_axe_on_a_phone(phone_page, live_server, path):
    young = phone_page
    weight = page_weight(young, path)
    assert weight.html <= 14_000 and weight.total <= 30_000, str(weight)
    expect(young.locator("html")).to_have_attribute("lang", path.rsplit("=", 1)[1])
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)


def test_a_young_person_sends_an_action_card_in_arabic_on_a_phone(phone_page, card_token):
    young = phone_page
    weight = page_weight(young, f"/card/{card_token}?lang=ar")
    assert weight.html <= 14_000 and weight.total <= 30_000, str(weight)
    expect(young.locator("html")).to_have_attribute("dir", "rtl")
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)

    with young.expect_navigation():
        young.get_by_role("button", name="أرسل بطاقتي").tap()
    assert_error_summary(young, "اختر توقّف أو ابدأ أو غيّر")  # "Choose stop, start or change"
    assert_no_axe_violations(young)

    young.get_by_label("غيّر: يجب أن يفعلوا شيئًا بطريقة مختلفة").tap()
    young.get_by_label("ما الذي يجب أن يتوقفوا عنه أو يبدؤوه أو يغيّروه؟").fill(
        "أريد مواعيد بعد المدرسة")
    young.get_by_label("14 أو 15").tap()
    with young.expect_navigation():
        young.get_by_role("button", name="أرسل بطاقتي").tap()
    expect(young.get_by_role("heading", level=1)).to_have_text("وصلتنا بطاقتك")
    assert_no_axe_violations(young)
    with young.expect_navigation():
        young.get_by_role("button", name="احصل على رمز متابعة").tap()
    expect(young.get_by_role("heading", level=1)).to_have_text("رمز المتابعة الخاص بك")
    expect(young.locator("html")).to_have_attribute("lang", "ar")
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)
    code = young.locator("#code").inner_text()

    # Later: what happened to the card, then deleting it, all in Arabic.
    young.goto("/check?lang=ar")
    young.get_by_label("رمز المتابعة الخاص بك").fill(code)
    with young.expect_navigation():
        young.get_by_role("button", name="تحقق من بطاقتي").tap()
    expect(young.get_by_role("heading", level=1)).to_have_text("ماذا حدث لبطاقتك")
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)
    with young.expect_navigation():
        young.get_by_role("button", name="احذف بطاقتي").tap()
    expect(young.get_by_role("heading", level=1)).to_have_text("هل تريد حذف بطاقتك؟")
    assert_no_axe_violations(young)
    with young.expect_navigation():
        young.get_by_role("button", name="نعم، احذف بطاقتي").tap()
    expect(young.get_by_role("heading", level=1)).to_have_text("تم حذف بطاقتك")
    expect(young.locator("html")).to_have_attribute("dir", "rtl")
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)


@pytest.mark.parametrize("path", ["/you-said-we-did?lang=ar", "/you-said-we-did?lang=cy",
                                  "/you-said-we-did/school-nursing?lang=ar",
                                  "/privacy?lang=ar", "/accessibility?lang=cy",
                                  "/check?lang=cy"])
def test_more_public_pages_in_welsh_and_arabic_pass_axe_on_a_phone(phone_page, live_server,
                                                                  path):
    test_public_pages_in_welsh_and_arabic_pass_axe_on_a_phone(phone_page, live_server, path)
