"""The browser tests wait for what they assert on (issue 11, part C: tests that do not flake).

A static check, no browser needed: no test sleeps (``time.sleep``, ``wait_for_timeout``), and
nothing reads the page without waiting (``count()``, ``is_visible()``, ``page.url`` …) on the
line straight after a click or a key press, where it would read the page that was being left
(unless the click is inside ``with page.expect_navigation()``).
Wait first with Playwright's auto-waiting ``expect(…)``, ``wait_for_url`` or
``expect_navigation``; ``tests/e2e/support.py``'s helpers do.
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).parent
SLEEPS = re.compile(r"\btime\.sleep\(|\.wait_for_timeout\(")
ACTION = re.compile(r"\.(click|press|dblclick|tap|check|uncheck|select_option|set_checked)\(")
# Reads that do not wait (a locator's inner_text() or get_attribute() waits for its element).
# wait_for_load_state() straight after a click is the old page's state, which has loaded.
READS = re.compile(r"\.(count|is_visible|is_hidden|all_inner_texts|all_text_contents|content|"
                   r"title|wait_for_load_state)\(\)|\bpage\.url\b|\.url\s*(==|\.endswith|\.startswith|\b)")


def _sources():
    for path in sorted(HERE.glob("*.py")):
        if path.name != Path(__file__).name:
            yield path, path.read_text(encoding="utf-8").splitlines()


def test_no_browser_test_sleeps():
    found = [f"{path.name}:{number}: {line.strip()}"
             for path, lines in _sources()
             for number, line in enumerate(lines, start=1)
             if SLEEPS.search(line) and path.name != "support.py"]
    assert not found, ("Wait for the page with expect(…) instead of sleeping:\n"
                       + "\n".join(found))


def test_nothing_reads_the_page_straight_after_a_click():
    found = []
    for path, lines in _sources():
        for number, (before, line, following) in enumerate(
                zip(["", *lines], lines, lines[1:], strict=False), start=2):
            waited = before.lstrip().startswith("with ") and "expect_" in before
            if (ACTION.search(line) and not line.lstrip().startswith("#") and not waited
                    and READS.search(following) and "expect(" not in following):
                found.append(f"{path.name}:{number}: {following.strip()}")
    assert not found, ("These read the page straight after a click, before the next page has "
                       "loaded: wait for it with expect(…) first:\n" + "\n".join(found))
