"""A one-paragraph summary written from the figures, ready to paste into a board paper.

Pure: it reads a summary document (:func:`voice.summaries.summary.build_summary`) and nothing
else, so a snapshot's paragraph can be written again word for word. It never states a hidden
figure: a suppressed count reads "fewer than 5", and themes too small to describe are left out.
"""

from __future__ import annotations

from typing import Any

from voice import words
from voice.summaries.suppression import FEWER_THAN, is_suppressed

MAX_THEMES = 3
MAX_CHANGES = 2
#: Smaller moves in a theme's share are noise, not news.
MIN_CHANGE = 1.0


def _count(value: Any, one: str, many: str) -> str:
    if is_suppressed(value):
        return f"{FEWER_THAN} {many}"
    if value is None or value == 0:
        return f"no {many}"
    if value == 1:
        return f"1 {one}"
    return f"{value:,} {many}"


def _pct(value: float) -> str:
    return f"{value:g}%"


def _points(value: float) -> str:
    n = abs(value)
    word = "point" if n == 1 else "points"
    return f"{n:g} percentage {word}"


def _mood(net: Any) -> str:
    if net is None:
        return ""
    if net >= 20:
        return "mostly positive"
    if net <= -20:
        return "mostly negative"
    return "mixed"


def _lower_first(text: str, *, name: bool = False) -> str:
    """Inside a sentence: names and acronyms keep their capitals (voice.words)."""
    return words.lower_first(text, name=name)


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def write_summary(doc: dict[str, Any]) -> str:
    """The paragraph: who we heard from, how they felt, the largest themes, the biggest
    changes, and the commitments that are red or overdue."""
    facts = doc.get("facts", {})
    period = doc["period"]["label"]
    comparison = (doc.get("comparison") or {}).get("label")
    scope = doc["scope"]["description"]
    sentences: list[str] = []

    responses = _count(facts.get("responses"), "survey response", "survey responses")
    cards = _count(facts.get("cards"), "action card", "action cards")
    items = facts.get("items")
    # A scope that starts with a service's name keeps its capitals.
    named = "service" in doc["scope"].get("labels", {})
    sentences.append(f"In {period}, {_lower_first(scope, name=named)} received {responses} and {cards}"
                     + ("" if is_suppressed(items) or not items else
                        f", with {items:,} things young people wrote in their own words") + ".")

    positive, before = facts.get("fft_positive"), facts.get("fft_positive_comparison")
    if isinstance(positive, int | float) and not is_suppressed(positive):
        sentence = (f"In the Friends and Family Test, {_pct(positive)} said their experience "
                    "was good or very good")
        if isinstance(before, int | float) and comparison:
            diff = round(positive - before, 1)
            if diff == 0:
                sentence += f", the same as in {comparison}"
            else:
                sentence += (f", {'up' if diff > 0 else 'down'} {_points(diff)} on "
                             f"{comparison}")
        sentences.append(sentence + ".")

    themes = [row for row in doc["tables"].get("themes", {}).get("rows", [])
              if not is_suppressed(row.get("items")) and row.get("share") is not None]
    if themes:
        described = []
        for row in themes[:MAX_THEMES]:
            detail = f"{_pct(row['share'])} of items"
            mood = _mood(row.get("net"))
            if mood:
                detail += f", {mood}"
            described.append(f"{_lower_first(row['theme'])} ({detail})")
        sentences.append(f"The largest themes were {_join(described)}."
                         if len(described) > 1 else f"The largest theme was {described[0]}.")
        comparable = [row for row in themes if isinstance(row.get("change"), int | float)]
        moved = sorted((row for row in comparable if abs(row["change"]) >= MIN_CHANGE),
                       key=lambda r: -abs(r["change"]))[:MAX_CHANGES]
        if comparable and not moved and comparison:
            sentences.append(f"No theme's share moved by as much as {MIN_CHANGE:g} percentage "
                             f"point since {comparison}.")
        if moved and comparison:
            changes = [f"{_lower_first(row['theme'])} {'rose' if row['change'] > 0 else 'fell'} "
                       f"by {_points(row['change'])}" for row in moved]
            sentences.append(f"Compared with {comparison}, the biggest changes were that "
                             f"{_join(changes)}." if len(changes) > 1 else
                             f"Compared with {comparison}, the biggest change was that "
                             f"{changes[0]}.")

    red, overdue = facts.get("commitments_red", 0), facts.get("commitments_overdue", 0)
    total = facts.get("commitments", 0)
    if total:
        sentence = (f"Of {words.count(total, 'commitment')} made to young people, "
                    f"{red:,} {'is' if red == 1 else 'are'} red")
        reds = facts.get("red_commitments") or []
        if reds:
            first = reds[0]
            sentence += (f" (including \u201c{first['we_will'].rstrip('.')}\u201d, "
                         f"{first['service']})")
        sentence += f" and {overdue:,} {'is' if overdue == 1 else 'are'} overdue."
        sentences.append(sentence)
    else:
        sentences.append("No commitments to young people were open in this period.")

    inspected, disagreements = facts.get("inspections", 0), facts.get("disagreements", 0)
    if inspected:
        services = "1 service" if inspected == 1 else f"{inspected:,} services"
        sentence = f"Young inspectors' latest agreed ratings cover {services}"
        if disagreements:
            sentence += (f"; providers rated themselves differently on {disagreements:,} "
                         f"standard{'s' if disagreements != 1 else ''}")
        sentences.append(sentence + ".")
    return " ".join(sentences)
