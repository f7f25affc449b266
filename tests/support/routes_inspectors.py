"""Example URL values for the inspectors routes (see tests/support/route_examples.py).

One inspection of the example service, shared with its provider: the example young inspector
is its lead (so every allowed role really gets the page), with a self-assessment by the example
provider, a recommendation the provider has answered, and a strength. ``service_slug`` comes
from tests/support/routes_loop.py (the same service).
"""

from __future__ import annotations

from datetime import date

from inspectors.services import inspections as ins
from inspectors.services import people
from tests.support.inspectors_factories import InspectorsFactory
from tests.support.route_examples import _cached, example


def _inspection(factory, ctx):
    def make():
        helper = InspectorsFactory(factory)
        users = ctx["users"]
        inspector, officer, provider = (users["young_inspector"], users["participation_officer"],
                                        users["provider"])
        if people.profile_for_user(factory.session, inspector.id) is None:
            helper.profile(inspector, name_preference="first_name")
        # Another package's route may have archived the example service by now; inspections
        # are planned for live services only, so plan it as if it were still live.
        service = ctx["service"]
        archived, service.archived_at = service.archived_at, None
        inspection = helper.inspection(service=service, team=[inspector], lead=inspector,
                                       officer=officer)
        service.archived_at = archived
        helper.self_assess(inspection, provider, {"S1": "green", "S2": "green"})
        helper.score_all(inspection, inspector, {"S1": "amber", "S2": "green", "S3": None})
        rec = ins.add_recommendation(factory.session, inspector, inspection,
                                     text="Answer the phone within five rings",
                                     standard_id=inspection.framework.standards[0].id)
        ins.add_highlight(factory.session, inspector, inspection, kind="strength",
                          text="Friendly reception staff")
        helper.agreed(inspection, officer, {"S1": "amber", "S2": "green", "S3": None})
        ins.share_report(factory.session, officer, inspection, on=date(2026, 3, 9))
        ins.respond_to_recommendation(factory.session, provider, inspection, rec,
                                      response="accepted", text="We will add a phone rota",
                                      by_date=date(2099, 1, 1))
        return inspection

    return _cached(ctx, "inspection", make)


@example("inspection_id")
def _inspection_id(factory, ctx):
    return _inspection(factory, ctx).id


@example("framework_id")
def _framework_id(factory, ctx):
    return _inspection(factory, ctx).framework_id


@example("standard_id")
def _standard_id(factory, ctx):
    return _inspection(factory, ctx).framework.standards[0].id


@example("recommendation_id")
def _recommendation_id(factory, ctx):
    return _inspection(factory, ctx).recommendations[0].id


@example("highlight_id")
def _highlight_id(factory, ctx):
    return _inspection(factory, ctx).highlights[0].id


@example("profile_id")
def _profile_id(factory, ctx):
    _inspection(factory, ctx)
    return people.profile_for_user(factory.session, ctx["users"]["young_inspector"].id).id
