"""Fixtures for the loop's tests."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from tests.support.fake_analysis import fake_analyser
from tests.support.loop_factories import LoopFactory
from voice.auth.roles import Role


@dataclass(frozen=True)
class FakeAnalysis:
    redacted_text: str
    sentiment: str = "negative"
    sentiment_score: float = -0.4
    themes: tuple[str, ...] = ()
    safeguarding: bool = False
    safeguarding_reasons: tuple[str, ...] = field(default_factory=tuple)
    model_version: str = "fake-1"


UNSAFE = ("hurts me", "not safe at home", "kill myself")


def fake_analyse(text: str, question_kind: str | None = None) -> FakeAnalysis:
    """Predictable: a few phrases flag safeguarding; titles with surnames and phone numbers are
    redacted. The loop's behaviour is tested against this; the real rules are tested in
    tests/voice/analysis."""
    flagged = [p for p in UNSAFE if p in text.lower()]
    redacted = re.sub(r"\b(?:Dr|Mr|Mrs|Ms|Miss) [A-Z][a-z]+", "[name]", text)
    redacted = re.sub(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b", "[phone]", redacted)
    return FakeAnalysis(redacted_text=redacted, safeguarding=bool(flagged),
                        safeguarding_reasons=tuple(f"mentions '{p}'" for p in flagged),
                        themes=("waiting and access",) if "wait" in text.lower() else ())


@pytest.fixture()
def fake_analysis(monkeypatch):
    fake_analyser(monkeypatch, fake_analyse)
    return fake_analyse


@pytest.fixture()
def loop(factory) -> LoopFactory:
    return LoopFactory(factory)


@pytest.fixture()
def people(factory):
    """A provider organisation with a service, its provider user, a second provider, the
    participation officer and the service's safeguarding lead."""
    org = factory.organisation("Northdale Healthcare")
    other_org = factory.organisation("Eastmoor Community Health")
    lead = factory.user(Role.SAFEGUARDING, display_name="Helen Lead")
    service = factory.service("CAMHS", provider=org, safeguarding_lead=lead)
    other_service = factory.service("School Nursing", provider=other_org)
    return {
        "org": org, "other_org": other_org, "service": service, "other_service": other_service,
        "lead": lead,
        "provider": factory.user(Role.PROVIDER, organisation=org, email="sam@example.org"),
        "other_provider": factory.user(Role.PROVIDER, organisation=other_org),
        "officer": factory.user(Role.PARTICIPATION, email="priya@example.org"),
        "admin": factory.user(Role.ADMIN),
        "commissioner": factory.user(Role.COMMISSIONER),
        "inspector": factory.user(Role.INSPECTOR),
    }
