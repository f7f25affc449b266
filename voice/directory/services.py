"""Creating, changing and archiving areas, organisations and services; who may see which."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from voice.audit.services import record
from voice.auth.models import User
from voice.auth.roles import MANAGERS, STAFF, Role
from voice.db import utcnow
from voice.directory.models import (
    COHORTS,
    Area,
    AreaKind,
    Organisation,
    OrganisationKind,
    Service,
    ServiceOldSlug,
)
from voice.errors import NotAllowed, NotFound, VoiceError


class DirectoryError(VoiceError):
    pass


class LeadProblem(DirectoryError):
    """The safeguarding lead chosen (or left) cannot be this service's lead."""


class LeadContactProblem(DirectoryError):
    """The lead contact chosen does not work for the organisation."""


class CommissionerProblem(DirectoryError):
    """The person chosen as a service's commissioner is not an active commissioner."""


# ---- who sees what -------------------------------------------------------------------------

def services_query(user: User, *, include_archived: bool = False) -> Select:
    """Services this user may see: providers only their own organisation's, staff all."""
    query = select(Service).options(selectinload(Service.areas)).order_by(Service.name)
    if not include_archived:
        query = query.where(Service.archived_at.is_(None))
    if user.role == Role.PROVIDER:
        query = query.where(Service.provider_id == (user.organisation_id or -1))
    return query


def can_see_service(user: User, service: Service) -> bool:
    if user.role == Role.PROVIDER:
        return service.provider_id == user.organisation_id
    return user.role in {Role.ADMIN, Role.PARTICIPATION, Role.COMMISSIONER, Role.SAFEGUARDING}


def can_change_service(user: User, service: Service) -> bool:
    if user.role == Role.PROVIDER:
        return service.provider_id == user.organisation_id
    return user.role in {Role.ADMIN, Role.PARTICIPATION}


def get_service_for(session: Session, user: User, service_id: int) -> Service:
    """The service, if it exists and this user may see it (else NotFound / NotAllowed)."""
    service = session.get(Service, service_id)
    if service is None:
        raise NotFound("We could not find that service")
    if not can_see_service(user, service):
        raise NotAllowed("You can only see your own organisation's services")
    return service


def active_services(session: Session) -> list[Service]:
    return list(session.scalars(
        select(Service).where(Service.archived_at.is_(None)).order_by(Service.name)
    ))


def area_with_descendants(session: Session, area_id: int) -> set[int]:
    """The area and every area below it (for filtering by any geography)."""
    children: dict[int | None, list[int]] = {}
    for aid, parent in session.execute(select(Area.id, Area.parent_id)):
        children.setdefault(parent, []).append(aid)
    found, stack = set(), [area_id]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, []))
    return found


# ---- areas ---------------------------------------------------------------------------------

def _check_parent(session: Session, area: Area | None, parent_id: int | None) -> None:
    if parent_id is None:
        return
    parent = session.get(Area, parent_id)
    if parent is None:
        raise DirectoryError("Choose a parent area from the list")
    if area is not None:
        node: Area | None = parent
        while node is not None:
            if node.id == area.id:
                raise DirectoryError("An area cannot sit inside itself or one of its own parts")
            node = node.parent


def create_area(session: Session, actor: User | None, *, name: str, kind: str,
                parent_id: int | None = None) -> Area:
    AreaKind(kind)
    _check_parent(session, None, parent_id)
    area = Area(name=name.strip(), kind=kind, parent_id=parent_id)
    session.add(area)
    session.flush()
    record(session, actor, "area.created", target=area, name=area.name)
    return area


def update_area(session: Session, actor: User, area: Area, *, name: str, kind: str,
                parent_id: int | None) -> Area:
    AreaKind(kind)
    _check_parent(session, area, parent_id)
    changes = _apply(area, name=name.strip(), kind=kind, parent_id=parent_id)
    if changes:
        record(session, actor, "area.updated", target=area, changes=changes)
    return area


# ---- organisations ---------------------------------------------------------------------------

def create_organisation(session: Session, actor: User | None, *, name: str, kind: str) -> Organisation:
    OrganisationKind(kind)
    org = Organisation(name=name.strip(), kind=kind)
    session.add(org)
    session.flush()
    record(session, actor, "organisation.created", target=org, name=org.name)
    return org


def eligible_lead_contacts(session: Session, org: Organisation) -> list[User]:
    """Who may be ``org``'s lead contact: its own active staff."""
    return list(session.scalars(select(User).where(
        User.organisation_id == org.id, User.is_active.is_(True),
        User.role.in_([r.value for r in STAFF])).order_by(User.display_name)))


def lead_contact_problem(org: Organisation, contact: User | None) -> str | None:
    """Why ``contact`` cannot be ``org``'s lead contact (or None)."""
    if contact is None or not contact.is_active or contact.role not in STAFF:
        return "Choose a lead contact from the list"
    if contact.organisation_id != org.id:
        return (f"{contact.display_name} does not work for {org.name}: choose someone who does, "
                "or name no lead contact")
    return None


def update_organisation(session: Session, actor: User | None, org: Organisation, *, name: str,
                        kind: str, **data: Any) -> Organisation:
    """Change an organisation; ``lead_contact_id`` (if given: None names nobody) is one of its
    own staff, told when a promise it owns is long overdue."""
    OrganisationKind(kind)
    values: dict[str, Any] = {"name": name.strip(), "kind": kind}
    if "lead_contact_id" in data:
        contact_id = data["lead_contact_id"]
        if contact_id != org.lead_contact_id:
            if actor is not None and actor.role not in MANAGERS:
                raise NotAllowed("Only the participation team can name an organisation's "
                                 "lead contact")
            if contact_id is not None and (
                    problem := lead_contact_problem(org, session.get(User, contact_id))):
                raise LeadContactProblem(problem)
        values["lead_contact_id"] = contact_id
    changes = _apply(org, **values)
    if changes:
        record(session, actor, "organisation.updated", target=org, changes=changes)
    return org


# ---- services --------------------------------------------------------------------------------

def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:70] or "service"


def _unique_slug(session: Session, name: str, exclude_id: int | None = None) -> str:
    """A public address no other service has, and no other service had before a rename (an
    old poster must never start leading to a different service)."""
    base = slugify(name)
    slug, n = base, 2
    while True:
        existing = session.scalar(select(Service.id).where(Service.slug == slug))
        former = session.get(ServiceOldSlug, slug)
        if existing in (None, exclude_id) and (former is None or former.service_id == exclude_id):
            return slug
        slug = f"{base}-{n}"
        n += 1


def current_slug(session: Session, slug: str) -> str | None:
    """Today's public address for ``slug``: itself if a service has it, the renamed service's
    address if it is an old one, else None."""
    slug = slug[:80]
    if session.scalar(select(Service.id).where(Service.slug == slug)) is not None:
        return slug
    former = session.get(ServiceOldSlug, slug)
    if former is None:
        return None
    return session.scalar(select(Service.slug).where(Service.id == former.service_id))


def _keep_old_slug(session: Session, service: Service, old_slug: str) -> None:
    """After a rename: the old address (printed on posters) keeps leading to this service."""
    if old_slug == service.slug:
        return
    returning = session.get(ServiceOldSlug, service.slug)
    if returning is not None:  # renamed back to an address it had before
        session.delete(returning)
    if session.get(ServiceOldSlug, old_slug) is None:
        session.add(ServiceOldSlug(slug=old_slug, service_id=service.id))
    session.flush()


def _validate_service(session: Session, data: dict[str, Any]) -> None:
    provider = session.get(Organisation, data["provider_id"])
    if provider is None:
        raise DirectoryError("Choose the organisation that provides this service")
    if not 0 <= data["min_age"] <= data["max_age"] <= 25:
        raise DirectoryError("Ages must be between 0 and 25, youngest first")
    unknown = set(data.get("cohorts") or []) - set(COHORTS)
    if unknown:
        raise DirectoryError("Choose cohorts from the list")


# ---- safeguarding leads ----------------------------------------------------------------------

# Who may be a service's safeguarding lead: free text that may be a disclosure goes to them.
LEAD_ROLES = frozenset({Role.SAFEGUARDING, Role.PARTICIPATION})
NO_LEAD = ("Choose a safeguarding lead. Anything a young person writes that may mean they are "
           "not safe goes straight to them, so a service that takes answers must have one.")


def lead_problem(session: Session, lead: User | None, provider_id: int) -> str | None:
    """Why ``lead`` cannot be the safeguarding lead of a service ``provider_id`` provides (or None).

    A lead works for the organisation that provides the service, or for a commissioning
    organisation (the council's or ICB's safeguarding team): never another provider.
    """
    if lead is None or not lead.is_active or lead.role not in LEAD_ROLES:
        return "Choose a safeguarding lead from the list"
    if lead.organisation_id == provider_id:
        return None
    organisation = session.get(Organisation, lead.organisation_id) if lead.organisation_id else None
    if organisation is not None and organisation.kind == OrganisationKind.COMMISSIONER:
        return None
    return (f"{lead.display_name} cannot be this service's safeguarding lead: choose someone who "
            "works for the organisation that provides it, or for the commissioning team")


def eligible_leads(session: Session, provider_id: int | None = None) -> list[User]:
    """People who may be chosen as a safeguarding lead (for one provider, or for any)."""
    query = (select(User).outerjoin(Organisation, User.organisation_id == Organisation.id)
             .where(User.role.in_(list(LEAD_ROLES)), User.is_active.is_(True))
             .order_by(User.display_name))
    if provider_id is None:
        query = query.where(User.organisation_id.is_not(None))
    else:
        query = query.where((User.organisation_id == provider_id)
                            | (Organisation.kind == OrganisationKind.COMMISSIONER))
    return list(session.scalars(query))


def services_led_by(session: Session, user: User) -> list[Service]:
    return list(session.scalars(select(Service).where(
        Service.safeguarding_lead_id == user.id, Service.archived_at.is_(None))
        .order_by(Service.name)))


def check_lead_change(session: Session, user: User) -> None:
    """Refuse a change to ``user`` (role, organisation, deactivation: already applied but not
    committed) that would leave a service that takes answers without a safeguarding lead."""
    stranded = [s.name for s in services_led_by(session, user)
                if lead_problem(session, user, s.provider_id) is not None]
    if stranded:
        raise LeadProblem(
            f"{user.display_name} is the safeguarding lead for {', '.join(stranded)}. Choose "
            "another lead for " + ("that service" if len(stranded) == 1 else "those services")
            + " first, so it is never left without one."
        )


def _check_lead(session: Session, actor: User | None, service: Service | None,
                data: dict[str, Any]) -> None:
    """Only managers choose a lead; an open service always has one who may be its lead."""
    current = service.safeguarding_lead_id if service is not None else None
    lead_id = data.get("safeguarding_lead_id")
    changing = service is None or lead_id != current
    if changing and actor is not None and actor.role not in MANAGERS:
        raise NotAllowed("Only the participation team can choose a service's safeguarding lead")
    if service is not None and service.is_archived and lead_id is None:
        return  # an archived service takes no answers (it needs a lead again to be restored)
    if lead_id is None:
        raise LeadProblem(NO_LEAD)
    if changing or data["provider_id"] != service.provider_id:
        if problem := lead_problem(session, session.get(User, lead_id), data["provider_id"]):
            raise LeadProblem(problem)


def _areas(session: Session, area_ids: Iterable[int]) -> list[Area]:
    ids = set(area_ids)
    areas = list(session.scalars(select(Area).where(Area.id.in_(ids)))) if ids else []
    if len(areas) != len(ids):
        raise DirectoryError("Choose areas from the list")
    return areas


def eligible_commissioners(session: Session) -> list[User]:
    """Who may be named as a service's commissioner: active commissioners."""
    return list(session.scalars(select(User).where(
        User.role == Role.COMMISSIONER.value, User.is_active.is_(True))
        .order_by(User.display_name)))


def _check_commissioner(session: Session, actor: User | None, service: Service | None,
                        data: dict[str, Any]) -> None:
    """Only managers name a service's commissioner, and only an active commissioner."""
    commissioner_id = data.get("commissioner_id")
    if commissioner_id == (service.commissioner_id if service is not None else None):
        return
    if actor is not None and actor.role not in MANAGERS:
        raise NotAllowed("Only the participation team can name a service's commissioner")
    if commissioner_id is None:
        return
    person = session.get(User, commissioner_id)
    if person is None or not person.is_active or person.role != Role.COMMISSIONER:
        raise CommissionerProblem("Choose a commissioner from the list, or name nobody")


SERVICE_FIELDS = ("name", "provider_id", "category", "description", "contact", "min_age",
                  "max_age", "cohorts", "safeguarding_lead_id", "commissioner_id")


def create_service(session: Session, actor: User | None, *, area_ids: Iterable[int] = (),
                   **data: Any) -> Service:
    if actor is not None and actor.role not in {Role.ADMIN, Role.PARTICIPATION}:
        raise NotAllowed("Only the participation team can add services")
    data = {k: data.get(k) for k in SERVICE_FIELDS}
    data["cohorts"] = list(data["cohorts"] or [])
    data["description"] = data["description"] or ""
    data["contact"] = data["contact"] or ""
    _validate_service(session, data)
    _check_lead(session, actor, None, data)
    _check_commissioner(session, actor, None, data)
    service = Service(slug=_unique_slug(session, data["name"]), **data)
    service.areas = _areas(session, area_ids)
    session.add(service)
    session.flush()
    record(session, actor, "service.created", target=service, name=service.name)
    return service


def update_service(session: Session, actor: User, service: Service, *,
                   area_ids: Iterable[int] | None = None, **data: Any) -> Service:
    if not can_change_service(actor, service):
        raise NotAllowed("You can only change your own organisation's services")
    data = {k: data[k] for k in SERVICE_FIELDS if k in data}
    if actor.role == Role.PROVIDER and data.get("provider_id", service.provider_id) != service.provider_id:
        raise NotAllowed("You cannot move a service to another organisation")
    merged = {k: getattr(service, k) for k in SERVICE_FIELDS} | data
    _validate_service(session, merged)
    if "safeguarding_lead_id" in data or merged["provider_id"] != service.provider_id:
        _check_lead(session, actor, service, merged)
    if "commissioner_id" in data:
        _check_commissioner(session, actor, service, merged)
    changes = _apply(service, **data)
    if area_ids is not None:
        areas = _areas(session, area_ids)
        if {a.id for a in areas} != {a.id for a in service.areas}:
            changes["areas"] = [sorted(a.id for a in service.areas), sorted(a.id for a in areas)]
            service.areas = areas
    if "name" in changes:
        old_slug = service.slug
        service.slug = _unique_slug(session, service.name, exclude_id=service.id)
        _keep_old_slug(session, service, old_slug)
    if changes:
        record(session, actor, "service.updated", target=service, changes=changes)
    return service


# ---- archiving (all three) -----------------------------------------------------------------

def set_archived(session: Session, actor: User, obj: Area | Organisation | Service,
                 archived: bool) -> None:
    if isinstance(obj, Service) and not archived and (
            problem := lead_problem(session, obj.safeguarding_lead, obj.provider_id)):
        raise LeadProblem(NO_LEAD if obj.safeguarding_lead is None else problem)
    if isinstance(obj, Organisation) and archived:
        live = session.scalar(select(Service.id).where(
            Service.provider_id == obj.id, Service.archived_at.is_(None)).limit(1))
        if live is not None:
            raise DirectoryError("Archive this organisation's services first")
    obj.archived_at = utcnow() if archived else None
    name = type(obj).__name__.lower()
    record(session, actor, f"{name}.{'archived' if archived else 'restored'}", target=obj)


def _apply(obj: Any, **values: Any) -> dict[str, list[Any]]:
    changes = {}
    for field, value in values.items():
        old = getattr(obj, field)
        if old != value:
            changes[field] = [old, value]
            setattr(obj, field, value)
    return changes
