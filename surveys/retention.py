"""Erasing survey answers written in young people's own words after the retention period.

Free-text answers (and gender described in their own words) are blanked once the response is
older than ``VOICE_RETENTION_MONTHS``; choices, scores and counts stay, so past results and
summaries still add up. The matching voice items are erased by ``voice.loop.retention``.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from surveys.models import Answer, Question, SurveyResponse
from surveys.questions import TEXT_KINDS, QuestionKind
from voice.loop.retention import DEFAULT_RETENTION_MONTHS, retention_cutoff
from voice.scheduler import register_job

OWN_WORDS_KINDS = tuple(str(kind) for kind in (*TEXT_KINDS, QuestionKind.ABOUT_GENDER))


def erase_expired_answers(session: Session, now: datetime,
                          months: int = DEFAULT_RETENTION_MONTHS) -> int:
    """Blank own-words answers in responses older than the retention period. Idempotent."""
    cutoff = retention_cutoff(now, months)
    old_responses = select(SurveyResponse.id).where(SurveyResponse.created_at < cutoff)
    own_words_questions = select(Question.id).where(Question.kind.in_(OWN_WORDS_KINDS))
    erased = session.execute(
        update(Answer)
        .where(Answer.response_id.in_(old_responses), Answer.question_id.in_(own_words_questions),
               Answer.value != "")
        .values(value="")
        .execution_options(synchronize_session=False)
    ).rowcount
    session.expire_all()
    return erased or 0


def retention_job(session: Session, now: datetime) -> str:
    months = int(current_app.config.get("RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS))
    return f"erased {erase_expired_answers(session, now, months)} survey answers older than {months} months"


register_job("surveys.retention", retention_job, period="day", cron={"hour": 2, "minute": 40},
             description="Erase survey answers in young people's own words older than the "
                         "retention period (VOICE_RETENTION_MONTHS); choices and counts are kept")
