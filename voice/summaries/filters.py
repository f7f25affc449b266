"""What a summary is about: the filters people choose, checked, and turned into a scope.

:func:`parse_selection` reads the query string (the dashboard, the report, exports and the API
all use the same parameters) and collects every problem in plain words; it never raises
anything but :class:`FilterErrors`. :func:`resolve_scope` turns checked filters into the sets
of ids the queries use, applying who the reader is (a provider sees only their own services, an
API token only its areas).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from voice.ages import AGE_GROUPS
from voice.auth.models import User
from voice.auth.roles import Role
from voice.directory.models import COHORTS, Area, Organisation, Service, service_areas
from voice.directory.services import area_with_descendants
from voice.errors import VoiceError
from voice.summaries import periods
from voice.summaries.periods import Period, PeriodError

# How feedback reached us. Survey links and voice items use the first five; action cards are
# raised by QR code or on paper.
CHANNELS: dict[str, str] = {
    "poster": "Poster",
    "card": "Card",
    "text": "Text message",
    "email": "Email",
    "website": "Website",
    "qr": "Action card by QR code",
    "paper": "Action card on paper",
    "inspection": "Young inspectors' visit",
}

FILTER_FIELDS = ("area", "service", "provider", "cohort", "age_band", "channel")


class FilterErrors(VoiceError):
    """One or more filters cannot be used. ``errors`` maps each field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class Filters:
    area: int | None = None
    service: int | None = None
    provider: int | None = None
    cohort: str | None = None
    age_band: str | None = None
    channel: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Filters:
        return cls(**{k: data.get(k) for k in FILTER_FIELDS})

    def key(self) -> str:
        """A stable name for this scope (same filters, same key), for snapshots and digests."""
        canonical = json.dumps(self.as_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    @property
    def is_whole_system(self) -> bool:
        return not self.as_dict()


@dataclass(frozen=True)
class Selection:
    """Checked filters with the period and what it is compared with."""

    filters: Filters
    period: Period
    comparison: Period | None
    compare: str = "previous"

    def query_args(self) -> dict[str, Any]:
        """The query string that asks for exactly this selection again."""
        args: dict[str, Any] = dict(self.filters.as_dict())
        if self.period.kind == "custom":
            args.update(period="custom", **{"from": self.period.start.isoformat(),
                                            "to": self.period.end.isoformat()})
        else:
            args["period"] = f"{self.period.kind}:{self.period.value}"
        args["compare"] = self.compare
        if self.compare == "custom" and self.comparison is not None:
            args["compare_from"] = self.comparison.start.isoformat()
            args["compare_to"] = self.comparison.end.isoformat()
        return args


@dataclass(frozen=True)
class Scope:
    """The ids a summary's queries use. ``None`` means "no limit"."""

    filters: Filters
    service_ids: frozenset[int] | None = None
    area_ids: frozenset[int] | None = None
    # Services working in any of ``area_ids`` (for figures that belong to a service, not a place).
    area_service_ids: frozenset[int] | None = None
    age_values: tuple[str, ...] | None = None
    channel: str | None = None
    description: str = "The whole system"
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return (self.service_ids is not None and not self.service_ids) or (
            self.area_service_ids is not None and not self.area_service_ids
            and self.area_ids is not None and not self.area_ids)

    def services_for_service_level(self) -> frozenset[int] | None:
        """Services whose own figures (commitments, inspections, population) are in scope."""
        if self.service_ids is None:
            return self.area_service_ids
        if self.area_service_ids is None:
            return self.service_ids
        return self.service_ids & self.area_service_ids


# ---- parsing -----------------------------------------------------------------------------------

def _int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        return -1
    return number if 0 < number < 2**31 else -1


def parse_selection(session: Session, args: Mapping[str, Any], today: date) -> Selection:
    """Check the filters in ``args``. Raises :class:`FilterErrors` listing every problem."""
    errors: dict[str, str] = {}

    area = _int(args.get("area"))
    if area is not None and session.get(Area, area) is None:
        errors["area"] = "Choose an area from the list"
    service = _int(args.get("service"))
    if service is not None and session.get(Service, service) is None:
        errors["service"] = "Choose a service from the list"
    provider = _int(args.get("provider"))
    if provider is not None and session.get(Organisation, provider) is None:
        errors["provider"] = "Choose a provider from the list"
    cohort = (args.get("cohort") or "").strip() or None
    if cohort is not None and cohort not in COHORTS:
        errors["cohort"] = "Choose a group of young people from the list"
    age_band = (args.get("age_band") or "").strip() or None
    # Commissioners filter by the wider age groups (voice.ages), which cover every stored value.
    if age_band is not None and age_band not in AGE_GROUPS:
        errors["age_band"] = "Choose an age band from the list"
    channel = (args.get("channel") or "").strip() or None
    if channel is not None and channel not in CHANNELS:
        errors["channel"] = "Choose how the feedback reached us from the list"

    period = comparison = None
    compare = (args.get("compare") or "previous").strip()
    kind, _, value = (args.get("period") or "quarter").partition(":")
    try:
        period = periods.parse_period(kind, value or None, args.get("from"), args.get("to"), today)
    except PeriodError as error:
        errors[error.field if error.field in ("from", "to") else "period"] = error.message
    if period is not None:
        try:
            comparison = periods.comparison_for(period, compare, args.get("compare_from"),
                                                args.get("compare_to"), today)
        except PeriodError as error:
            errors[error.field if error.field.startswith("compare_") else "compare"] = error.message

    if errors:
        raise FilterErrors(errors)
    assert period is not None
    filters = Filters(area=area, service=service, provider=provider, cohort=cohort,
                      age_band=age_band, channel=channel)
    return Selection(filters, period, comparison, compare)


def default_selection(today: date) -> Selection:
    period = periods.parse_period("quarter", None, None, None, today)
    return Selection(Filters(), period, periods.comparison_for(period, "previous", None, None,
                                                               today))


# ---- scope -------------------------------------------------------------------------------------

def services_serving(session: Session, area_ids: Iterable[int]) -> frozenset[int]:
    ids = list(area_ids)
    if not ids:
        return frozenset()
    return frozenset(session.scalars(
        select(service_areas.c.service_id).where(service_areas.c.area_id.in_(ids)).distinct()))


def provider_service_ids(session: Session, organisation_id: int | None) -> frozenset[int]:
    return frozenset(session.scalars(
        select(Service.id).where(Service.provider_id == (organisation_id or -1))))


def resolve_scope(session: Session, filters: Filters, *, actor: User | None = None,
                  token_area_ids: Iterable[int] | None = None) -> Scope:
    """The ids behind ``filters`` for this reader.

    A provider's reader is limited to their organisation's services; an API token to its areas
    (and everything inside them). Raises :class:`voice.errors.NotAllowed` when the filters ask
    for something outside what the reader may see.
    """
    from voice.errors import NotAllowed

    labels: dict[str, str] = {}
    service_ids: set[int] | None = None

    def narrow(ids: Iterable[int]) -> None:
        nonlocal service_ids
        ids = set(ids)
        service_ids = ids if service_ids is None else service_ids & ids

    if filters.service is not None:
        service = session.get(Service, filters.service)
        labels["service"] = service.name if service else "Unknown service"
        narrow({filters.service})
    if filters.provider is not None:
        org = session.get(Organisation, filters.provider)
        labels["provider"] = org.name if org else "Unknown provider"
        narrow(provider_service_ids(session, filters.provider))
    if filters.cohort is not None:
        labels["cohort"] = COHORTS[filters.cohort]
        rows = session.execute(select(Service.id, Service.cohorts)).all()
        narrow(sid for sid, cohorts in rows if filters.cohort in (cohorts or []))
    if actor is not None and actor.role == Role.PROVIDER:
        own = provider_service_ids(session, actor.organisation_id)
        if filters.service is not None and filters.service not in own:
            raise NotAllowed("You can only see summaries of your own organisation's services")
        narrow(own)

    area_ids: set[int] | None = None
    if filters.area is not None:
        area = session.get(Area, filters.area)
        labels["area"] = area.name if area else "Unknown area"
        area_ids = area_with_descendants(session, filters.area)
    if token_area_ids is not None:
        allowed: set[int] = set()
        for area_id in token_area_ids:
            allowed |= area_with_descendants(session, area_id)
        if area_ids is None:
            area_ids = allowed
            names = sorted(session.scalars(select(Area.name).where(
                Area.id.in_(list(token_area_ids)))))
            labels["area"] = ", ".join(names)
        elif not area_ids <= allowed:
            raise NotAllowed("This token can only read summaries for its own areas")
        if filters.service is not None and filters.service not in services_serving(session,
                                                                                   allowed):
            raise NotAllowed("This token can only read summaries for services in its areas")
    area_service_ids = services_serving(session, area_ids) if area_ids is not None else None

    if filters.age_band is not None:
        labels["age_band"] = AGE_GROUPS[filters.age_band].label
    if filters.channel is not None:
        labels["channel"] = CHANNELS[filters.channel]
    return Scope(
        filters=filters,
        service_ids=frozenset(service_ids) if service_ids is not None else None,
        area_ids=frozenset(area_ids) if area_ids is not None else None,
        area_service_ids=area_service_ids,
        age_values=AGE_GROUPS[filters.age_band].values if filters.age_band else None,
        channel=filters.channel,
        description=describe(labels, provider_only=actor is not None
                             and actor.role == Role.PROVIDER and filters.service is None),
        labels=labels,
    )


def describe(labels: Mapping[str, str], provider_only: bool = False) -> str:
    """"CAMHS in Northdale Central, 11 to 13, by poster" — or "The whole system"."""
    if not labels:
        return "Your organisation's services" if provider_only else "The whole system"
    parts = []
    if "service" in labels:
        parts.append(labels["service"])
    elif "provider" in labels:
        parts.append(f"Services provided by {labels['provider']}")
    elif provider_only:
        parts.append("Your organisation's services")
    if "cohort" in labels:
        parts.append(f"services for {labels['cohort'].lower()}" if parts
                     else f"Services for {labels['cohort'].lower()}")
    text = ", ".join(parts) if parts else "All services"
    if "area" in labels:
        text += f" in {labels['area']}"
    extras = []
    if "age_band" in labels:
        extras.append(f"young people aged {labels['age_band'].lower()}")
    if "channel" in labels:
        extras.append(f"feedback by {labels['channel'].lower()}")
    if extras:
        text += " (" + ", ".join(extras) + ")"
    return text
