"""Population totals (issue 14): the same services' "young people using the services" total is
one figure, from one query, in every "who we are hearing from" table, even when the figures
entered by age, gender and so on do not add up to the same number (the demo once showed
30,431 / 30,430 / 30,432 / 30,429); a breakdown that adds up to fewer shows the difference as
not recorded."""

from __future__ import annotations

from tests.support.summaries_factories import SummariesFactory
from voice.summaries import queries
from voice.summaries.demo import CASELOADS, _figures
from voice.summaries.filters import resolve_scope
from voice.summaries.models import ServicePopulation

HEARING = ("hearing_age", "hearing_gender", "hearing_ethnicity", "hearing_disability",
           "hearing_care_experience")


def _figures_for(session, service, **by_dimension):
    for dimension, figures in by_dimension.items():
        for category, people in figures.items():
            session.add(ServicePopulation(service_id=service.id, dimension=dimension,
                                          category=category, people=people))


def test_every_table_shows_the_same_population_total(factory, session):
    w = SummariesFactory(factory)
    a, b = factory.service("CAMHS"), factory.service("School Nursing")
    # A: 300 by age, 290 by gender, 320 by ethnicity (its largest breakdown, so A counts 320).
    _figures_for(session, a, age={"under_11": 100, "11_13": 200},
                 gender={"girl": 150, "boy": 140},
                 ethnicity={"white": 250, "asian": 70})
    # B: 1,000 by age only.
    _figures_for(session, b, age={"16_17": 400, "18_25": 600})
    session.flush()
    doc = w.summary(period="quarter:2026-Q1")
    scope = resolve_scope(session, w.selection(period="quarter:2026-Q1").filters)
    expected = queries.population_total(session, scope)
    assert expected == 320 + 1_000
    totals = {key: doc["tables"][key]["total"]["population"] for key in HEARING}
    assert set(totals.values()) == {expected}, totals
    for key in HEARING:                       # each table's rows add up to its total
        people = [r["population"] for r in doc["tables"][key]["rows"]
                  if isinstance(r["population"], int)]
        assert sum(people) == expected, (key, doc["tables"][key]["rows"])
    gender = {r["_key"]: r for r in doc["tables"]["hearing_gender"]["rows"]}
    assert gender["not_recorded"]["population"] == 1_320 - 290
    assert gender["not_recorded"]["group"] == "Not recorded in the population figures"


def test_the_demo_figures_add_up_to_each_services_caseload():
    for name, caseload in CASELOADS.items():
        sums: dict[str, int] = {}
        for (dimension, _), people in _figures(caseload, name).items():
            sums[dimension] = sums.get(dimension, 0) + people
        assert set(sums.values()) == {caseload}, (name, sums)
