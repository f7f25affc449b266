"""What every request goes through, trimmed for the busiest public page (issue 16 point 4),
keeps its guarantees: each security header once, a view's own header kept, Flask-Limiter still
guarding the views it decorates, and the session's signer following a change of key."""

from __future__ import annotations

from werkzeug.test import Client
from werkzeug.wrappers import Response

from voice.security import HSTS, SECURITY_HEADERS, SecurityHeaders


def test_each_security_header_is_sent_once_and_a_views_own_is_kept(app, client):
    response = client.get("/help")
    for name, value in SECURITY_HEADERS:
        assert response.headers.getlist(name) == [value], name

    assert response.headers["Cache-Control"] == "no-store"  # an HTML page


def _through_the_headers(app, response: Response):
    return Client(SecurityHeaders(app, response)).get("/")


def test_a_views_own_headers_are_kept_and_only_html_pages_are_kept_out_of_caches(app):
    framed = Response("framed", mimetype="text/html")
    framed.headers["X-Frame-Options"] = "SAMEORIGIN"  # a view that allows framing
    framed.headers["Cache-Control"] = "private, max-age=60"
    response = _through_the_headers(app, framed)
    assert response.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert response.headers.getlist("Cache-Control") == ["private, max-age=60"]
    assert response.headers["Referrer-Policy"] == "no-referrer"

    picture = _through_the_headers(app, Response(b"png", mimetype="image/png"))
    assert "Cache-Control" not in picture.headers
    assert picture.headers["X-Content-Type-Options"] == "nosniff"
    page = _through_the_headers(app, Response("<p>hi</p>", content_type="Text/HTML; charset=utf-8"))
    assert page.headers["Cache-Control"] == "no-store"


def test_strict_transport_security_only_where_cookies_are_secure(app):
    assert HSTS[0] not in _through_the_headers(app, Response("x")).headers
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        assert _through_the_headers(app, Response("x")).headers[HSTS[0]] == HSTS[1]
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False


def test_flask_limiter_skips_only_views_that_count_their_own_limits(app, client, factory,
                                                                     rate_limits):
    from surveys.blueprint import answer

    assert getattr(answer, "counts_own_limits", False)  # the survey checks its own limit
    user = factory.user()
    statuses = [client.post("/sign-in", data={"username": user.username,
                                              "password": "wrong"}).status_code
                for _ in range(21)]
    assert statuses[-1] == 429  # the decorated sign-in limit still applies


def test_the_session_signer_follows_a_new_secret_key(app):
    interface = app.session_interface
    first = interface.get_signing_serializer(app)
    assert interface.get_signing_serializer(app) is first  # made once, not per request
    old = app.secret_key
    app.secret_key = old + "-rotated"
    try:
        rotated = interface.get_signing_serializer(app)
        assert rotated is not first
        assert rotated.loads(rotated.dumps({"a": 1})) == {"a": 1}
        assert first.dumps({"a": 1}) != rotated.dumps({"a": 1})
    finally:
        app.secret_key = old
