"""What other packages may show about a service's inspections: only published summaries.

Plain frozen dataclasses, no database objects, so callers (for example the "you said, we did"
board at ``/you-said-we-did/<slug>``) cannot reach anything that was not approved for the
public. Young inspectors are never named here: the public credit is always "the young
inspectors".

    from inspectors.services.summary import latest_published_summary
    summary = latest_published_summary(session, service.id)
    if summary: ...  # summary.summary, summary.standards, summary.url
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from inspectors.models import (
    RATING_LABELS,
    HighlightKind,
    Inspection,
    InspectionState,
    Rating,
)
from inspectors.services.comparison import rating_counts
from inspectors.services.inspections import team_ratings
from voice.templating import LONDON


@dataclass(frozen=True)
class PublishedStandard:
    code: str
    title: str
    wording: str
    rating: str | None        # "red", "amber", "green", or None when the team could not check
    rating_label: str         # "Red", "Amber", "Green" or "Not checked"


@dataclass(frozen=True)
class PublishedRecommendation:
    text: str
    response: str | None      # "accepted", "partly", "declined" or None (no reply yet)
    response_label: str
    response_text: str
    response_by: date | None
    commitment_id: int | None


@dataclass(frozen=True)
class PublishedSummary:
    inspection_id: int
    service_id: int
    service_name: str
    service_slug: str
    framework_name: str
    method: str
    method_label: str
    visited_on: date
    published_on: date
    summary: str
    is_follow_up: bool
    certificate_awarded: bool
    standards: tuple[PublishedStandard, ...]
    strengths: tuple[str, ...]
    recommendations: tuple[PublishedRecommendation, ...]
    counts: dict[str, int]    # {"red": n, "amber": n, "green": n}
    url: str                  # the public page, for a link
    certificate_url: str | None


def _summary(session: Session, inspection: Inspection) -> PublishedSummary:
    ratings = team_ratings(session, inspection)
    standards = []
    for s in inspection.framework.standards:
        row = ratings.get(s.id)
        value = row.rating if row is not None else None
        standards.append(PublishedStandard(
            s.code, s.title, s.wording, value,
            RATING_LABELS[Rating(value)] if value else "Not checked"))
    recs = tuple(PublishedRecommendation(
        r.text, r.response, r.response_label if r.response else "The service has not replied yet",
        r.response_text if r.response else "", r.response_by, r.commitment_id)
        for r in inspection.recommendations)
    slug = inspection.service.slug
    url = f"/services/{slug}/inspections#inspection-{inspection.id}"
    return PublishedSummary(
        inspection_id=inspection.id, service_id=inspection.service_id,
        service_name=inspection.service.name, service_slug=slug,
        framework_name=inspection.framework.name, method=inspection.method,
        method_label=inspection.method_label, visited_on=inspection.visit_from,
        published_on=inspection.published_at.astimezone(LONDON).date(),
        summary=inspection.summary, is_follow_up=inspection.is_follow_up,
        certificate_awarded=inspection.certificate_awarded, standards=tuple(standards),
        strengths=tuple(h.text for h in inspection.highlights
                        if h.kind == HighlightKind.STRENGTH),
        recommendations=recs,
        counts=rating_counts(Rating(s.rating) if s.rating else None for s in standards),
        url=url,
        certificate_url=(f"/services/{slug}/inspections/{inspection.id}/certificate"
                         if inspection.certificate_awarded else None),
    )


def _published(session: Session, service_id: int):
    return session.scalars(
        select(Inspection)
        .where(Inspection.service_id == service_id,
               Inspection.state == InspectionState.PUBLISHED)
        .options(selectinload(Inspection.recommendations), selectinload(Inspection.highlights))
        .order_by(Inspection.published_at.desc(), Inspection.id.desc()))


def published_summaries(session: Session, service_id: int) -> list[PublishedSummary]:
    """Every published inspection summary for the service, newest first."""
    return [_summary(session, i) for i in _published(session, service_id)]


def latest_published_summary(session: Session, service_id: int) -> PublishedSummary | None:
    """The newest published inspection summary for the service, or None."""
    inspection = _published(session, service_id).first()
    return _summary(session, inspection) if inspection is not None else None


__all__ = ["PublishedRecommendation", "PublishedStandard", "PublishedSummary",
           "latest_published_summary", "published_summaries"]
