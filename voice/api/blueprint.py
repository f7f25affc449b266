"""API v1: read-only JSON summaries for reporting tools, authenticated by area-scoped tokens.

Every view is GET, answers JSON (errors too: see ``voice.create_app``'s handlers for /api/),
and is exempt from session CSRF protection: it never reads the session cookie, only the token.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, g, jsonify, request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from voice.api.auth import token_required
from voice.auth.roles import public
from voice.db import db, utcnow
from voice.directory.models import Area, Service
from voice.directory.services import area_with_descendants
from voice.errors import NotAllowed
from voice.extensions import csrf, limiter
from voice.summaries.filters import FilterErrors, parse_selection, resolve_scope, services_serving
from voice.summaries.formatting import is_numeric
from voice.summaries.periods import london_today
from voice.summaries.summary import TABLE_KEYS, build_summary
from voice.summaries.suppression import display, is_suppressed

bp = Blueprint("api", __name__, url_prefix="/api/v1", template_folder="templates")
csrf.exempt(bp)

RATE = "120 per minute"


def _problem(status: int, error: str, detail: str = "", **extra: Any):
    response = jsonify({"error": error, "detail": detail, **extra})
    response.status_code = status
    return response


def _token_area_ids() -> list[int]:
    return [area.id for area in g.api_token.areas]


def _summary() -> tuple[dict[str, Any] | None, Any]:
    """The summary for the request's filters within the token's areas, or an error response."""
    try:
        selection = parse_selection(db.session, request.args, london_today())
    except FilterErrors as error:
        return None, _problem(400, "Those filters cannot be used",
                              "; ".join(error.errors.values()), problems=error.errors)
    try:
        scope = resolve_scope(db.session, selection.filters, token_area_ids=_token_area_ids())
    except NotAllowed as error:
        return None, _problem(403, "Outside this token's areas", error.message)
    doc = build_summary(db.session, selection, scope, today=london_today(), now=utcnow())
    return doc, None


def api_table(table: dict[str, Any]) -> dict[str, Any]:
    """A table for machines: page-only keys dropped, hidden figures null with a reason, and
    never young people's words (the reading rule: the API returns figures only)."""
    from voice.summaries.summary import without_words

    table = without_words(table)
    numeric = [c["key"] for c in table["columns"] if is_numeric(c)]

    def row(source: dict[str, Any] | None) -> dict[str, Any] | None:
        if source is None:
            return None
        out: dict[str, Any] = {}
        for column in table["columns"]:
            value = source.get(column["key"])
            out[column["key"]] = None if is_suppressed(value) else value
            if column["key"] in numeric:
                out[f"{column['key']}_hidden"] = display(value) if is_suppressed(value) else None
        return out

    return {"key": table["key"], "title": table["title"], "description": table["description"],
            "columns": table["columns"], "rows": [row(r) for r in table["rows"]],
            "total": row(table.get("total"))}


@bp.get("/openapi.json")
@public
def openapi():
    from voice.api.openapi import document

    base = current_app.config.get("BASE_URL") or request.host_url
    response = jsonify(document(base))
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.get("/summary")
@token_required
@limiter.limit(RATE)
def summary():
    doc, error = _summary()
    if error is not None:
        return error
    return _no_store(jsonify({
        "scope": doc["scope"]["description"], "filters": doc["scope"]["filters"],
        "period": doc["period"], "comparison": doc["comparison"],
        "summary_text": doc["summary_text"], "generated_at": doc["generated_at"],
        "tables": {key: api_table(doc["tables"][key]) for key in TABLE_KEYS},
    }))


@bp.get("/tables")
@token_required
@limiter.limit(RATE)
def tables():
    from flask import url_for

    return _no_store(jsonify([{"key": key, "path": url_for("api.table", name=key)}
                              for key in TABLE_KEYS]))


@bp.get("/tables/<name>")
@token_required
@limiter.limit(RATE)
def table(name: str):
    if name not in TABLE_KEYS:
        abort(404)
    doc, error = _summary()
    if error is not None:
        return error
    return _no_store(jsonify({**api_table(doc["tables"][name]),
                              "scope": doc["scope"]["description"], "period": doc["period"],
                              "comparison": doc["comparison"]}))


@bp.get("/areas")
@token_required
@limiter.limit(RATE)
def areas():
    ids: set[int] = set()
    for area_id in _token_area_ids():
        ids |= area_with_descendants(db.session, area_id)
    found = db.session.scalars(select(Area).where(Area.id.in_(sorted(ids)))
                               .order_by(Area.kind, Area.name)).all()
    return _no_store(jsonify([{"id": a.id, "name": a.name, "kind": a.kind,
                               "parent_id": a.parent_id} for a in found]))


@bp.get("/services")
@token_required
@limiter.limit(RATE)
def services():
    ids: set[int] = set()
    for area_id in _token_area_ids():
        ids |= area_with_descendants(db.session, area_id)
    service_ids = services_serving(db.session, ids)
    found = db.session.scalars(
        select(Service).options(selectinload(Service.areas))
        .where(Service.id.in_(sorted(service_ids)), Service.archived_at.is_(None))
        .order_by(Service.name)).all()
    return _no_store(jsonify([{"id": s.id, "name": s.name, "provider": s.provider.name,
                               "provider_id": s.provider_id, "category": s.category,
                               "area_ids": [a.id for a in s.areas]} for s in found]))


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response
