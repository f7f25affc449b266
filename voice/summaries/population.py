"""Who uses each service, as the participation team knows it, so summaries can show gaps.

The figures are how many young people the service works with in each group (from its caseload,
or the census for a universal service). They are entered by the participation team and kept per
service; summaries add them up over the services in scope.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from voice.audit.services import record
from voice.auth.models import User
from voice.auth.roles import MANAGERS
from voice.directory.models import Service
from voice.errors import NotAllowed, VoiceError
from voice.summaries.models import ServicePopulation
from voice.summaries.summary import DIMENSIONS

MAX_PEOPLE = 10_000_000


class PopulationError(VoiceError):
    pass


def population_fields() -> list[tuple[str, str, str, str]]:
    """(dimension, dimension label, category, category label) for every figure one can enter."""
    return [(dim, label, key, cat_label) for dim, (label, categories) in DIMENSIONS.items()
            for key, cat_label in categories]


def figures_for(session: Session, service: Service) -> dict[tuple[str, str], ServicePopulation]:
    rows = session.scalars(select(ServicePopulation).where(
        ServicePopulation.service_id == service.id))
    return {(row.dimension, row.category): row for row in rows}


def coverage(session: Session) -> dict[int, int]:
    """How many figures each service has (for the list page)."""
    rows = session.execute(select(ServicePopulation.service_id, func.count())
                           .group_by(ServicePopulation.service_id)).all()
    return {sid: int(n) for sid, n in rows}


def save_population(session: Session, actor: User, service: Service,
                    figures: Mapping[tuple[str, str], int | None], *, source: str = "",
                    as_of: date | None = None) -> int:
    """Set a service's population figures. A blank figure removes that one. Returns how many
    figures changed."""
    if actor.role not in MANAGERS:
        raise NotAllowed("Only the participation team can enter population figures")
    known = {(dim, key) for dim, _, key, _ in population_fields()}
    existing = figures_for(session, service)
    changed: dict[str, list] = {}
    for key, value in figures.items():
        if key not in known:
            raise PopulationError("Enter figures only for the groups on the form")
        if value is not None and not 0 <= value <= MAX_PEOPLE:
            raise PopulationError(f"Enter a number of people from 0 to {MAX_PEOPLE:,}")
        row = existing.get(key)
        name = f"{key[0]}.{key[1]}"
        if value is None:
            if row is not None:
                changed[name] = [row.people, None]
                session.delete(row)
            continue
        if row is None:
            session.add(ServicePopulation(service_id=service.id, dimension=key[0],
                                          category=key[1], people=value, source=source.strip(),
                                          as_of=as_of, updated_by_id=actor.id))
            changed[name] = [None, value]
        elif row.people != value or row.source != source.strip() or row.as_of != as_of:
            if row.people != value:
                changed[name] = [row.people, value]
            row.people, row.source, row.as_of = value, source.strip(), as_of
            row.updated_by_id = actor.id
    session.flush()
    if changed:
        record(session, actor, "summary.population_updated", target=service, changes=changed,
               source=source.strip(), as_of=as_of.isoformat() if as_of else None)
    return len(changed)
