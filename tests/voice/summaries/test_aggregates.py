"""Every aggregate of a summary against figures worked out by hand.

The world: two services in two places; quarter 1 of 2026 to 2027 (April to June 2026),
compared with January to March 2026. Counts are chosen to hit the edges: 4 (hidden), 5 (shown),
and totals that would give a hidden count away.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.inspectors_factories import InspectorsFactory
from tests.support.summaries_factories import FEWER, HIDDEN, SummariesFactory, at, row
from voice.auth.roles import Role
from voice.loop.models import ModerationState, VoiceSource
from voice.summaries.models import ServicePopulation

Q1 = {"period": "quarter:2026-Q1"}


@pytest.fixture()
def world(factory, session):
    w = SummariesFactory(factory)
    system = factory.area("Riverside ICS", kind="system")
    place = factory.area("Northdale Central", kind="place", parent=system)
    hood = factory.area("Hillside", kind="neighbourhood", parent=place)
    elsewhere = factory.area("Eastmoor", kind="place")
    provider_a, provider_b = factory.organisation("Trust A"), factory.organisation("Trust B")
    a = factory.service("CAMHS", provider=provider_a, areas=[place], cohorts=["send"])
    b = factory.service("School Nursing", provider=provider_b, areas=[elsewhere])
    link_a = w.link(a, hood, channel="poster")
    link_b = w.link(b, elsewhere, channel="text")
    may = at(2026, 5, 15)
    # 14 responses at A, 5 at B, in May 2026; 10 at A in February 2026.
    w.responses(link_a, 6, may, fft="very_good", visit="5", about_age="11-13",
                about_gender="girl", about_ethnicity="white", about_disability="no",
                about_care="no")
    w.responses(link_a, 4, may, fft="good")
    w.responses(link_a, 3, may, fft="poor", visit="2", about_gender=" Boy ")
    w.responses(link_a, 1, may, fft="dont_know")
    w.responses(link_b, 5, may, fft="very_poor")
    w.responses(link_a, 10, at(2026, 2, 10), fft="good")
    # Voice items at A in May: waiting 7 (2 positive, 5 negative), staff attitude 4,
    # waiting + communication 5; one hidden, one safeguarding (never counted).
    w.items(a, 2, themes=["waiting_and_access"], sentiment="positive", when=may)
    w.items(a, 5, themes=["waiting_and_access"], sentiment="negative", when=may)
    w.items(a, 4, themes=["staff_attitude"], sentiment="positive", when=may)
    w.items(a, 5, themes=["waiting_and_access", "communication"], sentiment="neutral", when=may)
    w.item(a, themes=["waiting_and_access"], when=may, state=ModerationState.HIDDEN)
    w.item(a, themes=["feeling_safe_and_privacy"], when=may, state=ModerationState.ESCALATED,
           is_safeguarding=True)
    w.items(a, 3, themes=["waiting_and_access"], sentiment="negative", when=at(2026, 2, 12))
    # Action cards at A in May: stop 3, start 5, change 7 (approved, one backed twice).
    cards = {kind: [w.card(a, kind, may, approved=(kind == "change"))
                    for _ in range(n)] for kind, n in (("stop", 3), ("start", 5),
                                                       ("change", 7))}
    backed = cards["change"][2]
    w.item(a, when=at(2026, 5, 20), state=ModerationState.DUPLICATE,
           duplicate_of=backed.voice_item, source=VoiceSource.ANSWER)
    # Commitments at A: red and overdue, amber, green (done in the period), a "can't do"
    # closed before the period (left out), one made after it (left out).
    owner = factory.user(Role.PROVIDER, organisation=provider_a, display_name="Sam Taylor")
    w.commitment(a, rag="red", status="in_progress", due=date(2026, 5, 1),
                 we_will="Text before every appointment", owner_user=owner)
    w.commitment(a, rag="amber", status="not_started", due=date(2026, 12, 1))
    w.commitment(a, rag="green", status="done", completed=at(2026, 6, 1))
    w.commitment(a, rag="none", status="cant_do", completed=at(2026, 3, 1))
    w.commitment(a, rag="amber", made=at(2026, 8, 1))
    # Young inspectors at A: the provider rated S2 green, the team amber.
    InspectorsFactory(factory).shared(service=a, ratings={"S1": "green", "S2": "amber",
                                                          "S3": "red"},
                                      self_ratings={"S1": "green", "S2": "green", "S3": "red"})
    # Who uses A.
    for category, people in (("under_11", 50), ("11_13", 100)):
        session.add(ServicePopulation(service_id=a.id, dimension="age", category=category,
                                      people=people))
    session.flush()
    w.ids = {"a": a, "b": b, "place": place, "hood": hood, "elsewhere": elsewhere,
             "system": system, "provider_b": provider_b, "backed": backed}
    return w


def test_headline_counts_and_change(world):
    doc = world.summary(**Q1)
    headline = doc["tables"]["headline"]
    responses = row(headline, "Survey responses")
    assert (responses["period"], responses["comparison"], responses["change"]) == (19, 10, 9)
    cards = row(headline, "Action cards")
    assert (cards["period"], cards["comparison"], cards["change"]) == (15, 0, 15)
    # 16 themed answers + 15 card items + 1 duplicate; the hidden and safeguarding items never.
    written = row(headline, "Things young people wrote")
    assert (written["period"], written["comparison"]) == (32, {"suppressed": "primary"})
    assert written["change"] is None


def test_friends_and_family_test_with_suppression_that_totals_cannot_undo(world):
    fft = world.summary(**Q1)["tables"]["fft"]
    got = {r["answer"]: r["responses"] for r in fft["rows"]}
    # 6, 4, 0, 3, 5, 1 = 19. Good (4), poor (3) and don't know (1) are hidden. "Positive" is
    # published as a percentage (10 of 19), so very good must go too or 10 - 6 gives the 4;
    # likewise very poor (8 negative - 5 = 3 poor).
    assert got == {"Very good": HIDDEN, "Good": FEWER, "Neither good nor poor": 0,
                   "Poor": FEWER, "Very poor": HIDDEN, "Don't know": FEWER}
    assert fft["total"]["responses"] == 19
    assert row(fft, "Neither good nor poor")["share"] == 0.0
    headline = world.summary(**Q1)["tables"]["headline"]
    positive = row(headline, "Friends and Family Test: positive")
    assert (positive["period"], positive["comparison"], positive["change"]) == (52.6, 100.0,
                                                                                -47.4)
    assert row(headline, "Friends and Family Test: negative")["period"] == 42.1


def test_fft_trend_by_month(world):
    trend = world.summary(**Q1)["tables"]["fft_trend"]
    assert [r["month"] for r in trend["rows"]][:1] == ["Jul 2025"]
    may = row(trend, "May 2026")
    assert (may["responses"], may["positive"]) == (19, 52.6)
    feb = row(trend, "Feb 2026")
    assert (feb["responses"], feb["positive"]) == (10, 100.0)
    assert row(trend, "Apr 2026") == {"month": "Apr 2026", "responses": 0, "positive": None}


def test_smiley_distribution(world):
    smileys = world.summary(**Q1)["tables"]["smileys"]
    got = {r["_value"]: r["responses"] for r in smileys["rows"]}
    # 6 fives and 3 twos (9): the 3 is hidden, so the 6 is too.
    assert got == {"5": HIDDEN, "4": 0, "3": 0, "2": FEWER, "1": 0}
    assert smileys["total"]["responses"] == 9


def test_themes_table(world):
    doc = world.summary(**Q1)
    themes = doc["tables"]["themes"]
    waiting = row(themes, "Waiting times and access")
    # 12 of 32 items; (2 positive - 5 negative) / 12 = -25; 3 in the comparison (hidden).
    assert waiting["items"] == 12 and waiting["share"] == 37.5 and waiting["net"] == -25
    assert waiting["items_comparison"] == FEWER and waiting["change"] is None
    communication = row(themes, "Communication and being kept informed")
    assert (communication["items"], communication["share"], communication["net"]) == (5, 15.6, 0)
    attitude = row(themes, "Staff attitude and respect")
    assert (attitude["items"], attitude["share"], attitude["net"]) == (FEWER, FEWER, None)
    assert [r["_key"] for r in themes["rows"]] == ["waiting_and_access", "communication",
                                                   "staff_attitude"]
    assert "feeling_safe_and_privacy" not in [r["_key"] for r in themes["rows"]]
    trend = {r["theme"]: r for r in doc["tables"]["theme_trend"]["rows"]}
    assert trend["Waiting times and access"]["m:2026-05-01"] == 12
    assert trend["Waiting times and access"]["m:2026-02-01"] == FEWER


def test_sources_of_what_was_written(world):
    sources = world.summary(**Q1)["tables"]["sources"]
    assert {r["source"]: r["items"] for r in sources["rows"]} == {
        "Survey answers": 17, "Action cards": 15, "Young inspectors' findings": 0}


def test_action_cards_by_kind_with_secondary_suppression(world):
    doc = world.summary(**Q1)
    cards = doc["tables"]["cards"]
    got = {r["_kind"]: (r["cards"], r["share"]) for r in cards["rows"]}
    # 3 + 5 + 7 = 15: the 3 is hidden, and the 5 with it, or 15 - 7 - 5 gives the 3 away.
    assert got == {"stop": (FEWER, FEWER), "start": (HIDDEN, HIDDEN), "change": (7, 46.7)}
    assert cards["total"]["cards"] == 15
    backed = doc["tables"]["cards_most_backed"]["rows"]
    assert backed[0]["backers"] == FEWER  # the card and one more: 2 young people
    assert backed[0]["text"] == world.ids["backed"].what
    assert {r["kind"] for r in backed} == {"Change"}  # only approved cards are quoted


def test_commitments_by_rag_and_overdue(world):
    doc = world.summary(**Q1)
    rags = {r["_rag"]: r["commitments"] for r in doc["tables"]["commitments"]["rows"]}
    assert rags == {"red": 1, "amber": 1, "green": 1, "assured": 0, "none": 0}
    overdue = doc["tables"]["commitments_overdue"]["rows"]
    assert len(overdue) == 1
    assert overdue[0]["we_will"] == "Text before every appointment"
    assert overdue[0]["owner"] == "Sam Taylor, Trust A"
    assert overdue[0]["days_overdue"] == (date(2026, 11, 23) - date(2026, 5, 1)).days


def test_inspectors_latest_ratings_and_disagreements(world):
    doc = world.summary(**Q1)
    inspections = doc["tables"]["inspections"]["rows"]
    assert [(i["service"], i["green"], i["amber"], i["red"]) for i in inspections] == [
        ("CAMHS", 1, 1, 1)]
    disagreements = doc["tables"]["inspection_disagreements"]["rows"]
    assert [(d["standard"], d["self_rating"], d["team_rating"]) for d in disagreements] == [
        ("S2 Standard S2", "Green", "Amber")]


def test_who_we_are_hearing_from(world):
    doc = world.summary(**Q1)
    age = {r["_key"]: r for r in doc["tables"]["hearing_age"]["rows"]}
    assert age["11_13"]["responses"] == 6 and age["11_13"]["share"] == 100.0
    assert age["11_13"]["population"] == 100 and age["11_13"]["population_share"] == 66.7
    assert age["11_13"]["gap"] == 33.3
    assert age["not_answered"]["responses"] == 13
    gender = {r["_key"]: r["responses"] for r in doc["tables"]["hearing_gender"]["rows"]}
    # 6 girls and 3 " Boy " (grouped as a boy): the 3 is hidden, so the 6 is too.
    # A's population is entered by age only: by gender, all 150 are not recorded (one total).
    assert gender == {"girl": HIDDEN, "boy": FEWER, "non_binary": 0, "another_way": 0,
                      "not_recorded": None, "prefer_not": 0, "not_answered": 10}
    assert doc["tables"]["hearing_gender"]["total"]["population"] == 150
    ethnicity = {r["_key"]: r["responses"] for r in doc["tables"]["hearing_ethnicity"]["rows"]}
    assert ethnicity["white"] == 6


def test_links_table(world):
    links = world.summary(**Q1)["tables"]["links"]
    assert [(r["link"].split(",")[0], r["responses"], r["all_time"]) for r in links["rows"]] == [
        ("CAMHS", 14, 24), ("School Nursing", 5, 5)]
    assert links["total"]["responses"] == 19


def test_an_area_includes_the_areas_inside_it(world):
    doc = world.summary(area=world.ids["place"].id, **Q1)
    assert row(doc["tables"]["headline"], "Survey responses")["period"] == 14
    assert doc["scope"]["description"] == "All services in Northdale Central"
    # Items have no area of their own here: they count by where their service works.
    assert row(doc["tables"]["headline"], "Things young people wrote")["period"] == 32
    other = world.summary(area=world.ids["elsewhere"].id, **Q1)
    assert row(other["tables"]["headline"], "Survey responses")["period"] == 5
    assert other["tables"]["commitments"]["total"]["commitments"] == 0


def test_age_band_filter_covers_every_way_age_is_stored(world):
    a, may = world.ids["a"], at(2026, 5, 15)
    # Cards in today's bands, and in the two bands only older cards kept (not converted).
    for age in ("0-7", "8-10", "8-10", "under_11", "under_11"):
        world.card(a, "stop", may, age_band=age)
    for age in ("18-21", "22-25", "18_25", "18_25", "18_25", "18_25"):
        world.card(a, "start", may, age_band=age)
    doc = world.summary(age_band="11_13", **Q1)
    headline = doc["tables"]["headline"]
    assert row(headline, "Survey responses")["period"] == 6
    assert row(headline, "Action cards")["period"] == 0
    assert doc["scope"]["description"] == "All services (young people aged 11 to 13)"
    for group, cards, kind in (("under_11", 5, "Stop"), ("18_25", 6, "Start")):
        doc = world.summary(age_band=group, **Q1)
        assert row(doc["tables"]["headline"], "Action cards")["period"] == cards
        assert row(doc["tables"]["cards"], kind)["cards"] == cards
        # Each card's voice item carries its age too.
        assert row(doc["tables"]["headline"], "Things young people wrote")["period"] == cards
        assert row(doc["tables"]["headline"], "Survey responses")["period"] == 0


def test_hearing_from_counts_each_band_in_its_group_and_prefer_not_apart(world):
    link = world.link(world.ids["a"], world.ids["hood"], channel="website")
    may = at(2026, 5, 15)
    for band, count in (("0-7", 2), ("8-10", 4), ("16-17", 5), ("prefer_not", 7)):
        world.responses(link, count, may, fft="good", about_age=band)
    age = {r["_key"]: r["responses"]
           for r in world.summary(**Q1)["tables"]["hearing_age"]["rows"]}
    # 19 responses in the world (6 aged 11 to 13) and 18 here: 37 in all.
    assert age == {"under_11": 6, "11_13": 6, "14_15": 0, "16_17": 5, "18_25": 0,
                   "prefer_not": 7, "not_answered": 13}


def test_service_provider_and_cohort_filters(world):
    by_service = world.summary(service=world.ids["b"].id, **Q1)
    assert row(by_service["tables"]["headline"], "Survey responses")["period"] == 5
    by_provider = world.summary(provider=world.ids["provider_b"].id, **Q1)
    assert row(by_provider["tables"]["headline"], "Survey responses")["period"] == 5
    by_cohort = world.summary(cohort="send", **Q1)
    assert row(by_cohort["tables"]["headline"], "Survey responses")["period"] == 14


def test_a_provider_sees_only_their_own_services(world, factory):
    reader = factory.user(Role.PROVIDER, organisation=world.ids["provider_b"])
    doc = world.summary(actor=reader, **Q1)
    assert doc["scope"]["description"] == "Your organisation's services"
    assert row(doc["tables"]["headline"], "Survey responses")["period"] == 5
    assert doc["tables"]["themes"]["rows"] == []


def test_the_summary_paragraph_is_written_from_these_figures(world):
    text = world.summary(**Q1)["summary_text"]
    assert "the whole system received 19 survey responses and 15 action cards" in text
    assert "52.6% said their experience was good or very good, down 47.4 percentage points" in text
    assert "waiting times and access (37.5% of items, mostly negative)" in text
    assert "1 is red (including \u201cText before every appointment\u201d, CAMHS)" in text


def test_a_small_age_group_is_hidden_whichever_bands_it_came_from(world):
    link = world.link(world.ids["a"], world.ids["hood"], channel="website")
    may = at(2026, 5, 15)
    for band, count in (("0-7", 1), ("8-10", 3), ("16-17", 5), ("prefer_not", 7)):
        world.responses(link, count, may, fft="good", about_age=band)
    age = {r["_key"]: r["responses"]
           for r in world.summary(**Q1)["tables"]["hearing_age"]["rows"]}
    # Under 11 is 1 + 3 = 4: hidden. 16 or 17 goes too: 15 answered, less 6 and 5, gives it away.
    assert age == {"under_11": FEWER, "11_13": 6, "14_15": 0, "16_17": HIDDEN, "18_25": 0,
                   "prefer_not": 7, "not_answered": 13}
