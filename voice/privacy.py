"""Helpers that keep young people anonymous: no IP address is ever stored or logged by Voice."""

from __future__ import annotations

import hashlib
import hmac
import time
from functools import lru_cache

from flask import current_app, request

SALT_ROTATION_SECONDS = 24 * 60 * 60


def anonymous_client_key() -> str:
    """A per-day salted hash of the client address, for rate limiting only.

    The salt is derived from the secret key and today's date, so yesterday's keys cannot be
    linked to today's and the raw address never leaves this function.
    """
    day = int(time.time() // SALT_ROTATION_SECONDS)
    salt = _salt(current_app.config["SECRET_KEY"], day)
    address = (request.remote_addr or "unknown").encode()
    return hmac.new(salt, address, hashlib.sha256).hexdigest()[:32]


@lru_cache(maxsize=4)
def _salt(secret_key: str, day: int) -> bytes:
    """Today's salt (made once a day per key, not on every request)."""
    return hmac.new(secret_key.encode(), f"ratelimit:{day}".encode(), hashlib.sha256).digest()
