"""Issue 11: renaming a service keeps its old public addresses working (printed posters)."""

from __future__ import annotations

from voice.directory import services
from voice.directory.models import ServiceOldSlug


def _rename(session, factory, service, name):
    services.update_service(session, factory.user("participation_officer"), service, name=name)
    session.flush()


def test_old_addresses_redirect_permanently_after_a_rename(client, session, factory):
    service = factory.service("Youth Hub")
    service.slug = "youth-hub"
    _rename(session, factory, service, "Youth Wellbeing Hub")
    assert service.slug == "youth-wellbeing-hub"
    for old, new in [
        ("/you-said-we-did/youth-hub", "/you-said-we-did/youth-wellbeing-hub"),
        ("/you-said-we-did/youth-hub/poster", "/you-said-we-did/youth-wellbeing-hub/poster"),
        ("/services/youth-hub/inspections", "/services/youth-wellbeing-hub/inspections"),
        ("/you-said-we-did?service=youth-hub&page=2",
         "/you-said-we-did?service=youth-wellbeing-hub&page=2"),
    ]:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response.location == new
    assert client.get("/you-said-we-did/youth-wellbeing-hub").status_code == 200
    assert client.get("/you-said-we-did/never-was").status_code == 404


def test_two_renames_both_lead_to_today_and_renaming_back_works(client, session, factory):
    service = factory.service("First Name")
    service.slug = "first-name"
    _rename(session, factory, service, "Second Name")
    _rename(session, factory, service, "Third Name")
    assert client.get("/you-said-we-did/first-name").location == "/you-said-we-did/third-name"
    assert client.get("/you-said-we-did/second-name").location == "/you-said-we-did/third-name"
    _rename(session, factory, service, "First Name")
    assert service.slug == "first-name"
    assert client.get("/you-said-we-did/first-name").status_code == 200
    assert client.get("/you-said-we-did/third-name").location == "/you-said-we-did/first-name"


def test_a_new_service_never_takes_another_services_old_address(session, factory):
    service = factory.service("Drop In")
    service.slug = "drop-in"
    _rename(session, factory, service, "Drop In Centre")
    provider = factory.organisation()
    lead = factory.user("safeguarding_lead", organisation=provider)
    newcomer = services.create_service(
        session, factory.user("participation_officer"), name="Drop In", provider_id=provider.id,
        category="Counselling", min_age=0, max_age=25, safeguarding_lead_id=lead.id)
    assert newcomer.slug == "drop-in-2"
    assert session.get(ServiceOldSlug, "drop-in").service_id == service.id
