"""How a summary's cells read: on the page, and in CSV and Excel files.

One function per use, both driven by the column's type, so the page, the exports and the API
never disagree about what a figure is.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup, escape

from voice.summaries.suppression import FEWER_THAN, NOT_SHOWN, PRIMARY, is_suppressed

MINUS = "\u2212"
RAG_CLASSES = {"red": "red", "amber": "amber", "green": "green", "assured": "assured",
               "none": "none", "Red": "red", "Amber": "amber", "Green": "green"}


def column_type(column: dict[str, str], row: dict[str, Any] | None) -> str:
    kind = column.get("type", "text")
    if kind in ("auto", "auto_signed") and row is not None:
        fmt = row.get("_format", "count")
        if kind == "auto_signed":
            return "points" if fmt == "percent" else "signed"
        return fmt
    return kind


def _signed(value: float, suffix: str = "") -> str:
    if value > 0:
        return f"+{value:,g}{suffix}"
    if value < 0:
        return f"{MINUS}{abs(value):,g}{suffix}"
    return f"0{suffix}"


def text(value: Any, kind: str) -> str:
    """Plain words for a cell (used by the page and in CSV for hidden figures)."""
    if is_suppressed(value):
        return FEWER_THAN if value["suppressed"] == PRIMARY else NOT_SHOWN
    if value is None or value == "":
        return ""
    if kind == "count" or kind == "number":
        return f"{value:,}" if isinstance(value, int | float) else str(value)
    if kind == "percent":
        return f"{value:g}%"
    if kind == "points":
        return _signed(value)
    if kind == "signed":
        return _signed(value)
    if kind == "date":
        day = date.fromisoformat(value) if isinstance(value, str) else value
        return f"{day.day} {day.strftime('%B %Y')}"
    if kind == "yesno":
        return "Yes" if value else "No"
    return str(value)


def html(value: Any, column: dict[str, str], row: dict[str, Any] | None = None) -> Markup:
    """A cell for the page: hidden figures in words, tags for ratings."""
    kind = column_type(column, row)
    if is_suppressed(value):
        words = FEWER_THAN if value["suppressed"] == PRIMARY else NOT_SHOWN
        return Markup('<span class="suppressed">{}</span>').format(words)
    if value is None or value == "":
        return Markup('<span aria-hidden="true">\u2013</span>'
                      '<span class="visually-hidden">no figure</span>')
    if kind == "rag":
        rag = (row or {}).get("_rag", "none")
        return Markup('<span class="rag rag--{}">{}</span>').format(rag, value)
    if kind == "rag_word":
        css = RAG_CLASSES.get(str(value), "none")
        return Markup('<span class="rag rag--{}">{}</span>').format(css, value)
    if kind == "quote":
        return Markup("\u201c{}\u201d").format(value)
    return Markup(escape(text(value, kind)))


def is_numeric(column: dict[str, str]) -> bool:
    return column.get("type") in ("count", "number", "percent", "points", "signed", "auto",
                                  "auto_signed")


# ---- exports -------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Text that a spreadsheet will never run as a formula (OWASP CSV injection advice)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def export_value(value: Any, kind: str) -> Any:
    """A cell for CSV or Excel: numbers stay numbers; hidden figures become words."""
    if is_suppressed(value):
        return FEWER_THAN if value["suppressed"] == PRIMARY else NOT_SHOWN
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return value
    if kind == "date" and isinstance(value, str):
        return value
    return safe_text(str(value))


def export_label(column: dict[str, str]) -> str:
    kind = column.get("type")
    if kind == "percent":
        return f"{column['label']} (%)"
    if kind == "points":
        return f"{column['label']} (percentage points)"
    if kind == "auto_signed":
        return f"{column['label']} (count, or percentage points for percentages)"
    return column["label"]
