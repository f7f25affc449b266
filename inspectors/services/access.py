"""Who may see and do what with an inspection. Views call these; services call them again.

- Participation officers and administrators: everything.
- Young inspectors: only inspections they are on.
- Providers: only their own organisation's services' inspections; the report once it is shared.
- Commissioners: reports once they are shared with the provider.
"""

from __future__ import annotations

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session

from inspectors.models import Inspection, InspectionState, TeamMember
from inspectors.services.errors import NotAllowed, NotFound
from voice.auth.models import User
from voice.auth.roles import MANAGERS, Role
from voice.directory.models import Service

REPORT_SHARED = (InspectionState.SHARED, InspectionState.PUBLISHED)


def is_manager(user: User) -> bool:
    return user.role in MANAGERS


def is_team_member(user: User, inspection: Inspection) -> bool:
    return user.role == Role.INSPECTOR and inspection.member_for(user.id) is not None


def is_lead(user: User, inspection: Inspection) -> bool:
    return user.role == Role.INSPECTOR and inspection.lead_inspector_id == user.id


def is_service_provider(user: User, inspection: Inspection) -> bool:
    return (user.role == Role.PROVIDER and user.organisation_id is not None
            and inspection.service.provider_id == user.organisation_id)


def is_shared(inspection: Inspection) -> bool:
    return inspection.state in REPORT_SHARED


def can_view(user: User, inspection: Inspection) -> bool:
    if is_manager(user) or is_team_member(user, inspection) or is_service_provider(user, inspection):
        return True
    return user.role == Role.COMMISSIONER and is_shared(inspection)


def can_see_report(user: User, inspection: Inspection) -> bool:
    """Managers see the draft; the lead sees it while ratings are agreed; others once shared."""
    if is_manager(user):
        return True
    if is_lead(user, inspection) and inspection.state == InspectionState.AGREEING:
        return True
    return can_view(user, inspection) and is_shared(inspection)


def can_see_names(user: User, inspection: Inspection) -> bool:
    """Young inspectors' names: only the participation team and the team itself see them."""
    return is_manager(user) or is_team_member(user, inspection)


def can_agree(user: User, inspection: Inspection) -> bool:
    return is_manager(user) or is_lead(user, inspection)


def can_write_report(user: User, inspection: Inspection) -> bool:
    """Recommendations, strengths and quotes: the young people on the team, and officers."""
    return is_manager(user) or is_team_member(user, inspection)


def inspections_query(user: User) -> Select:
    """Inspections this user may see in a list, newest visit first."""
    query = select(Inspection).order_by(Inspection.visit_from.desc(), Inspection.id.desc())
    if is_manager(user):
        return query
    if user.role == Role.INSPECTOR:
        return query.where(exists().where(TeamMember.inspection_id == Inspection.id,
                                          TeamMember.user_id == user.id))
    if user.role == Role.PROVIDER:
        return query.join(Service, Service.id == Inspection.service_id).where(
            Service.provider_id == (user.organisation_id or -1),
            Inspection.state != InspectionState.CANCELLED)
    if user.role == Role.COMMISSIONER:
        return query.where(Inspection.state.in_([s.value for s in REPORT_SHARED]))
    return query.where(False)


def get_inspection_for(session: Session, user: User, inspection_id: int) -> Inspection:
    """The inspection if it exists and this user may see it (else NotFound or NotAllowed)."""
    inspection = session.get(Inspection, inspection_id)
    if inspection is None:
        raise NotFound("We could not find that inspection")
    if not can_view(user, inspection):
        raise NotAllowed("You can only see inspections of your own services, or ones you are on")
    return inspection
