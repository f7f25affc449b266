from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from surveys.models import Answer, Question, SurveyResponse
from surveys.retention import erase_expired_answers
from voice.db import utcnow

QUESTIONS = [
    {"kind": "smiley", "code": "visit", "text": "How was your visit today?"},
    {"kind": "long_text", "code": "better", "text": "What could we do better?"},
    {"kind": "about_gender", "code": "about_gender"},
]


def _values(session, response_id):
    rows = session.execute(select(Question.code, Answer.value)
                           .join(Question, Answer.question_id == Question.id)
                           .where(Answer.response_id == response_id)).all()
    return dict(rows)


def test_own_words_answers_are_erased_after_the_retention_period(session, surveys):
    link = surveys.link(surveys.survey(QUESTIONS))
    now = utcnow()
    old = surveys.response(link, {"visit": "2", "better": "My worker never calls back",
                                  "about_gender": "non-binary"}, now=now - timedelta(days=4 * 365))
    recent = surveys.response(link, {"visit": "5", "better": "More evening clinics",
                                     "about_gender": "girl"}, now=now - timedelta(days=10))

    assert erase_expired_answers(session, now, months=36) == 2
    assert _values(session, old.id) == {"visit": "2", "better": "", "about_gender": ""}
    assert _values(session, recent.id)["better"] == "More evening clinics"
    assert erase_expired_answers(session, now, months=36) == 0
    assert session.get(SurveyResponse, old.id) is not None
