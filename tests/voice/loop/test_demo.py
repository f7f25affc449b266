"""The loop's demo data: card links, young people's cards, commitments in every colour."""

from __future__ import annotations

from sqlalchemy import func, select

from voice import demo as county
from voice.auth.roles import Role
from voice.loop.demo import card_addresses, loop_demo
from voice.loop.models import (
    ActionCard,
    CardLink,
    Commitment,
    CommitmentEvent,
    ModerationState,
    Notification,
    VoiceItem,
)


def demo_context(session):
    areas = county._get_or_create_areas(session)
    orgs = county._get_or_create_orgs(session)
    by_role = {u.role: u for u in county._get_or_create_users(session, orgs)}
    services = county._get_or_create_services(session, orgs, areas, by_role[Role.SAFEGUARDING])
    session.flush()
    return {"areas": areas, "organisations": orgs, "users": by_role, "services": services}


def counts(session):
    return tuple(session.scalar(select(func.count()).select_from(model))
                 for model in (CardLink, ActionCard, VoiceItem, Commitment, CommitmentEvent, Notification))


def test_the_demo_has_every_colour_and_running_it_twice_changes_nothing(session, fake_analysis):
    ctx = demo_context(session)
    loop_demo(session, ctx)
    first = counts(session)
    loop_demo(session, ctx)
    assert counts(session) == first
    rags = set(session.scalars(select(Commitment.rag)))
    assert {"red", "amber", "green", "assured", "none"} <= rags
    statuses = set(session.scalars(select(Commitment.status)))
    assert statuses == {"not_started", "in_progress", "done", "cant_do"}
    states = set(session.scalars(select(VoiceItem.state)))
    assert {ModerationState.NEW, ModerationState.APPROVED, ModerationState.DUPLICATE,
            ModerationState.ESCALATED} <= states
    assert session.scalar(select(func.count(CardLink.id))) == len(ctx["services"])


def test_the_demo_prints_a_public_card_address(session, fake_analysis):
    loop_demo(session, demo_context(session))
    addresses = dict(card_addresses(session, "http://127.0.0.1:5000"))
    assert addresses["Action card"].startswith("http://127.0.0.1:5000/card/")
    assert addresses["You said, we did"] == "http://127.0.0.1:5000/you-said-we-did"
