"""Helpers shared by the inspectors views: loading objects safely and reading form values."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from inspectors.models import Inspection
from inspectors.services import access
from inspectors.services.errors import NotAllowed, NotFound
from voice.auth.roles import deny
from voice.db import db


def load_inspection(inspection_id: int) -> Inspection:
    """The inspection, or 404 if there is none, or 403 (audited) if this user may not see it."""
    try:
        return access.get_inspection_for(db.session, current_user, inspection_id)
    except NotFound:
        abort(404)
    except NotAllowed as error:
        deny(error.message)


def or_404(model, obj_id: int):
    obj = db.session.get(model, obj_id)
    if obj is None:
        abort(404)
    return obj


def form_int(value) -> int | None:
    """An id from a form or query string; None when missing or not a number."""
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None
