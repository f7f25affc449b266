"""The summary document: every figure a dashboard, report, export, API call or snapshot shows.

:func:`build_summary` runs the aggregate queries (:mod:`voice.summaries.queries`), applies
small-number suppression (:mod:`voice.summaries.suppression`) to every count about young people,
and returns one JSON-serialisable dict. Nothing under the threshold ever leaves this module:
hidden counts are stored as ``{"suppressed": "primary" | "secondary"}``. Snapshots store this
dict exactly, so a past report can be shown again figure for figure.

Tables share one shape, so every one of them can be exported and served by the API::

    {"key": "themes", "title": "...", "description": "...",
     "columns": [{"key": "theme", "label": "Theme", "type": "text"}, ...],
     "rows": [{"theme": "Waiting and getting seen", "items": 120, ...}, ...],
     "total": {...} or None, "notes": [...]}

Keys that start with ``_`` in a row are for the page (links, trend series), not for exports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from voice import words
from voice.ages import AGE_GROUPS, PREFER_NOT, group_of
from voice.summaries import cache, queries, rollups
from voice.summaries.filters import Scope, Selection
from voice.summaries.periods import Period, short_month, trend_months
from voice.summaries.suppression import (
    EXPLANATION,
    THRESHOLD,
    is_suppressed,
    percent,
    publish,
    suppress_count,
    suppress_lines,
)
from voice.summaries.themes import theme_labels

DOCUMENT_VERSION = 1

FFT_ANSWERS = [
    ("very_good", "Very good"),
    ("good", "Good"),
    ("neither", "Neither good nor poor"),
    ("poor", "Poor"),
    ("very_poor", "Very poor"),
    ("dont_know", "Don't know"),
]
SMILEYS = [("5", "Really good"), ("4", "Good"), ("3", "OK"), ("2", "Not good"),
           ("1", "Really bad")]
CARD_KINDS = [("stop", "Stop"), ("start", "Start"), ("change", "Change")]
RAGS = [("red", "Red: late or at risk"), ("amber", "Amber: on track"), ("green", "Green: done"),
        ("assured", "Assured: young people checked"), ("none", "Grey: can't do, reason given")]
RAG_WORDS = {"red": "Red", "amber": "Amber", "green": "Green"}
STATUS_WORDS = {"not_started": "Not started", "in_progress": "In progress", "done": "Done",
                "cant_do": "Can't do"}
METHOD_WORDS = {"visit": "Announced visit", "mystery_visit": "Mystery shop in person",
                "mystery_phone": "Mystery shop by phone",
                "mystery_website": "Mystery shop of the website"}
SOURCE_WORDS = {"answer": "Survey answers", "card": "Action cards",
                "finding": "Young inspectors' findings"}

#: Every table a summary has, in page order (the API and exports list them from here).
TABLE_KEYS = (
    "headline", "fft", "fft_trend", "smileys", "themes", "theme_trend", "sources", "cards",
    "cards_most_backed", "commitments", "commitments_overdue", "inspections",
    "inspection_disagreements", "hearing_age", "hearing_gender", "hearing_ethnicity",
    "hearing_disability", "hearing_care_experience", "links",
)

DIMENSIONS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "age": ("Age", [(key, group.label) for key, group in AGE_GROUPS.items()]),
    "gender": ("Gender", [("girl", "Girl or young woman"), ("boy", "Boy or young man"),
                          ("non_binary", "Non-binary"), ("another_way", "Described another way")]),
    "ethnicity": ("Ethnic group", [("asian", "Asian or Asian British"),
                                   ("black", "Black, Black British, Caribbean or African"),
                                   ("mixed", "Mixed or multiple ethnic groups"),
                                   ("white", "White"), ("other", "Another ethnic group")]),
    "disability": ("Disability or SEND", [("yes", "Yes"), ("no", "No"),
                                          ("not_sure", "Not sure")]),
    "care_experience": ("Care experience", [("yes", "Yes"), ("no", "No"),
                                            ("not_sure", "Not sure")]),
}


# ---- small helpers -------------------------------------------------------------------------------

def col(key: str, label: str, kind: str = "count") -> dict[str, str]:
    return {"key": key, "label": label, "type": kind}


def make_table(key: str, title: str, columns: list[dict[str, str]], rows: list[dict[str, Any]],
               *, description: str = "", total: dict[str, Any] | None = None,
               notes: Iterable[str] = (), empty: str = "Nothing to show for this period."
               ) -> dict[str, Any]:
    return {"key": key, "title": title, "description": description, "columns": columns,
            "rows": rows, "total": total, "notes": list(notes), "empty": empty}


# Column types that hold young people's words (approved, redacted wording).
WORD_COLUMNS = frozenset({"quote"})


def without_words(table: dict[str, Any]) -> dict[str, Any]:
    """The table with every column of young people's words taken out. The API and stored
    snapshots never carry words: a snapshot is kept for good, and words must stay where a
    moderator can still hide them or a young person can still have them deleted."""
    if not any(c.get("type") in WORD_COLUMNS for c in table.get("columns", ())):
        return table
    keys = {c["key"] for c in table["columns"] if c.get("type") in WORD_COLUMNS}

    def row(source: dict[str, Any] | None) -> dict[str, Any] | None:
        return None if source is None else {k: v for k, v in source.items() if k not in keys}

    return {**table, "columns": [c for c in table["columns"] if c["key"] not in keys],
            "rows": [row(r) for r in table["rows"]], "total": row(table.get("total"))}


def document_without_words(document: dict[str, Any]) -> dict[str, Any]:
    """A whole summary document with :func:`without_words` applied to every table."""
    tables = document.get("tables")
    if not isinstance(tables, dict):
        return document
    return {**document, "tables": {k: without_words(t) for k, t in tables.items()}}


def change(current: Any, previous: Any, places: int | None = None) -> Any:
    """The difference between two published figures, or None if either is hidden or missing."""
    if current is None or previous is None or is_suppressed(current) or is_suppressed(previous):
        return None
    value = current - previous
    return round(value, places) if places is not None else value


class Ledger:
    """Counts that are published together, and the sums a reader could subtract with."""

    def __init__(self) -> None:
        self.entries: dict[Hashable, int] = {}
        self.lines: list[list[Hashable]] = []
        self.marks: dict[Hashable, str] = {}

    def add(self, key: Hashable, value: int) -> Hashable:
        self.entries[key] = int(value)
        return key

    def line(self, parts: Sequence[Hashable], total: Hashable) -> None:
        self.lines.append([*parts, total])

    def solve(self) -> Ledger:
        self.marks = suppress_lines(self.entries, self.lines)
        return self

    def get(self, key: Hashable) -> Any:
        return publish(self.entries[key], self.marks.get(key))


def _iso(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


# ---- the document --------------------------------------------------------------------------------

def build_summary(session: Session, selection: Selection, scope: Scope, *, today: date,
                  now: datetime, use_cache: bool = True, live: bool = False
                  ) -> dict[str, Any]:
    """Every figure for ``selection`` as seen by a reader limited to ``scope``.

    Counts come from the rollups (:mod:`voice.summaries.rollups`), which are always exact, so
    snapshots read them too (``use_cache`` is kept for callers and no longer changes anything).
    ``live=True`` counts everything from the rows instead (tests and benchmarks compare).
    """
    period, comparison = selection.period, selection.comparison
    months = [m for m in trend_months(period) if m <= today]
    grid = queries.TimeGrid.for_periods(period, comparison, months, cut_months=True)
    month_keys = [f"m:{m.isoformat()}" for m in months]
    month_labels = [short_month(m) for m in months]
    in_period = [k for k, m in zip(month_keys, months, strict=True)
                 if period.start <= m and _month_inside(m, period)]
    in_comparison = [k for k, m in zip(month_keys, months, strict=True)
                     if comparison is not None and _month_inside(m, comparison)]
    period_is_months = _whole_months(period, months)
    comparison_is_months = comparison is not None and _whole_months(comparison, months)

    doc: dict[str, Any] = {
        "version": DOCUMENT_VERSION,
        "generated_at": now.isoformat(),
        "scope": {"filters": selection.filters.as_dict(), "description": scope.description,
                  "labels": dict(scope.labels),
                  "services": queries.services_in_scope(session, scope)},
        "selection": selection.query_args(),
        "period": period.clipped(today).as_dict(),
        "comparison": comparison.as_dict() if comparison else None,
        "months": [m.isoformat() for m in months],
        "month_labels": month_labels,
        "threshold": THRESHOLD,
        "notes": [EXPLANATION],
        "tables": {},
    }
    tables = doc["tables"]

    # --- surveys: responses, links, "about you", FFT, smileys ---
    counts = cache.collect(session, scope, grid, now=now, live=live)
    response_buckets: dict[int, int] = defaultdict(int)
    for _link, bucket, n in counts.links:
        response_buckets[bucket] += n
    responses_p = grid.total(response_buckets, "period")
    responses_c = grid.total(response_buckets, "comparison") if comparison else None
    period_links = _by_key(counts.links, grid, "period")
    all_time_links = None if live else rollups.link_totals(session, scope)
    if all_time_links is None:
        all_time_links = queries.link_all_time(session, scope)
    links = queries.link_details(session, scope, period_links)
    for row in links:
        row.responses = period_links.get(row.link_id, 0)
        row.all_time = all_time_links.get(row.link_id, 0)
    links.sort(key=lambda r: (-r.responses, r.service, r.area, r.link_id))
    answers = counts.answers
    age_counts = _by_key(counts.ages, grid, "period")
    population, covered = queries.population_counts(session, scope)
    population_total = queries.population_total(session, scope)

    family = Ledger()
    total_key = family.add("responses", responses_p)
    link_keys = [family.add(("link", row.link_id), row.responses) for row in links]
    family.line(link_keys, total_key)
    hearing = _hearing_from(family, total_key, answers, grid, age_counts, responses_p)
    family.solve()

    all_time = {row.link_id: suppress_count(row.all_time) for row in links}
    tables["links"] = make_table(
        "links", "Responses by survey link",
        [col("link", "Survey link", "text"), col("survey", "Survey", "text"),
         col("responses", "Responses in this period"),
         col("all_time", "Responses, all time"), col("opened", "Times opened, all time"),
         col("rate", "Response rate, all time", "percent")],
        [{"link": _link_label(row), "survey": row.survey,
          "responses": family.get(("link", row.link_id)),
          "all_time": all_time[row.link_id], "opened": row.opened,
          "rate": _rate(all_time[row.link_id], row.opened),
          "_paused": row.paused} for row in links],
        description="Each poster, card or message that links to a survey. The response rate is "
                    "responses for every time the survey was opened from that link.",
        total={"link": "All links", "survey": "", "responses": family.get(total_key),
               "all_time": None, "opened": None, "rate": None},
        empty="No survey links in this scope.")

    fft = _fft(answers, grid, months, month_keys, in_period, in_comparison, period_is_months,
               comparison_is_months)
    tables["fft"] = fft["table"]
    tables["fft_trend"] = fft["trend"]
    tables["smileys"] = _smileys(answers, grid, comparison is not None)

    for key, table in _hearing_tables(family, hearing, population, covered,
                                      doc["scope"]["services"], population_total).items():
        tables[key] = table

    # --- voice items: themes and sentiment ---
    item_buckets: dict[int, int] = defaultdict(int)
    for bucket, _sentiment, _source, n in counts.item_totals:
        item_buckets[bucket] += n
    items_p = grid.total(item_buckets, "period")
    items_c = grid.total(item_buckets, "comparison") if comparison else None
    source_p = _by_key(((src, b, n) for b, _s, src, n in counts.item_totals), grid, "period")
    themes = _themes(session, counts.item_themes, grid, items_p, items_c, month_keys, month_labels,
                     in_period, in_comparison, period_is_months, comparison_is_months,
                     comparison is not None)
    tables["themes"] = themes["table"]
    tables["theme_trend"] = themes["trend"]
    sources = Ledger()
    source_keys = [sources.add(src, source_p.get(src, 0)) for src in SOURCE_WORDS]
    sources.line(source_keys, sources.add("total", items_p))
    sources.solve()
    tables["sources"] = make_table(
        "sources", "Where the words came from",
        [col("source", "Source", "text"), col("items", "Things young people wrote")],
        [{"source": label, "items": sources.get(src)} for src, label in SOURCE_WORDS.items()],
        total={"source": "Total", "items": sources.get("total")})

    # --- action cards ---
    cards = _cards(counts.cards, grid, comparison is not None)
    tables["cards"] = cards["table"]
    backed = queries.most_backed_cards(
        session, scope, period, backing=None if live else rollups.backed_cards(session, scope,
                                                                               period))
    tables["cards_most_backed"] = make_table(
        "cards_most_backed", "Most-backed action cards",
        [col("kind", "Stop, start or change", "text"), col("text", "What they said", "quote"),
         col("service", "Service", "text"), col("backers", "Young people who said this")],
        [{"kind": dict(CARD_KINDS).get(c["kind"], c["kind"]), "text": c["text"],
          "service": c["service"], "backers": suppress_count(c["backers"])} for c in backed],
        description="Only cards a moderator approved, in their approved, redacted words. "
                    "Backing counts the card and every later one that said the same thing.",
        empty="No approved action cards in this period yet.")

    # --- headline ---
    fft_p, fft_c = fft["positive"], fft["positive_comparison"]
    neg_p, neg_c = fft["negative"], fft["negative_comparison"]
    responses_c_pub = suppress_count(responses_c) if responses_c is not None else None
    items_p_pub, items_c_pub = suppress_count(items_p), (
        suppress_count(items_c) if items_c is not None else None)
    headline_rows = [
        {"measure": "Survey responses", "period": family.get(total_key),
         "comparison": responses_c_pub, "change": change(family.get(total_key), responses_c_pub),
         "_format": "count"},
        {"measure": "Action cards", "period": cards["total"], "comparison": cards["total_c"],
         "change": change(cards["total"], cards["total_c"]), "_format": "count"},
        {"measure": "Things young people wrote", "period": items_p_pub,
         "comparison": items_c_pub, "change": change(items_p_pub, items_c_pub),
         "_format": "count"},
        {"measure": "Friends and Family Test: positive", "period": fft_p, "comparison": fft_c,
         "change": change(fft_p, fft_c, 1), "_format": "percent"},
        {"measure": "Friends and Family Test: negative", "period": neg_p, "comparison": neg_c,
         "change": change(neg_p, neg_c, 1), "_format": "percent"},
    ]
    tables["headline"] = make_table(
        "headline", "At a glance",
        [col("measure", "Measure", "text"), col("period", period.label, "auto"),
         col("comparison", comparison.label if comparison else "Comparison", "auto"),
         col("change", "Change", "auto_signed")],
        headline_rows,
        description="Friends and Family Test figures are the share of everyone who answered it "
                    "(the national method). Change in percentages is in percentage points.")
    if comparison is None:
        for row in headline_rows:
            row.pop("comparison"), row.pop("change")
        tables["headline"]["columns"] = tables["headline"]["columns"][:2]

    # --- commitments and young inspectors ---
    rag_counts = queries.commitment_rag_counts(session, scope, period)
    total_commitments = sum(rag_counts.values())
    tables["commitments"] = make_table(
        "commitments", "Commitments by red, amber and green",
        [col("rag", "Status", "rag"), col("commitments", "Commitments"),
         col("share", "Share", "percent")],
        [{"rag": label, "commitments": rag_counts.get(key, 0),
          "share": percent(rag_counts.get(key, 0), total_commitments), "_rag": key}
         for key, label in RAGS],
        description="Commitments made by the end of the period and still open during it, "
                    f"with their status on {_day(today)}.",
        total={"rag": "Total", "commitments": total_commitments, "share": None})
    overdue = queries.overdue_commitments(session, scope, period, today)
    tables["commitments_overdue"] = make_table(
        "commitments_overdue", "Overdue commitments",
        [col("we_will", "We will", "text"), col("you_said", "You said", "text"),
         col("service", "Service", "text"), col("owner", "Owner", "text"),
         col("due_date", "Due", "date"), col("days_overdue", "Days overdue", "number"),
         col("status", "Status", "text"), col("escalated", "Escalated", "text")],
        [{"we_will": c["we_will"], "you_said": c["you_said"], "service": c["service"],
          "owner": ", ".join(p for p in (c["owner"], c["owner_organisation"]) if p),
          "due_date": _iso(c["due_date"]), "days_overdue": c["days_overdue"],
          "status": STATUS_WORDS.get(c["status"], c["status"]), "_id": c["id"],
          "escalated": (f"Overdue and escalated on {_day(c['escalated_at'])}"
                        if c.get("escalated_at") else "")}
         for c in overdue],
        description=f"Open commitments past their due date on {_day(today)}, oldest first. "
                    "'Overdue and escalated': past the participation team's limit, so its "
                    "organisation's lead contact and the service's commissioner have been told.",
        empty="No overdue commitments. ")
    reds = queries.red_commitments(session, scope, period)

    inspections = queries.latest_inspections(session, scope, period)
    tables["inspections"] = make_table(
        "inspections", "Young inspectors' latest ratings",
        [col("service", "Service", "text"), col("visit_to", "Inspected", "date"),
         col("method", "How", "text"), col("framework", "Standards used", "text"),
         col("green", "Green", "number"), col("amber", "Amber", "number"),
         col("red", "Red", "number"), col("certificate", "Certificate", "yesno")],
        [{"service": i["service"], "visit_to": _iso(i["visit_to"]),
          "method": METHOD_WORDS.get(i["method"], i["method"]), "framework": i["framework"],
          "green": i["green"], "amber": i["amber"], "red": i["red"],
          "certificate": i["certificate"], "_id": i["inspection_id"]} for i in inspections],
        description="Each service's most recent inspection whose ratings the young inspectors "
                    "and the participation team have agreed, up to the end of the period.",
        empty="No agreed inspections for these services yet.")
    disagreements = queries.rating_disagreements(
        session, [i["inspection_id"] for i in inspections])
    tables["inspection_disagreements"] = make_table(
        "inspection_disagreements", "Where the provider's own rating differed",
        [col("service", "Service", "text"), col("standard", "Standard", "text"),
         col("self_rating", "Provider said", "rag_word"),
         col("team_rating", "Young inspectors said", "rag_word"),
         col("reason", "Why the young inspectors rated it so", "text")],
        [{"service": d["service"], "standard": f"{d['code']} {d['standard']}".strip(),
          "self_rating": RAG_WORDS.get(d["self_rating"], d["self_rating"]),
          "team_rating": RAG_WORDS.get(d["team_rating"], d["team_rating"]),
          "reason": d["reason"]} for d in disagreements],
        empty="No disagreements: the providers' own ratings matched the young inspectors'.")

    doc["facts"] = {
        "responses": family.get(total_key), "responses_comparison": responses_c_pub,
        "cards": cards["total"], "cards_comparison": cards["total_c"],
        "items": items_p_pub, "items_comparison": items_c_pub,
        "fft_positive": fft_p, "fft_positive_comparison": fft_c,
        "fft_answers": fft["total"],
        "commitments": total_commitments, "commitments_red": rag_counts.get("red", 0),
        "commitments_overdue": len(overdue),
        "red_commitments": [{**c, "due_date": _iso(c["due_date"])} for c in reds],
        "inspections": len(inspections), "disagreements": len(disagreements),
    }
    from voice.summaries.narrative import write_summary

    doc["summary_text"] = write_summary(doc)
    return doc


# ---- sections ------------------------------------------------------------------------------------

def _month_inside(month: date, period: Period) -> bool:
    from voice.summaries.periods import month_end

    return period.start <= month and month_end(month) <= period.end


def _whole_months(period: Period, months: Sequence[date]) -> bool:
    """True if ``period`` is exactly a run of whole months that are all in ``months``."""
    from voice.summaries.periods import month_end, month_starts

    if period.start.day != 1 or period.end != month_end(period.end):
        return False
    return set(month_starts(period.start, period.end)) <= set(months)


def _by_key(rows: Iterable[tuple[Any, int, int]], grid: queries.TimeGrid,
            name: str) -> dict[Any, int]:
    members = set(grid.members.get(name, []))
    out: dict[Any, int] = defaultdict(int)
    for key, bucket, n in rows:
        if bucket in members:
            out[key] += n
    return dict(out)


def _link_label(row: queries.LinkRow) -> str:
    from voice.summaries.filters import CHANNELS

    text = f"{row.service}, {row.area}, {CHANNELS.get(row.channel, row.channel)}"
    if row.note:
        text += f" ({row.note})"
    if row.paused:
        text += " (paused)"
    return text


def _rate(responses: Any, opened: int) -> Any:
    if is_suppressed(responses) or not opened:
        return None
    return round(min(100 * responses / opened, 100.0), 1)


def _day(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def _fft(answers, grid, months, month_keys, in_period, in_comparison, period_is_months,
         comparison_is_months) -> dict[str, Any]:
    """The Friends and Family Test: answers, positive and negative, and the monthly trend."""
    rows = [(v, b, n) for kind, v, b, n in answers if kind == queries.FFT_KIND]
    has_comparison = "comparison" in grid.ranges
    ledger = Ledger()
    figures: dict[str, dict[str, Any]] = {}
    for name in ("period", "comparison") if has_comparison else ("period",):
        counts = _by_key(rows, grid, name)
        keys = [ledger.add((name, value), counts.get(value, 0)) for value, _ in FFT_ANSWERS]
        total = ledger.add((name, "total"), sum(counts.get(v, 0) for v, _ in FFT_ANSWERS))
        positive = ledger.add((name, "positive"), counts.get("very_good", 0)
                              + counts.get("good", 0))
        negative = ledger.add((name, "negative"), counts.get("poor", 0)
                              + counts.get("very_poor", 0))
        ledger.line(keys, total)
        ledger.line(keys[:2], positive)
        ledger.line(keys[3:5], negative)
        figures[name] = {"total": total, "positive": positive, "negative": negative}
    for key in month_keys:
        counts = _by_key(rows, grid, key)
        ledger.add((key, "total"), sum(counts.get(v, 0) for v, _ in FFT_ANSWERS))
        ledger.add((key, "positive"), counts.get("very_good", 0) + counts.get("good", 0))
    if period_is_months:
        ledger.line([(k, "total") for k in in_period], ("period", "total"))
        ledger.line([(k, "positive") for k in in_period], ("period", "positive"))
    if has_comparison and comparison_is_months:
        ledger.line([(k, "total") for k in in_comparison], ("comparison", "total"))
        ledger.line([(k, "positive") for k in in_comparison], ("comparison", "positive"))
    ledger.solve()

    total_p = ledger.get(("period", "total"))
    table = make_table(
        "fft", "Friends and Family Test",
        [col("answer", "Answer", "text"), col("responses", "Responses"),
         col("share", "Share", "percent")],
        [{"answer": label, "responses": ledger.get(("period", value)),
          "share": percent(ledger.get(("period", value)), total_p), "_value": value}
         for value, label in FFT_ANSWERS],
        description="\u201cOverall, how was your experience of our service?\u201d Children's "
                    "wordings are stored as the six national answers.",
        total={"answer": "Total", "responses": total_p, "share": None},
        empty="Nobody answered the Friends and Family Test in this period.")

    def pct(name: str, what: str) -> Any:
        if name not in figures:
            return None
        return percent(ledger.get((name, what)), ledger.get((name, "total")))

    trend_rows = []
    for key, month in zip(month_keys, months, strict=True):
        total = ledger.get((key, "total"))
        trend_rows.append({"month": short_month(month), "responses": total,
                           "positive": percent(ledger.get((key, "positive")), total)})
    trend = make_table(
        "fft_trend", "Friends and Family Test: positive, month by month",
        [col("month", "Month", "text"), col("responses", "Responses"),
         col("positive", "Positive", "percent")],
        trend_rows,
        description="The share who said very good or good, each month. Months with fewer "
                    f"than {THRESHOLD} answers have no percentage.")
    return {"table": table, "trend": trend, "total": total_p,
            "positive": pct("period", "positive"), "negative": pct("period", "negative"),
            "positive_comparison": pct("comparison", "positive"),
            "negative_comparison": pct("comparison", "negative")}


def _smileys(answers, grid, has_comparison: bool) -> dict[str, Any]:
    rows = [(v, b, n) for kind, v, b, n in answers if kind == queries.SMILEY_KIND]
    ledger = Ledger()
    for name in ("period", "comparison") if has_comparison else ("period",):
        counts = _by_key(rows, grid, name)
        keys = [ledger.add((name, v), counts.get(v, 0)) for v, _ in SMILEYS]
        ledger.line(keys, ledger.add((name, "total"), sum(counts.get(v, 0) for v, _ in SMILEYS)))
    ledger.solve()
    total_p = ledger.get(("period", "total"))
    columns = [col("answer", "Answer", "text"), col("responses", "Responses"),
               col("share", "Share", "percent")]
    if has_comparison:
        columns.append(col("share_comparison", "Share in comparison period", "percent"))
    table_rows = []
    for value, label in SMILEYS:
        row = {"answer": f"{label} ({value})", "responses": ledger.get(("period", value)),
               "share": percent(ledger.get(("period", value)), total_p), "_value": value}
        if has_comparison:
            row["share_comparison"] = percent(ledger.get(("comparison", value)),
                                              ledger.get(("comparison", "total")))
        table_rows.append(row)
    total = {"answer": "Total", "responses": total_p, "share": None}
    if has_comparison:
        total["share_comparison"] = None
    return make_table(
        "smileys", "Smiley-scale answers", columns, table_rows,
        description="Every smiley-scale question in the surveys, from 5 (really good) to 1 "
                    "(really bad).", total=total,
        empty="No smiley-scale answers in this period.")


def _themes(session, item_themes, grid, items_p, items_c, month_keys, month_labels, in_period,
            in_comparison, period_is_months, comparison_is_months, has_comparison
            ) -> dict[str, Any]:
    """For each theme: items, share, net sentiment, change against the comparison, trend."""
    by_theme: dict[str, dict[tuple[int, str | None], int]] = defaultdict(lambda: defaultdict(int))
    for theme, bucket, sentiment, n in item_themes:
        by_theme[theme][(bucket, sentiment)] += n
    ledger = Ledger()
    stats: dict[str, dict[str, Any]] = {}
    for theme, cells in by_theme.items():
        def total(name: str, cells=cells) -> tuple[int, int, int]:
            members = set(grid.members.get(name, []))
            count = pos = neg = 0
            for (bucket, sentiment), n in cells.items():
                if bucket in members:
                    count += n
                    pos += n if sentiment == "positive" else 0
                    neg += n if sentiment == "negative" else 0
            return count, pos, neg

        count_p, pos_p, neg_p = total("period")
        ledger.add((theme, "period"), count_p)
        count_c = None
        if has_comparison:
            count_c, _, _ = total("comparison")
            ledger.add((theme, "comparison"), count_c)
        for key in month_keys:
            ledger.add((theme, key), total(key)[0])
        if period_is_months and in_period:
            ledger.line([(theme, k) for k in in_period], (theme, "period"))
        if has_comparison and comparison_is_months and in_comparison:
            ledger.line([(theme, k) for k in in_comparison], (theme, "comparison"))
        stats[theme] = {"count": count_p, "pos": pos_p, "neg": neg_p, "count_c": count_c}
    ledger.solve()
    labels = theme_labels(session, list(by_theme))

    rows = []
    for theme, s in stats.items():
        if s["count"] == 0 and not s["count_c"]:
            continue
        items_pub = ledger.get((theme, "period"))
        share = percent(items_pub, items_p)
        net = None
        if not is_suppressed(items_pub) and s["count"] >= THRESHOLD:
            net = round(100 * (s["pos"] - s["neg"]) / s["count"])
        row = {"theme": labels[theme], "items": items_pub, "share": share, "net": net,
               "_key": theme, "_count": s["count"],
               "_trend": [ledger.get((theme, k)) for k in month_keys]}
        if has_comparison:
            items_c_pub = ledger.get((theme, "comparison"))
            share_c = percent(items_c_pub, items_c)
            row.update(items_comparison=items_c_pub, share_comparison=share_c,
                       change=change(share, share_c, 1))
        rows.append(row)
    # Largest first; hidden rows after, in name order (their order would hint at their size).
    rows.sort(key=lambda r: (is_suppressed(r["items"]), -(r["_count"] if not is_suppressed(
        r["items"]) else 0), r["theme"]))
    for row in rows:
        row.pop("_count")
    columns = [col("theme", "Theme", "text"), col("items", "Items"),
               col("share", "Share of all items", "percent"),
               col("net", "Net sentiment", "signed")]
    if has_comparison:
        columns += [col("items_comparison", "Items in comparison period"),
                    col("share_comparison", "Share in comparison period", "percent"),
                    col("change", "Change in share", "points")]
    table = make_table(
        "themes", "Themes", columns, rows,
        description="Items can have more than one theme, so shares add up to more than 100%. "
                    "Net sentiment is the percentage positive minus the percentage negative, "
                    f"shown for themes with at least {THRESHOLD} items.",
        empty="No themes found in this period.")
    trend = make_table(
        "theme_trend", "Themes, month by month",
        [col("theme", "Theme", "text")] + [col(k, label) for k, label in
                                            zip(month_keys, month_labels, strict=True)],
        [{"theme": r["theme"], **dict(zip(month_keys, r["_trend"], strict=True))}
         for r in rows],
        empty="No themes found in this period.")
    return {"table": table, "trend": trend}


def _cards(rows, grid, has_comparison: bool) -> dict[str, Any]:
    ledger = Ledger()
    for name in ("period", "comparison") if has_comparison else ("period",):
        counts = _by_key(rows, grid, name)
        keys = [ledger.add((name, k), counts.get(k, 0)) for k, _ in CARD_KINDS]
        ledger.line(keys, ledger.add((name, "total"), sum(counts.get(k, 0)
                                                           for k, _ in CARD_KINDS)))
    ledger.solve()
    total_p = ledger.get(("period", "total"))
    total_c = ledger.get(("comparison", "total")) if has_comparison else None
    columns = [col("kind", "Young people asked us to", "text"), col("cards", "Cards"),
               col("share", "Share", "percent")]
    if has_comparison:
        columns += [col("cards_comparison", "Cards in comparison period"),
                    col("change", "Change", "signed")]
    table_rows = []
    for key, label in CARD_KINDS:
        row = {"kind": label, "cards": ledger.get(("period", key)),
               "share": percent(ledger.get(("period", key)), total_p), "_kind": key}
        if has_comparison:
            row["cards_comparison"] = ledger.get(("comparison", key))
            row["change"] = change(row["cards"], row["cards_comparison"])
        table_rows.append(row)
    total = {"kind": "Total", "cards": total_p, "share": None}
    if has_comparison:
        total.update(cards_comparison=total_c, change=change(total_p, total_c))
    table = make_table("cards", "Action cards: stop, start or change", columns, table_rows,
                       total=total, empty="No action cards in this period.")
    return {"table": table, "total": total_p, "total_c": total_c}


def _hearing_from(family: Ledger, total_key, answers, grid, age_counts, responses_p
                  ) -> dict[str, dict[str, Any]]:
    """Add "who we are hearing from" counts to the responses ledger; return their keys."""
    counts: dict[str, dict[str, int]] = {dim: defaultdict(int) for dim in DIMENSIONS}
    for raw, n in age_counts.items():
        group = PREFER_NOT if raw == PREFER_NOT else group_of(raw)
        if group is not None:
            counts["age"][group] += n
    about = [(kind, v, b, n) for kind, v, b, n in answers if kind in queries.ABOUT_KINDS]
    for dim_kind, dim in queries.ABOUT_KINDS.items():
        period_counts = _by_key(((v, b, n) for k, v, b, n in about if k == dim_kind), grid,
                                "period")
        known = {key for key, _ in DIMENSIONS[dim][1]}
        for value, n in period_counts.items():
            if value in known:
                counts[dim][value] += n
            elif value == PREFER_NOT:
                counts[dim]["prefer_not"] += n
            elif dim == "ethnicity":
                counts[dim]["other"] += n
    keys: dict[str, dict[str, Any]] = {}
    for dim, (_, categories) in DIMENSIONS.items():
        cat_keys = [family.add((dim, key), counts[dim].get(key, 0)) for key, _ in categories]
        answered = sum(counts[dim].get(key, 0) for key, _ in categories)
        answered_key = family.add((dim, "answered"), answered)
        prefer_key = family.add((dim, "prefer_not"), counts[dim].get("prefer_not", 0))
        # A response may skip the question, or its survey may not ask it.
        missing = max(responses_p - answered - counts[dim].get("prefer_not", 0), 0)
        missing_key = family.add((dim, "not_answered"), missing)
        family.line(cat_keys, answered_key)
        # (Only when it adds up: a survey that asks the same question twice breaks the sum.)
        if answered + counts[dim].get("prefer_not", 0) + missing == responses_p:
            family.line([answered_key, prefer_key, missing_key], total_key)
        keys[dim] = {"categories": cat_keys, "answered": answered_key, "prefer": prefer_key,
                     "missing": missing_key}
    return keys


def _hearing_tables(family: Ledger, keys, population, covered: int, services: int,
                    total_people: int) -> dict[str, dict[str, Any]]:
    """``total_people`` is the one population total (queries.population_total): every table shows
    it, and a breakdown that adds up to fewer has a "not recorded" row for the difference."""
    tables = {}
    for dim, (title, categories) in DIMENSIONS.items():
        pop = Ledger()
        pop_keys = [pop.add(key, population.get((dim, key), 0)) for key, _ in categories]
        recorded = sum(population.get((dim, key), 0) for key, _ in categories)
        unrecorded = max(total_people - recorded, 0)
        if unrecorded:
            pop_keys.append(pop.add("not_recorded", unrecorded))
        pop_total = pop.add("total", recorded + unrecorded)
        pop.line(pop_keys, pop_total)
        pop.solve()
        answered = family.get(keys[dim]["answered"])
        rows = []
        for (key, label), entry in zip(categories, keys[dim]["categories"], strict=True):
            share = percent(family.get(entry), answered)
            people = pop.get(key)
            pop_share = percent(people, pop.get(pop_total))
            rows.append({"group": label, "responses": family.get(entry), "share": share,
                         "population": people, "population_share": pop_share,
                         "gap": change(share, pop_share, 1), "_key": key})
        if unrecorded:
            rows.append({"group": "Not recorded in the population figures", "responses": None,
                         "share": None, "population": pop.get("not_recorded"),
                         "population_share": percent(pop.get("not_recorded"), pop.get(pop_total)),
                         "gap": None, "_key": "not_recorded"})
        rows.append({"group": "Prefer not to say", "responses": family.get(keys[dim]["prefer"]),
                     "share": None, "population": None, "population_share": None, "gap": None,
                     "_key": "prefer_not"})
        rows.append({"group": "Not asked or not answered",
                     "responses": family.get(keys[dim]["missing"]), "share": None,
                     "population": None, "population_share": None, "gap": None,
                     "_key": "not_answered"})
        notes = []
        if covered < services:
            notes.append(f"Population figures are entered for {covered} of the {services} "
                         "services in scope.")
        tables[f"hearing_{dim}"] = make_table(
            f"hearing_{dim}", f"Who we are hearing from: {words.lower_first(title)}",
            [col("group", title, "text"), col("responses", "Responses"),
             col("share", "Share of those who answered", "percent"),
             col("population", "Young people using the services"),
             col("population_share", "Share of young people using the services", "percent"),
             col("gap", "Difference", "points")],
            rows,
            description="Survey responses against the population the participation team "
                        "entered for these services. A negative difference means we hear "
                        "less from that group than its share of the people the services see.",
            total={"group": "All responses", "responses": family.get("responses"),
                   "share": None, "population": pop.get(pop_total), "population_share": None,
                   "gap": None},
            notes=notes)
    return tables
