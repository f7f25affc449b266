"""The scheduled jobs: registered, and run twice they give the same result."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from tests.support.learning_factories import consistent_labels
from voice import scheduler
from voice.learning.engine import live_engine
from voice.learning.models import AnalysisModel, TrainingRun
from voice.loop.models import VoiceItem

NOW = datetime(2027, 3, 7, 3, 15, tzinfo=UTC)


def test_the_jobs_are_registered():
    scheduler.load_jobs()
    assert scheduler.JOBS["learning.retrain"].period == "week"
    assert scheduler.JOBS["learning.retrain"].cron["day_of_week"] == "sun"
    assert scheduler.JOBS["learning.reanalyse"].interval == {"minutes": 10}


def _state(session):
    return (session.scalar(select(func.count(TrainingRun.id))),
            session.scalar(select(func.count(AnalysisModel.id))),
            live_engine(session, max_age=0).version)


def test_the_retrain_job_run_twice_gives_the_same_result(app, session, learning, people):
    app.config["ANALYSIS_MIN_CORRECTIONS"] = 30
    try:
        learning.teach(consistent_labels(), actor=people["officer"])
        first = scheduler.run_job(app, "learning.retrain", now=NOW, force=True)
        assert first.ran and first.error is None
        assert first.result.startswith("The new model replaced the one in use")
        after_first = _state(session)
        second = scheduler.run_job(app, "learning.retrain", now=NOW, force=True)
        assert second.result.startswith("Nothing has changed since the last training run")
        assert _state(session) == after_first
        run = session.scalar(select(TrainingRun))
        assert run.actor_id is None and run.actor_label == "The weekly scheduled job"
        # Without force, the weekly period guard skips it altogether.
        assert not scheduler.run_job(app, "learning.retrain", now=NOW).ran
    finally:
        app.config.pop("ANALYSIS_MIN_CORRECTIONS", None)


def test_the_retrain_job_with_too_few_corrections_says_so(app, session):
    outcome = scheduler.run_job(app, "learning.retrain", now=NOW, force=True)
    assert outcome.result.startswith("Not enough corrections yet (0 of 50)")


def test_the_reanalyse_job_run_twice_gives_the_same_result(app, session, learning):
    items = [learning.item(f"I waited {n} weeks", model_version="rules-old") for n in range(3)]
    app.config["ANALYSIS_REANALYSE_BATCH"] = 2
    try:
        first = scheduler.run_job(app, "learning.reanalyse", now=NOW)
        assert first.result.startswith("re-analysed 2 of 2 items") and "1 still to do" in first.result
        second = scheduler.run_job(app, "learning.reanalyse", now=NOW)
        assert "0 still to do" in second.result
        snapshot = [(i.id, i.model_version, i.themes, i.sentiment) for i in
                    session.scalars(select(VoiceItem).where(
                        VoiceItem.id.in_([i.id for i in items]))).all()]
        third = scheduler.run_job(app, "learning.reanalyse", now=NOW)
        assert third.result.startswith("every item is up to date")
        assert snapshot == [(i.id, i.model_version, i.themes, i.sentiment) for i in
                            session.scalars(select(VoiceItem).where(
                                VoiceItem.id.in_([i.id for i in items]))).all()]
    finally:
        app.config.pop("ANALYSIS_REANALYSE_BATCH", None)
