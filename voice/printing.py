"""Running headers and footers for printed pages (pure: text in, CSS out).

Chromium prints what an ``@page`` margin box says on every page (since version 131), but a
margin box can only show text written into the stylesheet: it cannot read the page. So a page
that prints with its own title, date and period links a small stylesheet made for it, with
``media="print"`` (an inline ``<style>`` would break the content security policy). Every
character that is not a letter, digit or space is written as a CSS escape, so no text can end
the string or add a rule.
"""

from __future__ import annotations

#: Longest text accepted for one running line; longer asks are refused (400), not cut.
MAX_RUNNING_TEXT = 300

_FONT = "font:8pt system-ui,Arial,sans-serif;color:#484949"


def css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string, every unusual character escaped."""
    out = []
    for char in " ".join(text.split()):
        if char.isalnum() and char.isascii() or char == " ":
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")  # the space ends the escape, and is not shown
    return '"' + "".join(out) + '"'


def running_stylesheet(*, top: str = "", bottom: str = "") -> str:
    """A print stylesheet: ``top`` at the top left of every page, ``bottom`` at the bottom
    left, and "Page 2 of 9" at the bottom right."""
    rules = ["@page{margin:18mm 15mm 18mm;"]
    if top:
        rules.append(f"@top-left{{content:{css_string(top)};{_FONT};vertical-align:bottom}}")
    if bottom:
        rules.append(f"@bottom-left{{content:{css_string(bottom)};{_FONT};vertical-align:top}}")
    rules.append(f'@bottom-right{{content:"Page " counter(page) " of " counter(pages);{_FONT};'
                 "vertical-align:top;white-space:nowrap}")
    return "".join(rules) + "}\n"
