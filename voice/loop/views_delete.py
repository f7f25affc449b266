""""Delete my card": a young person with a follow-up code takes their action card back.

``POST /check/delete`` with the code shows what deleting does and asks to be sure; the same
address with the signed confirmation token deletes (:func:`voice.loop.withdrawal.delete_card`).
The code travels only in form bodies, never in an address. Wrong codes are limited like
``/check`` (per address, and every try at one code), and get a plain 404 page.
"""

from __future__ import annotations

from flask import current_app, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from voice.auth.roles import public
from voice.db import db
from voice.extensions import csrf
from voice.loop import codes
from voice.loop.blueprint import bp
from voice.loop.cards import find_card_by_code
from voice.loop.limits import DELETE_FAILURES, DELETE_PER_CODE, any_exceeded, count_all
from voice.loop.withdrawal import confirm_token, delete_card, is_confirmed
from voice.ratelimits import hashed_part


def _unavailable(status: int, title: str, lede: str, more: str | None = None):
    return render_template("loop/public/delete_unavailable.html", title=title, lede=lede,
                           more=more, again_url=url_for("loop.check"),
                           again_text=gettext("Check what happened to a card")), status


@bp.post("/check/delete")
@csrf.exempt
@public
def delete_card_page():
    raw = (request.form.get("code") or "")[:100]
    code = codes.normalise(raw)
    if any_exceeded(DELETE_FAILURES):
        return _unavailable(429, gettext("Please wait"), gettext(
            "Too many codes have been tried from here. Wait a few minutes, then try again."))
    code_key = hashed_part("delete", code)
    if DELETE_PER_CODE.exceeded(code_key):
        return _unavailable(429, gettext("Please wait"), gettext(
            "This code has been tried many times recently. Please try again in an hour."))
    DELETE_PER_CODE.count(code_key)
    secret = current_app.config["SECRET_KEY"]
    card = find_card_by_code(db.session, code, secret=secret)
    if card is None:
        count_all(DELETE_FAILURES)
        return _unavailable(404, gettext("We can't find that card"), gettext(
            "It may have been deleted already, or a letter of the code may be wrong."),
            gettext("Check the code and try again."))
    if not is_confirmed(secret, request.form.get("confirm"), code):
        # First time: what deleting does. A confirmation too old to trust: the same page again.
        return render_template("loop/public/delete_card.html", card=card,
                               code=codes.display(code), confirm=confirm_token(secret, code),
                               again=bool(request.form.get("confirm")))
    try:
        result = delete_card(db.session, card)
        db.session.commit()
    except (StaleDataError, IntegrityError, OperationalError):
        # Pressed twice: the other press deleted it first (on SQLite the second write then
        # fails at once). Say it is done, as it is.
        db.session.rollback()
        if find_card_by_code(db.session, code, secret=secret) is not None:
            raise
        return render_template("loop/public/card_deleted.html", kept=None)
    return render_template("loop/public/card_deleted.html", kept=result.kept_for_lead > 0)
