from __future__ import annotations

import pytest
from sqlalchemy import select

from voice.directory import services
from voice.directory.models import Service
from voice.errors import NotAllowed


def _service_form(provider_id, **overrides):
    data = {"name": "Youth Wellbeing Hub", "provider_id": str(provider_id),
            "category": "Counselling", "description": "Drop-in support.", "contact": "Call 01632 960 999",
            "min_age": "11", "max_age": "25", "cohorts": ["care_leavers"]}
    data.update(overrides)
    return data


def test_participation_officer_creates_a_service_with_areas(client, factory, login, session):
    provider = factory.organisation()
    area = factory.area("Westbridge")
    lead = factory.user("safeguarding_lead", organisation=provider)
    login(factory.user("participation_officer"))
    response = client.post("/directory/services/new", data=_service_form(
        provider.id, area_ids=[str(area.id)], safeguarding_lead_id=str(lead.id)))
    assert response.status_code == 302
    service = session.scalar(select(Service).where(Service.name == "Youth Wellbeing Hub"))
    assert [a.name for a in service.areas] == ["Westbridge"]
    assert service.slug == "youth-wellbeing-hub"


def test_service_form_explains_bad_input_and_keeps_what_was_typed(client, factory, login):
    provider = factory.organisation()
    login(factory.user("participation_officer"))
    response = client.post("/directory/services/new", data=_service_form(
        provider.id, name="", min_age="12", max_age="9", cohorts=["wizards"], area_ids=["abc"]))
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter the service" in body
    assert "Oldest age must be the same as or older than the youngest age" in body
    assert "Drop-in support." in body


def test_provider_sees_and_changes_only_their_own_services(client, factory, login, session):
    mine = factory.organisation("Mine")
    theirs = factory.organisation("Theirs")
    own = factory.service("Own Service", provider=mine)
    other = factory.service("Other Service", provider=theirs)
    provider = factory.user("provider", organisation=mine)
    login(provider)
    listing = client.get("/directory/services").get_data(as_text=True)
    assert "Own Service" in listing and "Other Service" not in listing
    assert client.get(f"/directory/services/{other.id}").status_code == 403
    assert client.get(f"/directory/services/{other.id}/edit").status_code == 403
    response = client.post(f"/directory/services/{own.id}/edit",
                           data=_service_form(mine.id, name="Own Service Renamed"))
    assert response.status_code == 302
    assert session.get(Service, own.id).name == "Own Service Renamed"


def test_provider_cannot_move_a_service_to_another_organisation(session, factory):
    mine, theirs = factory.organisation(), factory.organisation()
    service = factory.service(provider=mine)
    provider = factory.user("provider", organisation=mine)
    with pytest.raises(NotAllowed):
        services.update_service(session, provider, service, provider_id=theirs.id)


def test_an_area_cannot_be_inside_itself(session, factory):
    county = factory.area("County", kind="system")
    town = factory.area("Town", parent=county)
    with pytest.raises(services.DirectoryError):
        services.update_area(session, factory.user("admin"), county, name="County", kind="system",
                             parent_id=town.id)


def test_area_with_descendants_follows_the_tree(session, factory):
    system = factory.area(kind="system")
    place = factory.area(parent=system)
    neighbourhood = factory.area(kind="neighbourhood", parent=place)
    elsewhere = factory.area()
    found = services.area_with_descendants(session, system.id)
    assert {system.id, place.id, neighbourhood.id} <= found and elsewhere.id not in found


def test_archiving_hides_a_service_from_lists_but_keeps_it(client, factory, login, session):
    service = factory.service("Closing Service")
    login(factory.user("participation_officer"))
    client.post(f"/directory/services/{service.id}/archive")
    link = f'href="/directory/services/{service.id}">Closing Service</a>'
    assert link not in client.get("/directory/services").get_data(as_text=True)
    assert link in client.get("/directory/services?archived=1").get_data(as_text=True)
    assert session.get(Service, service.id).is_archived


def test_an_organisation_with_live_services_cannot_be_archived(session, factory):
    org = factory.organisation()
    factory.service(provider=org)
    with pytest.raises(services.DirectoryError):
        services.set_archived(session, factory.user("admin"), org, True)


def test_changes_are_audited(session, factory):
    from voice.audit.models import AuditEvent

    admin = factory.user("admin")
    service = factory.service("Audited")
    services.update_service(session, admin, service, name="Audited Again")
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "service.updated"))
    assert event.detail["changes"]["name"] == ["Audited", "Audited Again"]


def test_area_and_organisation_forms_validate(client, factory, login):
    login(factory.user("admin"))
    body = client.post("/directory/areas/new", data={"name": "", "kind": "galaxy"}).get_data(as_text=True)
    assert "Enter the area" in body and "Not a valid choice" in body
    body = client.post("/directory/organisations/new", data={"name": "x" * 200, "kind": "provider"}).get_data(as_text=True)
    assert "160 characters or fewer" in body


# ---- who the escalation ladder tells (issue 13 point 4) -------------------------------------

def test_officer_names_an_organisations_lead_contact_from_its_own_staff(client, factory, login,
                                                                         session):
    from voice.audit.models import AuditEvent
    from voice.directory.models import Organisation

    org = factory.organisation("Northdale Healthcare")
    own = factory.user("provider", organisation=org, display_name="Lena Own")
    elsewhere = factory.user("provider", display_name="Oscar Elsewhere")
    login(factory.user("participation_officer"))
    page = client.get(f"/directory/organisations/{org.id}").get_data(as_text=True)
    assert "Lena Own" in page and "Oscar Elsewhere" not in page

    body = client.post(f"/directory/organisations/{org.id}", data={
        "name": org.name, "kind": "provider", "lead_contact_id": str(elsewhere.id)},
    ).get_data(as_text=True)
    assert "Oscar Elsewhere does not work for Northdale Healthcare" in body
    assert session.get(Organisation, org.id).lead_contact_id is None
    body = client.post(f"/directory/organisations/{org.id}", data={
        "name": org.name, "kind": "provider", "lead_contact_id": "-5"}).get_data(as_text=True)
    assert "Choose a lead contact from the list" in body

    response = client.post(f"/directory/organisations/{org.id}", data={
        "name": org.name, "kind": "provider", "lead_contact_id": str(own.id)})
    assert response.status_code == 302
    assert session.get(Organisation, org.id).lead_contact_id == own.id
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "organisation.updated"))
    assert event.detail["changes"]["lead_contact_id"] == [None, own.id]
    assert "Lena Own" in client.get("/directory/areas").get_data(as_text=True)

    # Naming nobody again is allowed: all of its staff are told.
    client.post(f"/directory/organisations/{org.id}", data={
        "name": org.name, "kind": "provider", "lead_contact_id": ""})
    assert session.get(Organisation, org.id).lead_contact_id is None


def test_only_managers_name_a_lead_contact_or_a_commissioner(session, factory):
    org = factory.organisation()
    provider = factory.user("provider", organisation=org)
    service = factory.service(provider=org)
    commissioner = factory.user("commissioner")
    with pytest.raises(NotAllowed):
        services.update_organisation(session, provider, org, name=org.name, kind="provider",
                                     lead_contact_id=provider.id)
    with pytest.raises(NotAllowed):
        services.update_service(session, provider, service, commissioner_id=commissioner.id)


def test_officer_names_a_services_commissioner(client, factory, login, session):
    provider = factory.organisation()
    lead = factory.user("safeguarding_lead", organisation=provider)
    service = factory.service("Named Service", provider=provider, safeguarding_lead=lead)
    commissioner = factory.user("commissioner", display_name="Chris Commissioner")
    not_one = factory.user("provider", organisation=provider, display_name="Pat Provider")
    factory.user("commissioner", display_name="Left Commissioner", is_active=False)
    login(factory.user("participation_officer"))
    page = client.get(f"/directory/services/{service.id}/edit").get_data(as_text=True)
    assert "Chris Commissioner" in page
    assert "Left Commissioner" not in page

    form = _service_form(provider.id, name="Named Service", safeguarding_lead_id=str(lead.id))
    body = client.post(f"/directory/services/{service.id}/edit",
                       data={**form, "commissioner_id": str(not_one.id)}).get_data(as_text=True)
    assert "Choose a commissioner from the list, or name nobody" in body
    assert session.get(Service, service.id).commissioner_id is None

    response = client.post(f"/directory/services/{service.id}/edit",
                           data={**form, "commissioner_id": str(commissioner.id)})
    assert response.status_code == 302
    assert session.get(Service, service.id).commissioner_id == commissioner.id
    shown = client.get(f"/directory/services/{service.id}").get_data(as_text=True)
    assert "Chris Commissioner" in shown


def test_a_provider_editing_its_service_keeps_the_commissioner(client, factory, login, session):
    mine = factory.organisation("Mine")
    commissioner = factory.user("commissioner", display_name="Chris Commissioner")
    other = factory.user("commissioner")
    service = factory.service("Own Service", provider=mine, commissioner_id=commissioner.id)
    login(factory.user("provider", organisation=mine))
    page = client.get(f"/directory/services/{service.id}/edit").get_data(as_text=True)
    assert "Chris Commissioner" in page
    response = client.post(f"/directory/services/{service.id}/edit", data=_service_form(
        mine.id, name="Own Service", commissioner_id=str(other.id)))
    assert response.status_code == 302
    assert session.get(Service, service.id).commissioner_id == commissioner.id
