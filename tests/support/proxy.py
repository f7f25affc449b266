"""Requests as they arrive behind the nginx set-up in the README (one trusted proxy hop)."""

from __future__ import annotations

import pytest


@pytest.fixture()
def behind_proxy(app):
    """Trust one proxy (``VOICE_PROXY_HOPS=1``) for one test."""
    app.config["PROXY_HOPS"] = 1
    yield
    app.config["PROXY_HOPS"] = 0


def from_address(address: str) -> dict[str, str]:
    """Headers nginx adds for a visitor at ``address`` (the connection itself is the proxy)."""
    return {"X-Forwarded-For": address, "X-Forwarded-Proto": "https"}
