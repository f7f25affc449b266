"""Geography, organisations and the services young people actually use."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from voice.auth.models import User
from voice.db import Base, TimestampMixin, utcnow


class AreaKind(StrEnum):
    SYSTEM = "system"
    PLACE = "place"
    NEIGHBOURHOOD = "neighbourhood"
    QUADRANT = "quadrant"
    DISTRICT = "district"


AREA_KIND_LABELS = {
    AreaKind.SYSTEM: "Integrated care system",
    AreaKind.PLACE: "Place",
    AreaKind.NEIGHBOURHOOD: "Neighbourhood",
    AreaKind.QUADRANT: "Council quadrant or locality",
    AreaKind.DISTRICT: "District",
}


class OrganisationKind(StrEnum):
    COMMISSIONER = "commissioner"
    PROVIDER = "provider"
    VOLUNTARY = "voluntary"
    YOUTH_GROUP = "youth_group"


ORGANISATION_KIND_LABELS = {
    OrganisationKind.COMMISSIONER: "Commissioner",
    OrganisationKind.PROVIDER: "Provider",
    OrganisationKind.VOLUNTARY: "Voluntary sector",
    OrganisationKind.YOUTH_GROUP: "Youth group",
}

SERVICE_CATEGORIES = [
    "Mental health and emotional wellbeing",
    "School nursing",
    "Health visiting",
    "0 to 19 Healthy Child Programme",
    "Speech and language therapy",
    "Community paediatrics",
    "Short breaks for disabled children",
    "Care leavers' support",
    "Counselling",
    "Youth services",
    "Sexual health",
    "Substance misuse",
    "Advocacy",
    "Neurodevelopmental (autism and ADHD)",
    "Early help",
    "Other",
]

COHORTS = {
    "send": "Special educational needs and disabilities (SEND)",
    "looked_after": "Children in care",
    "care_leavers": "Care leavers",
    "young_carers": "Young carers",
    "youth_justice": "Young people in the youth justice system",
    "uasc": "Unaccompanied asylum-seeking children",
    "child_protection": "Children on child protection plans",
    "first_1000_days": "First 1000 days (0 to 2)",
    "transition": "Moving to adult services (16 to 25)",
}


class Area(TimestampMixin, Base):
    """A place in one geography. Geographies do not nest neatly, so the parent is optional."""

    __tablename__ = "areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"))
    archived_at: Mapped[datetime | None]

    parent: Mapped[Area | None] = relationship(remote_side=[id])

    @property
    def kind_label(self) -> str:
        return AREA_KIND_LABELS.get(AreaKind(self.kind), self.kind)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Organisation(TimestampMixin, Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(20))
    archived_at: Mapped[datetime | None]
    # Who the escalation ladder tells when a promise this organisation owns is long overdue
    # (one of its own staff; none named: all of its staff are told).
    # use_alter: users also point here (users.organisation_id), so this one breaks the cycle
    # when SQLAlchemy sorts the tables.
    lead_contact_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", use_alter=True))

    lead_contact: Mapped[User | None] = relationship(foreign_keys=[lead_contact_id])

    @property
    def kind_label(self) -> str:
        return ORGANISATION_KIND_LABELS.get(OrganisationKind(self.kind), self.kind)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


service_areas = Table(
    "service_areas",
    Base.metadata,
    Column("service_id", ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
    Column("area_id", ForeignKey("areas.id", ondelete="CASCADE"), primary_key=True),
)


class Service(TimestampMixin, Base):
    """What young people experience: CAMHS, school nursing, short breaks, care leavers' support."""

    __tablename__ = "services"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    category: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="")
    # How a young person reaches the service, shown on the public help page.
    contact: Mapped[str] = mapped_column(Text, default="")
    min_age: Mapped[int] = mapped_column(default=0)
    max_age: Mapped[int] = mapped_column(default=25)
    cohorts: Mapped[list[str]] = mapped_column(JSON, default=list)
    safeguarding_lead_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The commissioner for this service, told when one of its promises is long overdue (none
    # named: every commissioner is told).
    commissioner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    archived_at: Mapped[datetime | None]

    provider: Mapped[Organisation] = relationship(lazy="joined")
    safeguarding_lead: Mapped[User | None] = relationship(foreign_keys=[safeguarding_lead_id])
    commissioner: Mapped[User | None] = relationship(foreign_keys=[commissioner_id])
    areas: Mapped[list[Area]] = relationship(secondary=service_areas, order_by="Area.name")

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def age_range(self) -> str:
        return f"{self.min_age} to {self.max_age}"

    @property
    def cohort_labels(self) -> list[str]:
        return [COHORTS.get(c, c) for c in self.cohorts or []]


class ServiceOldSlug(Base):
    """A public address a service had before it was renamed: printed posters still point at
    it, so it redirects (301) to the service's address today."""

    __tablename__ = "service_old_slugs"

    slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="CASCADE"),
                                            index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
