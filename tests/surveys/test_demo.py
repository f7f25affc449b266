"""The demo: templates, an open survey with links, six months of answers; safe to run twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

import voice.analysis
from surveys import demo as survey_demo
from surveys.models import Survey, SurveyLink, SurveyResponse
from tests.support.fake_analysis import Analysis, fake_analyser
from voice import demo as voice_demo
from voice.db import utcnow
from voice.loop.models import VoiceItem


def demo_context(session):
    areas = voice_demo._get_or_create_areas(session)
    orgs = voice_demo._get_or_create_orgs(session)
    users = {u.role: u for u in voice_demo._get_or_create_users(session, orgs)}
    services = voice_demo._get_or_create_services(session, orgs, areas,
                                                  users["safeguarding_lead"])
    return {"areas": areas, "organisations": orgs, "users": users, "services": services}


@pytest.fixture()
def loaded(session, monkeypatch):
    def fake(text, question_kind=None):
        flagged = any(words in text for words in ("hits me", "killing myself"))
        return Analysis(redacted_text=text, safeguarding=flagged)

    fake_analyser(monkeypatch, fake)
    ctx = demo_context(session)
    survey_demo.load_survey_demo(session, ctx)
    return ctx


def counts(session):
    return tuple(session.scalar(select(func.count(model.id))) for model in
                 (Survey, SurveyLink, SurveyResponse, VoiceItem))


def test_demo_makes_templates_an_open_survey_and_links(session, loaded):
    templates = session.scalars(select(Survey.template_key).where(Survey.is_template.is_(True)))
    assert set(templates) == {"childrens_fft", "visit_today", "promises_kept"}
    survey = survey_demo.demo_survey(session)
    assert survey.is_open
    assert len(survey.links) == len(survey_demo.DEMO_LINKS)
    assert {link.channel for link in survey.links} >= {"poster", "card", "text", "email",
                                                       "website"}


def test_demo_answers_spread_over_six_months_in_young_people_s_words(session, loaded):
    survey = survey_demo.demo_survey(session)
    responses = session.scalars(select(SurveyResponse).where(
        SurveyResponse.survey_id == survey.id)).all()
    assert len(responses) == survey_demo.DEMO_RESPONSES
    now = utcnow()
    assert all(now - timedelta(days=184) < r.created_at <= now for r in responses)
    assert len({r.created_at.strftime("%Y-%m") for r in responses}) >= 6
    texts = session.scalars(select(VoiceItem.text)).all()
    assert len(texts) > 150
    assert any("wait" in t for t in texts) and any("listened" in t for t in texts)
    assert any(ord(ch) > 0x1F000 for t in texts for ch in t)  # emoji
    assert sum(r.has_safeguarding_concern for r in responses) >= 1
    for link in survey.links:
        done = sum(1 for r in responses if r.link_id == link.id)
        assert link.opened_count >= link.started_count >= done
    # Mostly English, some Welsh, Arabic and easy read (surveys/content.py); the template's
    # Welsh and Arabic wording came with the copy.
    languages = {r.language for r in responses}
    assert {"en", "cy", "ar"} <= languages and None not in languages
    assert survey.translations["cy"]["title"]


def test_running_the_demo_twice_changes_nothing(session, loaded):
    before = counts(session)
    survey_demo.load_survey_demo(session, loaded)
    assert counts(session) == before


def test_the_demo_address_is_a_public_survey_link(session, loaded):
    [(label, url)] = survey_demo.survey_address(session, "http://127.0.0.1:5000")
    token = url.rsplit("/", 1)[1]
    assert label == "Public survey"
    assert url == f"http://127.0.0.1:5000/s/{token}"
    assert session.scalar(select(SurveyLink).where(SurveyLink.token == token)).survey.is_open


def test_the_real_safeguarding_check_flags_a_demo_answer():
    flagged = [voice.analysis.analyse(text, question_kind="could_improve").safeguarding
               for text in survey_demo.SAFEGUARDING_TEXTS]
    assert all(flagged)
