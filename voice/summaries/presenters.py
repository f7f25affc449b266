"""Charts for a summary document. Each is drawn from a table the page also shows beside it."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from voice.summaries import charts
from voice.summaries.charts import RAG_COLOURS, Bar
from voice.summaries.formatting import text

MAX_THEME_BARS = 10


def build_charts(doc: dict[str, Any], prefix: str = "chart") -> dict[str, Markup]:
    tables = doc["tables"]
    made: dict[str, Markup] = {}
    trend = tables["fft_trend"]
    made["fft_trend"] = charts.line_chart(
        f"{prefix}-fft-trend", "Friends and Family Test: percentage positive each month",
        [row["month"] for row in trend["rows"]], [row["positive"] for row in trend["rows"]],
        unit="%", maximum=100, series_name="Percentage who said very good or good")
    made["fft"] = charts.bar_chart(
        f"{prefix}-fft", "Friends and Family Test answers",
        [Bar(row["answer"], row["share"]) for row in tables["fft"]["rows"]], unit="%",
        maximum=100)
    made["smileys"] = charts.bar_chart(
        f"{prefix}-smileys", "Smiley-scale answers",
        [Bar(row["answer"], row["share"]) for row in tables["smileys"]["rows"]], unit="%",
        maximum=100)
    themes = tables["themes"]["rows"][:MAX_THEME_BARS]
    made["themes"] = charts.bar_chart(
        f"{prefix}-themes", "Share of items by theme (largest themes)",
        [Bar(row["theme"], row["share"]) for row in themes], unit="%")
    made["cards"] = charts.bar_chart(
        f"{prefix}-cards", "Action cards: stop, start or change",
        [Bar(row["kind"], row["cards"]) for row in tables["cards"]["rows"]])
    made["commitments"] = charts.bar_chart(
        f"{prefix}-commitments", "Commitments by red, amber and green",
        [Bar(row["rag"], row["commitments"], RAG_COLOURS.get(row.get("_rag", "none"),
                                                             charts.SECOND))
         for row in tables["commitments"]["rows"]])
    for key, table in tables.items():
        if key.startswith("hearing_"):
            rows = [(row["group"], row["share"], row["population_share"])
                    for row in table["rows"] if row.get("_key") not in ("prefer_not",
                                                                        "not_answered")]
            made[key] = charts.paired_bar_chart(
                f"{prefix}-{key.replace('_', '-')}", table["title"], rows,
                ("Survey responses", "Young people using the services"))
    return made


def theme_sparklines(doc: dict[str, Any], prefix: str = "spark") -> dict[str, Markup]:
    """A small trend line for each theme row (items per month)."""
    labels = doc.get("month_labels", [])
    lines = {}
    for i, row in enumerate(doc["tables"]["themes"]["rows"]):
        series = row.get("_trend") or []
        lines[row["_key"]] = charts.sparkline(
            f"{prefix}-{i}", f"{row['theme']}: items each month", labels, series)
    return lines


def headline_cards(doc: dict[str, Any]) -> list[dict[str, str]]:
    """The big numbers at the top of the page, in words."""
    cards = []
    for row in doc["tables"]["headline"]["rows"][:4]:
        kind = row.get("_format", "count")
        cards.append({"label": row["measure"], "value": text(row["period"], kind) or "no data",
                      "change": text(row.get("change"), "points" if kind == "percent"
                                     else "signed") if row.get("change") is not None else ""})
    return cards
