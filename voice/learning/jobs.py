"""The learning package's scheduled jobs. Both are idempotent: run twice, the second run finds
nothing new to do (see :mod:`voice.scheduler`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy.orm import Session

from voice.learning.reanalysis import DEFAULT_BATCH_SIZE, reanalyse_items
from voice.learning.training import DEFAULT_MIN_RECORDS, retrain
from voice.scheduler import register_job


def _setting(name: str, default: int) -> int:
    try:
        return max(1, int(current_app.config.get(name, default)))
    except (TypeError, ValueError):
        return default


def retrain_job(session: Session, now: datetime) -> str:
    """Retrain on the corrections; the new model goes live only if it is not worse."""
    result = retrain(session, None, now,
                     min_records=_setting("ANALYSIS_MIN_CORRECTIONS", DEFAULT_MIN_RECORDS))
    return result.summary


def reanalyse_job(session: Session, now: datetime) -> str:
    """Re-analyse one bounded batch of items analysed with an older engine."""
    batch = _setting("ANALYSIS_REANALYSE_BATCH", DEFAULT_BATCH_SIZE)
    return str(reanalyse_items(session, batch, now))


register_job("learning.retrain", retrain_job, period="week",
             cron={"day_of_week": "sun", "hour": 3, "minute": 15}, lease=timedelta(hours=1),
             description="Retrain the analysis model on staff corrections; use it only if it "
                         "is not worse on corrections held back from training")
register_job("learning.reanalyse", reanalyse_job, interval={"minutes": 10},
             lease=timedelta(minutes=30),
             description="Re-analyse voice items after the theme rules or the model changed, "
                         "one batch at a time")
