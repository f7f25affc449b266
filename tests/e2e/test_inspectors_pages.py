"""Every young inspectors page, for each role that uses it, on a 360 px phone: accessible
(axe-core), no sideways scrolling. The public pages also stay within their weight budget and
set no cookies."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from inspectors.models import Inspection, InspectionState, InspectorProfile
from tests.e2e.support import (
    assert_no_axe_violations,
    assert_no_cookies,
    assert_no_horizontal_scroll,
    page_weight,
)
from voice.auth.roles import Role

pytestmark = pytest.mark.e2e


def _demo_ids(live_server) -> dict[str, object]:
    """The demo's finished CAMHS inspection, its follow-up and the planned mystery shop."""
    with live_server.session() as session:
        published = session.scalars(select(Inspection).where(
            Inspection.state == InspectionState.PUBLISHED,
            Inspection.follow_up_of_id.is_(None)).order_by(Inspection.id)).first()
        follow_up = session.scalars(select(Inspection).where(
            Inspection.follow_up_of_id == published.id)).first()
        mystery = session.scalars(select(Inspection).where(
            Inspection.method == "mystery_phone")).first()
        profile = session.scalars(select(InspectorProfile).order_by(InspectorProfile.id)).first()
        return {"done": published.id, "follow_up": follow_up.id, "mystery": mystery.id,
                "framework": published.framework_id, "service": published.service_id,
                "slug": published.service.slug, "profile": profile.id,
                "standard": mystery.framework.standards[0].id,
                "rec": published.recommendations[-1].id}


def _pages(role: Role, ids: dict) -> list[str]:
    done, follow_up, mystery = ids["done"], ids["follow_up"], ids["mystery"]
    if role is Role.PARTICIPATION:
        return ["/inspections", f"/inspections/{done}", f"/inspections/{mystery}",
                f"/inspections/{follow_up}", f"/inspections/{done}/report",
                f"/inspections/{done}/agree", f"/inspections/{done}/write",
                f"/inspections/{done}/publish", f"/inspections/{done}/certificate",
                f"/inspections/{follow_up}/assurance", f"/inspections/{follow_up}/plan",
                "/inspections/new", "/inspections/settings", "/frameworks",
                f"/frameworks/{ids['framework']}", f"/frameworks/{ids['framework']}/edit",
                f"/frameworks/{ids['framework']}/standards/new", "/young-inspectors",
                "/young-inspectors/new", f"/young-inspectors/{ids['profile']}",
                f"/young-inspectors/{ids['profile']}/edit",
                f"/young-inspectors/{ids['profile']}/hours", "/young-inspectors/hours",
                f"/inspections/services/{ids['service']}/history"]
    if role is Role.INSPECTOR:
        return ["/inspections", f"/inspections/{mystery}", f"/inspections/{mystery}/scores",
                f"/inspections/{mystery}/scores/{ids['standard']}",
                f"/inspections/{mystery}/write", f"/inspections/{done}/report", "/my-details"]
    if role is Role.PROVIDER:
        return ["/inspections", f"/inspections/{done}", f"/inspections/{done}/report",
                f"/inspections/{done}/recommendations/{ids['rec']}/respond",
                f"/inspections/{mystery}", f"/inspections/{mystery}/self-assessment",
                f"/inspections/services/{ids['service']}/history"]
    return ["/inspections", f"/inspections/{done}/report"]


@pytest.mark.parametrize("role", [Role.PARTICIPATION, Role.INSPECTOR, Role.PROVIDER,
                                  Role.COMMISSIONER], ids=lambda r: r.value)
def test_inspector_pages_are_accessible_on_a_phone(phone_page, signed_in, live_server, role):
    ids = _demo_ids(live_server)
    signed_in(phone_page, role)
    for path in _pages(role, ids):
        response = phone_page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        assert_no_horizontal_scroll(phone_page)
        assert_no_axe_violations(phone_page)


def test_public_inspection_pages_are_light_accessible_and_cookie_free(page, live_server):
    ids = _demo_ids(live_server)
    for path in [f"/services/{ids['slug']}/inspections"]:
        weight = page_weight(page, path)
        assert weight.html <= 14_000 and weight.total <= 30_000, f"{path} is too heavy: {weight}"
        assert_no_axe_violations(page)
        assert_no_cookies(page)
