"""Factories for survey tests: surveys with every question type, links and responses."""

from __future__ import annotations

import itertools
import re

from sqlalchemy.orm import Session

from surveys import operations
from surveys.models import Survey, SurveyLink, SurveyResponse
from surveys.questions import QuestionSpec
from surveys.submission import submit_response
from surveys.tokens import make_form_token
from tests.support.factories import Factory
from voice.directory.models import Area, Service

_n = itertools.count(1)

SECRET = "test-secret-key-not-for-production"

# One question of every type, with skip logic: "why_poor" only when the FFT is poor or very poor.
EVERY_TYPE = [
    {"kind": "fft", "code": "fft", "text": "Overall, how was your time with us?", "is_required": True},
    {"kind": "single", "code": "why_poor", "text": "What went wrong?",
     "option_lines": "Waiting\nNot listened to\nSomething else", "show_if": ("fft", ["poor", "very_poor"])},
    {"kind": "smiley", "code": "visit", "text": "How was your visit today?"},
    {"kind": "multiple", "code": "good_bits", "text": "What was good?",
     "option_lines": "On time\nFriendly staff\nSafe place"},
    {"kind": "yes_no", "code": "listened", "text": "Did you feel listened to?"},
    {"kind": "short_text", "code": "one_word", "text": "One word for us?", "asks_about": "nonspecific"},
    {"kind": "long_text", "code": "better", "text": "What could we do better?",
     "asks_about": "could_improve", "max_length": 200},
    {"kind": "number", "code": "visits", "text": "How many times have you been?",
     "min_value": 0, "max_value": 100},
    {"kind": "about_age", "code": "about_age"},
    {"kind": "about_gender", "code": "about_gender"},
    {"kind": "about_ethnicity", "code": "about_ethnicity"},
    {"kind": "about_disability", "code": "about_disability"},
    {"kind": "about_care", "code": "about_care"},
    {"kind": "about_carer", "code": "about_carer"},
]


class SurveyFactory:
    def __init__(self, session: Session, factory: Factory) -> None:
        self.session = session
        self.factory = factory

    def survey(self, questions: list[dict] | None = None, *, title: str | None = None,
               status: str = "open", layout: str = "one_page",
               services: list[Service] | None = None, **fields) -> Survey:
        survey = operations.create_survey(
            self.session, None, title=title or f"Survey {next(_n)}", layout=layout,
            service_ids=[s.id for s in services or []], **fields)
        by_code = {}
        for spec in questions if questions is not None else EVERY_TYPE:
            spec = dict(spec)
            condition = spec.pop("show_if", None)
            if condition:
                spec["show_if_question_id"] = by_code[condition[0]].id
                spec["show_if_values"] = list(condition[1])
            question = operations.add_question(self.session, None, survey, **spec)
            by_code[question.code] = question
        if status == "open":
            operations.open_survey(self.session, None, survey)
        elif status == "closed":
            operations.open_survey(self.session, None, survey)
            operations.close_survey(self.session, None, survey)
        self.session.flush()
        return survey

    def link(self, survey: Survey, service: Service | None = None, area: Area | None = None,
             channel: str = "poster", **fields) -> SurveyLink:
        service = service or self.factory.service()
        area = area or self.factory.area()
        return operations.create_link(self.session, None, survey, service_id=service.id,
                                      area_id=area.id, channel=channel, **fields)

    def response(self, link: SurveyLink, answers_by_code: dict[str, list[str] | str],
                 nonce: str | None = None, now=None) -> SurveyResponse:
        survey = link.survey
        by_code = {q.code: q for q in survey.questions}
        answers = {by_code[code].id: [value] if isinstance(value, str) else list(value)
                   for code, value in answers_by_code.items()}
        specs = [QuestionSpec.of(q) for q in survey.questions]
        result = submit_response(self.session, link, nonce or f"test-{next(_n)}", specs,
                                 answers, now=now)
        return self.session.get(SurveyResponse, result.response_id)


def q(survey: Survey, code: str):
    """The question with this code."""
    return next(question for question in survey.questions if question.code == code)


def form_token(link: SurveyLink) -> str:
    return make_form_token(SECRET, link.id)


def token_from(html: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)
