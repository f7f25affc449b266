"""The scheduler: job registration, the database lease, periods, and the loop's jobs run twice."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.support.loop_factories import LoopFactory
from voice import scheduler
from voice.auth.roles import Role
from voice.db import utcnow
from voice.loop import jobs
from voice.loop.models import CommitmentEvent, Notification, SchedulerJobState
from voice.loop.rag import today_in_london

NOW = datetime(2027, 3, 1, 6, 5, tzinfo=UTC)


@pytest.fixture()
def temporary_job():
    added = []

    def add(name, func, **kwargs):
        kwargs.setdefault("cron", {"hour": 3})
        scheduler.register_job(name, func, description="test job", **kwargs)
        added.append(name)

    yield add
    for name in added:
        scheduler.JOBS.pop(name, None)


def count(session, model, *where):
    return session.scalar(select(func.count()).select_from(model).where(*where))


def test_the_loops_jobs_are_registered():
    scheduler.load_jobs()
    assert {"loop.recompute_rag", "loop.weekly_digest", "loop.deliver_email"} <= set(scheduler.JOBS)
    assert scheduler.JOBS["loop.recompute_rag"].period == "day"
    assert scheduler.JOBS["loop.weekly_digest"].period == "week"


def test_register_job_checks_its_arguments(temporary_job):
    with pytest.raises(ValueError, match="exactly one"):
        scheduler.register_job("x", lambda s, n: None, description="x")
    with pytest.raises(ValueError, match="exactly one"):
        scheduler.register_job("x", lambda s, n: None, description="x", cron={"hour": 1},
                               interval={"minutes": 1})
    with pytest.raises(ValueError, match="period"):
        scheduler.register_job("x", lambda s, n: None, description="x", cron={"hour": 1},
                               period="fortnight")
    assert "x" not in scheduler.JOBS


def test_periods_are_days_weeks_and_months_in_london():
    late_sunday_utc = datetime(2027, 6, 6, 23, 30, tzinfo=UTC)  # already Monday in London
    assert scheduler.period_key("day", late_sunday_utc) == "2027-06-07"
    assert scheduler.period_key("week", late_sunday_utc) == "2027-W23"
    assert scheduler.period_key("month", late_sunday_utc) == "2027-06"
    assert scheduler.period_key(None, late_sunday_utc) is None


def test_a_held_lease_keeps_a_second_process_out_until_it_runs_out(session):
    now = utcnow()
    lease = timedelta(minutes=30)
    assert scheduler.acquire_lease(session, "test.lease", holder="host-a:1", now=now, lease=lease)
    assert not scheduler.acquire_lease(session, "test.lease", holder="host-b:2", now=now, lease=lease)
    later = now + timedelta(minutes=31)  # process A died without letting go
    assert scheduler.acquire_lease(session, "test.lease", holder="host-b:2", now=later, lease=lease)
    scheduler.release_lease(session, "test.lease", holder="host-b:2", finished=later, period=None,
                            result="ok", error=None)
    assert scheduler.acquire_lease(session, "test.lease", holder="host-a:1", now=later, lease=lease)


def test_a_job_running_elsewhere_is_skipped(app, session, temporary_job):
    calls = []
    temporary_job("test.busy", lambda s, now: calls.append(now))
    scheduler.acquire_lease(session, "test.busy", holder="elsewhere:9", now=utcnow(),
                            lease=timedelta(minutes=30))
    outcome = scheduler.run_job(app, "test.busy", now=NOW)
    assert not outcome.ran and outcome.skipped_because == "running in another process"
    assert calls == []


def test_a_periodic_job_runs_once_per_period(app, session, temporary_job):
    calls = []
    temporary_job("test.daily", lambda s, now: calls.append(now) or "counted", period="day")
    first = scheduler.run_job(app, "test.daily", now=NOW)
    second = scheduler.run_job(app, "test.daily", now=NOW + timedelta(hours=3))
    assert first.ran and first.result == "counted"
    assert not second.ran and second.skipped_because == "already done for 2027-03-01"
    assert scheduler.run_job(app, "test.daily", now=NOW + timedelta(days=1)).ran
    assert len(calls) == 2
    state = session.get(SchedulerJobState, "test.daily")
    assert state.run_count == 2 and state.locked_by is None and state.last_period == "2027-03-02"


def test_a_failing_job_is_recorded_rolled_back_and_lets_go(app, session, temporary_job, factory):
    def broken(s, now):
        factory.user("provider", username="half-done@example.org")
        raise RuntimeError("database went away")

    temporary_job("test.broken", broken, period="day")
    outcome = scheduler.run_job(app, "test.broken", now=NOW)
    assert outcome.error == "RuntimeError: database went away"
    state = session.get(SchedulerJobState, "test.broken")
    assert state.locked_by is None and state.last_period is None and "went away" in state.last_error
    from voice.auth.models import User
    assert count(session, User, User.username == "half-done@example.org") == 0


def test_unknown_jobs_are_named():
    with pytest.raises(KeyError, match="No job called nope"):
        scheduler.run_job(None, "nope")


def _commitments_due_around(session, factory, today):
    loop = LoopFactory(factory)
    org = factory.organisation()
    owner = factory.user(Role.PROVIDER, organisation=org, email="owner@example.org")
    service = factory.service(provider=org)
    made_on = today - timedelta(days=60)
    return [
        loop.commitment(service, owner_user=owner, today=made_on, due_date=today + timedelta(days=14)),
        loop.commitment(service, owner_user=owner, today=made_on, due_date=today + timedelta(days=15)),
        loop.commitment(service, owner_user=owner, today=made_on, due_date=today - timedelta(days=1)),
    ]


def test_the_daily_rag_job_run_twice_gives_the_same_result(app, session, factory):
    today = today_in_london(NOW)
    made = _commitments_due_around(session, factory, today)
    ids = [m.id for m in made]
    first = scheduler.run_job(app, "loop.recompute_rag", now=NOW, force=True)
    assert first.result.endswith("2 changed, 2 turned red")

    def snapshot():
        from voice.loop.models import Commitment
        rags = {c.id: c.rag for c in session.scalars(select(Commitment).where(Commitment.id.in_(ids)))}
        return (rags, count(session, Notification, Notification.kind == "commitment_red"),
                count(session, CommitmentEvent, CommitmentEvent.commitment_id.in_(ids)))

    after_first = snapshot()
    assert after_first[0] == {ids[0]: "red", ids[1]: "amber", ids[2]: "red"}
    assert after_first[1] == 2
    second = scheduler.run_job(app, "loop.recompute_rag", now=NOW, force=True)
    assert second.result.endswith("0 changed, 0 turned red")
    assert snapshot() == after_first
    # Without --force the period guard skips the repeat altogether.
    assert not scheduler.run_job(app, "loop.recompute_rag", now=NOW).ran


def test_the_next_day_the_job_turns_the_next_commitment_red(app, session, factory):
    today = today_in_london(NOW)
    made = _commitments_due_around(session, factory, today)
    scheduler.run_job(app, "loop.recompute_rag", now=NOW, force=True)
    scheduler.run_job(app, "loop.recompute_rag", now=NOW + timedelta(days=1), force=True)
    from voice.loop.models import Commitment
    assert session.get(Commitment, made[1].id).rag == "red"
    assert count(session, Notification, Notification.kind == "commitment_red") == 3


def test_the_weekly_digest_reaches_each_participation_officer_once(app, session, factory):
    officers = [factory.user(Role.PARTICIPATION, email=f"p{i}@example.org") for i in range(2)]
    factory.user(Role.PARTICIPATION, is_active=False)
    LoopFactory(factory).item()
    first = scheduler.run_job(app, "loop.weekly_digest", now=NOW, force=True)
    again = scheduler.run_job(app, "loop.weekly_digest", now=NOW, force=True)
    assert first.result == "digest for 2027-W09 sent to 2 participation officers"
    assert again.result == "digest for 2027-W09 sent to 0 participation officers"
    digests = session.scalars(select(Notification).where(Notification.kind == "digest")).all()
    assert sorted(d.user_id for d in digests) == sorted(o.id for o in officers)
    assert "1 item waiting for moderation" in digests[0].body


def test_digest_figures(session, factory):
    loop = LoopFactory(factory)
    loop.item(created_at=NOW - timedelta(days=2))
    loop.item(created_at=NOW - timedelta(days=20))
    loop.item(state="escalated", is_safeguarding=True, created_at=NOW - timedelta(days=1))
    figures = jobs.digest_figures(session, NOW)
    assert figures["new_cards"] == 2 and figures["waiting"] == 2 and figures["escalated"] == 1


def test_the_email_job_does_nothing_without_smtp(app, session):
    outcome = scheduler.run_job(app, "loop.deliver_email", now=NOW)
    assert outcome.ran and outcome.result == "0 emailed, 0 failed, 0 too old or no address"


def test_the_scheduler_is_built_with_every_job_without_starting(app):
    built = scheduler.build_scheduler(app, blocking=False)
    assert {j.id for j in built.get_jobs()} >= {"loop.recompute_rag", "loop.weekly_digest",
                                                 "loop.deliver_email"}
    assert not built.running


def test_the_command_lists_and_runs_jobs(app, session):
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["scheduler", "list"])
    assert listed.exit_code == 0 and "loop.recompute_rag" in listed.output
    ran = runner.invoke(args=["scheduler", "run", "loop.deliver_email"])
    assert ran.exit_code == 0 and "loop.deliver_email: 0 emailed" in ran.output
    unknown = runner.invoke(args=["scheduler", "run", "nope"])
    assert unknown.exit_code != 0 and "No job called nope" in unknown.output


def test_today_is_used_for_dates(session):
    assert isinstance(today_in_london(), date)
