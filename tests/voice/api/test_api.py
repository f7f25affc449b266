"""API v1: tokens are hashed, scoped to areas, revocable; figures match the dashboard's."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.support.summaries_factories import SummariesFactory, at
from voice.api import tokens
from voice.api.models import ApiToken
from voice.audit.models import AuditEvent
from voice.auth.roles import Role
from voice.db import utcnow
from voice.errors import NotAllowed

Q1 = "period=quarter:2026-Q1"


@pytest.fixture()
def world(factory):
    w = SummariesFactory(factory)
    north = factory.area("North place", kind="place")
    north_hood = factory.area("North neighbourhood", kind="neighbourhood", parent=north)
    south = factory.area("South place", kind="place")
    north_service = factory.service("North CAMHS", areas=[north])
    south_service = factory.service("South Nursing", areas=[south])
    w.responses(w.link(north_service, north_hood), 8, at(2026, 5, 3), fft="good")
    w.responses(w.link(south_service, south), 3, at(2026, 5, 3), fft="poor")
    commissioner = factory.user(Role.COMMISSIONER)
    token, secret = tokens.create_token(factory.session, commissioner, name="Power BI",
                                        area_ids=[north.id])
    w.ctx = {"north": north, "south": south, "north_service": north_service,
             "south_service": south_service, "commissioner": commissioner, "token": token,
             "secret": secret}
    return w


def auth(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_the_secret_is_stored_only_as_a_hash(world, session):
    stored = session.get(ApiToken, world.ctx["token"].id)
    secret = world.ctx["secret"]
    assert secret.startswith("voice_") and len(secret) > 40
    assert stored.token_hash == tokens.hash_secret(secret) and secret not in stored.token_hash
    assert stored.prefix == secret[:12]
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "api_token.created"))
    assert secret not in str(event.detail)


def test_a_token_reads_summaries_for_its_areas_only(world, client):
    response = client.get(f"/api/v1/summary?{Q1}", headers=auth(world.ctx["secret"]))
    assert response.status_code == 200
    body = response.get_json()
    headline = {r["measure"]: r for r in body["tables"]["headline"]["rows"]}
    assert headline["Survey responses"]["period"] == 8  # not the south's 3
    assert body["scope"] == "All services in North place"
    assert response.headers["Cache-Control"] == "no-store"


def test_tables_are_flat_with_hidden_figures_null_and_explained(world, client, factory):
    south_token, south_secret = tokens.create_token(
        factory.session, world.ctx["commissioner"], name="South", area_ids=[world.ctx["south"].id])
    response = client.get(f"/api/v1/tables/headline?{Q1}", headers=auth(south_secret))
    table = response.get_json()
    responses = next(r for r in table["rows"] if r["measure"] == "Survey responses")
    assert responses["period"] is None and responses["period_hidden"] == "fewer than 5"
    assert table["period"]["label"].startswith("Quarter 1 of 2026 to 2027")
    assert [c["key"] for c in table["columns"]] == ["measure", "period", "comparison", "change"]
    assert "_format" not in responses


def test_asking_for_another_area_or_its_service_is_refused(world, client):
    secret = world.ctx["secret"]
    other_area = client.get(f"/api/v1/summary?area={world.ctx['south'].id}", headers=auth(secret))
    assert other_area.status_code == 403
    assert other_area.get_json()["error"] == "Outside this token's areas"
    other_service = client.get(f"/api/v1/tables/themes?service={world.ctx['south_service'].id}",
                               headers=auth(secret))
    assert other_service.status_code == 403
    inside = client.get(f"/api/v1/tables/headline?area={world.ctx['north'].id}&{Q1}",
                        headers=auth(secret))
    assert inside.status_code == 200


def test_bad_filters_are_400_with_the_problems(world, client):
    response = client.get("/api/v1/summary?period=custom&from=2026-05-01&to=2026-01-01&area=x",
                          headers=auth(world.ctx["secret"]))
    assert response.status_code == 400
    problems = response.get_json()["problems"]
    assert problems == {"area": "Choose an area from the list",
                        "from": "The start date must be on or before the end date"}
    assert client.get("/api/v1/tables/nope", headers=auth(world.ctx["secret"])).status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer nope", "Basic dXNlcjpwYXNz", "Bearer ", "voice_x"])
def test_no_valid_token_is_401_with_a_bearer_challenge(world, client, header):
    response = client.get("/api/v1/summary", headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["error"] == "You need a valid API token"


def test_a_revoked_or_expired_token_stops_working_at_once(world, client, session):
    token, secret = world.ctx["token"], world.ctx["secret"]
    assert client.get("/api/v1/areas", headers=auth(secret)).status_code == 200
    tokens.revoke_token(session, world.ctx["commissioner"], token.id)
    assert client.get("/api/v1/areas", headers=auth(secret)).status_code == 401
    other, other_secret = tokens.create_token(session, world.ctx["commissioner"], name="Short",
                                              area_ids=[world.ctx["north"].id],
                                              expires_in_days=1)
    session.get(ApiToken, other.id).expires_at = utcnow() - timedelta(minutes=1)
    assert client.get("/api/v1/areas", headers=auth(other_secret)).status_code == 401


def test_a_token_stops_working_when_its_maker_is_switched_off(world, client, session):
    session.get(type(world.ctx["commissioner"]), world.ctx["commissioner"].id).is_active = False
    assert client.get("/api/v1/areas", headers=auth(world.ctx["secret"])).status_code == 401


def test_a_signed_in_session_does_not_open_the_api(world, login, client):
    login(world.ctx["commissioner"])
    assert client.get("/api/v1/summary").status_code == 403


def test_areas_and_services_listed_for_the_token(world, client, session):
    secret = world.ctx["secret"]
    areas = client.get("/api/v1/areas", headers=auth(secret)).get_json()
    assert {a["name"] for a in areas} == {"North place", "North neighbourhood"}
    services = client.get("/api/v1/services", headers=auth(secret)).get_json()
    assert [s["name"] for s in services] == ["North CAMHS"]
    assert session.get(ApiToken, world.ctx["token"].id).last_used_at is not None


def test_who_may_make_and_revoke_tokens(world, factory, session):
    for role in (Role.PARTICIPATION, Role.PROVIDER, Role.SAFEGUARDING):
        with pytest.raises(NotAllowed):
            tokens.create_token(session, factory.user(role), name="x",
                                area_ids=[world.ctx["north"].id])
    with pytest.raises(NotAllowed):
        tokens.revoke_token(session, factory.user(Role.COMMISSIONER), world.ctx["token"].id)
    admin = factory.user(Role.ADMIN)
    tokens.revoke_token(session, admin, world.ctx["token"].id)
    with pytest.raises(tokens.TokenError):
        tokens.create_token(session, admin, name="x", area_ids=[])


def test_making_and_revoking_a_token_in_the_app(world, factory, login, client, session):
    user = factory.user(Role.COMMISSIONER)
    login(user)
    page = client.post("/summaries/api-tokens", data={"name": "Excel", "expires": "90",
                                                      "area_ids": [world.ctx["south"].id]})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    secret = text.split('readonly value="')[1].split('"')[0]
    assert secret.startswith("voice_")
    assert client.get("/api/v1/areas", headers=auth(secret)).status_code == 200
    token = session.scalar(select(ApiToken).where(ApiToken.name == "Excel"))
    listing = client.get("/summaries/api-tokens").get_data(as_text=True)
    assert token.prefix in listing and secret not in listing
    assert client.post(f"/summaries/api-tokens/{token.id}/revoke").status_code == 302
    assert client.get("/api/v1/areas", headers=auth(secret)).status_code == 401
    missing = client.post("/summaries/api-tokens", data={"name": "", "expires": "90"})
    assert missing.status_code == 400
    assert "Choose at least one area" in missing.get_data(as_text=True)


def test_the_openapi_document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {"/summary", "/tables", "/tables/{name}", "/areas", "/services"}
    assert spec["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    names = spec["paths"]["/tables/{name}"]["get"]["parameters"][0]["schema"]["enum"]
    assert "themes" in names and "hearing_age" in names
    for path in spec["paths"].values():
        for operation in path.values():
            assert "401" in operation["responses"]
