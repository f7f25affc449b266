"""Small-number suppression for every count that describes young people.

Two rules, applied to a table together with the totals and sub-totals published with it:

* **Primary**: a count from 1 to 4 is shown as "fewer than 5". Zero is shown: it says nothing
  about any young person, and "none" is useful to know.
* **Secondary**: a hidden count must not be recoverable by subtraction. A published table is a
  set of *lines*: groups of entries where one is the sum of the others (a row and its total, a
  column and its total, "very good" + "good" = "positive"). Each line that holds a hidden entry
  must hold at least two, and the hidden entries of a line must add up to 5 or more, so that
  not even their sum singles anyone out. Where a line needs another entry hidden we hide its
  smallest non-zero count (a cell rather than a total where possible) and repeat until every
  line is safe.

This is the "each line has none or at least two hidden cells" rule that statistical offices use
for small published tables. It cannot stop differencing between *different* summaries (the
whole system minus every service but one); the dashboard applies the threshold to every figure
it shows and never shows a breakdown of a group smaller than 5.

Everything here is pure: numbers in, marks out. Rendering reads the marks.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

THRESHOLD = 5
PRIMARY = "primary"
SECONDARY = "secondary"
FEWER_THAN = f"fewer than {THRESHOLD}"
NOT_SHOWN = "not shown"
EXPLANATION = (f"Counts under {THRESHOLD} show as \u201c{FEWER_THAN}\u201d so that nobody can be "
               f"identified. Where one of those could be worked out from a total, another figure "
               f"is \u201c{NOT_SHOWN}\u201d too.")

K = TypeVar("K", bound=Hashable)


def suppress_lines(entries: Mapping[K, int], lines: Iterable[Sequence[K]], *,
                   totals: Iterable[K] = (), threshold: int = THRESHOLD) -> dict[K, str]:
    """Which entries to hide, and why (``PRIMARY`` or ``SECONDARY``).

    ``entries`` are the published counts; each line lists entries where the **last** is the sum
    of the others (the relation a reader could use to subtract). ``totals`` are entries to hide
    only as a last resort (they are usually published elsewhere as well).

    A line is safe when it has no hidden entry, or when it has at least two, their sum is 5 or
    more, and no hidden entry can be worked out from the line. The last check knows what a
    reader knows: "fewer than 5" means 1 to 4 (zero is shown), and "not shown" means 0 or at
    least 5; so 4 + 4 + 4 read off a total of 52 with 40 shown is caught, as is 1 + 5 = 6.
    """
    for value in entries.values():
        _check(value)
    lines = [list(line) for line in lines]
    for line in lines:
        unknown = [key for key in line if key not in entries]
        if unknown:
            raise KeyError(f"line refers to unknown entries {unknown}")
        if len(line) >= 2 and sum(entries[k] for k in line[:-1]) != entries[line[-1]]:
            raise ValueError(f"line {line} does not add up")
    order = {key: i for i, key in enumerate(entries)}
    total_keys = set(totals) | {line[-1] for line in lines if line}
    marks: dict[K, str] = {key: PRIMARY for key, value in entries.items()
                           if primary(value, threshold)}
    changed = True
    while changed:
        changed = False
        for line in lines:
            if _line_is_safe(line, entries, marks, threshold):
                continue
            candidates = [key for key in line if key not in marks]
            if not candidates:
                continue  # every entry of the line is already hidden

            def rank(key: K) -> tuple[int, int, int, int]:
                value = entries[key]
                return (1 if value == 0 else 0, 1 if key in total_keys else 0, value, order[key])

            marks[min(candidates, key=rank)] = SECONDARY
            changed = True
    return marks


# Intervals of whole numbers, as sorted lists of (low, high); INF stands for "no upper limit".
INF = 10**15
Intervals = list[tuple[int, int]]


def _domain(mark: str, threshold: int) -> Intervals:
    """What a reader knows about a hidden count from the words shown for it."""
    if mark == PRIMARY:
        return [(1, threshold - 1)]
    return [(0, 0), (threshold, INF)]


def _merge(intervals: Intervals) -> Intervals:
    merged: Intervals = []
    for low, high in sorted(intervals):
        low, high = max(low, -INF), min(high, INF)
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _add(a: Intervals, b: Intervals) -> Intervals:
    return _merge([(x[0] + y[0], x[1] + y[1]) for x in a for y in b])


def _negate(a: Intervals) -> Intervals:
    return _merge([(-high, -low) for low, high in a])


def _intersect(a: Intervals, b: Intervals) -> Intervals:
    out = [(max(x[0], y[0]), min(x[1], y[1])) for x in a for y in b]
    return _merge([(low, high) for low, high in out if low <= high])


def _line_is_safe(line: Sequence[K], entries: Mapping[K, int], marks: Mapping[K, str],
                  threshold: int) -> bool:
    hidden = [key for key in line if key in marks]
    if not hidden:
        return True
    if len(hidden) < 2 or sum(entries[key] for key in hidden) < threshold:
        return False
    # The line says: sum of cells - total = 0. Moving what is shown to the right-hand side
    # leaves  sum(sign * hidden) = constant, with sign -1 for a hidden total.
    total = line[-1]
    sign = {key: (-1 if key == total else 1) for key in hidden}
    constant = -sum((-1 if key == total else 1) * entries[key] for key in line
                    if key not in marks)
    terms = {key: (_domain(marks[key], threshold) if sign[key] > 0
                   else _negate(_domain(marks[key], threshold))) for key in hidden}
    for key in hidden:
        others: Intervals = [(0, 0)]
        for other in hidden:
            if other != key:
                others = _add(others, terms[other])
        possible = _intersect(terms[key], _add([(constant, constant)], _negate(others)))
        if len(possible) == 1 and possible[0][0] == possible[0][1]:
            return False  # this hidden figure could be worked out exactly
    return True


@dataclass
class SuppressedGrid:
    """A table of counts with its published totals, and which entries are hidden."""

    values: list[list[int]]
    row_totals: list[int] | None
    column_totals: list[int] | None
    grand_total: int | None
    marks: dict[tuple[int, int], str] = field(default_factory=dict)

    # Positions: (r, c) for cells; (r, -1) for row r's total; (-1, c) for column c's total;
    # (-1, -1) for the grand total.
    def mark(self, row: int, column: int) -> str | None:
        return self.marks.get((row, column))

    def cell(self, row: int, column: int) -> Any:
        """The cell as stored in a summary: the number, or {"suppressed": kind}."""
        return publish(self.values[row][column], self.mark(row, column))

    def row_total(self, row: int) -> Any:
        assert self.row_totals is not None
        return publish(self.row_totals[row], self.mark(row, -1))

    def column_total(self, column: int) -> Any:
        assert self.column_totals is not None
        return publish(self.column_totals[column], self.mark(-1, column))

    def total(self) -> Any:
        return publish(self.grand_total, self.mark(-1, -1))

    @property
    def any_suppressed(self) -> bool:
        return bool(self.marks)


def suppress_grid(values: Sequence[Sequence[int]], *, row_totals: bool = True,
                  column_totals: bool = False, threshold: int = THRESHOLD) -> SuppressedGrid:
    """Mark the entries of ``values`` (rows of counts) that must be hidden.

    ``row_totals`` / ``column_totals`` say which margins are published with the table; the grand
    total counts as published when both are. A one-dimensional breakdown with its total is a
    single row with ``row_totals=True``; counts with no total at all use ``row_totals=False``.
    """
    grid = [list(row) for row in values]
    width = len(grid[0]) if grid else 0
    if any(len(row) != width for row in grid):
        raise ValueError("every row needs the same number of cells")
    for row in grid:
        for value in row:
            _check(value)
    rows = [sum(row) for row in grid] if row_totals else None
    columns = [sum(row[c] for row in grid) for c in range(width)] if column_totals else None
    grand = sum(rows) if rows is not None and columns is not None else None

    entries: dict[tuple[int, int], int] = {}
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            entries[(r, c)] = value
    lines: list[list[tuple[int, int]]] = []
    if rows is not None:
        for r, value in enumerate(rows):
            entries[(r, -1)] = value
            lines.append([(r, c) for c in range(width)] + [(r, -1)])
    if columns is not None:
        for c, value in enumerate(columns):
            entries[(-1, c)] = value
            lines.append([(r, c) for r in range(len(grid))] + [(-1, c)])
    if grand is not None:
        entries[(-1, -1)] = grand
        lines.append([(-1, c) for c in range(width)] + [(-1, -1)])
        lines.append([(r, -1) for r in range(len(grid))] + [(-1, -1)])
    result = SuppressedGrid(grid, rows, columns, grand)
    result.marks = suppress_lines(entries, lines, threshold=threshold)
    return result


def suppress_counts(values: Sequence[int], *, total: bool = True,
                    threshold: int = THRESHOLD) -> SuppressedGrid:
    """A one-dimensional breakdown, with its total published when ``total``."""
    return suppress_grid([list(values)], row_totals=total, threshold=threshold)


def suppress_count(value: int, threshold: int = THRESHOLD) -> Any:
    """A count shown on its own (no total that could reveal it)."""
    _check(value)
    return {"suppressed": PRIMARY} if primary(value, threshold) else value


def publish(value: Any, mark: str | None) -> Any:
    return {"suppressed": mark} if mark else value


def is_suppressed(value: Any) -> bool:
    return isinstance(value, dict) and "suppressed" in value


def display(value: Any) -> str:
    """Words for a published count: the number with thousands separators, or why it is hidden."""
    if is_suppressed(value):
        return FEWER_THAN if value["suppressed"] == PRIMARY else NOT_SHOWN
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def primary(value: int, threshold: int = THRESHOLD) -> bool:
    return 0 < value < threshold


def percent(part: Any, whole: Any, places: int = 1) -> Any:
    """``part`` as a percentage of ``whole``: hidden when the part is, None when the whole is
    hidden, zero or under the threshold (a percentage of a tiny group singles people out)."""
    if is_suppressed(part):
        return dict(part)
    if is_suppressed(whole) or part is None or not whole or whole < THRESHOLD:
        return None
    return round(100 * part / whole, places)


def _check(value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"counts must be whole numbers of zero or more, not {value!r}")
