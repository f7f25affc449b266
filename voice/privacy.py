"""Helpers that keep young people anonymous: no IP address is ever stored or logged by Voice."""

from __future__ import annotations

import hashlib
import hmac
import time

from flask import current_app, request

SALT_ROTATION_SECONDS = 24 * 60 * 60


def anonymous_client_key() -> str:
    """A per-day salted hash of the client address, for rate limiting only.

    The salt is derived from the secret key and today's date, so yesterday's keys cannot be
    linked to today's and the raw address never leaves this function.
    """
    day = int(time.time() // SALT_ROTATION_SECONDS)
    salt = hmac.new(
        current_app.config["SECRET_KEY"].encode(), f"ratelimit:{day}".encode(), hashlib.sha256
    ).digest()
    address = (request.remote_addr or "unknown").encode()
    return hmac.new(salt, address, hashlib.sha256).hexdigest()[:32]
