"""The inspections part of the staff home page (:mod:`voice.today`): inspections whose ratings
are waiting to be agreed, for the lead inspector and the participation team."""

from __future__ import annotations

from sqlalchemy import func, select

from inspectors.models import Inspection, InspectionState
from voice.auth.roles import MANAGERS, Role
from voice.today import Waiting, register


@register
def inspections_waiting(session, user) -> list[Waiting]:
    if user.role not in MANAGERS and user.role != Role.INSPECTOR:
        return []
    query = select(func.count(Inspection.id)).where(
        Inspection.state == InspectionState.AGREEING.value)
    if user.role == Role.INSPECTOR:
        query = query.where(Inspection.lead_inspector_id == user.id)
    n = session.scalar(query) or 0
    return [Waiting(n, f"{n:,} inspection{' is' if n == 1 else 's are'} waiting for the team to "
                       "agree ratings and write the report", "/inspections")]
