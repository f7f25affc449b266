"""Snapshots reproduce a past month exactly; digests are stored once and told once."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from tests.support.summaries_factories import SummariesFactory, at, row
from voice.auth.roles import Role
from voice.loop.models import ModerationState, Notification
from voice.summaries import snapshots
from voice.summaries.filters import Filters
from voice.summaries.models import DigestDelivery, ReportSnapshot
from voice.summaries.summary import document_without_words

DECEMBER_1 = datetime(2026, 12, 1, 6, 15, tzinfo=UTC)


def _world(factory):
    w = SummariesFactory(factory)
    service = factory.service("CAMHS")
    link = w.link(service)
    w.responses(link, 7, at(2026, 11, 3), fft="good")
    w.items(service, 6, themes=["waiting_and_access"], sentiment="negative", when=at(2026, 11, 4))
    return w, service, link


def test_a_snapshot_shows_a_past_month_exactly_after_the_live_figures_change(
        factory, session, login, client):
    w, service, link = _world(factory)
    commissioner = factory.user(Role.COMMISSIONER)
    selection = w.selection(date(2026, 12, 1), period="month:2026-11")
    document = w.summary(today=date(2026, 12, 1), period="month:2026-11")
    snapshot = snapshots.save_snapshot(session, commissioner, selection, document)
    assert snapshots.verify(snapshot)

    # Late responses and a moderator hiding items change November's live figures...
    w.responses(link, 5, at(2026, 11, 20), fft="very_poor")
    for item in w.items(service, 3, themes=["waiting_and_access"], when=at(2026, 11, 21)):
        item.state = ModerationState.HIDDEN
    live = w.summary(today=date(2026, 12, 1), period="month:2026-11")
    assert row(live["tables"]["headline"], "Survey responses")["period"] == 12

    # ...but the snapshot is the same document, figure for figure, with the same paragraph.
    stored = session.get(ReportSnapshot, snapshot.id)
    # (Figures only: a snapshot never keeps young people's words.)
    assert stored.document == document_without_words(document)
    assert row(stored.document["tables"]["headline"], "Survey responses")["period"] == 7
    assert snapshots.verify(stored)

    login(commissioner)
    page = client.get(f"/summaries/snapshots/{snapshot.id}").get_data(as_text=True)
    assert "received 7 survey responses" in page and "12 survey responses" not in page
    assert "have not changed since" in page
    csv = client.get(f"/summaries/snapshots/{snapshot.id}/export/headline.csv")
    assert "Survey responses,7," in csv.get_data(as_text=True)


def test_a_changed_snapshot_fails_its_check(factory, session):
    w, _, _ = _world(factory)
    selection = w.selection(date(2026, 12, 1), period="month:2026-11")
    snapshot = snapshots.save_snapshot(session, None, selection,
                                       w.summary(today=date(2026, 12, 1), period="month:2026-11"))
    snapshot.document = {**snapshot.document, "summary_text": "All is well."}
    assert not snapshots.verify(snapshot)


def test_the_monthly_digest_stores_one_snapshot_per_scope_and_tells_each_subscriber_once(
        factory, session):
    _, service, _ = _world(factory)
    first = factory.user(Role.COMMISSIONER, email="chris@example.org")
    second = factory.user(Role.PARTICIPATION)
    gone = factory.user(Role.COMMISSIONER, is_active=False)
    for user in (first, second, gone):
        snapshots.subscribe(session, user, Filters(service=service.id), "CAMHS")
    snapshots.subscribe(session, first, Filters(), "Everything")

    report = snapshots.run_monthly_digests(session, DECEMBER_1)
    assert (report.snapshots, report.notified, report.skipped) == (2, 3, 1)
    stored = session.scalars(select(ReportSnapshot).order_by(ReportSnapshot.id)).all()
    assert {s.unique_key.split(":")[-1] for s in stored} == {"2026-11"}
    camhs = next(s for s in stored if s.filters == {"service": service.id})
    assert row(camhs.document["tables"]["headline"], "Survey responses")["period"] == 7
    assert camhs.kind == "monthly" and camhs.period_start == date(2026, 11, 1)
    notes = session.scalars(select(Notification).where(Notification.kind == "summary_digest")
                            ).all()
    assert len(notes) == 3
    mine = next(n for n in notes if n.user_id == first.id and "CAMHS" in n.title)
    assert mine.url == f"/summaries/snapshots/{camhs.id}" and mine.email_wanted
    assert "November 2026" in mine.title
    assert "wait" not in mine.body  # no young person's words in an email

    again = snapshots.run_monthly_digests(session, DECEMBER_1)
    assert (again.snapshots, again.notified) == (0, 0)
    assert session.scalar(select(func.count(DigestDelivery.id))) == 3
    assert session.scalar(select(func.count(ReportSnapshot.id))) == 2


def test_the_digest_job_is_registered_with_the_scheduler(app):
    from voice.scheduler import JOBS

    job = JOBS["summaries.monthly_digests"]
    assert job.period == "month" and job.cron == {"day": 1, "hour": 6, "minute": 15}
    assert "summaries.refresh_rollups" in JOBS


def test_snapshots_are_for_commissioners_and_the_participation_team(factory, session, login,
                                                                    client):
    w, _, _ = _world(factory)
    snapshot = snapshots.save_snapshot(session, None, w.selection(period="month:2026-11"),
                                       w.summary(period="month:2026-11"))
    login(factory.user(Role.PROVIDER))
    assert client.get(f"/summaries/snapshots/{snapshot.id}").status_code == 403
    assert client.get("/summaries/snapshots/99999").status_code == 403
