"""No malformed request produces a 500, on any route, for any role.

Walks the route table like the permission test, and throws at every route the kinds of input a
broken phone, a bot or a curious person sends: invalid UTF-8, wrong types, tampered ids, junk
query strings and bodies over the size limit.
"""

from __future__ import annotations

import pytest

from tests.support.route_examples import load_all
from tests.voice.test_permissions import _build_url, _rules
from voice.auth.roles import Role

JUNK_FIELDS = {
    "id": "not-a-number", "service_id": "-1", "area_id": "99999999", "provider_id": "x",
    "organisation_id": "1 OR 1=1", "page": "zzz", "min_age": "old", "max_age": "1e309",
    "role": "emperor", "kind": "dragon", "status": "🙂", "rating": "purple",
    "period": "forever", "start": "2026-13-45", "end": "yesterday", "date": "31/02/2026",
    "due_date": "0000-00-00", "token": "../../etc/passwd", "code": "' OR 1=1 --",
    "answer": ["a", "b"], "question_id": "NaN", "choice": "<script>", "name": "x" * 5000,
}


def _sign_in(client, factory, user):
    response = client.post("/sign-in", data={"username": user.username, "password": factory.PASSWORD})
    assert response.status_code == 302


@pytest.fixture()
def world(factory):
    provider_org = factory.organisation("Malformed Provider")
    users = {role.value: factory.user(role, organisation=provider_org if role == Role.PROVIDER else None)
             for role in Role}
    service = factory.service("Malformed Service", provider=provider_org,
                              safeguarding_lead=users[Role.SAFEGUARDING.value])
    return {"users": users, "provider_org": provider_org, "service": service}


@pytest.mark.parametrize("role", [None, "admin", "participation_officer", "provider",
                                  "young_inspector", "commissioner", "safeguarding_lead"],
                         ids=lambda r: r or "anonymous")
def test_no_route_answers_malformed_input_with_a_server_error(app, client, factory, world, role):
    examples = load_all()
    if role is not None:
        _sign_in(client, factory, world["users"][role])
    failures = []
    for rule in sorted(_rules(app), key=lambda r: r.rule):
        if rule.endpoint == "auth.logout" or any(n not in examples for n in rule.arguments):
            continue
        url = _build_url(rule, {n: examples[n](factory, world) for n in rule.arguments})
        methods = rule.methods - {"HEAD", "OPTIONS"}
        attempts = []
        if "GET" in methods:
            attempts.append(("GET junk query", lambda url=url: client.get(url, query_string={
                k: v for k, v in JUNK_FIELDS.items() if isinstance(v, str) and len(v) < 100})))
        for method in methods - {"GET"}:
            attempts += [
                (f"{method} junk fields", lambda m=method, url=url: client.open(url, method=m, data=JUNK_FIELDS)),
                (f"{method} invalid utf-8", lambda m=method, url=url: client.open(
                    url, method=m, data=b"name=%ff%fe%fd&text=\xff\xfe\x00",
                    content_type="application/x-www-form-urlencoded")),
                (f"{method} huge body", lambda m=method, url=url: client.open(
                    url, method=m, data={"text": "a" * 2_000_000})),
                (f"{method} json body", lambda m=method, url=url: client.open(
                    url, method=m, data=b'{"a": [1, 2', content_type="application/json")),
            ]
        for label, attempt in attempts:
            response = attempt()
            if response.status_code >= 500:
                failures.append(f"{label} {url}: {response.status_code}")
        # A signed-in role may have been signed out by a junk POST (for example a password
        # change): sign in again so the remaining routes are tested as that role.
        if role is not None and client.get("/home").status_code != 200:
            _sign_in(client, factory, world["users"][role])
    assert not failures, "\n".join(failures)


def test_oversized_body_gets_a_friendly_413(client):
    response = client.post("/sign-in", data={"username": "a" * 1_000_000, "password": "x"})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)
