"""Example URL values for the summaries and API routes (see route_examples.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.support.route_examples import _cached, example


@example("key")
def _key(factory, ctx):
    return "themes"


@example("fmt")
def _fmt(factory, ctx):
    return "csv"


@example("theme")
def _theme(factory, ctx):
    return "waiting_and_access"


@example("name")
def _name(factory, ctx):
    return "themes"


@example("item_id")
def _item_id(factory, ctx):
    from tests.support.loop_factories import LoopFactory

    return _cached(ctx, "summary_item", lambda: LoopFactory(factory).approved(
        ctx["service"], themes=["waiting_and_access"])).id


@example("snapshot_id")
def _snapshot_id(factory, ctx):
    def make():
        from voice.summaries.filters import parse_selection, resolve_scope
        from voice.summaries.snapshots import save_snapshot
        from voice.summaries.summary import build_summary

        today = date(2026, 11, 23)
        selection = parse_selection(factory.session, {"period": "quarter:2026-Q2"}, today)
        scope = resolve_scope(factory.session, selection.filters)
        doc = build_summary(factory.session, selection, scope, today=today,
                            now=datetime(2026, 11, 23, 12, tzinfo=UTC), use_cache=False)
        return save_snapshot(factory.session, None, selection, doc)

    return _cached(ctx, "summary_snapshot", make).id


@example("subscription_id")
def _subscription_id(factory, ctx):
    def make():
        from voice.summaries.filters import Filters
        from voice.summaries.snapshots import subscribe

        return subscribe(factory.session, ctx["users"]["commissioner"], Filters(), "Everything")

    return _cached(ctx, "summary_subscription", make).id


@example("token_id")
def _token_id(factory, ctx):
    def make():
        from voice.api.tokens import create_token

        area = _cached(ctx, "area", lambda: factory.area())
        token, _ = create_token(factory.session, ctx["users"]["commissioner"], name="Power BI",
                                area_ids=[area.id])
        return token

    return _cached(ctx, "summary_token", make).id
