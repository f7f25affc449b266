"""Background jobs (APScheduler 3.x), run by ``voice scheduler`` in a process of its own.

Never start this inside a web worker. Every job is a module-level function
``job(session, now) -> str | None`` registered with :func:`register_job`; it runs in one
transaction, committed when it returns. Two things make it safe to run two schedulers (or to
run a job by hand while the scheduler is up):

1. **a lease in the database** (table ``scheduler_jobs``): a job runs only in the process that
   took its lease, by an atomic ``UPDATE … WHERE locked_until < now``;
2. **periods**: a job with a ``period`` (for example one day, or one ISO week) records the period
   it finished, and is skipped if that period is already done.

And every job is idempotent in itself (notifications carry a ``dedupe_key``), so even a job run
twice by hand gives the same result.

Adding a job from another package (at import of a module your blueprint imports)::

    from voice.scheduler import register_job

    def retrain(session, now):
        ...
        return "retrained on 1,200 corrections"

    register_job("learning.retrain", retrain, description="Retrain the analysis model",
                 cron={"day_of_week": "sun", "hour": 3}, period="week")
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from voice.db import utcnow

log = logging.getLogger(__name__)

LONDON = ZoneInfo("Europe/London")
JobFunction = Callable[[Session, datetime], "str | None"]
PERIODS = ("day", "week", "month")


@dataclass(frozen=True)
class Job:
    name: str
    func: JobFunction
    description: str
    # APScheduler trigger arguments: ``cron={"hour": 6}`` or ``interval={"minutes": 2}``.
    cron: dict[str, Any] = field(default_factory=dict)
    interval: dict[str, Any] = field(default_factory=dict)
    # Finish at most once per day / week / month (Europe/London), whoever runs it.
    period: str | None = None
    # How long a lease lasts: a crashed process frees the job after this.
    lease: timedelta = timedelta(minutes=30)


JOBS: dict[str, Job] = {}


def register_job(name: str, func: JobFunction, *, description: str,
                 cron: dict[str, Any] | None = None, interval: dict[str, Any] | None = None,
                 period: str | None = None, lease: timedelta = timedelta(minutes=30)) -> Job:
    """Add a job (replacing one of the same name). Give exactly one of ``cron`` or ``interval``."""
    if bool(cron) == bool(interval):
        raise ValueError(f"Job {name}: give exactly one of cron=… or interval=…")
    if period is not None and period not in PERIODS:
        raise ValueError(f"Job {name}: period must be one of {', '.join(PERIODS)}")
    if len(name) > 80:
        raise ValueError(f"Job {name}: names are at most 80 characters")
    job = Job(name=name, func=func, description=description, cron=dict(cron or {}),
              interval=dict(interval or {}), period=period, lease=lease)
    JOBS[name] = job
    return job


def job(name: str, **kwargs: Any) -> Callable[[JobFunction], JobFunction]:
    """Decorator form of :func:`register_job`."""

    def decorator(func: JobFunction) -> JobFunction:
        register_job(name, func, **kwargs)
        return func

    return decorator


def period_key(period: str | None, now: datetime) -> str | None:
    """``2026-11-23`` for a day, ``2026-W48`` for a week, ``2026-11`` for a month (London time)."""
    if period is None:
        return None
    local = now.astimezone(LONDON)
    if period == "day":
        return local.date().isoformat()
    if period == "week":
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{local.year}-{local.month:02d}"


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


# ---- the lease -----------------------------------------------------------------------------------

def acquire_lease(session: Session, name: str, *, holder: str, now: datetime,
                  lease: timedelta) -> bool:
    """Take the job's lease if nobody holds it (or theirs ran out). Commits at once so other
    processes see it."""
    from voice.loop.models import SchedulerJobState

    if session.get(SchedulerJobState, name) is None:
        try:
            with session.begin_nested():
                session.add(SchedulerJobState(name=name))
                session.flush()
        except IntegrityError:
            pass  # another process created the row first: fine
    result = session.execute(
        update(SchedulerJobState)
        .where(SchedulerJobState.name == name,
               or_(SchedulerJobState.locked_until.is_(None), SchedulerJobState.locked_until < now))
        .values(locked_by=holder, locked_until=now + lease, last_started_at=now)
        .execution_options(synchronize_session=False))
    session.commit()
    return (result.rowcount or 0) == 1


def release_lease(session: Session, name: str, *, holder: str, finished: datetime,
                  period: str | None, result: str | None, error: str | None) -> None:
    from voice.loop.models import SchedulerJobState

    values: dict[str, Any] = {"locked_by": None, "locked_until": None, "last_error": error}
    if error is None:
        values.update(last_finished_at=finished, last_result=(result or "")[:2000],
                      run_count=SchedulerJobState.run_count + 1)
        if period is not None:
            values["last_period"] = period
    session.execute(update(SchedulerJobState)
                    .where(SchedulerJobState.name == name, SchedulerJobState.locked_by == holder)
                    .values(**values).execution_options(synchronize_session=False))
    session.commit()


def unlock(session: Session, name: str, *, holder: str) -> None:
    """Give the lease back without recording a run."""
    from voice.loop.models import SchedulerJobState

    session.execute(update(SchedulerJobState)
                    .where(SchedulerJobState.name == name, SchedulerJobState.locked_by == holder)
                    .values(locked_by=None, locked_until=None)
                    .execution_options(synchronize_session=False))
    session.commit()


# ---- running a job -------------------------------------------------------------------------------

@dataclass(frozen=True)
class RunOutcome:
    name: str
    ran: bool
    result: str | None = None
    skipped_because: str | None = None
    error: str | None = None

    def __str__(self) -> str:
        if self.error:
            return f"{self.name}: failed: {self.error}"
        if not self.ran:
            return f"{self.name}: skipped ({self.skipped_because})"
        return f"{self.name}: {self.result or 'done'}"


def run_job(app, name: str, *, now: datetime | None = None, force: bool = False,
            holder: str | None = None) -> RunOutcome:
    """Run one job now, in its own app context and transaction, under its lease.

    ``force`` runs it even if its period is already done (it is still idempotent).
    """
    from voice.db import db
    from voice.loop.models import SchedulerJobState

    job = JOBS.get(name)
    if job is None:
        raise KeyError(f"No job called {name}. Jobs: {', '.join(sorted(JOBS)) or 'none'}")
    holder = holder or holder_id()
    with app.app_context():
        # The app context's teardown removes the session when this block ends.
        session = db.session
        now = now or utcnow()
        period = period_key(job.period, now)
        if not acquire_lease(session, name, holder=holder, now=utcnow(), lease=job.lease):
            return RunOutcome(name, ran=False, skipped_because="running in another process")
        state = session.get(SchedulerJobState, name)
        session.refresh(state)
        if period is not None and not force and state.last_period == period:
            unlock(session, name, holder=holder)
            return RunOutcome(name, ran=False, skipped_because=f"already done for {period}")
        try:
            result = job.func(session, now)
            session.commit()
        except Exception as error:  # a failing job must not stop the scheduler
            session.rollback()
            log.exception("Job %s failed", name)
            message = f"{type(error).__name__}: {error}"[:2000]
            release_lease(session, name, holder=holder, finished=utcnow(), period=None,
                          result=None, error=message)
            return RunOutcome(name, ran=True, error=message)
        release_lease(session, name, holder=holder, finished=utcnow(), period=period,
                      result=result, error=None)
        log.info("Job %s: %s", name, result or "done")
        return RunOutcome(name, ran=True, result=result)


def job_states(app) -> list[tuple[Job, Any]]:
    from voice.db import db
    from voice.loop.models import SchedulerJobState

    with app.app_context():
        states = {s.name: s for s in db.session.scalars(select(SchedulerJobState))}
        return [(job, states.get(name)) for name, job in sorted(JOBS.items())]


def load_jobs() -> dict[str, Job]:
    """Import the modules that register jobs (the app factory imports the rest)."""
    import voice.auth.services  # noqa: F401
    import voice.loop.jobs  # noqa: F401
    import voice.loop.retention  # noqa: F401

    return JOBS


def build_scheduler(app, *, blocking: bool = True):
    """An APScheduler 3 scheduler with every registered job, each calling :func:`run_job`."""
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.schedulers.blocking import BlockingScheduler

    load_jobs()
    scheduler_class = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = scheduler_class(timezone=LONDON, job_defaults={
        "coalesce": True, "max_instances": 1, "misfire_grace_time": 60 * 60})
    for job in JOBS.values():
        trigger, args = ("cron", job.cron) if job.cron else ("interval", job.interval)
        scheduler.add_job(run_job, trigger, args=[app, job.name], id=job.name, name=job.description,
                          replace_existing=True, **args)
    return scheduler


# ---- the ``voice scheduler`` command -------------------------------------------------------------

def _command_group():
    import click
    from flask import current_app
    from flask.cli import with_appcontext

    @click.group("scheduler", invoke_without_command=True,
                 help="Background jobs. With no sub-command, runs the scheduler (in the foreground: "
                      "give it a process of its own).")
    @click.pass_context
    def scheduler_group(ctx: click.Context) -> None:
        if ctx.invoked_subcommand is None:
            ctx.invoke(start_command)

    @scheduler_group.command("start")
    @with_appcontext
    def start_command() -> None:
        """Run every job on its schedule until stopped (Ctrl+C)."""
        app = current_app._get_current_object()
        scheduler = build_scheduler(app, blocking=True)
        click.echo(f"Voice scheduler {holder_id()} starting with {len(JOBS)} jobs:")
        for job in sorted(JOBS.values(), key=lambda j: j.name):
            click.echo(f"  {job.name:<28} {_describe_trigger(job)}")
        # Catch up on a daily or weekly job missed while no scheduler was running; the period
        # guard makes this a no-op when it already ran.
        for job in JOBS.values():
            if job.period is not None:
                click.echo(f"  catch-up: {run_job(app, job.name)}")
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            click.echo("Scheduler stopped.")

    @scheduler_group.command("list")
    @with_appcontext
    def list_command() -> None:
        """Show every job, when it runs and how its last run went."""
        load_jobs()
        for job, state in job_states(current_app._get_current_object()):
            last = "never run"
            if state is not None and state.last_finished_at is not None:
                last = f"last finished {state.last_finished_at:%Y-%m-%d %H:%M} UTC: {state.last_result}"
            if state is not None and state.last_error:
                last += f" (last error: {state.last_error})"
            click.echo(f"{job.name:<28} {_describe_trigger(job):<36} {last}")

    @scheduler_group.command("run")
    @click.argument("name")
    @click.option("--force", is_flag=True, help="Run even if it already ran for this period.")
    @with_appcontext
    def run_command(name: str, force: bool) -> None:
        """Run one job now (safe while the scheduler is running)."""
        load_jobs()
        if name not in JOBS:
            raise click.ClickException(f"No job called {name}. Jobs: {', '.join(sorted(JOBS))}")
        outcome = run_job(current_app._get_current_object(), name, force=force)
        click.echo(str(outcome))
        if outcome.error:
            raise SystemExit(1)

    return scheduler_group


def _describe_trigger(job: Job) -> str:
    if job.interval:
        return "every " + ", ".join(f"{v} {k}" for k, v in job.interval.items())
    parts = ", ".join(f"{k}={v}" for k, v in job.cron.items())
    return f"cron {parts} (Europe/London)" + (f", once per {job.period}" if job.period else "")


scheduler_command = _command_group()
