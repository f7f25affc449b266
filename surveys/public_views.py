"""Helpers for the public survey pages (used by the routes in :mod:`surveys.blueprint`).

Kept apart from the routes so the flow (read the form, check a page, move on, store at the
end) reads in one place. No cookies: every answer so far travels in the form itself.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask import current_app, render_template
from limits import parse_many

from surveys.answering import HONEYPOT, Flow, hidden_fields
from surveys.content import page_option_label
from surveys.questions import ABOUT_KINDS, FACES, QuestionKind, QuestionSpec, in_page_language
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


@lru_cache(maxsize=8)
def _parsed(spec: str):
    return tuple(parse_many(spec))


class _WorkerWindows:
    """Fixed-window counters in this worker's memory.

    Used instead of the ``limits`` memory storage, which starts a timer thread on nearly every
    hit (about a millisecond each, on the hottest path in Voice). Same meaning: with
    ``memory://`` every worker counts on its own either way. With Redis configured, the shared
    store is used instead (see :func:`_allowed`).
    """

    def __init__(self) -> None:
        self._counts: dict[tuple, int] = {}
        self._lock = threading.Lock()
        self._window_seen = 0
        self.clock = time.time  # windows follow the wall clock's minutes (tests pin it)

    def hit(self, scope: str, key: str, items) -> bool:
        now = self.clock()
        allowed = True
        with self._lock:
            for item in items:
                seconds = item.get_expiry()
                window = int(now // seconds)
                counter = (scope, key, item.amount, seconds, window)
                count = self._counts.get(counter, 0) + 1
                self._counts[counter] = count
                allowed = allowed and count <= item.amount
            if int(now // 60) != self._window_seen:  # forget finished windows once a minute
                self._window_seen = int(now // 60)
                self._counts = {k: v for k, v in self._counts.items()
                                if k[4] >= int(now // k[3])}
        return allowed

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()


worker_windows = _WorkerWindows()


def _allowed(scope: str, key: str, spec: str) -> bool:
    if not limiter.enabled or not current_app.config.get("RATELIMIT_ENABLED", True):
        return True
    items = _parsed(spec)
    storage = current_app.config.get("RATELIMIT_STORAGE_URI", "memory://")
    if storage.startswith("memory://"):
        return worker_windows.hit(scope, key, items)
    try:
        strategy = limiter.limiter
        return all(strategy.hit(item, scope, key) for item in items)
    except Exception:  # the limit store (Redis) is unavailable: never lose an answer for that
        current_app.logger.warning("Survey rate limit store unavailable; request allowed")
        return True


def submission_allowed(key: str) -> bool:
    """Count one submission against the limits; False when one is used up.

    Checked inside the view (not with a decorator) so the page can keep what was typed. If the
    limit store is down, the answer is accepted: a genuine answer is never refused for that.
    """
    return _allowed("surveys.submit", key,
                    current_app.config.get("SURVEY_SUBMIT_LIMIT", DEFAULT_SUBMIT_LIMIT))


def view_allowed(key: str) -> bool:
    """Count one view of a survey's first page (floods only; a school shares one address)."""
    return _allowed("surveys.view", key,
                    current_app.config.get("SURVEY_VIEW_LIMIT", DEFAULT_VIEW_LIMIT))


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
    # The team's wording in the page's language, else the English label (surveys/content.py).
    # Voice's ready-made words (faces, yes / no, age bands…) from the page's catalog.
    return [Option(value=o["value"],
                   label=in_page_language(spec.kind, f"option:{o['value']}",
                                          page_option_label(spec, o["value"])),
                   face=FACES.get(o["value"]) if with_faces else None,
                   checked=o["value"] in chosen) for o in spec.options]


def render_page(*, survey, flow: Flow, page: int, answers, errors, form_token: str,
                action: str, link=None, preview: bool = False, notice: str | None = None,
                started: bool = True, preview_versions: list[dict] | None = None,
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
        QuestionKind=QuestionKind, honeypot=HONEYPOT, started=started,
        preview_versions=preview_versions or [])
    return html, status
