"""Results: counts, the Friends and Family Test figures, free text by role, filters, funnel."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from surveys import results
from surveys.results import Filters, fft_figures, scope_for
from tests.support.fake_analysis import Analysis, fake_analyser
from tests.support.surveys_factories import q
from voice.loop.models import VoiceItem

LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def analysis(monkeypatch):
    def fake(text, question_kind=None):
        flagged = "unsafe" in text
        return Analysis(redacted_text=text.replace("Jo", "[name]"), safeguarding=flagged)

    fake_analyser(monkeypatch, fake)


def test_fft_follows_the_national_guidance():
    figures = fft_figures({"very_good": 3, "good": 2, "neither": 1, "poor": 1, "very_poor": 1,
                           "dont_know": 2})
    # Positive is (very good + good) over every answer, "don't know" included.
    assert (figures.total, figures.positive, figures.negative) == (10, 5, 2)
    assert figures.percent_positive == 50.0 and figures.percent_negative == 20.0


def test_fft_with_no_answers_has_no_percentages():
    figures = fft_figures({})
    assert figures.percent_positive is None and figures.percent_negative is None


def test_fft_rounds_to_one_decimal_place():
    assert fft_figures({"good": 1, "poor": 2}).percent_positive == 33.3


@pytest.fixture()
def world(surveys, factory):
    own_org = factory.organisation("Own Trust")
    mine = factory.service("Mine", provider=own_org)
    theirs = factory.service("Theirs")
    survey = surveys.survey(services=[mine, theirs])
    link_mine = surveys.link(survey, service=mine)
    link_theirs = surveys.link(survey, service=theirs, channel="card")
    for value in ["very_good", "very_good", "good", "neither", "dont_know"]:
        surveys.response(link_mine, {"fft": value})
    surveys.response(link_mine, {"fft": "poor", "why_poor": "waiting",
                                 "better": "Jo made me wait ages",
                                 "good_bits": ["on_time", "safe_place"], "visits": "4"})
    surveys.response(link_theirs, {"fft": "very_poor", "why_poor": "waiting",
                                   "better": "I feel unsafe at home", "visits": "10"})
    return {"survey": survey, "mine": link_mine, "theirs": link_theirs, "own_org": own_org}


def by_code(question_results):
    return {r.question.code: r for r in question_results}


def test_counts_per_question_and_fft_for_staff(session, factory, world):
    officer = factory.user("participation_officer")
    scope = scope_for(session, officer, world["survey"], Filters())
    assert results.count_responses(session, scope) == 7
    found = by_code(results.question_results(session, scope))
    fft = found["fft"]
    assert fft.answered == 7
    assert [(o.value, o.count) for o in fft.options] == [
        ("very_good", 2), ("good", 1), ("neither", 1), ("poor", 1), ("very_poor", 1),
        ("dont_know", 1)]
    assert fft.options[0].label == "Very good"  # national wording in reports
    assert fft.fft.percent_positive == round(100 * 3 / 7, 1)
    assert fft.fft.percent_negative == round(100 * 2 / 7, 1)
    assert found["why_poor"].answered == 2
    assert found["good_bits"].options[0].count == 1 and found["good_bits"].options[0].percent == 100
    assert (found["visits"].numbers.lowest, found["visits"].numbers.highest,
            found["visits"].numbers.median) == (4, 10, 7)
    smiley = found["visit"]
    assert [o.value for o in smiley.options] == ["5", "4", "3", "2", "1"]


def test_staff_read_original_words_and_see_safeguarding_flags(session, factory, world):
    scope = scope_for(session, factory.user("admin"), world["survey"], Filters())
    texts = by_code(results.question_results(session, scope))["better"].texts
    assert {t.text for t in texts} == {"Jo made me wait ages", "I feel unsafe at home"}
    assert any(t.is_safeguarding for t in texts)


def _approve(session, text: str, wording: str | None = None) -> None:
    item = session.scalar(select(VoiceItem).where(VoiceItem.text == text))
    item.state, item.public_text = "approved", wording or item.redacted_text


def _more_answers(surveys, link, n: int, start: int = 0) -> list[str]:
    texts = [f"The waiting room needs games {start + i}" for i in range(n)]
    for text in texts:
        surveys.response(link, {"fft": "good", "better": text})
    return texts


def test_commissioners_read_only_approved_words_and_never_flagged_ones(session, factory, world,
                                                                     surveys):
    # Enough answers to show any (a handful could point to one young person).
    waiting = _more_answers(surveys, world["mine"], 4)
    _approve(session, "Jo made me wait ages")
    scope = scope_for(session, factory.user("commissioner"), world["survey"], Filters())
    texts = by_code(results.question_results(session, scope))["better"].texts
    shown = [t.text for t in texts if t.shown]
    # Redacted but not yet approved by a person: not shown (it was, before the reading rule).
    assert shown == ["[name] made me wait ages"]
    assert not any(w in t.text for t in texts for w in waiting)
    assert not any("unsafe" in t.text for t in texts)
    assert all(not t.is_safeguarding for t in texts)


def test_hidden_items_are_not_shown_to_commissioners(session, factory, world):
    for item in session.scalars(select(VoiceItem)):
        item.state = "hidden"
    scope = scope_for(session, factory.user("commissioner"), world["survey"], Filters())
    texts = by_code(results.question_results(session, scope))["better"].texts
    assert not any(t.shown for t in texts)


def test_providers_only_see_responses_through_their_own_services_links(session, factory, world):
    provider = factory.user("provider", organisation=world["own_org"])
    assert results.can_read_results(session, provider, world["survey"])
    scope = scope_for(session, provider, world["survey"], Filters())
    assert results.count_responses(session, scope) == 6
    assert [row.link.id for row in results.funnel(session, scope)] == [world["mine"].id]
    _approve(session, "Jo made me wait ages")
    # One answer through their links: too few to show any words.
    assert by_code(results.question_results(session, scope))["better"].texts == []


def test_providers_read_approved_words_through_their_own_links_only(session, factory, world,
                                                                   surveys):
    mine = _more_answers(surveys, world["mine"], 4)
    _more_answers(surveys, world["theirs"], 5, start=10)
    for item in session.scalars(select(VoiceItem)):
        if not item.is_safeguarding:
            item.state, item.public_text = "approved", item.redacted_text
    provider = factory.user("provider", organisation=world["own_org"])
    scope = scope_for(session, provider, world["survey"], Filters())
    texts = [t.text for t in by_code(results.question_results(session, scope))["better"].texts]
    assert sorted(texts) == sorted(["[name] made me wait ages", *mine])


def test_other_providers_cannot_read_the_survey(session, factory, world):
    stranger = factory.user("provider")
    assert not results.can_read_results(session, stranger, world["survey"])
    assert world["survey"] not in session.scalars(results.surveys_query(session, stranger)).all()


def test_who_may_read_results(session, factory, world):
    survey = world["survey"]
    for role, allowed in [("admin", True), ("participation_officer", True), ("commissioner", True),
                          ("young_inspector", False), ("safeguarding_lead", False)]:
        assert results.can_read_results(session, factory.user(role), survey) is allowed


def test_filters_by_link_service_and_date(session, factory, world, surveys):
    officer = factory.user("participation_officer")
    survey = world["survey"]

    def count(**filters):
        return results.count_responses(session, scope_for(session, officer, survey, Filters(**filters)))

    assert count(link_id=world["theirs"].id) == 1
    assert count(service_id=world["mine"].service_id) == 6
    old = surveys.response(world["mine"], {"fft": "good"},
                           now=datetime(2026, 1, 10, 23, 30, tzinfo=LONDON))
    assert old.id
    assert count(date_to=date(2026, 1, 10)) == 1
    assert count(date_from=date(2026, 1, 11), date_to=date(2026, 1, 11)) == 0
    assert count(date_from=date(2026, 1, 10), date_to=date(2026, 1, 10)) == 1
    assert count() == 8


def test_funnel_counts_opens_starts_and_completions_per_link(session, factory, world):
    world["mine"].opened_count, world["mine"].started_count = 20, 9
    session.flush()
    scope = scope_for(session, factory.user("admin"), world["survey"], Filters())
    rows = {row.link.id: row for row in results.funnel(session, scope)}
    mine = rows[world["mine"].id]
    assert (mine.opened, mine.started, mine.completed) == (20, 9, 6)
    assert mine.completion_rate == 30.0
    assert rows[world["theirs"].id].completion_rate is None


def test_text_answers_page_through_newest_first(session, factory, surveys):
    survey = surveys.survey()
    link = surveys.link(survey)
    start = datetime(2026, 3, 1, 12, tzinfo=LONDON)
    for index in range(5):
        surveys.response(link, {"better": f"answer {index}"}, now=start + timedelta(days=index))
    scope = scope_for(session, factory.user("admin"), survey, Filters())
    page, total = results.text_answers(session, scope, q(survey, "better"), limit=2, offset=2)
    assert total == 5 and [t.text for t in page] == ["answer 2", "answer 1"]


def test_themes_are_shown_by_name(session, factory, surveys, monkeypatch):
    def fake(text, question_kind=None):
        return Analysis(redacted_text=text, themes=["waiting_and_access", "retired_theme"])

    fake_analyser(monkeypatch, fake)
    survey = surveys.survey()
    link = surveys.link(survey)
    for _ in range(5):
        surveys.response(link, {"better": "so slow"})
    for item in session.scalars(select(VoiceItem)):
        item.state, item.public_text = "approved", "so slow"
    scope = scope_for(session, factory.user("commissioner"), survey, Filters())
    text = by_code(results.question_results(session, scope))["better"].texts[0]
    assert text.themes == ["Waiting times and access", "retired_theme"]
