"""Reading a right-to-left page's words in tests."""

from __future__ import annotations

from voice.i18n import FSI, PDI


def without_isolates(html: str) -> str:
    """The page with the direction isolates around placed values taken out, for tests that
    check wording (the isolates themselves are checked in
    tests/voice/loop/test_public_languages.py)."""
    return html.replace(FSI, "").replace(PDI, "")
