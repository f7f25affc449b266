"""Young inspector accounts, consent, training and hours (with the export)."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from inspectors.services import inspections as ins
from inspectors.services import people
from inspectors.services.errors import InspectionError, NotAllowed
from voice.auth.roles import Role
from voice.auth.services import authenticate

TODAY = date(2026, 6, 1)


def _create(session, officer, **overrides):
    fields = dict(username="sky.yi", display_name="Sky Patel", password="purple tiger runs fast",
                  age_band="under_16", consent_on=date(2026, 5, 1), now=TODAY)
    fields.update(overrides)
    return people.create_inspector(session, officer, **fields)


def test_officer_creates_a_young_inspector_who_signs_in_with_username_and_passphrase(
        session, factory):
    officer = factory.user(Role.PARTICIPATION)
    profile = _create(session, officer)
    assert profile.user.role == Role.INSPECTOR and profile.user.email is None
    assert authenticate(session, "Sky.YI", "purple tiger runs fast").id == profile.user_id
    assert profile.first_name == "Sky"


def test_under_16s_need_a_parent_or_carers_consent_before_joining_a_team(session, factory, insp):
    officer = factory.user(Role.PARTICIPATION)
    profile = _create(session, officer)
    people.add_training(session, officer, profile, course="Young inspector training",
                        completed_on=date(2026, 5, 20), now=TODAY)
    assert not profile.is_ready
    assert profile.not_ready_reasons == ["a parent's or carer's consent is not recorded"]
    plan = ins.Plan(service_id=factory.service().id, framework_id=insp.framework().id,
                    method="visit", visit_from=date(2026, 7, 1), visit_to=date(2026, 7, 1),
                    team_ids=[profile.user_id], lead_id=profile.user_id)
    with pytest.raises(ins.PlanError, match="consent"):
        ins.plan_inspection(session, officer, plan)
    people.update_inspector(session, officer, profile, display_name="Sky Patel",
                            age_band="under_16", consent_on=date(2026, 5, 1),
                            parent_consent_on=date(2026, 5, 2), name_preference="first_name",
                            reward="pay", is_active=True, now=TODAY)
    assert profile.is_ready
    assert ins.plan_inspection(session, officer, plan).team[0].user_id == profile.user_id


def test_untrained_inspectors_cannot_join_a_team(session, factory, insp):
    officer = factory.user(Role.PARTICIPATION)
    user = insp.inspector(ready=False)
    plan = ins.Plan(service_id=factory.service().id, framework_id=insp.framework().id,
                    method="visit", visit_from=date(2026, 7, 1), visit_to=date(2026, 7, 1),
                    team_ids=[user.id])
    with pytest.raises(ins.PlanError, match="no training"):
        ins.plan_inspection(session, officer, plan)


def test_consent_rules(session, factory):
    officer = factory.user(Role.PARTICIPATION)
    with pytest.raises(InspectionError, match="future"):
        _create(session, officer, consent_on=date(2026, 6, 2))
    with pytest.raises(InspectionError, match="under 16"):
        _create(session, officer, age_band="18_plus", parent_consent_on=date(2026, 5, 1))
    with pytest.raises(InspectionError, match="age band"):
        _create(session, officer, age_band="12")


def test_only_the_participation_team_manages_inspectors(session, factory):
    provider = factory.user(Role.PROVIDER)
    with pytest.raises(NotAllowed):
        _create(session, provider)


def test_inspectors_choose_how_providers_see_their_name(session, factory, insp):
    user = insp.inspector()
    profile = people.set_name_preference(session, user, "first_name")
    assert profile.name_preference == "first_name"
    with pytest.raises(InspectionError):
        people.set_name_preference(session, user, "full_name")


@pytest.mark.parametrize("text, minutes", [("2", 120), ("2.5", 150), ("1,25", 75), ("2:30", 150),
                                           ("3 hours", 180), ("0.1", 6)])
def test_parse_hours(text, minutes):
    assert people.parse_hours(text) == minutes


@pytest.mark.parametrize("text", ["", "0", "-1", "abc", "25", "nan", "inf", "1e309", "2:75"])
def test_parse_hours_refuses_nonsense(text):
    with pytest.raises(InspectionError):
        people.parse_hours(text)


def test_hours_export_csv_and_xlsx(session, factory, insp):
    officer = factory.user(Role.PARTICIPATION)
    inspection = insp.inspection(officer=officer)
    first = people.profile_for_user(session, inspection.team[0].user_id)
    other = people.profile_for_user(session, insp.inspector(display_name="=Cmd Sheet").id)
    people.record_hours(session, officer, first, worked_on=date(2026, 3, 2), hours="3",
                        activity="visit", inspection_id=inspection.id, now=TODAY)
    people.record_hours(session, officer, first, worked_on=date(2026, 3, 4), hours="1:30",
                        activity="report", note="Wrote recommendations", now=TODAY)
    people.record_hours(session, officer, other, worked_on=date(2026, 4, 1), hours="2",
                        activity="training", now=TODAY)
    entries = people.hours_for(session, start=date(2026, 3, 1), end=date(2026, 3, 31))
    assert [e.minutes for e in entries] == [180, 90]

    rows = list(csv.reader(io.StringIO(people.hours_csv(people.hours_for(session)))))
    assert rows[0] == people.HOURS_COLUMNS
    assert rows[1][2:5] == ["2026-03-02", "3.0", "Visit or mystery shop"]
    assert inspection.service.name in rows[1][5]
    assert rows[3][0] == "'=Cmd Sheet"  # no formulas smuggled into spreadsheets

    book = load_workbook(io.BytesIO(people.hours_xlsx(people.hours_for(session))))
    assert book.sheetnames == ["Hours", "Totals"]
    totals = {r[1]: r[3] for r in book["Totals"].iter_rows(min_row=2, values_only=True)}
    assert totals[first.user.username] == 4.5
    assert totals[other.user.username] == 2


def test_hours_cannot_be_in_the_future_or_for_an_unknown_inspection(session, factory, insp):
    officer = factory.user(Role.PARTICIPATION)
    profile = people.profile_for_user(session, insp.inspector().id)
    with pytest.raises(InspectionError, match="not happened"):
        people.record_hours(session, officer, profile, worked_on=date(2026, 6, 2), hours="1",
                            activity="visit", now=TODAY)
    with pytest.raises(InspectionError, match="inspection"):
        people.record_hours(session, officer, profile, worked_on=date(2026, 6, 1), hours="1",
                            activity="visit", inspection_id=999999, now=TODAY)
    with pytest.raises(InspectionError, match="what they did"):
        people.record_hours(session, officer, profile, worked_on=date(2026, 6, 1), hours="1",
                            activity="sleeping", now=TODAY)
