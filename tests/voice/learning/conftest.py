"""Fixtures for learning's tests: real analysis (no fakes), a fresh live-engine cache per test."""

from __future__ import annotations

import pytest

from tests.support.learning_factories import LearningFactory
from voice.auth.roles import Role
from voice.learning.engine import reset_live_engine


@pytest.fixture(autouse=True)
def _fresh_live_engine():
    """Every test starts and ends with an empty cache: rolled-back rules never leak."""
    reset_live_engine()
    yield
    reset_live_engine()


@pytest.fixture()
def learning(factory) -> LearningFactory:
    return LearningFactory(factory)


@pytest.fixture()
def people(factory):
    lead = factory.user(Role.SAFEGUARDING, display_name="Helen Lead")
    service = factory.service("CAMHS", safeguarding_lead=lead)
    return {
        "service": service,
        "lead": lead,
        "officer": factory.user(Role.PARTICIPATION, display_name="Priya Shah"),
        "admin": factory.user(Role.ADMIN),
        "commissioner": factory.user(Role.COMMISSIONER),
        "provider": factory.user(Role.PROVIDER),
        "inspector": factory.user(Role.INSPECTOR),
    }
