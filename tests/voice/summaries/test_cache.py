"""Kept months give exactly the live figures, and stale or unfinished months are never used."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from tests.support.summaries_factories import SummariesFactory, at
from voice.summaries import cache
from voice.summaries.models import SummaryMonth

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


def _world(factory):
    w = SummariesFactory(factory)
    service = factory.service("CAMHS")
    link = w.link(service)
    for month in (4, 5, 6, 9, 11):
        w.responses(link, month, at(2026, month, 3), fft="good", visit="4")
        w.items(service, month + 2, themes=["waiting_and_access", "praise"], sentiment="positive",
                when=at(2026, month, 4))
        w.card(service, "start", at(2026, month, 5))
    w.service = service
    return w


def comparable(doc):
    return {k: v for k, v in doc.items() if k not in ("generated_at", "counted")}


def test_kept_months_give_the_same_summary_as_counting_live(factory, session):
    w = _world(factory)
    months = cache.refresh_months(session, NOW, limit=100)
    assert months[0] == date(2026, 4, 1) and months[-1] == date(2026, 10, 1)
    for args in ({"period": "year:2026"}, {"period": "quarter:2026-Q1"},
                 {"period": "custom", "from": "2026-05-10", "to": "2026-09-30"},
                 {"period": "month:2026-11"}):
        live = w.summary(now=NOW, use_cache=False, **args)
        kept = w.summary(now=NOW, use_cache=True, **args)
        assert comparable(kept) == comparable(live), args
    kept = w.summary(now=NOW, use_cache=True, period="year:2026")
    assert kept["counted"]["cached_months"][0] == "2026-04-01"


def test_filtered_summaries_never_use_kept_months(factory, session):
    w = _world(factory)
    cache.refresh_months(session, NOW, limit=100)
    for month in session.scalars(select(SummaryMonth)):
        month.counts = {"links": [], "item_totals": [], "item_themes": [], "answers": [],
                        "ages": [], "cards": []}  # wrong on purpose
    filtered = w.summary(now=NOW, use_cache=True, period="year:2026", service=w.service.id)
    assert "counted" not in filtered
    assert filtered == {**filtered, **{k: v for k, v in w.summary(
        now=NOW, use_cache=False, period="year:2026", service=w.service.id).items()
        if k != "generated_at"}}


def test_stale_and_early_counts_are_ignored(factory, session):
    w = _world(factory)
    cache.refresh_months(session, NOW, limit=100)
    april = session.get(SummaryMonth, date(2026, 4, 1))
    april.counts = {**april.counts, "links": []}  # a visible difference if it were used
    april.computed_at = NOW - cache.MAX_AGE - timedelta(minutes=1)
    used = w.summary(now=NOW, use_cache=True, period="quarter:2026-Q1")
    assert "2026-04-01" not in used["counted"]["cached_months"]
    april.computed_at = datetime(2026, 4, 30, 12, tzinfo=UTC)  # counted before April ended
    used = w.summary(now=NOW, use_cache=True, period="quarter:2026-Q1")
    assert "2026-04-01" not in used["counted"]["cached_months"]


def test_refresh_recounts_the_latest_months_and_old_ones_when_due(factory, session):
    _world(factory)
    first = cache.refresh_months(session, NOW, limit=100)
    assert len(first) == 7
    soon = cache.refresh_months(session, NOW + timedelta(minutes=15))
    assert soon == [date(2026, 9, 1), date(2026, 10, 1)]
    later = cache.refresh_months(session, NOW + cache.REFRESH_AFTER + timedelta(minutes=1))
    assert len(later) == 7


def test_the_dashboard_says_when_kept_months_were_counted(factory, session, login, client):
    from voice.auth.roles import Role
    from voice.db import utcnow

    _world(factory)
    cache.refresh_months(session, utcnow(), limit=100)
    login(factory.user(Role.COMMISSIONER))
    page = client.get("/summaries/?period=year:2026").get_data(as_text=True)
    assert "Whole-system figures for closed months were last counted" in page
