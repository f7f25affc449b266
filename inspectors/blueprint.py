"""Young inspectors: frameworks, inspector accounts, inspections and reports (staff pages),
and each service's published inspection summaries (public pages).

URL rules live in :mod:`inspectors.views`, imported at the end of this module so that they
register on ``bp``; importing :mod:`inspectors.demo` registers the demo step.
"""

from __future__ import annotations

from flask import Blueprint, current_app, url_for
from werkzeug.routing import BuildError

from inspectors.models import (
    AGE_BAND_LABELS,
    HOURS_ACTIVITIES,
    NAME_PREFERENCE_LABELS,
    RESPONSE_LABELS,
    REWARD_LABELS,
)
from voice.auth.roles import MANAGERS, Role
from voice.templating import add_nav

bp = Blueprint("inspectors", __name__, template_folder="templates")

LABELS = {
    "age": {k.value: v for k, v in AGE_BAND_LABELS.items()},
    "activity": HOURS_ACTIVITIES,
    "name": {k.value: v for k, v in NAME_PREFERENCE_LABELS.items()},
    "response": {k.value: v for k, v in RESPONSE_LABELS.items()},
    "reward": {k.value: v for k, v in REWARD_LABELS.items()},
}
INSPECTION_READERS = MANAGERS | {Role.PROVIDER, Role.INSPECTOR, Role.COMMISSIONER}

add_nav("Inspections", "inspectors.inspections", INSPECTION_READERS)
add_nav("Young inspectors", "inspectors.people", MANAGERS)
add_nav("Frameworks", "inspectors.frameworks", MANAGERS)
add_nav("My details", "inspectors.my_details", {Role.INSPECTOR})

from inspectors import today as _today  # noqa: E402,F401  (registers its part of /home)


@bp.context_processor
def _helpers():
    def commitment_url(commitment_id: int | None) -> str | None:
        """The loop's page for a commitment, when the loop has one."""
        if commitment_id is None or "loop.commitment" not in current_app.view_functions:
            return None
        try:
            return url_for("loop.commitment", commitment_id=commitment_id)
        except BuildError:
            return None

    return {"commitment_url": commitment_url, "labels": LABELS}


from inspectors import demo  # noqa: E402,F401  (registers the demo step)
from inspectors.views import (  # noqa: E402,F401  (register routes)
    frameworks,
    inspections,
    people,
    public,
    reports,
)
