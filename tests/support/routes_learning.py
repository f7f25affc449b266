"""Example URL values for the analysis pages (see tests/support/route_examples.py)."""

from __future__ import annotations

from tests.support.route_examples import _cached, example
from voice.learning import rules as rule_services


@example("theme_key")
def _theme_key(factory, ctx):
    return "waiting_and_access"


@example("rule_set_version")
def _rule_set_version(factory, ctx):
    """A saved version of the rules that is not the one in use, so going back to it works."""

    def make():
        session = factory.session
        first = rule_services.save_theme_rules(session, None, "place_and_travel",
                                               patterns="bus\nthe hub")
        rule_services.save_theme_rules(session, None, "place_and_travel",
                                       patterns="bus\nthe hub\nyouth centre")
        return first.version

    return _cached(ctx, "rule_set_version", make)
