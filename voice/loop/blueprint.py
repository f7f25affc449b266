"""The loop's blueprint: public action cards, /check and the "you said, we did" board; staff
moderation, safeguarding, commitments, card links and notifications.

URL rules live in :mod:`voice.loop.views_public` and :mod:`voice.loop.views_staff`, imported at
the end of this module so that they register on ``bp``.
"""

from __future__ import annotations

from flask import Blueprint
from flask_babel import gettext

from voice.auth.roles import ALL_ROLES, MANAGERS, Role
from voice.loop.models import COMMITMENT_STATUS_LABELS, CommitmentStatus
from voice.loop.rag import RAG, RAG_LABELS, RAG_SHORT
from voice.templating import add_nav

bp = Blueprint("loop", __name__, template_folder="templates")

COMMITMENT_READERS = MANAGERS | {Role.COMMISSIONER, Role.PROVIDER}
SAFEGUARDING_READERS = MANAGERS | {Role.SAFEGUARDING}

add_nav("Moderation", "loop.moderation", MANAGERS)
add_nav("Safeguarding", "loop.safeguarding", SAFEGUARDING_READERS)
add_nav("You said, we did", "loop.commitments", COMMITMENT_READERS)
add_nav("Action cards", "loop.card_links", MANAGERS)
add_nav("Notifications", "loop.notifications", ALL_ROLES)


def _rag(value) -> RAG:
    try:
        return RAG(value)
    except ValueError:
        return RAG.NONE


@bp.app_template_filter("rag_label")
def rag_label(value) -> str:
    """The words that always go with a RAG colour (in the page's language)."""
    return gettext(RAG_LABELS[_rag(value)])


@bp.app_template_filter("rag_short")
def rag_short(value) -> str:
    return RAG_SHORT[_rag(value)]


@bp.app_template_filter("rag_class")
def rag_class(value) -> str:
    return f"rag rag--{_rag(value).value}"


@bp.app_template_filter("commitment_status")
def commitment_status(value) -> str:
    try:
        return gettext(COMMITMENT_STATUS_LABELS[CommitmentStatus(value)])
    except ValueError:
        return str(value)


from voice.loop import (  # noqa: E402,F401  (register routes)
    demo,
    jobs,
    views_delete,
    views_public,
    views_queue,
    views_replies,
    views_staff,
)
