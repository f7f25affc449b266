"""Every route, every role: allowed, denied, or sent to sign in.

Built from the app's route table, so a new route without an access rule, or a URL variable
without an example (tests/support/route_examples.py), fails here.
"""

from __future__ import annotations

import re

import pytest

from tests.support.route_examples import load_all
from voice.api.auth import API_TOKEN
from voice.auth.roles import PUBLIC, SIGNED_IN, Role

SKIP_ENDPOINTS = {"static"}
VARIABLE = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def _rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIP_ENDPOINTS:
            continue
        yield rule


def _access(app, rule):
    view = app.view_functions[rule.endpoint]
    return getattr(view, "access", None)


def test_every_route_declares_who_may_use_it(app):
    missing = sorted(r.endpoint for r in _rules(app) if _access(app, r) is None)
    assert not missing, (
        "These views declare no access rule: add @public, @signed_in or @roles_required(...) "
        f"from voice.auth.roles: {missing}"
    )


def test_every_url_variable_has_an_example(app):
    examples = load_all()
    missing = sorted({
        name for rule in _rules(app) for name in rule.arguments if name not in examples
    })
    assert not missing, (
        "Add example values for these URL variables in tests/support/routes_<package>.py: "
        f"{missing}"
    )


@pytest.fixture()
def world(factory):
    """One user per role; the provider owns the example service."""
    provider_org = factory.organisation("Example Provider Trust")
    users = {role.value: factory.user(role, organisation=provider_org if role == Role.PROVIDER else None)
             for role in Role}
    service = factory.service("Example Service", provider=provider_org,
                              safeguarding_lead=users[Role.SAFEGUARDING.value])
    ctx = {"users": users, "provider_org": provider_org, "service": service}
    return ctx


def _build_url(rule, values):
    return rule.build(values, append_unknown=False)[1]


def _method(rule):
    methods = rule.methods - {"HEAD", "OPTIONS"}
    return "GET" if "GET" in methods else sorted(methods)[0]


def _expected(access, role):
    """'ok', 'denied' or 'login' for a user with ``role`` (None: not signed in)."""
    if access == PUBLIC:
        return "ok"
    if role is None:
        return "login"
    if access == API_TOKEN:
        return "denied"  # the API takes tokens, never a signed-in session
    if access == SIGNED_IN or role in access:
        return "ok"
    return "denied"


def _outcome(response):
    """401 (API without a token) and a redirect to the sign-in page both mean "sign in first"."""
    if response.status_code in (401,) or (
        response.status_code in (302, 303) and "/sign-in" in (response.location or "")
    ):
        return "login"
    if response.status_code == 403:
        return "denied"
    return "ok"


def _call(client, rule, url):
    method = _method(rule)
    if method == "GET":
        return client.get(url)
    return client.open(url, method=method, data={})


@pytest.mark.parametrize("role", [None, *[r.value for r in Role]], ids=lambda r: r or "anonymous")
def test_each_role_gets_what_its_access_rule_says(app, client, factory, world, role):
    examples = load_all()
    if role is not None:
        user = world["users"][role]
        response = client.post("/sign-in", data={"username": user.username,
                                                 "password": factory.PASSWORD})
        assert response.status_code == 302
    failures = []
    for rule in sorted(_rules(app), key=lambda r: r.rule):
        access = _access(app, rule)
        if access is None or rule.endpoint == "auth.logout":
            continue
        try:
            values = {name: examples[name](factory, world) for name in rule.arguments}
        except KeyError:
            continue  # reported by test_every_url_variable_has_an_example
        url = _build_url(rule, values)
        response = _call(client, rule, url)
        expected, got = _expected(access, role), _outcome(response)
        if response.status_code >= 500:
            failures.append(f"{_method(rule)} {url}: server error {response.status_code}")
        elif got != expected:
            failures.append(f"{_method(rule)} {url}: expected {expected}, got {got} "
                            f"({response.status_code})")
        elif expected == "ok" and response.status_code == 404 and access != PUBLIC:
            failures.append(f"{_method(rule)} {url}: 404 — give this route a real example")
    assert not failures, "\n".join(failures)
