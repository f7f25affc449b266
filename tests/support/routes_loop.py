"""Example URL values for the loop's routes (see tests/support/route_examples.py)."""

from __future__ import annotations

from tests.support.loop_factories import LoopFactory
from tests.support.route_examples import _cached, example
from voice.loop.models import ModerationState


@example("card_token")
def _card_token(factory, ctx):
    return _cached(ctx, "card_link", lambda: LoopFactory(factory).link(ctx["service"])).token


@example("service_slug")
def _service_slug(factory, ctx):
    return ctx["service"].slug


@example("voice_item_id")
def _voice_item_id(factory, ctx):
    return _cached(ctx, "voice_item", lambda: LoopFactory(factory).item(ctx["service"])).id


@example("escalated_item_id")
def _escalated_item_id(factory, ctx):
    """Escalated for the example service, whose safeguarding lead is the example lead."""
    return _cached(ctx, "escalated_item", lambda: LoopFactory(factory).item(
        ctx["service"], text="I don't feel safe at home", state=ModerationState.ESCALATED,
        is_safeguarding=True, safeguarding_reasons=["feeling unsafe at home"])).id


@example("commitment_id")
def _commitment_id(factory, ctx):
    """Owned by the example provider organisation, so its provider user may update it."""
    return _cached(ctx, "commitment", lambda: LoopFactory(factory).commitment(
        ctx["service"], owner=ctx["provider_org"])).id


@example("answer_item_id")
def _answer_item_id(factory, ctx):
    """A card approved for publication in the example service: its provider may answer it."""
    return _cached(ctx, "answer_item", lambda: LoopFactory(factory).approved(
        ctx["service"], text="Start evening appointments")).id
