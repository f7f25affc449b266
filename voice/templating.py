"""Jinja filters and the navigation shown to each role."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Flask, request, url_for
from flask_login import current_user

from voice import words
from voice.ages import age_label
from voice.analysis import TIER_LABELS, reason_label, reason_tier
from voice.auth.roles import Role

LONDON = ZoneInfo("Europe/London")

# (label, endpoint, roles allowed). Feature packages add their entries by appending here in
# their blueprint module, so the navigation always matches the routes that exist.
NAVIGATION: list[tuple[str, str, frozenset[Role]]] = []


def add_nav(label: str, endpoint: str, roles) -> None:
    if not any(item[1] == endpoint for item in NAVIGATION):
        NAVIGATION.append((label, endpoint, frozenset(roles)))


def format_date(value: date | datetime | None, with_time: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(LONDON) if value.tzinfo else value
        if with_time:
            return value.strftime("%-d %B %Y at %-I:%M%p").replace("AM", "am").replace("PM", "pm")
    if isinstance(value, date):
        from voice.i18n import DEFAULT, current_language

        if current_language().code != DEFAULT:  # a public page in Welsh or Arabic
            from flask_babel import format_date as in_language

            day = value.date() if isinstance(value, datetime) else value
            return in_language(day, "d MMMM y")   # "7 Rhagfyr 2026", "7 ديسمبر 2026"
    return words.long_date(value)   # "7 December 2026": one place for dates in words


def time_ago(value: datetime | None, now: datetime | None = None) -> str:
    """How long ago, in words a person reads at a glance: "just now", "40 minutes ago",
    "5 hours ago", "3 days ago"."""
    if value is None:
        return ""
    from voice.db import utcnow

    now = now or utcnow()
    if value.tzinfo is None:
        value = value.replace(tzinfo=now.tzinfo)
    minutes = int((now - value).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    for size, unit in ((60 * 24, "day"), (60, "hour"), (1, "minute")):
        if minutes >= size:
            n = minutes // size
            return f"{n} {unit}{'' if n == 1 else 's'} ago"
    return "just now"


def init_app(app: Flask) -> None:
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = lambda v: format_date(v, with_time=True)
    # Any stored age value in words, older action cards' bands included (voice.ages).
    app.jinja_env.filters["age_label"] = age_label
    app.jinja_env.filters["safeguarding_reason"] = reason_label
    # Codes, counts and dates in words (voice.words): the one place they are turned into words.
    # (``n|number_of("commitment")`` is "1 commitment": Jinja's own ``count`` is its length.)
    app.jinja_env.filters["number_of"] = words.count
    for name in ("with_article", "lower_first", "long_date", "answer_words",
                 "question_kind_words", "rag_words", "history_change"):
        app.jinja_env.filters[name] = getattr(words, name)
    app.jinja_env.filters["time_ago"] = time_ago
    # A flagged item's urgency for the safeguarding lead: 1 risk to life, 2 abuse or
    # exploitation, 3 other concerns; and the tier in words.
    app.jinja_env.filters["safeguarding_tier"] = lambda item: reason_tier(
        item.safeguarding_reasons or [], item.text)
    app.jinja_env.filters["tier_label"] = lambda tier: TIER_LABELS.get(tier, "")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def _layout_context():
        nav = []
        if current_user.is_authenticated:
            nav = [
                {"label": label, "href": url_for(endpoint), "endpoint": endpoint, "current": False}
                for label, endpoint, roles in NAVIGATION
                if current_user.role in roles
            ]
            _mark_current(nav, request.path, request.endpoint or "")
        return {"staff_nav": nav, "Role": Role}


def _mark_current(nav: list[dict], path: str, endpoint: str) -> None:
    """Mark one item current: the longest address the page sits under (so a blueprint with
    several items marks only the right one), else the first item of the page's blueprint."""
    def under(href: str) -> bool:
        return path == href or path.startswith(href.rstrip("/") + "/")

    matches = [item for item in nav if under(item["href"])]
    if matches:
        max(matches, key=lambda item: len(item["href"]))["current"] = True
        return
    blueprint = endpoint.split(".")[0]
    for item in nav:
        if item["endpoint"].split(".")[0] == blueprint:
            item["current"] = True
            return
