"""Small numbers in survey results: counts under 5, and the counts that would reveal them, are
hidden from everyone outside the participation team (pages, charts, funnels, exports)."""

from __future__ import annotations

import re

import pytest

from surveys import results
from surveys.results import Filters, scope_for
from tests.support.fake_analysis import Analysis, fake_analyser
from voice.summaries.suppression import is_suppressed


@pytest.fixture(autouse=True)
def analysis(monkeypatch):
    fake_analyser(monkeypatch, lambda text, question_kind=None: Analysis(redacted_text=text))


@pytest.fixture()
def world(surveys, factory):
    provider_org = factory.organisation("Own Trust")
    service = factory.service("Clinic", provider=provider_org)
    survey = surveys.survey(services=[service])
    busy, quiet = surveys.link(survey, service=service), surveys.link(survey, service=service)
    # 18 responses through the busy link, 1 through the quiet one.
    for index in range(9):
        surveys.response(busy, {"fft": "very_good", "visits": "3", "good_bits": [
            "on_time", "safe_place"] if index < 6 else ["on_time"]})
    for fft in ["neither"] * 6 + ["poor", "poor", "very_poor"]:
        surveys.response(busy, {"fft": fft, "good_bits": ["on_time"], "visits": "4"})
    surveys.response(quiet, {"fft": "very_good", "good_bits": ["on_time"], "visits": "25",
                             "better": "The nurse on Tuesdays was kind"})
    return {"survey": survey, "busy": busy, "quiet": quiet, "provider_org": provider_org}


def _results(session, user, survey):
    scope = scope_for(session, user, survey, Filters())
    found = results.question_results(session, scope)
    total = results.protect_small_numbers(found, results.count_responses(session, scope), scope)
    return {r.question.code: r for r in found}, total, scope


@pytest.mark.parametrize("role", ["commissioner", "provider"])
def test_counts_under_5_and_what_would_reveal_them_are_hidden(session, factory, world, role):
    user = factory.user(role, organisation=world["provider_org"] if role == "provider" else None)
    found, total, _ = _results(session, user, world["survey"])
    assert total == 19
    fft = {o.value: o for o in found["fft"].options}
    assert fft["very_good"].shown == 10 and fft["very_good"].shown_percent == 52.6
    assert fft["poor"].shown == {"suppressed": "primary"}  # 2: it was shown as 2 before
    assert fft["very_poor"].shown == {"suppressed": "primary"}
    assert fft["poor"].shown_percent is None
    # 2 + 1 is under 5, and the total is shown: "neither" is hidden too, so that the two
    # small ones cannot be worked out from the rest.
    assert fft["neither"].shown == {"suppressed": "secondary"}
    # "poor + very poor = negative" is 3: hidden too, and no percentage of it.
    assert is_suppressed(found["fft"].shown_fft["negative"])
    assert found["fft"].shown_fft["percent_negative"] is None
    # Tick all: 19 answered, "on time" ticked by all 19 and "safe place" by 6 (13 did not):
    # shown. "Friendly staff" by none: zero says nothing about anyone, so it is shown.
    ticks = {o.value: o.shown for o in found["good_bits"].options}
    assert ticks == {"on_time": 19, "friendly_staff": 0, "safe_place": 6}
    # One person gave 25: the highest and lowest are never shown outside the team.
    assert not found["visits"].numbers_hidden
    # One free-text answer: too few to show any words, even approved ones.
    assert found["better"].texts == []


def test_a_tick_all_answer_is_hidden_when_the_few_who_did_not_tick_it_would_show(
        session, factory, world, surveys):
    surveys.response(world["busy"], {"fft": "very_good", "good_bits": ["safe_place"]})
    found, total, _ = _results(session, factory.user("commissioner"), world["survey"])
    ticks = {o.value: o.shown for o in found["good_bits"].options}
    # 20 answered, 19 ticked "on time": the 1 who did not could be worked out.
    assert ticks["on_time"] == {"suppressed": "secondary"} and ticks["safe_place"] == 7


def test_the_participation_team_sees_every_count(session, factory, world):
    found, total, _ = _results(session, factory.user("participation_officer"), world["survey"])
    fft = {o.value: o for o in found["fft"].options}
    assert (fft["poor"].shown, fft["very_poor"].shown, total) == (2, 1, 19)
    assert found["better"].texts[0].text == "The nurse on Tuesdays was kind"


def test_the_funnel_hides_small_links(session, factory, world):
    scope = scope_for(session, factory.user("commissioner"), world["survey"], Filters())
    rows = {row.link.id: row for row in results.funnel(session, scope)}
    quiet, busy = rows[world["quiet"].id], rows[world["busy"].id]
    assert quiet.shown_completed == {"suppressed": "primary"}
    # 18 + 1 = 19 responses in all: the busy link's 18 would give the quiet one away.
    assert busy.shown_completed == {"suppressed": "secondary"}
    assert quiet.completion_rate is None and busy.completion_rate is None


def test_the_results_page_and_chart_say_fewer_than_5(client, login, factory, world):
    login(factory.user("commissioner"))
    page = client.get(f"/surveys/{world['survey'].id}/results")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Poor: fewer than 5" in body  # the chart's description for screen readers
    assert '<td class="num">fewer than 5</td>' in body
    assert "Highest" not in body and "Lowest" not in body
    assert "<strong>19</strong> responses" in body


def test_the_answers_page_lists_only_approved_words_without_times(client, login, factory,
                                                                  world, surveys, session):
    from sqlalchemy import select

    from voice.loop.models import VoiceItem

    for number in range(5):
        surveys.response(world["busy"], {"fft": "good", "better": f"zqanswer{number}zq"})
    items = {i.text: i for i in session.scalars(select(VoiceItem))}
    items["zqanswer0zq"].state, items["zqanswer0zq"].public_text = "approved", "zqanswer0zq"
    items["zqanswer1zq"].state, items["zqanswer1zq"].is_safeguarding = "escalated", True
    survey = world["survey"]
    question = next(q for q in survey.questions if q.code == "better")
    login(factory.user("commissioner"))
    body = client.get(f"/surveys/{survey.id}/results/questions/{question.id}").get_data(
        as_text=True)
    assert "zqanswer0zq" in body and "1 answer," in body
    # No row for the escalated answer or the ones still waiting (there was one for each,
    # with its time, before), so nothing marks the one passed to the safeguarding lead.
    assert "Not shown" not in body and "zqanswer1zq" not in body
    assert not re.search(r"\d{1,2}:\d{2}", body.split("<main", 1)[-1])
