"""Demo data only summaries owns: who uses each demo service, and a commissioner's digest.

Runs after the other packages' demo steps (their responses, cards and commitments), and is
idempotent: figures already entered are left alone, and the digest is made once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from voice.auth.roles import Role
from voice.demo import demo_step
from voice.summaries.filters import Filters
from voice.summaries.models import DigestSubscription, ServicePopulation

# Shares (per cent) a county's children's services might see; each service's caseload sets
# the numbers.
AGE_SHARES = {"under_11": 30, "11_13": 22, "14_15": 20, "16_17": 16, "18_25": 12}
GENDER_SHARES = {"girl": 48, "boy": 47, "non_binary": 3, "another_way": 2}
ETHNIC_SHARES = {"white": 78, "asian": 9, "black": 5, "mixed": 6, "other": 2}
DISABILITY_SHARES = {"yes": 18, "no": 76, "not_sure": 6}
CARE_SHARES = {"yes": 6, "no": 91, "not_sure": 3}
CASELOADS = {
    "Children and Young People's Mental Health Service (CAMHS)": 2400,
    "Mental Health Support Teams in Schools": 3100,
    "School Nursing": 9800,
    "Health Visiting": 7200,
    "Short Breaks for Disabled Children": 640,
    "Care Leavers' Support (Next Steps)": 410,
    "Open Door Youth Counselling": 880,
    "Speech and Language Therapy": 1900,
    "Autism and ADHD Assessment": 1500,
    "Young People's Sexual Health Clinic": 2600,
}


def _figures(caseload: int, service_name: str) -> dict[tuple[str, str], int]:
    figures: dict[tuple[str, str], int] = {}
    ages = dict(AGE_SHARES)
    if "Health Visiting" in service_name:
        ages = {"under_11": 100, "11_13": 0, "14_15": 0, "16_17": 0, "18_25": 0}
    elif "Care Leavers" in service_name:
        ages = {"under_11": 0, "11_13": 0, "14_15": 0, "16_17": 35, "18_25": 65}
    care = dict(CARE_SHARES)
    if "Care Leavers" in service_name:
        care = {"yes": 100, "no": 0, "not_sure": 0}
    disability = dict(DISABILITY_SHARES)
    if "Short Breaks" in service_name or "Autism" in service_name:
        disability = {"yes": 92, "no": 4, "not_sure": 4}
    for dimension, shares in (("age", ages), ("gender", GENDER_SHARES),
                              ("ethnicity", ETHNIC_SHARES), ("disability", disability),
                              ("care_experience", care)):
        for category, people in _split(caseload, shares).items():
            figures[(dimension, category)] = people
    return figures


def _split(caseload: int, shares: dict[str, int]) -> dict[str, int]:
    """Whole numbers of people in each group that add up to the caseload exactly (largest
    remainders), as a service's own figures would: rounding each share on its own made one
    service's breakdowns add up to 2,399, 2,400 or 2,401."""
    exact = {key: caseload * share / 100 for key, share in shares.items()}
    people = {key: int(value) for key, value in exact.items()}
    short = round(sum(exact.values())) - sum(people.values())
    for key in sorted(exact, key=lambda k: exact[k] - people[k], reverse=True)[:short]:
        people[key] += 1
    return people


@demo_step(90)
def demo_summaries(session: Session, ctx: dict[str, Any]) -> None:
    services = ctx["services"]
    admin = ctx["users"].get(Role.ADMIN)
    for name, service in services.items():
        caseload = CASELOADS.get(name)
        if caseload is None:
            continue
        exists = session.scalar(select(ServicePopulation.id).where(
            ServicePopulation.service_id == service.id).limit(1))
        if exists is not None:
            continue
        for (dimension, category), people in _figures(caseload, name).items():
            session.add(ServicePopulation(
                service_id=service.id, dimension=dimension, category=category, people=people,
                source="Caseload on 31 March 2026 (demo figures)", as_of=date(2026, 3, 31),
                updated_by_id=admin.id if admin else None))
    commissioner = ctx["users"].get(Role.COMMISSIONER)
    camhs = services.get("Children and Young People's Mental Health Service (CAMHS)")
    if commissioner is not None:
        for name, filters in (("The whole system", Filters()),
                              ("CAMHS", Filters(service=camhs.id) if camhs else None)):
            if filters is None:
                continue
            found = session.scalar(select(DigestSubscription.id).where(
                DigestSubscription.user_id == commissioner.id,
                DigestSubscription.scope_key == filters.key()))
            if found is None:
                session.add(DigestSubscription(user_id=commissioner.id, name=name,
                                               filters=filters.as_dict(),
                                               scope_key=filters.key()))
    session.flush()
