"""Rate limits that views check themselves, counted in Flask-Limiter's storage (Redis in
production, so every worker shares the counts).

A view checks :meth:`Limit.exceeded` before the work and calls :meth:`Limit.count` for what
should count (for example only wrong codes), so the page can say "wait and try again" in
plain words while keeping what was typed. Keys are the salted, daily-rotating hash of the
client's address (:func:`voice.privacy.anonymous_client_key`) plus any extra parts the view
gives (a hashed code or account name): no address, code or username is stored in clear.
Behind a reverse proxy the address is the visitor's, not the proxy's (``VOICE_PROXY_HOPS``).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass

from flask import current_app
from limits import RateLimitItem, parse_many

from voice.extensions import limiter
from voice.privacy import anonymous_client_key

log = logging.getLogger(__name__)


def hashed_part(kind: str, value: str) -> str:
    """A short keyed hash of ``value`` (a code, a typed username) for use in a limit's key."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"ratelimit-{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class Limit:
    scope: str
    spec: str
    per_client: bool = True

    @property
    def items(self) -> list[RateLimitItem]:
        return parse_many(self.spec)

    def _identifiers(self, parts: tuple[str, ...]) -> tuple[str, ...]:
        who = anonymous_client_key() if self.per_client else "everyone"
        return ("voice", self.scope, who, *parts)

    def exceeded(self, *parts: str) -> bool:
        """True if another try now would be over the limit (nothing is counted).

        If the limit store (Redis) cannot be reached, nobody is refused for that: the page
        works without the limit until the store is back, and the log says so.
        """
        if not limiter.enabled:
            return False
        try:
            strategy = limiter.limiter
            return any(not strategy.test(item, *self._identifiers(parts)) for item in self.items)
        except Exception:
            log.warning("Rate limit store unavailable; %s not checked", self.scope)
            return False

    def count(self, *parts: str) -> None:
        if not limiter.enabled:
            return
        try:
            strategy = limiter.limiter
            for item in self.items:
                strategy.hit(item, *self._identifiers(parts))
        except Exception:
            log.warning("Rate limit store unavailable; %s not counted", self.scope)
