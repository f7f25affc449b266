"""A horizontal bar chart as server-rendered SVG (no JavaScript), always shown beside the data
table it pictures. Labelled for screen readers by its own <title> and <desc>."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from voice.summaries.suppression import display, is_suppressed

BAR = "#1d4f91"
POSITIVE = "#00703c"
NEGATIVE = "#b0190b"
NEUTRAL = "#6f777b"
INK = "#0b0c0c"
LINE = "#b1b4b6"

ROW = 34
LABEL_WIDTH = 230
BAR_WIDTH = 300
WIDTH = LABEL_WIDTH + BAR_WIDTH + 90
MAX_LABEL = 30


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _figure(count: Any, percent: float | None) -> str:
    """The words beside a bar: "12 (40%)", or why the count is hidden ("fewer than 5")."""
    if is_suppressed(count):
        return display(count)
    return f"{count} ({percent:g}%)" if percent is not None else str(count)


def bar_chart(chart_id: str, title: str, bars: Sequence[tuple[str, Any, float | None, str | None]]
              ) -> Markup:
    """``bars``: (label, count, percent, colour or None). Bars are drawn to the percentage. A
    hidden count (small-number suppression) or a percentage not shown draws no bar."""
    height = ROW * max(len(bars), 1) + 10
    words = "; ".join(f"{label}: {_figure(count, percent)}" for label, count, percent, _ in bars)
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="14">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(words or "No answers yet")}</desc>',
        f'<line x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{height - 5}" '
        f'stroke="{LINE}"/>',
    ]
    for index, (label, count, percent, colour) in enumerate(bars):
        y = index * ROW + 5
        shown = percent if percent is not None and not is_suppressed(count) else 0.0
        length = round(BAR_WIDTH * max(0.0, min(shown, 100.0)) / 100, 1)
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 19}" text-anchor="end" '
                     f'fill="{INK}">{escape(_short(label))}</text>')
        if length > 0:
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{length}" height="22" '
                         f'fill="{colour or BAR}"/>')
        parts.append(f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 19}" fill="{INK}">'
                     f'{escape(_figure(count, percent))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


FFT_COLOURS = {"very_good": POSITIVE, "good": POSITIVE, "neither": NEUTRAL, "poor": NEGATIVE,
               "very_poor": NEGATIVE, "dont_know": NEUTRAL}
