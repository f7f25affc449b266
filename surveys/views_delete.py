""""Changed your mind? Delete my answers": the thank-you page's receipt, for 7 days.

``GET /s/<token>/thanks/<receipt>/delete`` says what deleting does and asks to be sure; ``POST``
to the same address with the signed confirmation token deletes
(:func:`surveys.receipts.delete_own_response`). Wrong receipts are limited like ``/check`` and
get a plain 404 page; a receipt older than the 7 days gets 410.
"""

from __future__ import annotations

from flask import current_app, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from surveys import receipts, submission
from surveys.blueprint import board_url, bp
from voice.auth.roles import public
from voice.db import db, utcnow
from voice.directory.models import Service
from voice.extensions import csrf
from voice.loop.limits import DELETE_FAILURES, DELETE_PER_CODE, any_exceeded, count_all
from voice.loop.withdrawal import confirm_token, is_confirmed
from voice.ratelimits import hashed_part


def _unavailable(status: int, title: str, lede: str, more: str | None = None):
    return render_template("surveys/public/delete_unavailable.html", title=title, lede=lede,
                           more=more), status


@bp.route("/s/<link_token>/thanks/<receipt>/delete", methods=["GET", "POST"])
@csrf.exempt
@public
def delete_answers(link_token: str, receipt: str):
    receipt = (receipt or "")[:64]
    if any_exceeded(DELETE_FAILURES):
        return _unavailable(429, gettext("Please wait"), gettext(
            "Too many tries have come from here. Wait a few minutes, then try again."))
    key = hashed_part("receipt", receipt)
    if DELETE_PER_CODE.exceeded(key):
        return _unavailable(429, gettext("Please wait"), gettext(
            "These answers have been tried many times recently. Please try again in an hour."))
    DELETE_PER_CODE.count(key)
    secret = current_app.config["SECRET_KEY"]
    link = submission.find_link(db.session, link_token)
    response = receipts.find_by_receipt(db.session, secret, receipt) if link else None
    if response is None or response.link_id != link.id:
        count_all(DELETE_FAILURES)
        return _unavailable(404, gettext("We can't find these answers"), gettext(
            "They may have been deleted already, or the address may not be complete."),
            gettext("Check you copied all of the address, then try again."))
    if not receipts.can_delete(response, utcnow()):
        return _unavailable(410, gettext("It's too late to delete these answers"), gettext(
            "You could delete your answers for 7 days after you sent them. That time has "
            "passed."), gettext(
            "We don't know who you are, so we can't tell which answers were yours any more. "
            "Nothing you wrote is shown publicly until a person has checked it and taken out "
            "anything that could name you."))
    thanks_url = url_for("surveys.thanks", link_token=link.token, receipt=receipt)
    if request.method == "GET" or not is_confirmed(secret, request.form.get("confirm"), receipt):
        return render_template(
            "surveys/public/delete.html", link=link, receipt=receipt, thanks_url=thanks_url,
            last_day=receipts.last_day_to_delete(response), confirm=confirm_token(secret, receipt),
            again=request.method == "POST")
    service_id = link.service_id
    try:
        result = receipts.delete_own_response(db.session, response)
        db.session.commit()
        kept = result.kept_for_lead > 0
    except (StaleDataError, IntegrityError, OperationalError):
        # Pressed twice: the other press deleted them first (on SQLite the second write then
        # fails at once). Say it is done, as it is.
        db.session.rollback()
        if receipts.find_by_receipt(db.session, secret, receipt) is not None:
            raise
        kept = None
    service = db.session.get(Service, service_id)
    return render_template("surveys/public/deleted.html", service=service,
                           board_url=board_url(service), kept=kept)
