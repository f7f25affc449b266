"""Charts as server-rendered SVG: no JavaScript, crisp when printed, readable by screen readers.

Every chart is an ``<svg role="img">`` labelled by its own ``<title>`` and ``<desc>`` (which
lists the figures in words), and every page puts the data table beside it: the chart is a
picture of the table, never the only place a figure is. Suppressed values are drawn as gaps and
named in the description. Colours come from the site palette and keep 3:1 contrast against
white; they print as they are (see the print rules in voice.css).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from voice.summaries.suppression import display, is_suppressed

INK = "#0b0c0c"
MUTED = "#484949"
LINE = "#b1b4b6"
BRAND = "#1d4f91"
SECOND = "#6f777b"
RAG_COLOURS = {"red": "#b0190b", "amber": "#8a4b00", "green": "#00703c", "assured": "#4c2c92",
               "none": "#6f777b"}
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"'


@dataclass(frozen=True)
class Bar:
    label: str
    value: Any  # a number, None, or {"suppressed": ...}
    colour: str = BRAND
    text: str | None = None  # how the value reads ("42%"); defaults to the number


def _num(value: Any) -> float | None:
    if value is None or is_suppressed(value):
        return None
    return float(value)


def _value_text(value: Any, unit: str) -> str:
    if is_suppressed(value):
        return display(value)
    if value is None:
        return "no data"
    if unit == "%":
        return f"{value:g}%"
    return display(value) if isinstance(value, int) else f"{value:g}{unit}"


def _open(chart_id: str, title: str, description: str, width: int, height: int,
          css: str = "chart") -> str:
    return (f'<svg class="{css}" id="{escape(chart_id)}" role="img" '
            f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'xmlns="http://www.w3.org/2000/svg" {FONT} font-size="15">'
            f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
            f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>')


def describe(items: Sequence[tuple[str, Any]], unit: str = "") -> str:
    """"Label: value; label: value" in words, for a chart's description."""
    return "; ".join(f"{label}: {_value_text(value, unit)}" for label, value in items) + "."


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], *, unit: str = "",
              maximum: float | None = None, width: int = 480) -> Markup:
    """Horizontal bars, each with its label above it and its value at its end."""
    row = 46
    top = 6
    height = top + row * max(len(bars), 1) + 4
    label_space = 90  # room for the value text after the longest bar
    scale_max = maximum if maximum is not None else max(
        [v for v in (_num(b.value) for b in bars) if v is not None] or [0])
    usable = width - label_space
    parts = [_open(chart_id, title, describe([(b.label, b.value) for b in bars], unit),
                   width, height)]
    for i, bar in enumerate(bars):
        y = top + i * row
        parts.append(f'<text x="0" y="{y + 15}" fill="{INK}">{escape(bar.label)}</text>')
        value = _num(bar.value)
        length = 0.0 if not value or not scale_max else usable * value / scale_max
        if value:
            parts.append(f'<rect x="0" y="{y + 21}" width="{max(length, 2):.1f}" height="18" '
                         f'fill="{escape(bar.colour)}"/>')
        text = bar.text if bar.text is not None else _value_text(bar.value, unit)
        parts.append(f'<text x="{length + 6:.1f}" y="{y + 35}" fill="{INK}" '
                     f'font-weight="700">{escape(text)}</text>')
    if not bars:
        parts.append(f'<text x="0" y="30" fill="{MUTED}">Nothing to show for this period.</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def paired_bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, Any, Any]],
                     names: tuple[str, str], *, width: int = 560) -> Markup:
    """Two bars per category (for example "who answered" against "who uses the service"), in %."""
    row = 64
    top = 30
    height = top + row * max(len(rows), 1) + 4
    usable = width - 80
    desc = "; ".join(
        f"{label}: {names[0]} {_value_text(a, '%')}, {names[1]} {_value_text(b, '%')}"
        for label, a, b in rows) + "."
    parts = [_open(chart_id, title, desc, width, height)]
    # Key
    parts.append(f'<rect x="0" y="4" width="14" height="14" fill="{BRAND}"/>'
                 f'<text x="20" y="16" fill="{INK}">{escape(names[0])}</text>'
                 f'<rect x="{width // 2}" y="4" width="14" height="14" fill="{SECOND}"/>'
                 f'<text x="{width // 2 + 20}" y="16" fill="{INK}">{escape(names[1])}</text>')
    for i, (label, first, second) in enumerate(rows):
        y = top + i * row
        parts.append(f'<text x="0" y="{y + 15}" fill="{INK}">{escape(label)}</text>')
        for j, (value, colour) in enumerate(((first, BRAND), (second, SECOND))):
            number = _num(value)
            length = 0.0 if not number else usable * min(number, 100) / 100
            by = y + 21 + j * 20
            if number:
                parts.append(f'<rect x="0" y="{by}" width="{max(length, 2):.1f}" height="16" '
                             f'fill="{colour}"/>')
            parts.append(f'<text x="{length + 6:.1f}" y="{by + 13}" fill="{INK}" '
                         f'font-size="13">{escape(_value_text(value, "%"))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def line_chart(chart_id: str, title: str, labels: Sequence[str], series: Sequence[Any], *,
               unit: str = "", maximum: float | None = None, width: int = 480,
               height: int = 220, series_name: str = "") -> Markup:
    """One series over time. Missing or suppressed points leave a gap in the line."""
    left, right, top, bottom = 48, 30, 12, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    numbers = [_num(v) for v in series]
    known = [v for v in numbers if v is not None]
    top_value = maximum if maximum is not None else _nice_max(max(known) if known else 0)
    desc_prefix = f"{series_name}. " if series_name else ""
    parts = [_open(chart_id, title, desc_prefix + describe(list(zip(labels, series, strict=True)),
                                                           unit), width, height)]
    # Grid lines and y-axis labels
    for step in range(5):
        value = top_value * step / 4
        y = top + plot_h - plot_h * step / 4
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'stroke="{LINE}" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" fill="{MUTED}" font-size="12" '
                     f'text-anchor="end">{_axis(value, unit)}</text>')
    count = len(labels)
    step_x = plot_w / max(count - 1, 1)

    def point(i: int, value: float) -> tuple[float, float]:
        x = left + (step_x * i if count > 1 else plot_w / 2)
        y = top + plot_h - (plot_h * value / top_value if top_value else 0)
        return x, y

    every = max(1, (count + 5) // 6)
    for i, label in enumerate(labels):
        last = i == count - 1
        # Every few months, and the last; never two labels on top of each other.
        if (i % every == 0 and count - 1 - i >= every) or last:
            x, _ = point(i, 0)
            parts.append(f'<text x="{x:.1f}" y="{height - bottom + 18}" fill="{MUTED}" '
                         f'font-size="12" text-anchor="middle">{escape(label)}</text>')
    # The line, broken where values are missing
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, value in enumerate(numbers):
        if value is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        x, y = point(i, value)
        segment.append(f"{x:.1f},{y:.1f}")
    if segment:
        segments.append(segment)
    for seg in segments:
        if len(seg) > 1:
            parts.append(f'<polyline points="{" ".join(seg)}" fill="none" stroke="{BRAND}" '
                         f'stroke-width="3" stroke-linejoin="round"/>')
    for i, value in enumerate(numbers):
        if value is not None:
            x, y = point(i, value)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{BRAND}"/>')
    if not known:
        parts.append(f'<text x="{left + 8}" y="{top + plot_h / 2:.1f}" fill="{MUTED}">'
                     f'Not enough answers to draw this yet.</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def sparkline(chart_id: str, title: str, labels: Sequence[str], series: Sequence[Any], *,
              width: int = 120, height: int = 30) -> Markup:
    """A small trend line for a table row. Its description lists every value."""
    numbers = [_num(v) for v in series]
    known = [v for v in numbers if v is not None]
    top_value = max(known) if known else 0
    parts = [_open(chart_id, title, describe(list(zip(labels, series, strict=True))), width,
                   height, css="sparkline")]
    count = len(numbers)
    step = (width - 8) / max(count - 1, 1)
    points = []
    for i, value in enumerate(numbers):
        if value is None:
            if len(points) > 1:
                parts.append(f'<polyline points="{" ".join(points)}" fill="none" '
                             f'stroke="{BRAND}" stroke-width="2"/>')
            points = []
            continue
        y = height - 4 - ((height - 8) * value / top_value if top_value else 0)
        points.append(f"{4 + step * i:.1f},{y:.1f}")
    if len(points) > 1:
        parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{BRAND}" '
                     f'stroke-width="2"/>')
    last = next(((i, v) for i, v in reversed(list(enumerate(numbers))) if v is not None), None)
    if last is not None:
        i, value = last
        y = height - 4 - ((height - 8) * value / top_value if top_value else 0)
        parts.append(f'<circle cx="{4 + step * i:.1f}" cy="{y:.1f}" r="3" fill="{BRAND}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _nice_max(value: float) -> float:
    if value <= 0:
        return 4
    magnitude = 10 ** (len(str(int(value))) - 1)
    for factor in (1, 2, 4, 5, 8, 10):
        if value <= factor * magnitude:
            return float(factor * magnitude)
    return float(10 * magnitude)


def _axis(value: float, unit: str) -> str:
    text = f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
    return f"{text}{'%' if unit == '%' else ''}"
