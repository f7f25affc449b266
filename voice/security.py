"""Security headers on every response."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


def local_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site (``/services?x=1``), else None.

    For ``next=`` and similar: no scheme or host, nothing a browser would read as another
    site (``//host``, ``/\\host``, ``/<tab>/host``: browsers drop tabs and newlines), and no
    control characters, which would also break the ``Location`` header.
    """
    if not target or len(target) > 2000 or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(unicodedata.category(c)[0] in "CZ" and c != " " for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


class TrustedProxies:
    """Werkzeug's ProxyFix for ``PROXY_HOPS`` proxies, read from the config on each request.

    With 0 (the default) the forwarded headers are ignored: anyone could send them. Behind
    nginx (1 hop) the client's address comes from ``X-Forwarded-For``, so rate limits key on
    each visitor (hashed) instead of on the proxy, and ``X-Forwarded-Proto`` gives the scheme.
    """

    def __init__(self, app: Flask, wsgi_app) -> None:
        self.app = app
        self.wsgi_app = wsgi_app
        self._fixed: dict[int, ProxyFix] = {}

    def __call__(self, environ, start_response):
        hops = int(self.app.config.get("PROXY_HOPS") or 0)
        if hops <= 0:
            return self.wsgi_app(environ, start_response)
        fixed = self._fixed.get(hops)
        if fixed is None:
            fixed = self._fixed[hops] = ProxyFix(self.wsgi_app, x_for=hops, x_proto=hops)
        return fixed(environ, start_response)


SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "geolocation=(), camera=(), microphone=(), interest-cohort=()"),
)
HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, with its signer made once per key rather than on every
    request (public pages set no cookie, but Flask opens the session on each one)."""

    def __init__(self) -> None:
        self._signers: dict[tuple, URLSafeTimedSerializer] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        if not app.secret_key:
            return None
        key = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        signer = self._signers.get(key)
        if signer is None:
            signer = super().get_signing_serializer(app)
            self._signers = {key: signer}  # only the current key's is kept
        return signer


class SecurityHeaders:
    """The security headers on every response, added where the response leaves the app (a
    plain list of pairs there, so this costs a few microseconds on the busiest page rather than
    a pass through Werkzeug's header checks). A header the view set itself is kept as it is.
    Staff pages hold personal data: an HTML page says ``Cache-Control: no-store`` unless its
    view said otherwise, so no shared cache keeps it."""

    def __init__(self, app: Flask, wsgi_app) -> None:
        self.app = app
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        wanted = _WITH_HSTS if self.app.config.get("SESSION_COOKIE_SECURE") else _WITHOUT_HSTS

        def start(status, headers, exc_info=None):
            present = {name.lower(): value for name, value in headers}
            headers = [*headers, *(header for lower, header in wanted if lower not in present)]
            if "cache-control" not in present and _is_html(present.get("content-type")):
                headers.append(("Cache-Control", "no-store"))
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, start)


def _is_html(content_type: str | None) -> bool:
    return bool(content_type) and content_type.split(";", 1)[0].strip().lower() == "text/html"


_WITHOUT_HSTS = tuple((name.lower(), (name, value)) for name, value in SECURITY_HEADERS)
_WITH_HSTS = _WITHOUT_HSTS + ((HSTS[0].lower(), HSTS),)


def init_app(app: Flask) -> None:
    app.wsgi_app = TrustedProxies(app, SecurityHeaders(app, app.wsgi_app))
    app.session_interface = SessionInterface()
