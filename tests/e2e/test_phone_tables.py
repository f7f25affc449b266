"""Tables on a phone (issue 14): at 320 and 360 px no table is clipped without a sign. A young
inspector's list of inspections becomes stacked rows (each value under its column's name); a
staff table too wide for the screen sits in a labelled scroll region that the keyboard can
scroll. Screenshots of the last run are kept in build/print/ beside the print check's PDFs."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e import support
from tests.e2e.printing import PRINT_DIR
from tests.e2e.support import assert_no_axe_violations, assert_no_horizontal_scroll
from voice.auth.roles import Role

pytestmark = pytest.mark.e2e

_TABLES_JS = """() => [...document.querySelectorAll('main table')].map((table) => {
  const box = table.parentElement;
  return {caption: (table.caption ? table.caption.innerText : '').trim(),
          table: table.scrollWidth, room: box.clientWidth,
          scrolls: ['auto', 'scroll'].includes(getComputedStyle(box).overflowX),
          tabindex: box.getAttribute('tabindex'), role: box.getAttribute('role'),
          label: box.getAttribute('aria-label') || ''};
})"""


def _unclipped(page) -> list[dict]:
    """Every table in main fits its box, or its box is a labelled, focusable scroll region."""
    tables = page.evaluate(_TABLES_JS)
    assert tables, f"no tables on {page.url}"
    for t in tables:
        if t["table"] <= t["room"]:
            continue
        assert t["scrolls"] and t["tabindex"] == "0" and t["role"] == "region" and t["label"], (
            f"the table “{t['caption']}” is {t['table']} px wide in {t['room']} px on "
            f"{page.url}, with no labelled, keyboard-focusable scroll region: {t}")
    return tables


@pytest.mark.parametrize("width", [320, 360])
def test_a_young_inspectors_inspections_are_stacked_rows_on_a_phone(new_context, signed_in,
                                                                   width):
    page = new_context(**{**support.PHONE, "viewport": {"width": width, "height": 640}}).new_page()
    signed_in(page, Role.INSPECTOR)
    page.goto("/inspections")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your inspections")
    tables = _unclipped(page)
    assert all(t["table"] <= t["room"] for t in tables), tables    # stacked: nothing to scroll
    first = page.locator("main table tbody tr").first
    expect(first.locator("td[data-label='Service']")).to_be_visible()
    label = first.locator("td[data-label='How']").evaluate(
        "td => getComputedStyle(td, '::before').content")
    assert label == '"How"'                                        # the label above the value
    PRINT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(PRINT_DIR / f"phone-{width}-inspections.png"), full_page=True)
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_a_wide_staff_table_scrolls_from_the_keyboard_on_a_phone(phone_page, signed_in):
    signed_in(phone_page, Role.PARTICIPATION)
    phone_page.goto("/young-inspectors")
    tables = _unclipped(phone_page)
    assert any(t["table"] > t["room"] for t in tables), "expected a table wider than 360 px"
    region = phone_page.get_by_role("region", name="Young inspectors")
    region.focus()
    expect(region).to_be_focused()
    phone_page.keyboard.press("ArrowRight")
    phone_page.wait_for_function(
        "() => document.querySelector('.table-scroll').scrollLeft > 0")
    PRINT_DIR.mkdir(parents=True, exist_ok=True)
    phone_page.screenshot(path=str(PRINT_DIR / "phone-360-young-inspectors.png"))
    assert_no_horizontal_scroll(phone_page)
    assert_no_axe_violations(phone_page)
