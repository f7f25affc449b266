"""A school answering a survey on one network, behind the README's reverse proxy."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from surveys.models import SurveyResponse
from tests.support.proxy import behind_proxy, from_address  # noqa: F401 (fixture)
from tests.support.surveys_factories import q, token_from

SCHOOL = "203.0.113.10"
OTHER_SCHOOL = "198.51.100.20"

SHORT = [
    {"kind": "fft", "code": "fft", "text": "How was it?", "is_required": True},
]


@pytest.fixture()
def link(surveys, factory):
    return surveys.link(surveys.survey(SHORT, title="After assembly"),
                        service=factory.service("School Nursing"))


@pytest.fixture(autouse=True)
def fresh_windows(survey_windows):
    return survey_windows


def _answer(client, link, address):
    headers = from_address(address)
    page = client.get(f"/s/{link.token}", headers=headers)
    assert page.status_code == 200
    return client.post(f"/s/{link.token}", headers=headers, data={
        "form_token": token_from(page.get_data(as_text=True)), "step": "0", "action": "send",
        f"q{q(link.survey, 'fft').id}": "good"})


@pytest.mark.usefixtures("behind_proxy")
def test_thirty_pupils_on_one_network_all_get_through_in_a_minute(session, client, link,
                                                                  rate_limits):
    statuses = [_answer(client, link, SCHOOL).status_code for _ in range(30)]
    assert statuses == [303] * 30
    assert session.scalar(select(func.count(SurveyResponse.id))) == 30


@pytest.mark.usefixtures("behind_proxy")
def test_a_busy_school_does_not_use_up_another_schools_limit(app, session, client, link,
                                                            rate_limits):
    app.config["SURVEY_SUBMIT_LIMIT"] = "30/minute"
    try:
        assert [_answer(client, link, SCHOOL).status_code for _ in range(30)] == [303] * 30
        assert _answer(client, link, SCHOOL).status_code == 429
        assert _answer(client, link, OTHER_SCHOOL).status_code == 303
    finally:
        del app.config["SURVEY_SUBMIT_LIMIT"]
