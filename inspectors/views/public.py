"""Public pages: a service's published inspection summaries and its certificate.

No cookies, no JavaScript, no names: only what the participation officer approved.
"""

from __future__ import annotations

from flask import abort, render_template
from sqlalchemy import select

from inspectors.blueprint import bp
from inspectors.models import Inspection
from inspectors.services import followup, summary
from voice.auth.roles import public
from voice.db import db
from voice.directory.models import Service


def _public_service(slug: str) -> Service:
    service = db.session.scalar(select(Service).where(Service.slug == slug[:80]))
    if service is None or service.is_archived:
        abort(404)
    return service


@bp.get("/services/<service_slug>/inspections")
@public
def public_inspections(service_slug: str):
    service = _public_service(service_slug)
    return render_template("inspectors/public_service.html", service=service,
                           summaries=summary.published_summaries(db.session, service.id),
                           histories=followup.service_history(db.session, service.id,
                                                              published_only=True))


@bp.get("/services/<service_slug>/inspections/<int:inspection_id>/certificate")
@public
def public_certificate(service_slug: str, inspection_id: int):
    service = _public_service(service_slug)
    inspection = db.session.get(Inspection, inspection_id)
    if inspection is None or inspection.service_id != service.id or \
            not followup.certificate_available(inspection):
        abort(404)
    published = next(s for s in summary.published_summaries(db.session, service.id)
                     if s.inspection_id == inspection.id)
    return render_template("inspectors/certificate.html", inspection=inspection,
                           available=True, counts=published.counts, public=True)
