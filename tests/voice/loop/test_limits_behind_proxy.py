"""Limits on the card and /check pages key on each visitor, not on the reverse proxy."""

from __future__ import annotations

import pytest

from tests.support.proxy import behind_proxy, from_address  # noqa: F401 (fixture)
from tests.voice.loop.test_public_pages import get_code, open_card, send, text_of

SCHOOL = "203.0.113.10"
GUESSER = "198.51.100.66"
SOMEONE_ELSE = "192.0.2.44"


def _check(client, code, address):
    return client.post("/check", data={"code": code}, headers=from_address(address))


@pytest.mark.usefixtures("behind_proxy")
def test_one_address_guessing_codes_does_not_stop_another(client, loop, people, fake_analysis,
                                                          rate_limits):
    code = _card_with_code(client, loop, people)
    for n in range(10):
        assert _check(client, f"ABC-DEF-{'GHJKMNPQRS'[n]}22", GUESSER).status_code == 200
    assert _check(client, "ABC-DEF-GH2", GUESSER).status_code == 429
    assert _check(client, code, GUESSER).status_code == 429
    # The young person at another address is not affected by the guesser.
    response = _check(client, code, SOMEONE_ELSE)
    assert response.status_code == 200 and "What happened to your card" in text_of(response)


def test_without_trusted_hops_the_forwarded_address_is_ignored(client, rate_limits):
    # VOICE_PROXY_HOPS=0 (the default): anyone could send X-Forwarded-For, so it is not believed.
    for n in range(10):
        client.post("/check", data={"code": f"ABC-DEF-{'GHJKMNPQRS'[n]}22"},
                    headers=from_address(f"198.51.100.{n}"))
    assert client.post("/check", data={"code": "ABC-DEF-GH2"},
                       headers=from_address(SOMEONE_ELSE)).status_code == 429


@pytest.mark.usefixtures("behind_proxy")
def test_one_code_is_limited_from_every_address(client, loop, people, fake_analysis, rate_limits):
    code = _card_with_code(client, loop, people)
    for n in range(20):
        assert _check(client, code, f"198.51.100.{n}").status_code == 200
    blocked = _check(client, code, SOMEONE_ELSE)
    assert blocked.status_code == 429 and "checked many times" in text_of(blocked)
    # Another code is unaffected, and nothing says whether a code exists: made-up ones count too.
    assert _check(client, "ABC-DEF-GHJ", SOMEONE_ELSE).status_code == 200


@pytest.mark.usefixtures("behind_proxy")
def test_thirty_pupils_on_one_school_network_all_send_cards(client, session, loop, people,
                                                           fake_analysis, rate_limits):
    link = loop.link(people["service"])
    statuses = []
    for pupil in range(30):
        response = client.get(f"/card/{link.token}", headers=from_address(SCHOOL))
        token = _form_token(response)
        statuses.append(client.post(f"/card/{link.token}", headers=from_address(SCHOOL), data={
            "kind": "change", "what": f"Pupil {pupil} says shorter waits", "why": "It helps",
            "form_token": token}).status_code)
    assert statuses == [200] * 30


def _form_token(response) -> str:
    import re

    return re.search(r'name="form_token"[^>]*value="([^"]+)"', text_of(response)).group(1)


def _card_with_code(client, loop, people):
    link = loop.link(people["service"])
    token = open_card(client, link)
    send(client, link, token)
    return get_code(client, link, token)


def test_if_the_limit_store_is_down_nobody_is_refused_for_it(client, rate_limits, monkeypatch):
    from voice.extensions import limiter

    class Down:
        def test(self, *args):
            raise ConnectionError("redis is away")

        hit = test

    monkeypatch.setattr(type(limiter), "limiter", property(lambda self: Down()))
    response = client.post("/check", data={"code": "ABC-DEF-GHJ"})
    assert response.status_code == 200 and "We can't find that code" in text_of(response)


@pytest.mark.usefixtures("behind_proxy")
def test_with_redis_every_worker_shares_the_counts(client, rate_limits, monkeypatch):
    """Production keeps limits in Redis (VOICE_RATELIMIT_STORAGE), so a guesser cannot spread
    tries over the web workers. Each "worker" here has its own connection to the same Redis."""
    import os

    url = os.environ.get("VOICE_TEST_REDIS_URL")
    if not url:
        pytest.skip("VOICE_TEST_REDIS_URL is not set (CI sets it)")
    from limits.storage import RedisStorage
    from limits.strategies import FixedWindowRateLimiter

    from voice.extensions import limiter

    first = RedisStorage(url)
    first.reset()
    worker = {"strategy": FixedWindowRateLimiter(first)}
    monkeypatch.setattr(type(limiter), "limiter", property(lambda self: worker["strategy"]))
    for n in range(10):
        assert _check(client, f"ABC-DEF-{'GHJKMNPQRS'[n]}22", GUESSER).status_code == 200
    worker["strategy"] = FixedWindowRateLimiter(RedisStorage(url))  # another worker
    try:
        assert _check(client, "ABC-DEF-GH2", GUESSER).status_code == 429
        assert _check(client, "ABC-DEF-GH2", SOMEONE_ELSE).status_code == 200
    finally:
        first.reset()
