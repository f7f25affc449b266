"""Pages for young people: action cards, follow-up codes, /check and the public board.

No account, no JavaScript, no cookie: the card and /check forms are exempt from session CSRF
and carry a signed form token instead (which also makes sending a card idempotent).
"""

from __future__ import annotations

import io
import logging
import secrets

from flask import Response, abort, current_app, render_template, request
from flask_babel import gettext
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from voice.auth.roles import public
from voice.db import db
from voice.directory.models import Area, Service
from voice.directory.services import area_with_descendants
from voice.easy_read import is_easy_read
from voice.errors import InvalidState, bad_request
from voice.extensions import csrf
from voice.hardening import BLIP_MESSAGE, keep_answers_on_blip
from voice.loop import codes
from voice.loop.blueprint import bp
from voice.loop.cards import (
    CardInput,
    CardLink,
    CardProblem,
    CodeUnavailable,
    card_by_submission,
    card_journey,
    find_card_by_code,
    find_link,
    issue_followup_code,
    submit_card,
)
from voice.loop.commitments import has_inspection_source, public_board, young_people_counts
from voice.loop.forms import CardForm, CheckForm
from voice.loop.limits import (
    CARD_SUBMISSIONS,
    CHECK_FAILURES,
    CHECK_PER_CODE,
    any_exceeded,
    count_all,
)
from voice.loop.models import Commitment, Notification
from voice.qr import display_url, qr_svg
from voice.ratelimits import hashed_part

log = logging.getLogger(__name__)

FORM_SALT = "voice-card-form"
BOARD_PER_PAGE = 10
# Easy read shows fewer promises and answers a page: each says more, in bigger text, and the
# page stays within the public budget (benchmarks/bench_survey_page.py).
EASY_READ_PER_PAGE = 5
EASY_READ_ANSWERS = 3


# ---- the signed form token -------------------------------------------------------------------

def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=FORM_SALT)


def _new_form_token(link: CardLink) -> str:
    return _signer().dumps({"l": link.token, "n": secrets.token_urlsafe(18)})


def _nonce(link: CardLink, token: str | None) -> str:
    """The form's one-time key, or a 400 if the token is missing or was changed."""
    try:
        data = _signer().loads(token or "")
    except BadSignature:
        raise bad_request(gettext("This card form is not complete or was changed. Go back to "
                                  "the card page, reload it and send your card again.")) from None
    if not isinstance(data, dict) or data.get("l") != link.token or not isinstance(data.get("n"), str):
        raise bad_request(gettext("This form belongs to a different card page. Go back, reload "
                                  "the page and send your card again."))
    return data["n"]


def _link_or_page(card_token: str):
    link = find_link(db.session, card_token)
    if link is None:
        return None, (render_template("loop/public/card_unavailable.html", paused=False), 404)
    if link.is_paused or link.service.is_archived:
        return None, (render_template("loop/public/card_unavailable.html", paused=True,
                                      service=link.service), 200)
    return link, None


# ---- action cards ----------------------------------------------------------------------------

@bp.route("/card/<card_token>", methods=["GET", "POST"])
@csrf.exempt
@public
def card(card_token: str):
    link, unavailable = _link_or_page(card_token)
    if unavailable:
        return unavailable
    if request.method == "GET":
        form = CardForm()
        form.form_token.data = _new_form_token(link)
        return render_template("loop/public/card.html", form=form, link=link)

    form = CardForm(request.form)
    # If the database fails from here on, the card comes back with every word (503).
    keep_answers_on_blip(lambda: _card_form(form, link, problem=gettext(BLIP_MESSAGE),
                                            status=503))
    nonce = _nonce(link, form.form_token.data)
    existing = card_by_submission(db.session, f"qr:{nonce}")
    if existing is not None:  # sent twice: it was received the first time
        return _received(link, existing, form.form_token.data)
    if form.contact_website.data:
        return _card_form(form, link, problem=gettext("We could not send your card. Please try again."),
                          status=400)
    data = CardInput(kind=form.kind.data, what=form.what.data, why=form.why.data,
                     age_band=form.age_band.data or None)
    problems = data.errors()
    if problems:
        for name, message in problems.items():
            form[name].errors = [message]
        return _card_form(form, link)
    if any_exceeded(CARD_SUBMISSIONS):
        return _card_form(form, link, status=429, problem=gettext(
            "Lots of cards are being sent from here right now. Wait a minute, then press "
            "\"Send my card\" again. Your words are still in the boxes below."))
    count_all(CARD_SUBMISSIONS)
    try:
        result = submit_card(db.session, link, data, submission_key=nonce)
    except CardProblem as problem:
        if problem.field in form:
            form[problem.field].errors = [problem.message]
        return _card_form(form, link, problem=None if problem.field in form else problem.message)
    except InvalidState:
        db.session.rollback()
        return render_template("loop/public/card_unavailable.html", paused=True,
                               service=link.service), 200
    db.session.commit()
    if result.created and result.is_safeguarding:
        _email_safeguarding_now(result.item.id)
    return _received(link, result.card, form.form_token.data)


def _card_form(form: CardForm, link: CardLink, *, problem: str | None = None, status: int = 200):
    return render_template("loop/public/card.html", form=form, link=link, problem=problem), status


def _received(link: CardLink, card, form_token: str):
    item = card.voice_item
    return render_template("loop/public/received.html", link=link, card=card,
                           form_token=form_token,
                           is_safeguarding=bool(item is not None and item.is_safeguarding),
                           has_code=card.followup_code_hash is not None)


def _email_safeguarding_now(item_id: int) -> None:
    """Best effort: the scheduler's outbox sends it anyway if this fails."""
    from voice.loop.notifications import deliver_pending_email
    from voice.mail import smtp_configured

    if not smtp_configured(current_app.config):
        return
    try:
        ids = db.session.scalars(select(Notification.id).where(
            Notification.dedupe_key == f"safeguarding:{item_id}")).all()
        deliver_pending_email(db.session, current_app.config, notification_ids=ids, timeout=5)
        db.session.commit()
    except Exception:  # never let email trouble spoil the young person's page
        db.session.rollback()
        log.exception("Could not email the safeguarding lead at once; the outbox will retry")


@bp.post("/card/<card_token>/code")
@csrf.exempt
@public
def card_code(card_token: str):
    link = find_link(db.session, card_token)
    if link is None:
        abort(404)
    nonce = _nonce(link, request.form.get("form_token"))
    card = card_by_submission(db.session, f"qr:{nonce}")
    if card is None:
        raise bad_request(gettext("We could not find the card this code is for. Go back to the "
                                  "card page and send your card first."))
    try:
        code = issue_followup_code(db.session, card, secret=current_app.config["SECRET_KEY"],
                                   nonce=nonce)
    except CodeUnavailable as error:
        db.session.rollback()
        return render_template("loop/public/code.html", link=link, code=None,
                               problem=error.message), 200
    db.session.commit()
    return render_template("loop/public/code.html", link=link, code=code, problem=None)


@bp.post("/check/save")
@csrf.exempt
@public
def save_code():
    """The code as a picture or a note to keep. Touches no data: it only draws what it is given,
    so it tells nobody whether a code exists."""
    code = codes.normalise(request.form.get("code"))
    if not codes.is_well_formed(code):
        raise bad_request(gettext("That is not a follow-up code. Go back and try the button "
                                  "again."))
    shown = codes.display(code)
    check_url = f"{current_app.config['BASE_URL']}/check"
    if request.form.get("format") == "png":
        body, mimetype, name = _code_png(shown, check_url), "image/png", "voice-follow-up-code.png"
    else:
        # The note in the page's language (the picture stays English: its font has no Arabic).
        body = "\n\n".join([
            gettext("My Voice follow-up code: %(code)s", code=shown),
            gettext("To see what happened to my card, go to %(address)s and type in the code.",
                    address=check_url),
            gettext("Keep it private: anyone with the code can see what happened to the card "
                    "(but not who wrote it).")]).encode() + b"\n"
        mimetype, name = "text/plain", "voice-follow-up-code.txt"  # Flask adds the charset
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _code_png(shown: str, check_url: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    width, height = 900, 420
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    small, big = ImageFont.load_default(size=34), ImageFont.load_default(size=96)
    draw.rectangle([0, 0, width, 90], fill="#1d4f91")
    draw.text((40, 24), "My Voice follow-up code", fill="white", font=small)
    draw.text((width // 2, 200), shown, fill="#0b0c0c", font=big, anchor="mm")
    draw.text((40, 300), "See what happened to my card at:", fill="#0b0c0c", font=small)
    draw.text((40, 345), check_url, fill="#1d4f91", font=small)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


# ---- /check ----------------------------------------------------------------------------------

@bp.route("/check", methods=["GET", "POST"])
@csrf.exempt
@public
def check():
    if request.method == "GET":
        return render_template("loop/public/check.html", form=CheckForm(), problem=None)
    form = CheckForm(request.form)
    raw = (form.code.data or "").strip()
    if not raw:
        form.code.errors = [gettext("Enter your follow-up code")]
        return render_template("loop/public/check.html", form=form, problem=None)
    if any_exceeded(CHECK_FAILURES):
        return render_template("loop/public/check.html", form=form, problem=gettext(
            "Too many codes have been tried from here. Wait a few minutes, then try again. "
            "Your code is still in the box.")), 429
    code_key = hashed_part("code", codes.normalise(raw[:100]))
    if CHECK_PER_CODE.exceeded(code_key):
        return render_template("loop/public/check.html", form=form, problem=gettext(
            "This code has been checked many times recently. Please try again in an hour. "
            "Your code is still in the box.")), 429
    CHECK_PER_CODE.count(code_key)
    card = find_card_by_code(db.session, raw[:100], secret=current_app.config["SECRET_KEY"])
    if card is None:
        count_all(CHECK_FAILURES)
        form.code.errors = [gettext("We can't find that code. Check it and try again.")]
        return render_template("loop/public/check.html", form=form, problem=None)
    journey = card_journey(db.session, card)
    from voice.loop.replies import card_status

    return render_template("loop/public/journey.html", journey=journey,
                           status=card_status(db.session, card),
                           code=codes.display(codes.normalise(raw)))


# ---- the public board ------------------------------------------------------------------------

def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def _board_context(commitments: list[Commitment], *, service_id: int | None = None,
                   area_ids: list[int] | None = None) -> dict:
    from voice.loop.replies import board_answers

    ids = [c.id for c in commitments]
    return {"counts": young_people_counts(db.session, ids),
            "from_inspections": has_inspection_source(db.session, ids),
            "answers": board_answers(db.session, service_id=service_id, area_ids=area_ids,
                                     limit=EASY_READ_ANSWERS if is_easy_read() else 5)}


def _live_services() -> list[Service]:
    return list(db.session.scalars(select(Service).where(
        Service.archived_at.is_(None), Service.id.in_(
            select(Commitment.service_id).where(Commitment.is_public.is_(True))))
        .order_by(Service.name)))


@bp.get("/you-said-we-did")
@public
def board():
    services = _live_services()
    areas = list(db.session.scalars(select(Area).where(Area.archived_at.is_(None))
                                    .order_by(Area.kind, Area.name)))
    chosen_service = None
    slug = request.args.get("service", "")
    if slug:
        chosen_service = next((s for s in services if s.slug == slug), None)
    area_id = _int_arg("area")
    chosen_area = next((a for a in areas if a.id == area_id), None)
    page = max(_int_arg("page") or 1, 1)
    per_page = EASY_READ_PER_PAGE if is_easy_read() else BOARD_PER_PAGE
    commitments, total = public_board(
        db.session, service_id=chosen_service.id if chosen_service else None,
        area_ids=area_with_descendants(db.session, chosen_area.id) if chosen_area else None,
        page=page, per_page=per_page)
    pages = max((total + per_page - 1) // per_page, 1)
    return render_template(
        "loop/public/board.html", commitments=commitments, total=total, page=min(page, pages),
        pages=pages, services=services, areas=areas, chosen_service=chosen_service,
        chosen_area=chosen_area, unknown_service=bool(slug and chosen_service is None),
        **_board_context(commitments, service_id=chosen_service.id if chosen_service else None,
                         area_ids=area_with_descendants(db.session, chosen_area.id)
                         if chosen_area else None))


def _public_service(service_slug: str) -> Service:
    service = db.session.scalar(select(Service).where(Service.slug == service_slug[:80]))
    if service is None or service.is_archived:
        abort(404)
    return service


@bp.get("/you-said-we-did/<service_slug>")
@public
def service_board(service_slug: str):
    service = _public_service(service_slug)
    page = max(_int_arg("page") or 1, 1)
    per_page = EASY_READ_PER_PAGE if is_easy_read() else 20
    commitments, total = public_board(db.session, service_id=service.id, page=page,
                                      per_page=per_page)
    pages = max((total + per_page - 1) // per_page, 1)
    link = _card_link_for(service)
    return render_template("loop/public/service_board.html", service=service,
                           commitments=commitments, total=total, page=min(page, pages),
                           pages=pages, card_link=link,
                           **_board_context(commitments, service_id=service.id))


def _card_link_for(service: Service) -> CardLink | None:
    return db.session.scalar(select(CardLink).where(
        CardLink.service_id == service.id, CardLink.is_paused.is_(False)).order_by(CardLink.id).limit(1))


@bp.get("/you-said-we-did/<service_slug>/poster")
@public
def service_poster(service_slug: str):
    service = _public_service(service_slug)
    commitments, _ = public_board(db.session, service_id=service.id, per_page=6)
    link = _card_link_for(service)
    card_url = f"{current_app.config['BASE_URL']}/card/{link.token}" if link else None
    return render_template("loop/public/poster.html", service=service, commitments=commitments,
                           card_url=card_url, qr=_qr_svg(card_url) if card_url else None,
                           **_board_context(commitments))


def _qr_svg(url: str) -> str:
    return qr_svg(url, label=gettext("QR code for the action card at %(address)s",
                                     address=display_url(url)))
