"""Security headers on every response."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from flask import Flask, Response
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


def init_app(app: Flask) -> None:
    app.wsgi_app = TrustedProxies(app, app.wsgi_app)
    app.session_interface = SessionInterface()

    @app.after_request
    def _security_headers(response: Response) -> Response:
        headers = response.headers
        wanted = SECURITY_HEADERS + ((HSTS,) if app.config.get("SESSION_COOKIE_SECURE") else ())
        # Each header unless the view set its own (as setdefault would, one pass over them).
        present = {name.lower() for name in headers.keys()}
        headers.extend([(name, value) for name, value in wanted if name.lower() not in present])
        # Staff pages hold personal data: never cache them in shared caches.
        if "Cache-Control" not in headers and response.mimetype == "text/html":
            headers["Cache-Control"] = "no-store"
        return response
