"""Reading CSV files of comments robustly, and the NHS Friends and Family Test data.

Every problem is reported as a :class:`DataError` naming the row (as a
spreadsheet numbers it: the header is row 1) and, where it applies, the column,
so a participation officer can open the file and fix it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .sentiment import NEGATIVE, NEUTRAL, POSITIVE

__all__ = [
    "DataError",
    "NhsComment",
    "Table",
    "load_nhs_fft",
    "read_csv",
    "sentiment_from_criticality",
]


class DataError(ValueError):
    """A problem in an input file, located by row and column where possible."""

    def __init__(self, message: str, row: int | None = None, column: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.row = row
        self.column = column

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f'column "{self.column}"')
        return (", ".join(where) + ": " if where else "") + self.message


@dataclass
class Table:
    """A CSV file's header and rows; ``row_numbers[i]`` is the file row of ``rows[i]``."""

    columns: list[str]
    rows: list[dict[str, str]]
    row_numbers: list[int]

    def require(self, names: Sequence[str]) -> None:
        """Raise DataError naming the first of ``names`` that is not a column."""
        for name in names:
            if name not in self.columns:
                listed = ", ".join(f'"{c}"' for c in self.columns)
                raise DataError(f"no such column (the columns are {listed})", row=1, column=name)

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        return iter(zip(self.row_numbers, self.rows, strict=True))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Excel on Windows saves "CSV" in Windows-1252 unless told otherwise.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        row = data[: utf8_error.start].count(b"\n") + 1
        raise DataError("the file is not UTF-8 text (save it as 'CSV UTF-8')", row=row) from None


def read_csv(path: str | Path) -> Table:
    """Read a CSV file with a header row; raise DataError if it is not a proper table."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc.strerror or exc}") from None
    text = _decode(data)
    if "\x00" in text:
        row = text[: text.index("\x00")].count("\n") + 1
        raise DataError("contains a NUL byte: is this a spreadsheet rather than CSV?", row=row)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    row_number = 0
    columns: list[str] | None = None
    rows: list[dict[str, str]] = []
    numbers: list[int] = []
    try:
        for record in reader:
            row_number += 1
            if columns is None:
                columns = [c.strip() for c in record]
                _check_header(columns)
                continue
            if not record or (len(record) == 1 and not record[0].strip()):
                continue  # a blank line
            if len(record) != len(columns):
                raise DataError(
                    f"has {len(record)} cells but the header has {len(columns)}"
                    " (check for an unquoted comma or a missing quote)",
                    row=row_number,
                )
            rows.append(dict(zip(columns, record, strict=True)))
            numbers.append(row_number)
    except csv.Error as exc:
        raise DataError(f"malformed CSV ({exc})", row=row_number + 1) from None
    if columns is None:
        raise DataError("the file is empty: expected a header row", row=1)
    return Table(columns, rows, numbers)


def _check_header(columns: list[str]) -> None:
    if not any(columns):
        raise DataError("the header row is empty", row=1)
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            raise DataError("appears twice in the header", row=1, column=name)
        seen.add(name)


# --- the NHS Friends and Family Test file ------------------------------------------------
@dataclass(frozen=True)
class NhsComment:
    """One row of ``nhs_fft_phase1.csv``."""

    text: str
    label: str
    subcategory: str
    criticality: int | None
    organization: str
    question: str
    row: int

    @property
    def sentiment(self) -> str | None:
        """negative / neutral / positive from the criticality, None if it was malformed."""
        return sentiment_from_criticality(self.criticality)


def _parse_criticality(value: str) -> int | None:
    value = value.strip()
    try:
        return int(value)
    except ValueError:
        return None  # "-o", "NA", "SS" and the like: unusable, not fatal


def sentiment_from_criticality(criticality: int | None) -> str | None:
    """Criticality below 0 is negative, 0 neutral, above 0 positive."""
    if criticality is None:
        return None
    if criticality < 0:
        return NEGATIVE
    return POSITIVE if criticality > 0 else NEUTRAL


def load_nhs_fft(path: str | Path) -> list[NhsComment]:
    """Load the NHS FFT labelled comments; malformed criticality values become None."""
    table = read_csv(path)
    table.require(["feedback", "label", "criticality"])
    out = []
    for row_number, row in table:
        out.append(
            NhsComment(
                text=row["feedback"],
                label=row.get("label", "").strip(),
                subcategory=row.get("subcategory", "").strip(),
                criticality=_parse_criticality(row["criticality"]),
                organization=row.get("organization", "").strip(),
                question=row.get("question", "").strip(),
                row=row_number,
            )
        )
    return out
