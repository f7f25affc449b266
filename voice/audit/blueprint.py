"""The audit log, for administrators."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from voice.audit.services import list_events
from voice.auth.roles import Role, roles_required
from voice.db import db
from voice.templating import add_nav

bp = Blueprint("audit", __name__, template_folder="templates")

add_nav("Audit log", "audit.events", {Role.ADMIN})

PER_PAGE = 50


@bp.get("/admin/audit")
@roles_required(Role.ADMIN)
def events():
    page = request.args.get("page", 1, type=int) or 1
    page = max(1, min(page, 100_000))
    action = (request.args.get("action") or "").strip()[:80] or None
    items, total = list_events(db.session, page=page, per_page=PER_PAGE, action=action)
    pages = max(1, -(-total // PER_PAGE))
    return render_template("audit/events.html", events=items, total=total, page=page,
                           pages=pages, action=action or "")
