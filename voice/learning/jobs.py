"""The learning package's scheduled jobs. Both are idempotent: run twice, the second run finds
nothing new to do (see :mod:`voice.scheduler`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from voice.learning.reanalysis import reanalyse_items
from voice.learning.settings import whole_setting
from voice.learning.training import retrain
from voice.scheduler import register_job


def retrain_job(session: Session, now: datetime) -> str:
    """Retrain on the corrections; the new model goes live only if it is not worse."""
    result = retrain(session, None, now, min_records=whole_setting("ANALYSIS_MIN_CORRECTIONS"))
    return result.summary


def reanalyse_job(session: Session, now: datetime) -> str:
    """Re-analyse one bounded batch of items analysed with an older engine."""
    return str(reanalyse_items(session, whole_setting("ANALYSIS_REANALYSE_BATCH"), now))


register_job("learning.retrain", retrain_job, period="week",
             cron={"day_of_week": "sun", "hour": 3, "minute": 15}, lease=timedelta(hours=1),
             description="Retrain the analysis model on staff corrections; use it only if it "
                         "is not worse on corrections held back from training")
register_job("learning.reanalyse", reanalyse_job, interval={"minutes": 10},
             lease=timedelta(minutes=30),
             description="Re-analyse voice items after the theme rules or the model changed, "
                         "one batch at a time")
