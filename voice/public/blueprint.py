"""Pages anyone can see: the start page, help now, privacy, accessibility and the health check."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select, text

from voice.auth.roles import public
from voice.db import db
from voice.directory.models import Service

bp = Blueprint("public", __name__, template_folder="templates")


@bp.get("/")
@public
def home():
    if current_user.is_authenticated:
        return redirect(url_for("auth.dashboard"))
    return render_template("public/home.html")


@bp.get("/help")
@public
def help():
    services = db.session.scalars(
        select(Service).where(Service.archived_at.is_(None), Service.contact != "")
        .order_by(Service.name)
    ).all()
    return render_template("public/help.html", services=services)


@bp.get("/privacy")
@public
def privacy():
    return render_template("public/privacy.html")


@bp.get("/accessibility")
@public
def accessibility():
    return render_template("public/accessibility.html")


@bp.get("/healthz")
@public
def healthz():
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy"; the reason goes to the log
        current_app.logger.exception("Health check failed")
        return {"status": "unavailable", "database": "error"}, 503
    return {"status": "ok", "database": "ok"}
