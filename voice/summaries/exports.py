"""Every summary table as CSV or as an Excel workbook (openpyxl), from the summary document.

Exports read the same suppressed document as the page, so a figure hidden on screen is hidden
in the file too ("fewer than 5", "not shown"). Text that could start a spreadsheet formula is
escaped, and Excel cells are written as text, never as formulas.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any

from voice.summaries.formatting import column_type, export_label, export_value, safe_text

# Flask adds "; charset=utf-8" to a text/* mimetype itself (naming it here sent it twice).
CSV_MIME = "text/csv"
# Excel sheet names may have 31 characters at most.
SHEET_NAMES = {
    "headline": "At a glance", "fft": "Friends and Family Test",
    "fft_trend": "FFT month by month", "smileys": "Smiley scale", "themes": "Themes",
    "theme_trend": "Themes month by month", "sources": "Where the words came from",
    "cards": "Action cards", "cards_most_backed": "Most-backed cards",
    "commitments": "Commitments", "commitments_overdue": "Overdue commitments",
    "inspections": "Inspections", "inspection_disagreements": "Self-rating differences",
    "hearing_age": "Hearing from - age", "hearing_gender": "Hearing from - gender",
    "hearing_ethnicity": "Hearing from - ethnic group",
    "hearing_disability": "Hearing from - disability",
    "hearing_care_experience": "Hearing from - care experience",
    "links": "Survey links",
}
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_rows(table: dict[str, Any]) -> list[list[Any]]:
    """The table as rows of export values, header first, total last."""
    columns = table["columns"]
    rows = [[export_label(c) for c in columns]]
    body = list(table["rows"])
    if table.get("total"):
        body.append(table["total"])
    for row in body:
        rows.append([export_value(row.get(c["key"]), column_type(c, row)) for c in columns])
    return rows


def table_csv(table: dict[str, Any]) -> str:
    """CSV with a header row; UTF-8 with a byte-order mark so Excel reads accents correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in table_rows(table):
        writer.writerow(row)
    return "\ufeff" + buffer.getvalue()


def workbook(doc: dict[str, Any], keys: list[str] | None = None) -> bytes:
    """An .xlsx file: an "About" sheet (scope, period, how figures are protected, the summary
    paragraph), then one sheet per table."""
    from openpyxl import Workbook  # imported for an .xlsx only: it adds 8 MB to every process
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    about = book.active
    about.title = "About"
    lines: list[tuple[str, str]] = [
        ("Summary of", doc["scope"]["description"]),
        ("Period", doc["period"]["label"]),
        ("Compared with", (doc.get("comparison") or {}).get("label", "No comparison")),
        ("Made", doc["generated_at"]),
        ("Small numbers", " ".join(doc.get("notes", []))),
        ("Summary", doc.get("summary_text", "")),
    ]
    for r, (label, value) in enumerate(lines, start=1):
        about.cell(row=r, column=1, value=label).font = Font(bold=True)
        cell = about.cell(row=r, column=2, value=safe_text(value))
        cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 100

    from voice.summaries.summary import TABLE_KEYS

    used: set[str] = {"About"}
    order = [k for k in TABLE_KEYS if k in doc["tables"]] + [
        k for k in doc["tables"] if k not in TABLE_KEYS]
    for key in keys or order:
        table = doc["tables"][key]
        sheet = book.create_sheet(_sheet_name(SHEET_NAMES.get(key, table["title"]), used))
        _fill_sheet(sheet, table)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table_workbook(doc: dict[str, Any], key: str) -> bytes:
    return workbook(doc, [key])


def _fill_sheet(sheet, table: dict[str, Any]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    columns = table["columns"]
    rows = table_rows(table)
    widths = [len(str(v)) for v in rows[0]]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            column = columns[c - 1]
            cell = sheet.cell(row=r, column=c)
            if r == 1:
                cell.value = value
                cell.data_type = "s"
                cell.font = Font(bold=True)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                continue
            source_row = (table["rows"] + ([table["total"]] if table.get("total") else []))[r - 2]
            kind = column_type(column, source_row)
            if isinstance(value, int | float) and not isinstance(value, bool):
                if kind in ("percent", "points"):
                    cell.value = value / 100
                    cell.number_format = "0.0%" if kind == "percent" else "+0.0%;-0.0%;0.0%"
                else:
                    cell.value = value
                    cell.number_format = "#,##0" if kind in ("count", "number", "signed") \
                        else "General"
            elif kind == "date" and value:
                cell.value = date.fromisoformat(value)
                cell.number_format = "d mmmm yyyy"
            else:
                cell.value = value
                cell.data_type = "s"
            if table.get("total") and r == len(rows):
                cell.font = Font(bold=True)
            widths[c - 1] = max(widths[c - 1], min(len(str(value)), 60))
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = max(10, min(width + 2, 62))
    sheet.freeze_panes = "A2"


def _sheet_name(title: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "", title)[:31].strip() or "Table"
    base, n = name, 2
    while name in used:
        suffix = f" ({n})"
        name = base[:31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


def filename(doc: dict[str, Any], key: str, extension: str) -> str:
    scope = re.sub(r"[^a-z0-9]+", "-", doc["scope"]["description"].lower()).strip("-")[:40]
    period = f"{doc['period']['start']}-to-{doc['period']['end']}"
    return f"voice-{key.replace('_', '-')}-{scope}-{period}.{extension}"
