from __future__ import annotations

from flask import Blueprint

bp = Blueprint("summaries", __name__, url_prefix="/summaries", template_folder="templates")
