"""Languages on the public pages (voice/i18n.py, docs/translating.md): the catalogs are
complete and compiled, and the language comes from the link, then the browser, then English."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "voice" / "translations"
SHIPPED = ("cy", "ar")


def _extracted_messages() -> set:
    """Every message marked in the source today, as `pybabel extract -F babel.cfg` finds it."""
    from babel.messages.frontend import parse_mapping_cfg

    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=keywords):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def _catalog(code: str):
    with open(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=code)


def test_the_source_marks_public_messages():
    messages = _extracted_messages()
    assert "Send my answers" in messages and "Page not found" in messages
    assert len(messages) > 50


@pytest.mark.parametrize("code", SHIPPED)
def test_every_public_message_has_a_translation(code):
    """Fails when a message is marked in the source but has no translation in this language
    (run `pybabel update` and translate it: docs/translating.md)."""
    catalog = _catalog(code)
    missing = []
    for message in _extracted_messages():
        key = message[0] if isinstance(message, tuple) else message
        entry = catalog.get(key)
        strings = entry.string if entry is not None else None
        if isinstance(strings, tuple):
            ok = all(s.strip() for s in strings)
        else:
            ok = bool(strings and strings.strip())
        if not ok or (entry is not None and entry.fuzzy):
            missing.append(key)
    assert not missing, f"{code}: no translation for {sorted(missing)}"


@pytest.mark.parametrize("code", SHIPPED)
def test_translations_keep_every_placeholder(code):
    for entry in _catalog(code):
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set(re.findall(r"%\(\w+\)s", ids[-1]))
        for string in strings:
            assert set(re.findall(r"%\(\w+\)s", string)) == wanted, (code, entry.id)


@pytest.mark.parametrize("code", SHIPPED)
def test_the_committed_mo_file_matches_the_po_file(code):
    """The compiled .mo files are committed (a clean clone works without compiling): they must
    be compiled from today's .po (`pybabel compile -d voice/translations`)."""
    expected = BytesIO()
    write_mo(expected, _catalog(code))
    expected.seek(0)
    with open(TRANSLATIONS / code / "LC_MESSAGES" / "messages.mo", "rb") as mo:
        committed = read_mo(mo)
    compiled = read_mo(expected)
    def as_dict(catalog):
        return {tuple(m.id) if isinstance(m.id, list | tuple) else m.id:
                tuple(m.string) if isinstance(m.string, list | tuple) else m.string
                for m in catalog if m.id}

    assert as_dict(committed) == as_dict(compiled)


def _html(response) -> str:
    return response.get_data(as_text=True)


def test_english_by_default(client):
    html = _html(client.get("/"))
    assert '<html lang="en" dir="ltr">' in html
    assert "Skip to main content" in html


def test_language_from_the_link(client):
    html = _html(client.get("/privacy?lang=cy"))
    assert '<html lang="cy" dir="ltr">' in html
    assert "Neidio i’r prif gynnwys" in html and "Cael help nawr" in html
    # Every link on the page keeps the language, with no cookie.
    assert 'href="/help?lang=cy"' in html
    assert "Set-Cookie" not in client.get("/privacy?lang=cy").headers


def test_arabic_is_right_to_left(client):
    html = _html(client.get("/?lang=ar"))
    assert '<html lang="ar" dir="rtl">' in html
    assert "انتقل إلى المحتوى الرئيسي" in html


def test_the_switcher_links_to_the_same_page_in_each_language(client):
    html = _html(client.get("/help?lang=cy"))
    switch = re.search(r'<nav class="lang-nav".*?</nav>', html).group(0)
    assert 'href="/help?lang=en" lang="en"' in switch
    assert 'href="/help?lang=ar" lang="ar"' in switch
    assert re.search(r'lang="cy"[^>]*aria-current="true">Cymraeg<', switch)


def test_language_from_the_browser_when_the_link_has_none(client):
    html = _html(client.get("/", headers={"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"}))
    assert '<html lang="cy"' in html
    assert 'href="/help?lang=cy"' not in html  # only a language chosen by the link is kept
    # The link wins over the browser; an unknown language is English.
    assert '<html lang="ar"' in _html(client.get("/?lang=ar", headers={"Accept-Language": "cy"}))
    assert '<html lang="en"' in _html(client.get("/?lang=xx", headers={"Accept-Language": "fr"}))


def test_error_pages_in_the_language(client):
    response = client.get("/no-such-page?lang=cy")
    assert response.status_code == 404
    assert "Heb ddod o hyd i’r dudalen" in _html(response)


def test_staff_pages_stay_in_english(client, factory, login):
    login(factory.user())
    html = _html(client.get("/home", headers={"Accept-Language": "cy"}))
    assert '<html lang="en" dir="ltr">' in html
    assert "Skip to main content" in html


def test_the_start_help_and_check_pages_in_welsh_and_arabic(client):
    home = _html(client.get("/?lang=cy"))
    assert "Ydych chi’n berson ifanc?" in home
    assert 'href="/you-said-we-did?lang=cy"' in home and 'href="/check?lang=cy"' in home
    help_page = _html(client.get("/help?lang=ar"))
    assert "تحدث مع شخص تثق به" in help_page and "999" in help_page
    assert "Gwirio fy ngherdyn" in _html(client.get("/check?lang=cy"))
