"""Issue 11, roles: only managers choose a service's safeguarding lead, from people who work
for the service's organisation or the commissioning team, and a service that takes answers is
never left without one."""

from __future__ import annotations

import pytest

from voice.auth import services as accounts
from voice.directory import services
from voice.directory.models import Service
from voice.errors import NotAllowed


@pytest.fixture()
def setting(factory):
    provider = factory.organisation("Northdale Healthcare")
    other = factory.organisation("Somewhere Else CIC")
    council = factory.organisation("Northdale County Council", kind="commissioner")
    own_lead = factory.user("safeguarding_lead", organisation=provider, display_name="Own Lead")
    other_lead = factory.user("safeguarding_lead", organisation=other, display_name="Other Lead")
    council_lead = factory.user("safeguarding_lead", organisation=council, display_name="Council Lead")
    service = factory.service("CAMHS", provider=provider, safeguarding_lead=own_lead)
    return dict(provider=provider, other=other, council=council, own_lead=own_lead,
                other_lead=other_lead, council_lead=council_lead, service=service,
                officer=factory.user("participation_officer"),
                provider_user=factory.user("provider", organisation=provider))


def _form(setting, **overrides):
    data = {"name": "CAMHS", "provider_id": str(setting["provider"].id), "category": "Counselling",
            "description": "", "contact": "", "min_age": "5", "max_age": "18"}
    data.update(overrides)
    return data


def test_a_provider_cannot_change_their_services_lead(session, setting):
    with pytest.raises(NotAllowed):
        services.update_service(session, setting["provider_user"], setting["service"],
                                safeguarding_lead_id=setting["other_lead"].id)
    with pytest.raises(NotAllowed):
        services.update_service(session, setting["provider_user"], setting["service"],
                                safeguarding_lead_id=None)


def test_a_provider_posting_another_lead_changes_nothing(client, login, session, setting):
    service = setting["service"]
    login(setting["provider_user"])
    page = client.get(f"/directory/services/{service.id}/edit").get_data(as_text=True)
    assert "Only the participation team can change who this is" in page
    assert 'name="safeguarding_lead_id"' not in page
    for sent in (str(setting["other_lead"].id), ""):
        response = client.post(f"/directory/services/{service.id}/edit",
                               data=_form(setting, name="CAMHS renamed", safeguarding_lead_id=sent))
        assert response.status_code == 302
        assert session.get(Service, service.id).safeguarding_lead_id == setting["own_lead"].id
    assert session.get(Service, service.id).name == "CAMHS renamed"


def test_a_manager_chooses_a_lead_from_the_provider_or_the_commissioning_team(session, setting):
    officer, service = setting["officer"], setting["service"]
    services.update_service(session, officer, service, safeguarding_lead_id=setting["council_lead"].id)
    assert service.safeguarding_lead_id == setting["council_lead"].id
    with pytest.raises(services.LeadProblem, match="works for the organisation that provides it"):
        services.update_service(session, officer, service,
                                safeguarding_lead_id=setting["other_lead"].id)


def test_another_providers_lead_is_refused_in_plain_words_beside_the_field(client, login, session,
                                                                           setting):
    service = setting["service"]
    login(setting["officer"])
    response = client.post(f"/directory/services/{service.id}/edit", data=_form(
        setting, safeguarding_lead_id=str(setting["other_lead"].id)))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="safeguarding_lead_id-error"' in html and "Other Lead cannot be this service" in html
    assert session.get(Service, service.id).safeguarding_lead_id == setting["own_lead"].id


def test_a_service_taking_answers_cannot_be_left_without_a_lead(client, login, session, setting):
    officer, service = setting["officer"], setting["service"]
    with pytest.raises(services.LeadProblem, match="must have one"):
        services.update_service(session, officer, service, safeguarding_lead_id=None)
    with pytest.raises(services.LeadProblem):
        services.create_service(session, officer, name="New", provider_id=setting["provider"].id,
                                category="Counselling", min_age=0, max_age=25,
                                safeguarding_lead_id=None)
    login(officer)
    response = client.post(f"/directory/services/{service.id}/edit",
                           data=_form(setting, safeguarding_lead_id=""))
    assert response.status_code == 200 and "Choose a safeguarding lead" in response.get_data(as_text=True)
    assert session.get(Service, service.id).safeguarding_lead_id == setting["own_lead"].id


def test_a_lead_cannot_be_deactivated_or_moved_while_they_lead_a_service(session, factory, setting):
    admin, lead = factory.user("admin"), setting["own_lead"]
    as_now = dict(display_name=lead.display_name, role=lead.role, email=None,
                  organisation_id=lead.organisation_id, is_active=True)
    for change in (dict(is_active=False), dict(role="commissioner"),
                   dict(organisation_id=setting["other"].id)):
        with pytest.raises(services.LeadProblem, match="CAMHS"):
            accounts.update_user(session, admin, lead, **(as_now | change))
        for name, value in as_now.items():  # the view would not commit: put it back
            setattr(lead, name, value)
    # Once the service has another lead, the change is fine.
    services.update_service(session, setting["officer"], session.get(Service, setting["service"].id),
                            safeguarding_lead_id=setting["council_lead"].id)
    accounts.update_user(session, admin, lead, display_name=lead.display_name, role=lead.role,
                         email=None, organisation_id=lead.organisation_id, is_active=False)


def test_an_archived_service_without_a_lead_cannot_be_restored(session, factory, setting):
    service = factory.service("Old", provider=setting["provider"])
    services.set_archived(session, setting["officer"], service, True)
    with pytest.raises(services.LeadProblem):
        services.set_archived(session, setting["officer"], service, False)
