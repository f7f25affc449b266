"""Storing responses: answers, voice items, the safeguarding flag, and idempotency (one response
per form, even when two copies arrive at once)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from surveys.models import Answer, Survey, SurveyLink, SurveyResponse
from surveys.questions import QuestionSpec
from surveys.submission import (
    LinkState,
    count_opened,
    count_started,
    find_link,
    link_state,
    started_counts,
    submit_response,
)
from tests.support.fake_analysis import fake_analyser
from tests.support.surveys_factories import q
from voice.db import db
from voice.directory.models import Area, Organisation, Service
from voice.loop.models import VoiceItem


@dataclass
class FakeAnalysis:
    redacted_text: str = "[redacted]"
    sentiment: str = "negative"
    sentiment_score: float = -0.5
    themes: list[str] = field(default_factory=lambda: ["waiting"])
    safeguarding: bool = False
    safeguarding_reasons: list[str] = field(default_factory=list)
    model_version: str = "fake-1"


@pytest.fixture()
def analysis(monkeypatch):
    """Analysis that flags text containing "hurt", and records the question kind it was given."""
    calls = []

    def fake(text, question_kind=None):
        calls.append((text, question_kind))
        flagged = "hurt" in text
        return FakeAnalysis(redacted_text=text.replace("Sam", "[name]"), safeguarding=flagged,
                            safeguarding_reasons=["harm"] if flagged else [])

    fake_analyser(monkeypatch, fake)
    return calls


def specs_of(survey):
    return [QuestionSpec.of(x) for x in survey.questions]


def test_a_response_stores_one_row_per_value(session, surveys, analysis):
    survey = surveys.survey()
    link = surveys.link(survey)
    response = surveys.response(link, {"fft": "good", "good_bits": ["on_time", "safe_place"],
                                       "visits": "3", "about_age": "14-15"})
    rows = session.scalars(select(Answer).where(Answer.response_id == response.id)).all()
    assert sorted((r.question_id, r.value) for r in rows) == sorted([
        (q(survey, "fft").id, "good"), (q(survey, "good_bits").id, "on_time"),
        (q(survey, "good_bits").id, "safe_place"), (q(survey, "visits").id, "3"),
        (q(survey, "about_age").id, "14-15")])
    assert response.age_band == "14-15"
    assert response.survey_id == survey.id and response.link_id == link.id


def test_prefer_not_to_say_is_stored_as_the_age_and_a_skipped_question_as_none(
        session, surveys, analysis):
    link = surveys.link(surveys.survey())
    prefer_not = surveys.response(link, {"about_age": "prefer_not", "better": "Too slow"})
    skipped = surveys.response(link, {"fft": "good"})
    assert prefer_not.age_band == "prefer_not" and skipped.age_band is None
    item = session.scalar(select(VoiceItem).where(VoiceItem.text == "Too slow"))
    assert item.age_band == "prefer_not"


def test_free_text_becomes_voice_items_with_the_link_s_context(session, surveys, analysis):
    survey = surveys.survey()
    link = surveys.link(survey, channel="card")
    response = surveys.response(link, {"better": "Sam made me wait 😤", "one_word": "slow",
                                       "about_age": "11-13", "about_gender": "girl"})
    items = session.scalars(select(VoiceItem).order_by(VoiceItem.id)).all()
    answers = {a.question_id: a for a in response.answers}
    assert [(i.source, i.source_id) for i in items] == [
        ("answer", answers[q(survey, "one_word").id].id),
        ("answer", answers[q(survey, "better").id].id)]
    better = items[1]
    assert better.text == "Sam made me wait 😤"
    assert better.redacted_text == "[name] made me wait 😤"
    assert (better.service_id, better.area_id, better.channel, better.age_band) == (
        link.service_id, link.area_id, "card", "11-13")
    assert better.question_kind == "could_improve"
    # Gender in their own words is about the young person, not feedback: never a voice item.
    assert ("girl", "nonspecific") not in analysis
    assert response.has_safeguarding_concern is False


def test_a_flagged_answer_marks_the_response(session, surveys, analysis):
    link = surveys.link(surveys.survey())
    response = surveys.response(link, {"better": "he hurt me and I'm scared to go home"})
    assert response.has_safeguarding_concern is True
    item = session.scalar(select(VoiceItem))
    assert item.is_safeguarding and item.state == "escalated"


def test_analysis_failing_never_loses_the_words(session, surveys, monkeypatch):
    def broken(text, question_kind=None):
        raise RuntimeError("model missing")

    fake_analyser(monkeypatch, broken)
    link = surveys.link(surveys.survey())
    response = surveys.response(link, {"better": "keep me"})
    assert session.get(SurveyResponse, response.id) is not None
    assert session.scalar(select(VoiceItem.text)) == "keep me"


def test_sending_the_same_form_twice_stores_one_response(session, surveys, analysis):
    survey = surveys.survey()
    link = surveys.link(survey)
    answers = {q(survey, "fft").id: ["good"], q(survey, "better").id: ["faster please"]}
    first = submit_response(session, link, "same-nonce", specs_of(survey), answers)
    second = submit_response(session, link, "same-nonce", specs_of(survey), answers)
    assert first.created and not second.created
    assert second.response_id == first.response_id
    assert session.scalar(select(func.count(SurveyResponse.id))) == 1
    assert session.scalar(select(func.count(VoiceItem.id))) == 1


def test_counters_add_up_without_reading_first(session, surveys):
    link = surveys.link(surveys.survey())
    count_opened(session, link)
    count_opened(session, link)
    count_started(session, link)
    session.refresh(link)
    assert (link.opened_count, link.started_count) == (2, 1)


def test_submit_counts_the_start_in_its_own_row_not_on_the_link(session, surveys, analysis):
    survey = surveys.survey()
    link = surveys.link(survey)
    started = submit_response(session, link, "n1", specs_of(survey),
                              {q(survey, "fft").id: ["good"]}, count_start=True)
    later = submit_response(session, link, "n2", specs_of(survey),
                            {q(survey, "fft").id: ["poor"]}, count_start=False)
    count_started(session, link)  # a form started by its first page, not sent yet
    session.refresh(link)
    assert link.started_count == 1  # only the page counted on the link
    assert session.get(SurveyResponse, started.response_id).counted_start
    assert not session.get(SurveyResponse, later.response_id).counted_start
    assert started_counts(session, [link]) == {link.id: 2}


def test_a_response_with_no_answers_is_stored_and_counted(session, surveys, analysis):
    survey = surveys.survey()
    link = surveys.link(survey)
    result = submit_response(session, link, "empty", specs_of(survey), {}, count_start=True)
    session.refresh(link)
    assert session.get(SurveyResponse, result.response_id).answers == []
    assert started_counts(session, [link]) == {link.id: 1}


def test_find_link_accepts_typed_tokens(session, surveys):
    link = surveys.link(surveys.survey())
    assert find_link(session, link.token.upper()) is link
    assert find_link(session, f" {link.token[:3]}-{link.token[3:]} ") is link
    assert find_link(session, "zzzzzzz") is None
    assert find_link(session, "../etc") is None


def test_link_states(session, surveys):
    today = date(2026, 6, 1)
    assert link_state(None, today) is LinkState.UNKNOWN
    link = surveys.link(surveys.survey())
    assert link_state(link, today) is LinkState.OPEN
    link.is_paused = True
    assert link_state(link, today) is LinkState.PAUSED
    link.is_paused = False
    link.survey.closes_on = date(2026, 5, 31)
    assert link_state(link, today) is LinkState.CLOSED
    link.survey.closes_on = None
    link.survey.opens_on = date(2026, 6, 2)
    assert link_state(link, today) is LinkState.NOT_OPEN_YET
    link.survey.opens_on = None
    link.survey.status = "draft"
    assert link_state(link, today) is LinkState.NOT_OPEN_YET
    link.survey.status = "closed"
    assert link_state(link, today) is LinkState.CLOSED


def test_the_plain_link_row_has_the_same_state_as_the_link(session, surveys):
    from surveys.submission import find_public_link

    today = date(2026, 6, 1)
    link = surveys.link(surveys.survey())

    def both():
        session.flush()
        row = find_public_link(session, link.token)
        return link_state(row, today), link_state(link, today)

    assert both() == (LinkState.OPEN, LinkState.OPEN)
    link.is_paused = True
    assert both() == (LinkState.PAUSED, LinkState.PAUSED)
    link.is_paused = False
    for changes, state in [({"closes_on": date(2026, 5, 31)}, LinkState.CLOSED),
                           ({"opens_on": date(2026, 6, 2)}, LinkState.NOT_OPEN_YET),
                           ({"status": "draft"}, LinkState.NOT_OPEN_YET),
                           ({"status": "closed"}, LinkState.CLOSED),
                           ({"is_template": True}, LinkState.UNKNOWN)]:
        saved = {key: getattr(link.survey, key) for key in changes}
        for key, value in changes.items():
            setattr(link.survey, key, value)
        assert both() == (state, state), changes
        for key, value in saved.items():
            setattr(link.survey, key, value)
    assert find_public_link(session, "zzzzzzz") is None
    assert find_public_link(session, "../etc") is None


def test_the_same_words_in_two_text_answers_each_keep_their_own_answer(session, surveys,
                                                                       analysis):
    survey = surveys.survey()
    link = surveys.link(survey)
    response = surveys.response(link, {"one_word": "nothing", "better": "nothing"})
    answers = {a.question_id: a.id for a in response.answers}
    items = session.scalars(select(VoiceItem).order_by(VoiceItem.id)).all()
    assert [(i.source_id, i.question_kind) for i in items] == [
        (answers[q(survey, "one_word").id], "nonspecific"),
        (answers[q(survey, "better").id], "could_improve")]
    # The answers' ids follow the order of the questions.
    assert sorted(answers.values()) == [a.id for a in response.answers]


def test_analysis_made_before_writing_is_stored_as_made(session, surveys, analysis):
    from surveys.submission import analyse_text_answers

    survey = surveys.survey()
    link = surveys.link(survey)
    specs = specs_of(survey)
    answers = {q(survey, "fft").id: ["poor"], q(survey, "better").id: ["he hurt me, Sam"]}
    analysed = analyse_text_answers(session, specs, answers)
    assert analysis == [("he hurt me, Sam", "could_improve")]
    result = submit_response(session, link, "made-before", specs, answers, analysed=analysed)
    assert len(analysis) == 1  # not analysed a second time
    assert result.has_safeguarding_concern
    assert session.get(SurveyResponse, result.response_id).has_safeguarding_concern
    item = session.scalar(select(VoiceItem))
    assert (item.redacted_text, item.state, item.is_safeguarding) == (
        "he hurt me, [name]", "escalated", True)


# ---- the race: two copies of one form at the same moment, on the real database -------------

@pytest.fixture()
def committed_link(app):
    """A survey and link committed for real (threads need their own connections), removed after."""
    with app.app_context():
        with Session(db.engine) as s:
            org = Organisation(name="Race Org", kind="provider")
            area = Area(name="Race Area", kind="place")
            s.add_all([org, area])
            s.flush()
            service = Service(name="Race Service", slug="race-service", provider_id=org.id,
                              category="Other")
            survey = Survey(title="Race", status="open")
            s.add_all([service, survey])
            s.flush()
            from surveys.models import Question

            question = Question(survey_id=survey.id, position=1, code="fft", kind="fft",
                                text="How was it?", options=[{"value": "good", "label": "Good"}])
            link = SurveyLink(survey_id=survey.id, service_id=service.id, area_id=area.id,
                              channel="poster", token="racetst")
            s.add_all([question, link])
            s.commit()
            ids = {"org": org.id, "area": area.id, "service": service.id, "survey": survey.id,
                   "link": link.id, "question": question.id}
        yield ids
        with Session(db.engine) as s:
            s.execute(delete(SurveyResponse).where(SurveyResponse.survey_id == ids["survey"]))
            s.execute(delete(SurveyLink).where(SurveyLink.id == ids["link"]))
            s.execute(delete(Survey).where(Survey.id == ids["survey"]))
            s.execute(delete(Service).where(Service.id == ids["service"]))
            s.execute(delete(Area).where(Area.id == ids["area"]))
            s.execute(delete(Organisation).where(Organisation.id == ids["org"]))
            s.commit()


def test_two_copies_arriving_at_once_store_one_response(app, committed_link):
    ids = committed_link
    barrier = threading.Barrier(4)
    results, errors = [], []

    def send():
        try:
            with app.app_context(), Session(db.engine, expire_on_commit=False) as s:
                link = s.get(SurveyLink, ids["link"])
                spec = QuestionSpec(id=ids["question"], kind="fft", text="How was it?",
                                    options=[{"value": "good", "label": "Good"}])
                s.commit()  # end the read, as the view does
                barrier.wait(timeout=10)
                result = submit_response(s, link, "race-nonce", [spec],
                                         {ids["question"]: ["good"]})
                s.commit()
                results.append(result.response_id)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(results) == 4 and len(set(results)) == 1
    with app.app_context(), Session(db.engine) as s:
        assert s.scalar(select(func.count(SurveyResponse.id)).where(
            SurveyResponse.survey_id == ids["survey"])) == 1
        assert s.scalar(select(func.count(Answer.id)).where(
            Answer.question_id == ids["question"])) == 1
