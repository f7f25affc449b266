"""A realistic demo county. ``voice demo`` runs every step; running it twice changes nothing.

Feature packages add their own demo data with :func:`demo_step` and their public addresses (a
survey link, an action card link) with :func:`address_provider`, from their blueprint modules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from voice.auth.models import User
from voice.auth.roles import Role
from voice.auth.services import create_user
from voice.directory.models import Area, Organisation, Service
from voice.directory.services import (
    create_area,
    create_organisation,
    create_service,
    update_organisation,
)

DEMO_PASSWORD = "voice-demo-2026"

DemoStep = Callable[[Session, dict[str, Any]], None]
AddressProvider = Callable[[Session, str], list[tuple[str, str]]]
_steps: list[tuple[int, DemoStep]] = []
_address_providers: list[AddressProvider] = []


def demo_step(order: int) -> Callable[[DemoStep], DemoStep]:
    """Register a function that adds demo data; it receives the session and the demo context."""

    def decorator(fn: DemoStep) -> DemoStep:
        if all(existing is not fn and existing.__qualname__ != fn.__qualname__ for _, existing in _steps):
            _steps.append((order, fn))
        return fn

    return decorator


def address_provider(fn: AddressProvider) -> AddressProvider:
    if all(existing.__qualname__ != fn.__qualname__ for existing in _address_providers):
        _address_providers.append(fn)
    return fn


AREAS = [
    # (name, kind, parent)
    ("North and West Northdale Integrated Care System", "system", None),
    ("Riverside and Coast Integrated Care System", "system", None),
    ("Northdale Central", "place", "North and West Northdale Integrated Care System"),
    ("Westbridge", "place", "North and West Northdale Integrated Care System"),
    ("Eastmoor", "place", "Riverside and Coast Integrated Care System"),
    ("Saltcombe Coast", "place", "Riverside and Coast Integrated Care System"),
    ("Northdale Town Centre", "neighbourhood", "Northdale Central"),
    ("Hillside and Ashford", "neighbourhood", "Northdale Central"),
    ("Westbridge Valley", "neighbourhood", "Westbridge"),
    ("Eastmoor Villages", "neighbourhood", "Eastmoor"),
    ("Saltcombe and Harbour", "neighbourhood", "Saltcombe Coast"),
    ("North East quadrant", "quadrant", None),
    ("South West quadrant", "quadrant", None),
    ("Northdale District", "district", None),
    ("Eastmoor District", "district", None),
]

ORGANISATIONS = [
    ("Northdale County Council", "commissioner"),
    ("NHS North and West Northdale Integrated Care Board", "commissioner"),
    ("NHS Riverside and Coast Integrated Care Board", "commissioner"),
    ("Northdale Healthcare NHS Foundation Trust", "provider"),
    ("Eastmoor Community Health CIC", "provider"),
    ("Northdale County Council Children's Services", "provider"),
    ("Open Door Youth Counselling", "voluntary"),
    ("Northdale Youth Council", "youth_group"),
]

USERS = [
    # (username, name, role, organisation)
    ("admin@northdale.example", "Alex Morgan", Role.ADMIN, None),
    ("participation@northdale.example", "Priya Shah", Role.PARTICIPATION, "Northdale County Council"),
    ("commissioner@northdale.example", "Chris Owen", Role.COMMISSIONER, "Northdale County Council"),
    ("provider@northdale.example", "Sam Taylor", Role.PROVIDER, "Northdale Healthcare NHS Foundation Trust"),
    ("jordan.yi", "Jordan", Role.INSPECTOR, "Northdale Youth Council"),
    # The council's designated safeguarding lead: as part of the commissioning team she may be
    # the lead for every provider's services (a provider's own lead could lead only theirs).
    ("safeguarding@northdale.example", "Dr Helen Clarke", Role.SAFEGUARDING, "Northdale County Council"),
]

# Who the escalation ladder tells when a promise is long overdue (issue 13 point 4): a lead
# contact for each provider organisation, (username, name, organisation; Sam Taylor is one of
# USERS), and the commissioner named for every service.
LEAD_CONTACTS = [
    ("provider@northdale.example", "Sam Taylor", "Northdale Healthcare NHS Foundation Trust"),
    ("lead@eastmoor.example", "Morgan Reid", "Eastmoor Community Health CIC"),
    ("lead@childrens-services.northdale.example", "Ruth Adeyemi",
     "Northdale County Council Children's Services"),
    ("lead@opendoor.example", "Tom Baxter", "Open Door Youth Counselling"),
]
SERVICE_COMMISSIONER = "commissioner@northdale.example"

SERVICES = [
    dict(name="Children and Young People's Mental Health Service (CAMHS)",
         provider="Northdale Healthcare NHS Foundation Trust", category="Mental health and emotional wellbeing",
         description="Help for children and young people who are struggling with their mental health, from worries and low mood to more serious problems.",
         contact="Call 01632 960 100, Monday to Friday, 9am to 5pm.", min_age=5, max_age=18,
         cohorts=["send", "looked_after"], areas=["Northdale Central", "Westbridge"]),
    dict(name="Mental Health Support Teams in Schools",
         provider="Northdale Healthcare NHS Foundation Trust", category="Mental health and emotional wellbeing",
         description="Wellbeing practitioners who work in schools and colleges, so you can get help without leaving school.",
         contact="Ask your school's wellbeing lead, or call 01632 960 101.", min_age=5, max_age=18,
         cohorts=[], areas=["Northdale Central", "Eastmoor"]),
    dict(name="School Nursing",
         provider="Eastmoor Community Health CIC", category="School nursing",
         description="School nurses help with health, growing up, relationships and feelings. You can text them.",
         contact="Text ChatHealth on 07700 900 461, Monday to Friday, 9am to 4.30pm.", min_age=5, max_age=19,
         cohorts=["young_carers"], areas=["Eastmoor", "Saltcombe Coast"]),
    dict(name="Health Visiting",
         provider="Eastmoor Community Health CIC", category="Health visiting",
         description="Health visitors support families with babies and young children up to age 5.",
         contact="Call 01632 960 200.", min_age=0, max_age=5,
         cohorts=["first_1000_days"], areas=["Eastmoor", "Saltcombe Coast"]),
    dict(name="Short Breaks for Disabled Children",
         provider="Northdale County Council Children's Services", category="Short breaks for disabled children",
         description="Fun activities, clubs and overnight stays for disabled children and young people, and a break for families.",
         contact="Call the short breaks team on 01632 960 300.", min_age=0, max_age=18,
         cohorts=["send"], areas=["Northdale Central", "Westbridge", "Eastmoor"]),
    dict(name="Care Leavers' Support (Next Steps)",
         provider="Northdale County Council Children's Services", category="Care leavers' support",
         description="Personal advisers who help care leavers with housing, money, education, work and health, up to age 25.",
         contact="Call your personal adviser, or the duty line on 01632 960 400.", min_age=16, max_age=25,
         cohorts=["care_leavers", "transition"], areas=["Northdale Central", "Westbridge", "Eastmoor", "Saltcombe Coast"]),
    dict(name="Open Door Youth Counselling",
         provider="Open Door Youth Counselling", category="Counselling",
         description="Free, private counselling for young people aged 11 to 25, in person or online.",
         contact="Call 01632 960 500 or drop in on Thursdays, 3pm to 7pm.", min_age=11, max_age=25,
         cohorts=[], areas=["Westbridge", "Saltcombe Coast"]),
    dict(name="Speech and Language Therapy",
         provider="Northdale Healthcare NHS Foundation Trust", category="Speech and language therapy",
         description="Help with talking, understanding, eating and drinking.",
         contact="Call 01632 960 600.", min_age=0, max_age=19,
         cohorts=["send"], areas=["Northdale Central", "Eastmoor"]),
    dict(name="Autism and ADHD Assessment",
         provider="Northdale Healthcare NHS Foundation Trust", category="Neurodevelopmental (autism and ADHD)",
         description="Assessment and support for young people who may be autistic or have ADHD.",
         contact="Call 01632 960 700.", min_age=4, max_age=18,
         cohorts=["send"], areas=["Northdale Central", "Westbridge"]),
    dict(name="Young People's Sexual Health Clinic",
         provider="Eastmoor Community Health CIC", category="Sexual health",
         description="Free, confidential sexual health advice, tests and contraception.",
         contact="Drop in Wednesdays 3pm to 6pm, or call 01632 960 800.", min_age=13, max_age=25,
         cohorts=[], areas=["Eastmoor", "Saltcombe Coast"]),
]


def _get_or_create_areas(session: Session) -> dict[str, Area]:
    areas = {a.name: a for a in session.scalars(select(Area))}
    for name, kind, parent in AREAS:
        if name not in areas:
            areas[name] = create_area(session, None, name=name, kind=kind,
                                      parent_id=areas[parent].id if parent else None)
    return areas


def _get_or_create_orgs(session: Session) -> dict[str, Organisation]:
    orgs = {o.name: o for o in session.scalars(select(Organisation))}
    for name, kind in ORGANISATIONS:
        if name not in orgs:
            orgs[name] = create_organisation(session, None, name=name, kind=kind)
    return orgs


def _get_or_create_users(session: Session, orgs: dict[str, Organisation]) -> list[User]:
    users = []
    for username, name, role, org in USERS:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            user = create_user(session, None, username=username, display_name=name, role=role,
                               password=DEMO_PASSWORD,
                               email=username if "@" in username else None,
                               organisation_id=orgs[org].id if org else None)
        users.append(user)
    return users


def _get_or_create_services(session: Session, orgs, areas, lead: User) -> dict[str, Service]:
    services = {s.name: s for s in session.scalars(select(Service))}
    for spec in SERVICES:
        if spec["name"] in services:
            continue
        spec = dict(spec)
        area_ids = [areas[a].id for a in spec.pop("areas")]
        provider = orgs[spec.pop("provider")]
        services[spec["name"]] = create_service(
            session, None, provider_id=provider.id, area_ids=area_ids,
            safeguarding_lead_id=lead.id, **spec)
    return services


def _name_escalation_contacts(session: Session, orgs: dict[str, Organisation],
                              services: dict[str, Service]) -> None:
    """Each provider organisation's lead contact and each service's commissioner, where the
    demo has not named one yet (a name changed in the app is kept)."""
    for username, name, org_name in LEAD_CONTACTS:
        org = orgs[org_name]
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            user = create_user(session, None, username=username, display_name=name,
                               role=Role.PROVIDER, password=DEMO_PASSWORD, email=username,
                               organisation_id=org.id)
        if org.lead_contact_id is None and user.organisation_id == org.id and user.is_active:
            update_organisation(session, None, org, name=org.name, kind=org.kind,
                                lead_contact_id=user.id)
    commissioner = session.scalar(select(User).where(User.username == SERVICE_COMMISSIONER))
    for service in services.values():
        if service.commissioner_id is None and commissioner is not None:
            service.commissioner_id = commissioner.id


def load_demo(session: Session) -> list[User]:
    """Create the demo county, its people and services, then every feature's demo data."""
    areas = _get_or_create_areas(session)
    orgs = _get_or_create_orgs(session)
    users = _get_or_create_users(session, orgs)
    by_role = {u.role: u for u in users}
    services = _get_or_create_services(session, orgs, areas, by_role[Role.SAFEGUARDING])
    _name_escalation_contacts(session, orgs, services)
    session.flush()
    context = {"areas": areas, "organisations": orgs, "users": by_role, "services": services}
    for _, step in sorted(_steps, key=lambda s: s[0]):
        step(session, context)
        session.flush()
    return users


def demo_users(session: Session) -> list[User]:
    names = [u[0] for u in USERS]
    found = {u.username: u for u in session.scalars(select(User).where(User.username.in_(names)))}
    return [found[n] for n in names if n in found]


def public_addresses(session: Session, base_url: str) -> list[tuple[str, str]]:
    """Public addresses worth printing at start-up: one survey link, one action card link."""
    addresses: list[tuple[str, str]] = []
    for provider in _address_providers:
        addresses.extend(provider(session, base_url))
    return addresses
