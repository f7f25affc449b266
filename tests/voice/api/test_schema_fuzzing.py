"""Schemathesis reads the API's own OpenAPI description and throws generated requests at every
operation, in-process (WSGI): nothing may fail its checks (no 500, only documented statuses and
headers, responses that match their schemas, 405 with ``Allow``, bad input refused)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.support.summaries_factories import SummariesFactory, at
from voice.api import tokens
from voice.auth.roles import Role

# Bounded: at most this many generated requests per operation.
EXAMPLES = 10


@pytest.fixture()
def secret(factory):
    w = SummariesFactory(factory)
    place = factory.area("Fuzz place", kind="place")
    service = factory.service("Fuzz CAMHS", areas=[place])
    w.responses(w.link(service, place), 6, at(2026, 5, 3), fft="good")
    _token, value = tokens.create_token(factory.session, factory.user(Role.COMMISSIONER),
                                        name="Schemathesis", area_ids=[place.id])
    factory.session.commit()
    return value


def test_the_api_does_what_its_description_says(app, session, secret):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 5
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=list(HealthCheck))
        def check(case):
            case.call_and_validate(headers={"Authorization": f"Bearer {secret}"},
                                   excluded_checks=[positive_data_acceptance])

        try:
            check()
        except Exception as error:  # noqa: BLE001 - collect every operation's failure
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)


# ---- what the description says ----------------------------------------------------------------

def _spec(client):
    return client.get("/api/v1/openapi.json").get_json()


def test_every_operation_documents_429_with_retry_after(client):
    for path, item in _spec(client)["paths"].items():
        too_many = item["get"]["responses"].get("429")
        assert too_many is not None, path
        assert "Retry-After" in too_many["headers"], path


def test_parameters_that_depend_on_each_other_are_documented(client):
    spec = _spec(client)
    for path in ("/summary", "/tables/{name}"):
        operation = spec["paths"][path]["get"]
        assert operation["x-parameter-dependencies"] == {
            "period=custom": ["from", "to"], "compare=custom": ["compare_from", "compare_to"]}
        assert "period=custom needs from and to" in operation["description"]
        described = {p["name"]: p.get("description", "") for p in operation["parameters"]}
        for name in ("from", "to"):
            assert "Required when period=custom" in described[name], name
        for name in ("compare_from", "compare_to"):
            assert "Required when compare=custom" in described[name], name


def test_a_custom_period_without_its_dates_is_400_naming_them(client, secret):
    response = client.get("/api/v1/summary", query_string={"period": "custom"},
                          headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 400
    assert {"from", "to"} & set(response.get_json()["problems"])


@pytest.mark.parametrize("path", ["/api/v1/summary", "/api/v1/tables/themes", "/help"])
def test_405_says_which_methods_are_allowed(client, path):
    response = client.post(path)
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "HEAD"}


def test_too_many_api_requests_get_429_with_retry_after(client, secret, rate_limits):
    headers = {"Authorization": f"Bearer {secret}"}
    for _ in range(120):
        assert client.get("/api/v1/tables", headers=headers).status_code == 200
    response = client.get("/api/v1/tables", headers=headers)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert response.get_json()["error"]
