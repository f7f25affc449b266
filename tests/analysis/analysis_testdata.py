"""Test data shared by the analysis tests (a plain module, imported by name)."""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"

# A small labelled set: enough for a model to learn from in well under a second.
_POSITIVE = [
    "The staff were lovely and kind",
    "Really helpful, thank you so much",
    "My worker listened to me and it helped",
    "Brilliant service, I felt supported",
    "Amazing group, I loved it",
    "They were friendly and explained everything",
]
_NEGATIVE = [
    "I waited months and nobody called me back",
    "The receptionist was rude to me",
    "Awful, they cancelled three times",
    "Nobody listened and I felt ignored",
    "The wait was far too long and it was horrible",
    "Staff were rude and dismissive",
]
_NEUTRAL = [
    "I went on a Tuesday",
    "It was in the new building",
    "I had two sessions",
    "My mum came with me",
    "We talked about school",
    "The appointment was at four",
]


def synthetic_rows() -> list[dict[str, str]]:
    """Rows for a CSV with text, question, a 1-5 rating and two 0/1 theme columns."""
    rows = []
    for i in range(8):
        for text in _POSITIVE:
            rows.append(
                {
                    "comment": f"{text} {i}",
                    "rating": "1",
                    "waiting": "0",
                    "staff": "1" if "staff" in text.lower() or "friendly" in text else "0",
                }
            )
        for text in _NEGATIVE:
            waiting = "1" if any(w in text.lower() for w in ("wait", "months", "cancel")) else "0"
            staff = (
                "1" if any(w in text.lower() for w in ("rude", "staff", "receptionist")) else "0"
            )
            rows.append(
                {"comment": f"{text} {i}", "rating": "5", "waiting": waiting, "staff": staff}
            )
        for text in _NEUTRAL:
            rows.append({"comment": f"{text} {i}", "rating": "3", "waiting": "0", "staff": "0"})
    for row in rows:
        row["question"] = "Tell us about your visit"
    return rows


def write_csv(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> Path:
    columns = columns or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def rules(text: str) -> tuple[str, ...]:
    """The safeguarding rules' reasons for ``text`` (never the learned check)."""
    from voice.analysis.safeguarding import rule_reasons
    from voice.analysis.text import normalise

    return rule_reasons(normalise(text))
