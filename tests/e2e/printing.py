"""The print check: print a page to an A4 PDF in headless Chromium and say what would need repair.

``print_problems(page, name)`` prints the page as it is now (``page.emulate_media("print")``)
to ``build/print/<name>.pdf`` (or ``$VOICE_PRINT_DIR``), keeps the PDF for a person to look at,
and returns a list of problems in words (empty when the page prints well):

- **a box crosses the printable area**: the page is laid out at the width Chromium prints at
  (A4 less the ``@page`` margins the page's own stylesheets set) and every visible element must
  lie inside it; an element that hides overflow (a scroll box, a fixed-height card) must not be
  hiding any of its content;
- **an empty page**: every PDF page has words inside its printable area (the running header and
  footer, in the margins, do not count), so a page holding only a border line fails;
- **a table header missing**: every page a table's rows are printed on also shows its header
  row; no page shows a header with none of its rows (a stranded header); every body row,
  the total row included, is printed exactly once (a ``tfoot`` repeats on each page);
- **an orphaned heading**: a heading and the start of what follows it are on the same page.

To follow tables and headings from the page into the PDF, tiny white marker words (1 px) are
put into the page just before printing, after the boxes are measured; they are read back from
each PDF page with pypdf. They are in the flow, so a repeated table header repeats its marker.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import Page
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
PRINT_DIR = Path(os.environ.get("VOICE_PRINT_DIR") or ROOT / "build" / "print")

MM_TO_PX = 96 / 25.4
MM_TO_PT = 72 / 25.4
A4_MM = (210, 297)
#: Tolerance, in CSS pixels, for boxes that touch the edge (sub-pixel rounding).
SLACK_PX = 1

_MARGINS_JS = """() => {
  // The @page margins that apply when printing: the last rule that sets each one wins.
  const margins = {top: null, right: null, bottom: null, left: null};
  const walk = (rules) => {
    for (const rule of rules) {
      if (rule instanceof CSSMediaRule) {
        if (window.matchMedia(rule.media.mediaText).matches) walk(rule.cssRules);
      } else if (rule instanceof CSSPageRule && !rule.selectorText) {
        for (const side of Object.keys(margins)) {
          const value = rule.style.getPropertyValue('margin-' + side);
          if (value) margins[side] = value;
        }
      }
    }
  };
  for (const sheet of document.styleSheets) {
    if (sheet.media.length && !window.matchMedia(sheet.media.mediaText).matches) continue;
    try { walk(sheet.cssRules); } catch (e) { /* another origin: none are expected */ }
  }
  return margins;
}"""

_BOXES_JS = """([width, slack]) => {
  const problems = [];
  const crossing = new Set();
  const name = (el) => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim())
      text += '.' + el.className.trim().split(/\\s+/).join('.');
    const words = (el.innerText || el.textContent || '').trim().replace(/\\s+/g, ' ');
    return words ? `${text} (“${words.slice(0, 50)}”)` : text;
  };
  const hidden = (el) => {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (node.classList.contains('visually-hidden') || style.visibility === 'hidden') return true;
    }
    return false;
  };
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    if (hidden(el)) continue;
    const outside = rect.left < -slack || rect.right > width + slack;
    if (outside) crossing.add(el);
    if (outside && !crossing.has(el.parentElement))  // name the outermost box only
      problems.push(`${name(el)} crosses the printable width (${Math.round(rect.left)} to ` +
                    `${Math.round(rect.right)} px; the page is ${width} px wide)`);
    const style = getComputedStyle(el);
    if ([style.overflowX, style.overflowY].some((o) => o !== 'visible') && el !== document.body) {
      if (el.scrollWidth > el.clientWidth + slack || el.scrollHeight > el.clientHeight + slack)
        problems.push(`${name(el)} cuts off its content (it holds ${el.scrollWidth} × ` +
                      `${el.scrollHeight} px in ${el.clientWidth} × ${el.clientHeight} px)`);
    }
  }
  return problems;
}"""

_MARK_JS = """() => {
  const mark = (el, token) => {
    const span = document.createElement('span');
    span.textContent = ' ' + token + ' ';
    span.className = 'print-check-mark';
    Object.assign(span.style, {fontSize: '1px', color: '#fff', lineHeight: '0',
                               whiteSpace: 'nowrap', fontWeight: '400'});
    el.insertBefore(span, el.firstChild);
  };
  const tables = [];
  document.querySelectorAll('main table').forEach((table, t) => {
    const rows = [...table.tBodies].flatMap((b) => [...b.rows]).concat(
      table.tFoot ? [...table.tFoot.rows] : []);
    const head = table.tHead && table.tHead.rows.length ? table.tHead.rows[0] : null;
    const caption = (table.caption ? table.caption.innerText : '') ||
      table.getAttribute('aria-label') || (head ? head.innerText : '') || `table ${t + 1}`;
    tables.push({caption: caption.trim().replace(/\\s+/g, ' ').slice(0, 80), rows: rows.length,
                 hasHead: !!head});
    if (head && head.cells.length) mark(head.cells[0], `QZT${t}HZQ`);
    rows.forEach((row, r) => { if (row.cells.length) mark(row.cells[0], `QZT${t}R${r}ZQ`); });
  });
  const headings = [];
  document.querySelectorAll('main h2, main h3, main h4').forEach((h, i) => {
    const next = h.nextElementSibling;
    if (!next || !next.getClientRects().length) return;
    headings.push(h.innerText.trim().slice(0, 80));
    mark(h, `QZG${headings.length - 1}AZQ`);
    // the start of what follows: its first cell or paragraph, or itself
    const first = next.querySelector('caption, th, td, p, li, blockquote, svg') || next;
    mark(first.tagName.toLowerCase() === 'svg' ? next : first, `QZG${headings.length - 1}BZQ`);
  });
  return {tables, headings};
}"""

_TOKEN = re.compile(r"QZ([TG])(\d+)([A-Z])(\d*)ZQ")


def _mm(value: str | None, default: float) -> float:
    if not value:
        return default
    number = re.fullmatch(r"([\d.]+)(mm|cm|in|px|pt)?", value.strip())
    if not number:
        return default
    amount, unit = float(number.group(1)), number.group(2) or "px"
    return amount * {"mm": 1, "cm": 10, "in": 25.4, "px": 25.4 / 96, "pt": 25.4 / 72}[unit]


def printable_area(page: Page) -> dict[str, float]:
    """The ``@page`` margins (mm) the page sets for print; Chromium's default is 1 cm."""
    raw = page.evaluate(_MARGINS_JS)
    return {side: _mm(raw.get(side), 10.0) for side in ("top", "right", "bottom", "left")}


def print_problems(page: Page, name: str) -> list[str]:
    """Print ``page`` to ``PRINT_DIR/<name>.pdf`` on A4 and return what is wrong, in words."""
    page.emulate_media(media="print")
    margins = printable_area(page)
    viewport = page.viewport_size
    width = round((A4_MM[0] - margins["left"] - margins["right"]) * MM_TO_PX)
    height = round((A4_MM[1] - margins["top"] - margins["bottom"]) * MM_TO_PX)
    page.set_viewport_size({"width": width, "height": height})
    problems = list(page.evaluate(_BOXES_JS, [width, SLACK_PX]))
    marks = page.evaluate(_MARK_JS)
    PRINT_DIR.mkdir(parents=True, exist_ok=True)
    path = PRINT_DIR / f"{name}.pdf"
    page.pdf(path=str(path), format="A4", print_background=True)
    if viewport:
        page.set_viewport_size(viewport)
    page.evaluate("() => document.querySelectorAll('.print-check-mark').forEach(m => m.remove())")
    problems += pdf_problems(path, margins, marks)
    return problems


def _page_words(reader: PdfReader, margins: dict[str, float]) -> list[tuple[str, str]]:
    """Each PDF page's text: (inside the printable area, all of it)."""
    pages = []
    for pdf_page in reader.pages:
        top = float(pdf_page.mediabox.top) - margins["top"] * MM_TO_PT + 2
        bottom = margins["bottom"] * MM_TO_PT - 2
        inside: list[str] = []

        def visit(text, cm, tm, font, size, inside=inside, top=top, bottom=bottom):
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and bottom <= y <= top:
                inside.append(text)

        everything = pdf_page.extract_text(visitor_text=visit)
        pages.append((" ".join(inside), everything))
    return pages


def pdf_problems(path: Path, margins: dict[str, float], marks: dict) -> list[str]:
    reader = PdfReader(str(path))
    problems = []
    seen: dict[tuple, list[int]] = defaultdict(list)
    for number, (inside, everything) in enumerate(_page_words(reader, margins), start=1):
        words = _TOKEN.sub(" ", inside)
        if not re.search(r"\w{2,}", words):
            problems.append(f"page {number} of {path.name} is empty (or holds only a border)")
        for kind, index, part, row in _TOKEN.findall(everything):
            seen[(kind, int(index), part, row)].append(number)
    for t, table in enumerate(marks["tables"]):
        label = f"the table “{table['caption']}”"
        row_pages = [seen.get(("T", t, "R", str(r)), []) for r in range(table["rows"])]
        for r, pages in enumerate(row_pages):
            if len(pages) != 1:
                problems.append(f"row {r + 1} of {label} is printed {len(pages)} times "
                                f"(pages {pages or 'none'}); each row, totals too, prints once")
        if not table["hasHead"]:
            if table["rows"] > 1:
                problems.append(f"{label} has no header row (thead) to repeat on each page")
            continue
        head_pages = set(seen.get(("T", t, "H", ""), []))
        body_pages = {p for pages in row_pages for p in pages}
        for p in sorted(body_pages - head_pages):
            problems.append(f"{label} continues onto page {p} without its header row")
        for p in sorted(head_pages - body_pages):
            if table["rows"]:
                problems.append(f"{label} has its header stranded on page {p}, with none of its rows")
    for g, heading in enumerate(marks["headings"]):
        here, after = seen.get(("G", g, "A", ""), []), seen.get(("G", g, "B", ""), [])
        if here and after and min(after) != min(here):
            problems.append(f"the heading “{heading}” is at the bottom of page {min(here)}, "
                            f"apart from what follows it (page {min(after)})")
    return problems


def pdf_pages(name: str) -> int:
    return len(PdfReader(str(PRINT_DIR / f"{name}.pdf")).pages)
