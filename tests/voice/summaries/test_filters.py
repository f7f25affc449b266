"""Filters: checked, turned into a scope, and asked for again exactly."""

from __future__ import annotations

from datetime import date

import pytest

from voice.auth.roles import Role
from voice.errors import NotAllowed
from voice.summaries.filters import (
    FilterErrors,
    Filters,
    parse_selection,
    resolve_scope,
)

TODAY = date(2026, 11, 23)


def test_every_problem_is_reported_at_once(session):
    with pytest.raises(FilterErrors) as error:
        parse_selection(session, {"area": "0", "service": "99999999999", "cohort": "x",
                                  "period": "month:2026-13"}, TODAY)
    assert set(error.value.errors) == {"area", "service", "cohort", "period"}


def test_a_selection_asks_for_itself_again(session, factory):
    area = factory.area()
    args = {"area": str(area.id), "age_band": "14_15", "period": "custom", "from": "2026-01-05",
            "to": "2026-02-04", "compare": "custom", "compare_from": "2025-01-05",
            "compare_to": "2025-02-04"}
    selection = parse_selection(session, args, TODAY)
    again = parse_selection(session, {k: str(v) for k, v in selection.query_args().items()},
                            TODAY)
    assert again == selection


def test_the_scope_key_is_stable_and_ignores_order():
    assert Filters(area=3, cohort="send").key() == Filters(cohort="send", area=3).key()
    assert Filters().key() != Filters(area=3).key()
    assert Filters().is_whole_system


def test_an_area_covers_the_areas_inside_it_and_the_services_working_there(session, factory):
    place = factory.area("Place", kind="place")
    hood = factory.area("Hood", kind="neighbourhood", parent=place)
    street = factory.area("Street", kind="neighbourhood", parent=hood)
    inside = factory.service(areas=[street])
    factory.service(areas=[factory.area()])
    scope = resolve_scope(session, Filters(area=place.id))
    assert scope.area_ids == {place.id, hood.id, street.id}
    assert scope.area_service_ids == {inside.id}


def test_a_provider_is_kept_to_their_organisation(session, factory):
    org = factory.organisation()
    own = factory.service(provider=org)
    other = factory.service()
    reader = factory.user(Role.PROVIDER, organisation=org)
    assert resolve_scope(session, Filters(), actor=reader).service_ids == {own.id}
    with pytest.raises(NotAllowed):
        resolve_scope(session, Filters(service=other.id), actor=reader)


def test_a_token_is_kept_to_its_areas(session, factory):
    north, south = factory.area("North"), factory.area("South")
    south_service = factory.service(areas=[south])
    scope = resolve_scope(session, Filters(), token_area_ids=[north.id])
    assert scope.area_ids == {north.id} and scope.description == "All services in North"
    with pytest.raises(NotAllowed):
        resolve_scope(session, Filters(area=south.id), token_area_ids=[north.id])
    with pytest.raises(NotAllowed):
        resolve_scope(session, Filters(service=south_service.id), token_area_ids=[north.id])


def test_an_age_filter_is_a_group_covering_todays_bands_and_older_cards_bands(session):
    scope = resolve_scope(session, Filters(age_band="under_11"))
    assert set(scope.age_values) == {"0-7", "8-10", "under_11"}
    assert scope.labels["age_band"] == "Under 11"
    assert set(resolve_scope(session, Filters(age_band="18_25")).age_values) == {
        "18-21", "22-25", "18_25"}
    assert resolve_scope(session, Filters(age_band="14_15")).age_values == ("14-15",)


@pytest.mark.parametrize("band", ["14-15", "prefer_not", "not_said", "0-7"])
def test_a_single_band_or_prefer_not_is_not_an_age_filter(session, band):
    with pytest.raises(FilterErrors) as error:
        parse_selection(session, {"age_band": band}, TODAY)
    assert error.value.errors == {"age_band": "Choose an age band from the list"}
