"""Running headers and footers for printed pages: the text is written into a stylesheet, so it
must never be able to end its string or add a rule; the board report links its own."""

from __future__ import annotations

import re

import pytest

from voice.auth.roles import Role
from voice.printing import MAX_RUNNING_TEXT, css_string, running_stylesheet


def _unescape(css: str) -> str:
    """What a browser shows for a CSS string (hex escapes end with one space)."""
    return re.sub(r"\\([0-9a-f]{1,6}) ?", lambda m: chr(int(m.group(1), 16)), css[1:-1])


@pytest.mark.parametrize("text", [
    "The whole system: Quarter 3 of 2026 to 2027 (October to December 2026)",
    "Young People's Sexual Health Clinic",
    '"}body{display:none} @import url(x);',
    "Café \\ 7 December",
])
def test_css_strings_show_the_text_and_cannot_break_out(text):
    css = css_string(text)
    assert css.startswith('"') and css.endswith('"')
    inner = css[1:-1]
    assert not set(inner) & set('"\'{};()<>@/'), inner   # only letters, digits, spaces, escapes
    assert _unescape(css) == " ".join(text.split())


def test_running_stylesheet_has_the_header_footer_and_page_numbers():
    css = running_stylesheet(top="Period", bottom="Board report, made 7 December 2026")
    assert css.startswith("@page{margin:")
    assert '@top-left{content:"Period"' in css
    assert "@bottom-left{content:" in css and 'counter(page) " of " counter(pages)' in css
    assert css.count("{") == css.count("}")


def test_the_board_report_links_its_running_header_and_footer(factory, login, client):
    login(factory.user(Role.COMMISSIONER))
    page = client.get("/summaries/report?period=quarter:2026-Q1").get_data(as_text=True)
    link = re.search(r'<link rel="stylesheet" media="print" href="([^"]+)"', page)
    assert link and "/summaries/report/print.css?top=" in link.group(1)
    css = client.get(link.group(1).replace("&amp;", "&"))
    assert css.status_code == 200 and css.mimetype == "text/css"
    assert "The whole system: Quarter 1 of 2026 to 2027" in _unescape(re.search(r'@top-left\{content:("[^"]*")',
                                                                css.get_data(as_text=True)).group(1))


def test_a_running_line_that_is_too_long_is_refused_in_words(factory, login, client):
    login(factory.user(Role.COMMISSIONER))
    response = client.get("/summaries/report/print.css", query_string={"top": "x" * (MAX_RUNNING_TEXT + 1)})
    assert response.status_code == 400
    assert "at most" in response.get_data(as_text=True)
