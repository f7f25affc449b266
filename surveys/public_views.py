"""Helpers for the public survey pages (used by the routes in :mod:`surveys.blueprint`).

Kept apart from the routes so the flow (read the form, check a page, move on, store at the
end) reads in one place. No cookies: every answer so far travels in the form itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, render_template
from limits import parse_many

from surveys.answering import HONEYPOT, Flow, hidden_fields
from surveys.questions import ABOUT_KINDS, FACES, QuestionKind, QuestionSpec
from voice.extensions import limiter

LONDON = ZoneInfo("Europe/London")
# Generous, because a whole school assembly can share one address: these stop floods, not
# people. A young person who hits one is told to wait a minute, with every answer kept.
DEFAULT_SUBMIT_LIMIT = "300/minute;5000/hour"
DEFAULT_VIEW_LIMIT = "600/minute"
# How long the thank-you page may say "what you wrote made us worried" (it is in the page
# address, and phones are shared).
SAFEGUARDING_MESSAGE_FOR = timedelta(hours=2)
# When to look at the "you said, we did" board for what changed.
BOARD_AFTER = timedelta(weeks=6)


def london_today() -> date:
    return datetime.now(LONDON).date()


def view_limit() -> str:
    return current_app.config.get("SURVEY_VIEW_LIMIT", DEFAULT_VIEW_LIMIT)


def submission_allowed(key: str) -> bool:
    """Count one submission against the limits; False when one is used up.

    Checked inside the view (not with a decorator) so the page can keep what was typed. If the
    limit store is down, the answer is accepted: a genuine answer is never refused for that.
    """
    if not limiter.enabled or not current_app.config.get("RATELIMIT_ENABLED", True):
        return True
    spec = current_app.config.get("SURVEY_SUBMIT_LIMIT", DEFAULT_SUBMIT_LIMIT)
    try:
        strategy = limiter.limiter
        return all(strategy.hit(item, "surveys.submit", key) for item in parse_many(spec))
    except Exception:  # the limit store (Redis) is unavailable: never lose an answer for that
        current_app.logger.warning("Survey rate limit store unavailable; answer accepted")
        return True


def honeypot_filled(form) -> bool:
    return bool((form.get(HONEYPOT) or "").strip())


@dataclass
class Option:
    value: str
    label: str
    face: str | None
    checked: bool


def options_for(spec: QuestionSpec, chosen: list[str]) -> list[Option]:
    kind = QuestionKind(spec.kind)
    with_faces = kind in (QuestionKind.SMILEY, QuestionKind.FFT)
    return [Option(value=o["value"], label=o["label"],
                   face=FACES.get(o["value"]) if with_faces else None,
                   checked=o["value"] in chosen) for o in spec.options]


def render_page(*, survey, flow: Flow, page: int, answers, errors, form_token: str,
                action: str, link=None, preview: bool = False, notice: str | None = None,
                started: bool = True,
                status: int = 200):
    """One page of the survey, with every other answer carried in hidden fields."""
    specs = flow.visible_on(page, answers)
    number, total = flow.progress(page, answers)
    is_last = flow.next_page(page, answers) is None
    first_about = next((s.id for s in specs if QuestionKind(s.kind) in ABOUT_KINDS), None)
    html = render_template(
        "surveys/public/survey.html", survey=survey, link=link, specs=specs, page=page,
        answers=answers, errors=errors, form_token=form_token, action=action,
        hidden=hidden_fields(flow.specs, answers, {s.id for s in specs}),
        number=number, total=total, is_first=page == flow.first_page(answers),
        is_last=is_last, one_per_screen=survey.layout == "one_per_screen",
        first_about=first_about, options_for=options_for, preview=preview, notice=notice,
        QuestionKind=QuestionKind, honeypot=HONEYPOT, started=started)
    return html, status
