"""Survey routes. Public: ``/s/<token>`` (answer) and its thank-you page. Staff: ``/surveys/…``
(builder, links and QR codes, posters, results, exports). Views are thin: they parse, authorise,
call one function in ``operations``, ``submission`` or ``results``, commit and respond."""

from __future__ import annotations

import math
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale, gettext
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import MultiDict

from surveys import (
    content,
    demo,  # noqa: F401  (registers the demo step and the start-up address)
    exports,
    operations,
    receipts,
    results,
    submission,
    translation_form,
)
from surveys import retention as _retention  # noqa: F401  (registers the retention job)
from surveys.answering import Flow, read_answers
from surveys.charts import FFT_COLOURS, bar_chart
from surveys.forms import (
    ConfirmForm,
    DeleteResponseForm,
    FilterForm,
    LinkForm,
    QuestionForm,
    SurveyForm,
    TemplateForm,
)
from surveys.models import Question, Survey, SurveyLink, SurveyResponse
from surveys.public_views import (
    BOARD_AFTER,
    SAFEGUARDING_MESSAGE_FOR,
    honeypot_filled,
    london_today,
    render_page,
    submission_allowed,
    view_allowed,
)
from surveys.questions import (
    ABOUT_DEFAULT_HINT,
    ABOUT_DEFAULT_TEXT,
    ABOUT_KINDS,
    CHOICE_KINDS,
    EDITABLE_OPTION_KINDS,
    FFT_DEFAULT_TEXT,
    FFT_NATIONAL_LABELS,
    KIND_DESCRIPTIONS,
    KIND_LABELS,
    REWORDABLE_KINDS,
    SMILEY_WORDS,
    TEXT_KINDS,
    QuestionKind,
    QuestionSpec,
    Tampered,
    canonical_label,
    default_options,
)
from surveys.submission import LinkState
from surveys.tokens import FormTokenExpired, FormTokenInvalid, make_form_token, read_form_token
from voice import N_
from voice.auth.roles import MANAGERS, deny, public, roles_required
from voice.db import db, utcnow
from voice.directory.models import Area, Service
from voice.easy_read import address_for, chosen_version, is_easy_read
from voice.errors import VoiceError, bad_request
from voice.extensions import counts_own_limits, csrf
from voice.hardening import BLIP_MESSAGE, keep_answers_on_blip
from voice.i18n import DEFAULT as DEFAULT_LANGUAGE
from voice.i18n import LANGUAGES, language_from_link
from voice.privacy import anonymous_client_key
from voice.qr import display_url, qr_png, qr_svg
from voice.summaries import suppression
from voice.templating import add_nav
from voice.words import with_national

bp = Blueprint("surveys", __name__, template_folder="templates")


@bp.app_template_filter("survey_count")
def survey_count(value) -> str:
    """A count as a reader sees it: the number, or "fewer than 5" / "not shown"."""
    return suppression.display(value)

# Public templates show a survey's own words in the page's language and easy-read choice:
# {{ localised(question, "text") }}, {{ option_label(question, value) }} (surveys/content.py).
bp.add_app_template_global(content.page_localised, "localised")
bp.add_app_template_global(content.page_option_label, "option_label")
bp.add_app_template_filter(content.version_name, "version_name")  # staff: "Welsh (Cymraeg)"

READERS = results.READERS
add_nav("Surveys", "surveys.index", READERS)

PRINT_CSS = Path(__file__).parent / "static" / "surveys" / "print.css"


# ---- shared helpers --------------------------------------------------------------------------

def _survey_or_404(survey_id: int) -> Survey:
    survey = db.session.get(Survey, survey_id)
    if survey is None:
        abort(404)
    return survey


def _question_or_404(survey: Survey, survey_question_id: int) -> Question:
    question = db.session.get(Question, survey_question_id)
    if question is None or question.survey_id != survey.id:
        abort(404)
    return question


def _link_or_404(survey: Survey, survey_link_id: int) -> SurveyLink:
    link = db.session.get(SurveyLink, survey_link_id)
    if link is None or link.survey_id != survey.id:
        abort(404)
    return link


def public_url(link: SurveyLink, version: str | None = None) -> str:
    """The address in the QR code: ``BASE_URL/s/<token>``, with ``?lang=…&read=easy`` for a
    version other than English (voice/easy_read.py)."""
    return address_for(f"{current_app.config['BASE_URL']}/s/{link.token}", version)


def board_url(service: Service) -> str:
    """The service's public "you said, we did" page."""
    return f"/you-said-we-did/{service.slug}"


def _field_error(form, error: VoiceError, aliases: dict[str, str] | None = None) -> None:
    """Show a service's message beside the field it is about (or at the top of the page)."""
    name = getattr(error, "field", None)
    name = (aliases or {}).get(name, name)
    field = getattr(form, name, None) if name else None
    if field is not None and hasattr(field, "errors") and field.type != "FieldList":
        field.errors = list(field.errors) + [error.message]
    elif field is not None and field.type == "FieldList" and field.entries:
        first = field.entries[0]
        first.errors = list(first.errors) + [error.message]
    else:
        flash(error.message, "error")


def _question_aliases(kind: QuestionKind) -> dict[str, str]:
    if kind in REWORDABLE_KINDS:
        return {"options": "option_labels"}
    return {"options": "option_lines"}


# ---- public: answering -------------------------------------------------------------------------

def _link_state_page(link, state: LinkState, *, not_sent: bool = False):
    headings = {
        LinkState.UNKNOWN: "Survey not found",
        LinkState.PAUSED: "This survey is paused",
        LinkState.NOT_OPEN_YET: "This survey isn't open yet",
        LinkState.CLOSED: "This survey has closed",
    }
    status = 404 if state is LinkState.UNKNOWN else 200
    return render_template("surveys/public/link_state.html", state=state.value,
                           heading=headings[state], link=link,
                           survey=link.survey if link else None, not_sent=not_sent,
                           board_url=board_url(link.service) if link else None), status


def _form_page(survey, flow, page, answers, errors, form_token, action, **kwargs):
    return render_page(survey=survey, flow=flow, page=page, answers=answers, errors=errors,
                       form_token=form_token, action=action, **kwargs)


NOT_OURS = N_("The form was not one of ours. Go back to the link and start again.")


def _read_step(form, flow: Flow) -> int:
    try:
        page = int(form.get("step", "0"))
    except ValueError:
        raise bad_request(gettext(NOT_OURS)) from None
    if not 0 <= page < max(len(flow.pages), 1):
        raise bad_request(gettext(NOT_OURS))
    return page


def _read_action(form) -> str:
    action = form.get("action", "send")
    if action not in ("next", "back", "send"):
        raise bad_request(gettext(NOT_OURS))
    return action


@bp.route("/s/<link_token>", methods=["GET", "POST"])
@public
@csrf.exempt
@counts_own_limits  # view_allowed / submission_allowed, in the view
def answer(link_token: str):
    if request.method == "GET":
        return _first_page(link_token)
    return _sent(link_token)


def _first_page(link_token: str):
    session = db.session
    link = submission.find_link(session, link_token)
    state = submission.link_state(link, london_today())
    if state is not LinkState.OPEN:
        return _link_state_page(link, state)
    survey = link.survey
    flow = Flow(submission.question_specs(session, survey), survey.layout)
    submission.end_reading(session)
    if not view_allowed(anonymous_client_key()):
        abort(429)
    submission.count_opened(session, link)
    session.commit()
    return _form_page(survey, flow, flow.first_page({}), {}, {},
                      make_form_token(current_app.config["SECRET_KEY"], link.id),
                      url_for("surveys.answer", link_token=link.token), link=link,
                      started=False)


def _sent(link_token: str, *, fresh: bool = False):
    """A page of answers sent, or the whole survey.

    The hot path (the last page, every answer fine) uses the link and questions this worker
    remembers (read again every few seconds, see ``submission.find_public_link``); it analyses
    any free text before writing, then stores everything in one short transaction with one
    commit. Pages shown again (errors, the next page, going back) load the link itself to show
    the survey.
    """
    session = db.session
    public_link = submission.find_public_link(session, link_token, fresh=fresh)
    state = submission.link_state(public_link, london_today())
    if state is not LinkState.OPEN:
        link = submission.find_link(session, link_token)
        return _link_state_page(link, submission.link_state(link, london_today()),
                                not_sent=True)
    flow = submission.survey_flow(session, public_link)
    specs = flow.specs
    secret = current_app.config["SECRET_KEY"]

    form = request.form
    try:
        form_token = read_form_token(secret, form.get("form_token", ""), public_link.id)
    except FormTokenInvalid:
        raise bad_request(gettext("This form was not sent from our survey page. Go back to "
                                  "the link and try again.")) from None
    except FormTokenExpired as expired:
        form_token = None
        stored = submission.find_response(session, expired.nonce) if expired.nonce else None
        if stored is not None:  # a very late resend of answers already stored
            return redirect(url_for("surveys.thanks", link_token=public_link.token,
                                    receipt=_receipt(stored, expired.nonce)), 303)
    try:
        answers = read_answers(specs, form)
    except Tampered as error:
        raise bad_request(gettext("%(problem)s Go back to the link and try again.",
                                  problem=gettext(str(error)))) from None
    page = _read_step(form, flow)
    action = _read_action(form)
    first_send = form.get("started") != "1"

    def again(page_index, errors=None, notice=None, status=200):
        # Only now the link and survey as objects, to show the page (after any counting, so on
        # SQLite this read never has to become a write).
        link = session.get(SurveyLink, public_link.id)
        if link is None:  # deleted a moment ago
            abort(404)
        token_text = form.get("form_token") if form_token else make_form_token(secret, link.id)
        return _form_page(link.survey, flow, page_index, answers, errors or {}, token_text,
                          url_for("surveys.answer", link_token=link.token), link=link,
                          notice=notice, status=status)

    # If the database fails from here on, this page comes back with every answer (503).
    keep_answers_on_blip(lambda: again(page, notice=gettext(BLIP_MESSAGE), status=503))
    if form_token is None:
        return again(page, notice=gettext(
            "This page was open for a long time, so please check your answers and press the "
            "button again. Nothing was lost."))
    if honeypot_filled(form):
        return again(page, notice=gettext(
            "Something on this page looked automatic. Check your answers and press the button "
            "again."), status=400)

    def count_start_once():
        if first_send:
            submission.end_reading(session)
            submission.count_started(session, public_link)
            session.commit()

    if action == "back":
        count_start_once()
        return again(flow.previous_page(page, answers))
    errors = flow.check_page(page, answers)
    if errors:
        count_start_once()
        return again(page, errors)
    following = flow.next_page(page, answers)
    if following is not None:
        count_start_once()
        return again(following)
    bad_page, errors = flow.check_all(answers)
    if bad_page is not None:
        count_start_once()
        return again(bad_page, errors)
    if not submission_allowed(anonymous_client_key()):
        count_start_once()
        return again(page, notice=gettext(
            "A lot of answers are being sent from your network right now. Wait a minute, then "
            "press the button again. Your answers are still here."), status=429)
    final = flow.final_answers(answers)
    # The free text is analysed before the write transaction (the analysis may read the live
    # engine's version), so the writing itself is short: on SQLite only one worker can write.
    analysed = submission.analyse_text_answers(session, specs, final)
    submission.end_reading(session)
    # A resend of a form already stored finds it (the unique submission token) and stores
    # nothing new: the young person gets the same thank-you page.
    receipt = receipts.receipt_for(secret, form_token.nonce)
    try:
        submission.submit_response(session, public_link, form_token.nonce, specs, final,
                                   count_start=first_send, savepoint=False, analysed=analysed,
                                   receipt_hash=receipts.hash_receipt(secret, receipt),
                                   language=content.page_version_key())
    except IntegrityError:
        # Not a resend (those get their receipt): the link or a question was deleted since
        # this worker read them. Read them again and go through the answers once more.
        if fresh:
            raise
        session.rollback()
        return _sent(link_token, fresh=True)
    session.commit()
    # The receipt, not the nonce: the nonce is stored as it is, the receipt only as a keyed hash.
    return redirect(url_for("surveys.thanks", link_token=public_link.token, receipt=receipt), 303)


def _receipt(response: SurveyResponse, nonce: str) -> str:
    """The thank-you page's receipt for a stored response (responses from before receipts
    existed keep the address they had)."""
    if response.receipt_hash is None:
        return nonce
    return receipts.receipt_for(current_app.config["SECRET_KEY"], nonce)


def _response_for_receipt(receipt: str) -> SurveyResponse | None:
    session = db.session
    response = receipts.find_by_receipt(session, current_app.config["SECRET_KEY"], receipt)
    if response is None:  # an address from before receipts: the form's nonce
        older = submission.find_response(session, receipt)
        response = older if older is not None and older.receipt_hash is None else None
    return response


@bp.get("/s/<link_token>/thanks/<receipt>")
@public
def thanks(link_token: str, receipt: str):
    session = db.session
    link = submission.find_link(session, link_token)
    response = _response_for_receipt(receipt[:64]) if link else None
    if link is None or response is None or response.link_id != link.id:
        abort(404)
    now = utcnow()
    worried = (response.has_safeguarding_concern
               and now - response.created_at < SAFEGUARDING_MESSAGE_FOR)
    return render_template("surveys/public/thanks.html", link=link, worried=worried,
                           board_url=board_url(link.service),
                           board_from=london_today() + BOARD_AFTER, receipt=receipt[:64],
                           delete_until=(receipts.last_day_to_delete(response)
                                         if receipts.can_delete(response, now) else None))


# ---- staff: surveys ------------------------------------------------------------------------------

@bp.get("/surveys")
@roles_required(READERS)
def index():
    surveys = db.session.scalars(results.surveys_query(db.session, current_user)).all()
    counts = {}
    if surveys:
        counts = dict(db.session.execute(
            select(SurveyResponse.survey_id, func.count(SurveyResponse.id))
            .where(SurveyResponse.survey_id.in_([s.id for s in surveys]))
            .group_by(SurveyResponse.survey_id)).all())
    templates = operations.list_templates(db.session) if operations.can_build(current_user) else []
    return render_template("surveys/index.html", surveys=surveys, counts=counts,
                           templates=templates, can_build=operations.can_build(current_user))


def _fill_service_choices(form: SurveyForm) -> None:
    services = db.session.scalars(select(Service).where(Service.archived_at.is_(None))
                                  .order_by(Service.name)).all()
    form.service_ids.choices = [(s.id, s.name) for s in services]


def _survey_data(form: SurveyForm) -> dict:
    return {"title": form.title.data or "", "intro": form.intro.data or "",
            "min_age": form.min_age.data, "max_age": form.max_age.data,
            "layout": form.layout.data, "opens_on": form.opens_on.data,
            "closes_on": form.closes_on.data, "closed_message": form.closed_message.data or ""}


@bp.route("/surveys/new", methods=["GET", "POST"])
@roles_required(MANAGERS)
def create():
    form = SurveyForm()
    _fill_service_choices(form)
    if form.validate_on_submit():
        try:
            survey = operations.create_survey(db.session, current_user,
                                              service_ids=form.service_ids.data or [],
                                              **_survey_data(form))
        except VoiceError as error:
            _field_error(form, error)
        else:
            db.session.commit()
            flash(f"Created “{survey.title}”. Now add its questions.", "success")
            return redirect(url_for("surveys.show", survey_id=survey.id))
    return render_template("surveys/survey_form.html", form=form, survey=None)


@bp.route("/surveys/templates", methods=["GET", "POST"])
@roles_required(MANAGERS)
def templates():
    if request.method == "POST" or not operations.list_templates(db.session):
        operations.install_builtin_templates(db.session)
        db.session.commit()
    available = operations.list_templates(db.session)
    form = TemplateForm()
    form.template_id.choices = [(t.id, t.title) for t in available]
    if form.validate_on_submit():
        template = db.session.get(Survey, form.template_id.data)
        try:
            survey = operations.start_from_template(db.session, current_user, template,
                                                    title=form.title.data or None)
        except VoiceError as error:
            _field_error(form, error)
        else:
            db.session.commit()
            flash(f"Made “{survey.title}” from the template. Check it, then add links.",
                  "success")
            return redirect(url_for("surveys.show", survey_id=survey.id))
    return render_template("surveys/templates.html", form=form, templates=available)


@bp.get("/surveys/<int:survey_id>")
@roles_required(MANAGERS)
def show(survey_id: int):
    survey = _survey_or_404(survey_id)
    questions = sorted(survey.questions, key=lambda q: q.position)
    by_id = {q.id: q for q in questions}
    return render_template("surveys/survey.html", survey=survey, questions=questions,
                           by_id=by_id, responses=operations.response_count(db.session, survey),
                           kind_labels=KIND_LABELS, canonical_label=canonical_label,
                           public_url=public_url, versions=_versions(survey))


def _versions(survey: Survey) -> list[dict]:
    """Each version of the survey a team can write, with how much of it is written."""
    versions = []
    for key in content.all_version_keys():
        language, easy = content.split_key(key)
        written, total = translation_form.written_count(survey, key)
        versions.append({"key": key, "name": content.version_name(key), "language": language,
                         "easy": easy, "written": written, "total": total})
    return versions


@bp.route("/surveys/<int:survey_id>/edit", methods=["GET", "POST"])
@roles_required(MANAGERS)
def edit(survey_id: int):
    survey = _survey_or_404(survey_id)
    form = SurveyForm(obj=survey)
    _fill_service_choices(form)
    if request.method == "GET":
        form.service_ids.data = [s.id for s in survey.services]
    if form.validate_on_submit():
        try:
            operations.update_survey(db.session, current_user, survey,
                                     service_ids=form.service_ids.data or [],
                                     **_survey_data(form))
        except VoiceError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            flash("Saved.", "success")
            return redirect(url_for("surveys.show", survey_id=survey.id))
    return render_template("surveys/survey_form.html", form=form, survey=survey)


@bp.post("/surveys/<int:survey_id>/open")
@roles_required(MANAGERS)
def open_survey(survey_id: int):
    survey = _survey_or_404(survey_id)
    try:
        operations.open_survey(db.session, current_user, survey)
    except VoiceError as error:
        flash(error.message, "error")
    else:
        db.session.commit()
        flash("The survey is open. Young people can answer it through its links.", "success")
    return redirect(url_for("surveys.show", survey_id=survey.id))


@bp.post("/surveys/<int:survey_id>/close")
@roles_required(MANAGERS)
def close_survey(survey_id: int):
    survey = _survey_or_404(survey_id)
    try:
        operations.close_survey(db.session, current_user, survey)
    except VoiceError as error:
        flash(error.message, "error")
    else:
        db.session.commit()
        flash("The survey is closed. Its links now say so.", "success")
    return redirect(url_for("surveys.show", survey_id=survey.id))


@bp.post("/surveys/<int:survey_id>/copy")
@roles_required(MANAGERS)
def copy(survey_id: int):
    survey = _survey_or_404(survey_id)
    new = operations.copy_survey(db.session, current_user, survey,
                                 title=f"Copy of {survey.title}"[:160])
    db.session.commit()
    flash("Copied as a new draft, without links or answers.", "success")
    return redirect(url_for("surveys.show", survey_id=new.id))


@bp.route("/surveys/<int:survey_id>/delete", methods=["GET", "POST"])
@roles_required(MANAGERS)
def delete(survey_id: int):
    survey = _survey_or_404(survey_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            operations.delete_survey(db.session, current_user, survey)
        except VoiceError as error:
            flash(error.message, "error")
            return redirect(url_for("surveys.show", survey_id=survey.id))
        db.session.commit()
        flash("Survey deleted.", "success")
        return redirect(url_for("surveys.index"))
    return render_template("surveys/confirm.html", form=form,
                           heading=f"Delete “{survey.title}”?",
                           body="This deletes the survey, its questions and its links. "
                                "It cannot be undone.",
                           button="Delete survey", back=url_for("surveys.show", survey_id=survey.id))


# ---- staff: questions ------------------------------------------------------------------------

def _condition_groups(survey: Survey, question: Question | None) -> list[dict]:
    """Earlier questions with answers to choose from, for the skip-logic boxes."""
    limit = question.position if question is not None else math.inf
    groups = []
    for q in sorted(survey.questions, key=lambda q: q.position):
        if q.position >= limit or QuestionKind(q.kind) not in CHOICE_KINDS:
            continue
        groups.append({"question": q, "options": [
            # the words young people see, with the national FFT label beside them
            (f"{q.id}:{o['value']}", with_national(o["label"], canonical_label(
                q.kind, o["value"], q.options)))
            for o in q.options]})
    return groups


def _question_form(survey: Survey, kind: QuestionKind, question: Question | None) -> QuestionForm:
    form = QuestionForm(obj=question)
    groups = _condition_groups(survey, question)
    form.show_if.choices = [choice for g in groups for choice in g["options"]]
    if request.method == "GET":
        if question is not None:
            form.option_lines.data = "\n".join(o["label"] for o in question.options)
            form.show_if.data = [f"{question.show_if_question_id}:{v}"
                                 for v in question.show_if_values] if question.has_condition else []
        elif kind in ABOUT_KINDS:
            form.text.data = ABOUT_DEFAULT_TEXT.get(kind, "")
            form.hint.data = ABOUT_DEFAULT_HINT.get(kind, "")
        elif kind is QuestionKind.FFT:
            form.text.data = FFT_DEFAULT_TEXT
    if kind in REWORDABLE_KINDS:
        base = question.options if question is not None else default_options(kind)
        while len(form.option_labels.entries):
            form.option_labels.pop_entry()
        for index, option in enumerate(base):
            entry = form.option_labels.append_entry(option["label"])
            if request.method == "POST":
                entry.data = request.form.get(f"option_labels-{index}", "")
            entry.label.text = (f"Words for “{FFT_NATIONAL_LABELS[option['value']]}”"
                                if kind is QuestionKind.FFT
                                else f"Words for {option['value']} ({SMILEY_WORDS[option['value']]})")
    return form


def _question_fields(form: QuestionForm, kind: QuestionKind) -> dict:
    source_id, values = form.condition()
    fields = {"text": form.text.data or "", "hint": form.hint.data or "",
              "is_required": bool(form.is_required.data),
              "asks_about": form.asks_about.data if kind in TEXT_KINDS else "nonspecific",
              "max_length": form.max_length.data, "min_value": form.min_value.data,
              "max_value": form.max_value.data, "code": (form.code.data or "").strip(),
              "show_if_question_id": source_id, "show_if_values": values}
    if kind in EDITABLE_OPTION_KINDS:
        fields["option_lines"] = form.option_lines.data or ""
    if kind in REWORDABLE_KINDS:
        fields["option_labels"] = [e.data or "" for e in form.option_labels.entries]
    return fields


@bp.route("/surveys/<int:survey_id>/questions/new", methods=["GET", "POST"])
@roles_required(MANAGERS)
def add_question(survey_id: int):
    survey = _survey_or_404(survey_id)
    raw_kind = request.args.get("kind") or request.form.get("kind")
    if not raw_kind:
        return render_template("surveys/question_kind.html", survey=survey,
                               kinds=[(k, KIND_LABELS[k], KIND_DESCRIPTIONS[k])
                                      for k in QuestionKind])
    try:
        kind = QuestionKind(raw_kind)
    except ValueError:
        raise bad_request("Choose a type of question from the list.") from None
    form = _question_form(survey, kind, None)
    if form.validate_on_submit():
        try:
            operations.add_question(db.session, current_user, survey, kind=kind.value,
                                    **_question_fields(form, kind))
        except VoiceError as error:
            db.session.rollback()
            _field_error(form, error, _question_aliases(kind))
        else:
            db.session.commit()
            flash("Question added.", "success")
            return redirect(url_for("surveys.show", survey_id=survey.id, _anchor="questions"))
    return render_template("surveys/question_form.html", survey=survey, form=form, kind=kind,
                           question=None, groups=_condition_groups(survey, None),
                           kind_label=KIND_LABELS[kind])


@bp.route("/surveys/<int:survey_id>/questions/<int:survey_question_id>", methods=["GET", "POST"])
@roles_required(MANAGERS)
def edit_question(survey_id: int, survey_question_id: int):
    survey = _survey_or_404(survey_id)
    question = _question_or_404(survey, survey_question_id)
    kind = QuestionKind(question.kind)
    form = _question_form(survey, kind, question)
    if form.validate_on_submit():
        try:
            operations.update_question(db.session, current_user, question,
                                       **_question_fields(form, kind))
        except VoiceError as error:
            db.session.rollback()
            _field_error(form, error, _question_aliases(kind))
        else:
            db.session.commit()
            flash("Question saved.", "success")
            return redirect(url_for("surveys.show", survey_id=survey.id, _anchor="questions"))
    return render_template("surveys/question_form.html", survey=survey, form=form, kind=kind,
                           question=question, groups=_condition_groups(survey, question),
                           kind_label=KIND_LABELS[kind])


@bp.post("/surveys/<int:survey_id>/questions/<int:survey_question_id>/move")
@roles_required(MANAGERS)
def move_question(survey_id: int, survey_question_id: int):
    survey = _survey_or_404(survey_id)
    question = _question_or_404(survey, survey_question_id)
    direction = request.form.get("direction")
    if direction in ("up", "down"):
        try:
            operations.move_question(db.session, current_user, question, direction)
        except VoiceError as error:
            flash(error.message, "error")
        else:
            db.session.commit()
    return redirect(url_for("surveys.show", survey_id=survey.id, _anchor=f"question-{question.id}"))


@bp.route("/surveys/<int:survey_id>/questions/<int:survey_question_id>/delete", methods=["GET", "POST"])
@roles_required(MANAGERS)
def delete_question(survey_id: int, survey_question_id: int):
    survey = _survey_or_404(survey_id)
    question = _question_or_404(survey, survey_question_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            operations.delete_question(db.session, current_user, question)
        except VoiceError as error:
            flash(error.message, "error")
        else:
            db.session.commit()
            flash("Question deleted.", "success")
        return redirect(url_for("surveys.show", survey_id=survey.id, _anchor="questions"))
    return render_template("surveys/confirm.html", form=form,
                           heading="Delete this question?", body=f"“{question.text}”",
                           button="Delete question",
                           back=url_for("surveys.show", survey_id=survey.id))


# ---- staff: the survey in other languages and easy read ---------------------------------------

def _version_or_404(key: str) -> str:
    if key not in content.all_version_keys():
        abort(404)
    return key


@bp.route("/surveys/<int:survey_id>/translations/<version>", methods=["GET", "POST"])
@roles_required(MANAGERS)
def translations(survey_id: int, version: str):
    """One version of the survey (Welsh, Arabic, easy read …) on one page: a box beside each
    piece of English, any of which can stay empty (then the English is shown)."""
    survey = _survey_or_404(survey_id)
    key = _version_or_404(version)
    form = translation_form.translation_form(survey, key)
    if form.validate_on_submit():
        survey_words, question_words = translation_form.words_from(form, survey)
        try:
            operations.update_translations(db.session, current_user, survey, key,
                                           survey_words=survey_words,
                                           question_words=question_words)
        except VoiceError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            db.session.commit()
            flash(f"Saved the {form.version_name} wording.", "success")
            return redirect(url_for("surveys.show", survey_id=survey.id, _anchor="languages"))
    language, easy = content.split_key(key)
    return render_template("surveys/translations.html", survey=survey, form=form, key=key,
                           questions=translation_form.questions_in_order(survey),
                           option_field=translation_form.option_field,
                           CHOICE_KINDS=CHOICE_KINDS, language=language, easy=easy)


def _preview_version() -> tuple[str, bool]:
    """The language and easy-read choice a preview shows (``?lang=cy&read=easy``)."""
    language = language_from_link() or DEFAULT_LANGUAGE
    return language, is_easy_read()


@bp.route("/surveys/<int:survey_id>/preview", methods=["GET", "POST"])
@roles_required(MANAGERS)
@csrf.exempt  # a preview stores nothing
def preview(survey_id: int):
    """What young people see, in any language or easy read (``?lang=cy&read=easy``: the switch
    at the top of the preview). Staff pages are English, so the page is shown in that language
    here, the survey's own words and Voice's alike."""
    language, easy = _preview_version()
    content.show_version(language, easy)
    with force_locale(language):
        return _preview(survey_id, language, easy)


def _preview(survey_id: int, language: str, easy: bool):
    survey = _survey_or_404(survey_id)
    specs = [QuestionSpec.of(q) for q in sorted(survey.questions, key=lambda q: q.position)]
    flow = Flow(specs, survey.layout)
    action = url_for("surveys.preview", survey_id=survey.id, lang=language,
                     read="easy" if easy else None)
    token = make_form_token(current_app.config["SECRET_KEY"], 0)
    versions = [{"name": content.version_name(content.version_key(code, with_easy)),
                 "href": url_for("surveys.preview", survey_id=survey.id, lang=code,
                                 read="easy" if with_easy else None),
                 "current": (code, with_easy) == (language, easy)}
                for code in LANGUAGES for with_easy in (False, True)]
    if request.method == "GET":
        html, status = render_page(survey=survey, flow=flow, page=flow.first_page({}),
                                   answers={}, errors={}, form_token=token, action=action,
                                   preview=True, started=False, preview_versions=versions)
        return html, status
    form = request.form
    try:
        answers = read_answers(specs, form)
    except Tampered as error:
        raise bad_request(str(error)) from None
    page, choice = _read_step(form, flow), _read_action(form)

    def again(index, errors=None):
        return render_page(survey=survey, flow=flow, page=index, answers=answers,
                           errors=errors or {}, form_token=token, action=action, preview=True,
                           preview_versions=versions)

    if choice == "back":
        return again(flow.previous_page(page, answers))
    errors = flow.check_page(page, answers)
    if errors:
        return again(page, errors)
    following = flow.next_page(page, answers)
    if following is not None:
        return again(following)
    bad_page, errors = flow.check_all(answers)
    if bad_page is not None:
        return again(bad_page, errors)
    final = flow.final_answers(answers)
    by_id = {s.id: s for s in specs}
    stored = [(by_id[qid], [canonical_label(by_id[qid].kind, v, by_id[qid].options)
                            for v in values]) for qid, values in final.items()]
    return render_template("surveys/public/preview_done.html", stored=stored, again=action,
                           back=url_for("surveys.show", survey_id=survey.id))


# ---- staff: links, QR codes, posters ---------------------------------------------------------------

@bp.get("/surveys/<int:survey_id>/links")
@roles_required(MANAGERS)
def links(survey_id: int):
    survey = _survey_or_404(survey_id)
    return render_template("surveys/links.html", survey=survey, links=survey.links,
                           public_url=public_url, display_url=display_url)


def _fill_link_choices(form: LinkForm, survey: Survey) -> None:
    services = survey.services or db.session.scalars(
        select(Service).where(Service.archived_at.is_(None)).order_by(Service.name)).all()
    form.service_id.choices = [(s.id, s.name) for s in services if not s.is_archived]
    areas = db.session.scalars(select(Area).where(Area.archived_at.is_(None))
                               .order_by(Area.kind, Area.name)).all()
    form.area_id.choices = [(a.id, f"{a.name} ({a.kind_label})") for a in areas]


@bp.route("/surveys/<int:survey_id>/links/new", methods=["GET", "POST"])
@roles_required(MANAGERS)
def add_link(survey_id: int):
    survey = _survey_or_404(survey_id)
    form = LinkForm()
    _fill_link_choices(form, survey)
    if form.validate_on_submit():
        try:
            link = operations.create_link(db.session, current_user, survey,
                                          service_id=form.service_id.data,
                                          area_id=form.area_id.data, channel=form.channel.data,
                                          note=form.note.data or "")
        except VoiceError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            flash(f"Link made: {display_url(public_url(link))}", "success")
            return redirect(url_for("surveys.links", survey_id=survey.id))
    return render_template("surveys/link_form.html", survey=survey, form=form)


@bp.post("/surveys/<int:survey_id>/links/<int:survey_link_id>/pause")
@roles_required(MANAGERS)
def pause_link(survey_id: int, survey_link_id: int):
    survey = _survey_or_404(survey_id)
    link = _link_or_404(survey, survey_link_id)
    operations.set_link_paused(db.session, current_user, link, not link.is_paused)
    db.session.commit()
    flash(f"{'Paused' if link.is_paused else 'Restarted'} {link.token}.", "success")
    return redirect(url_for("surveys.links", survey_id=survey.id))


@bp.get("/surveys/<int:survey_id>/links/<int:survey_link_id>/qr.svg")
@roles_required(MANAGERS)
def qr_code_svg(survey_id: int, survey_link_id: int):
    link = _link_or_404(_survey_or_404(survey_id), survey_link_id)
    url = public_url(link, chosen_version())
    body = qr_svg(url, label=f"QR code for {display_url(url)}", size="60mm")
    response = Response(body, mimetype="image/svg+xml")
    response.headers["Content-Disposition"] = f'attachment; filename="survey-{link.token}.svg"'
    return response


@bp.get("/surveys/<int:survey_id>/links/<int:survey_link_id>/qr.png")
@roles_required(MANAGERS)
def qr_code_png(survey_id: int, survey_link_id: int):
    link = _link_or_404(_survey_or_404(survey_id), survey_link_id)
    response = Response(qr_png(public_url(link, chosen_version())), mimetype="image/png")
    response.headers["Content-Disposition"] = f'attachment; filename="survey-{link.token}.png"'
    return response


def _first_question(survey: Survey) -> str:
    questions = sorted(survey.questions, key=lambda q: q.position)
    return questions[0].text if questions else survey.title


@bp.get("/surveys/<int:survey_id>/links/<int:survey_link_id>/poster")
@roles_required(MANAGERS)
def poster(survey_id: int, survey_link_id: int):
    survey = _survey_or_404(survey_id)
    link = _link_or_404(survey, survey_link_id)
    url = public_url(link, chosen_version())
    return render_template("surveys/poster.html", survey=survey, link=link, url=url,
                           short=display_url(url), question=_first_question(survey),
                           qr=qr_svg(url, label=f"QR code: scan it to open {display_url(url)}",
                                     css_class="poster__qr"))


CARDS_PER_PAGE = 8


@bp.get("/surveys/<int:survey_id>/cards")
@roles_required(MANAGERS)
def cards(survey_id: int):
    """A sheet of cards to cut out: eight to an A4 page, for the links ticked (or card links)."""
    survey = _survey_or_404(survey_id)
    wanted = set()
    for raw in request.args.getlist("link"):
        try:
            wanted.add(int(raw))
        except ValueError:
            raise bad_request("Choose links from the list.") from None
    chosen = [link for link in survey.links if link.id in wanted] if wanted else [
        link for link in survey.links if link.channel == "card"] or list(survey.links)
    cards = []
    for link in chosen:
        url = public_url(link, chosen_version())
        card = {"link": link, "short": display_url(url),
                "qr": qr_svg(url, label=f"QR code for {display_url(url)}", css_class="card__qr")}
        # One link fills a page; several share pages in turn.
        cards.extend([card] * (CARDS_PER_PAGE if len(chosen) == 1 else 1))
    pages = [cards[i:i + CARDS_PER_PAGE] for i in range(0, len(cards), CARDS_PER_PAGE)]
    return render_template("surveys/cards.html", survey=survey, pages=pages,
                           question=_first_question(survey), links=survey.links,
                           chosen={link.id for link in chosen})


@bp.get("/surveys/print.css")
@public
def print_css():
    """The poster and card sheet stylesheet (staff pages only; public pages never load it)."""
    response = Response(PRINT_CSS.read_text(), mimetype="text/css")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


# ---- staff: results and exports --------------------------------------------------------------

def _readable_survey(survey_id: int) -> Survey:
    survey = _survey_or_404(survey_id)
    if survey.is_template:
        abort(404)
    if not results.can_read_results(db.session, current_user, survey):
        deny("may not read this survey's results")
    return survey


def _filters(survey: Survey, scope_links: list[SurveyLink]) -> tuple[FilterForm, results.Filters]:
    form = FilterForm(request.args if request.args else MultiDict())
    form.link.choices = [(None, "All links")] + [(link.id, f"{link.token}: {link.label}")
                                                 for link in scope_links]
    services = {link.service_id: link.service for link in scope_links}
    form.service.choices = [(None, "All services")] + [
        (s.id, s.name) for s in sorted(services.values(), key=lambda s: s.name)]
    filters = results.Filters()
    if request.args and form.validate():
        filters = results.Filters(link_id=form.link.data, service_id=form.service.data,
                                  date_from=form.date_from.data, date_to=form.date_to.data)
    return form, filters


def _scope(survey: Survey):
    base = results.scope_for(db.session, current_user, survey, results.Filters())
    form, filters = _filters(survey, results.visible_links(base))
    return form, results.scope_for(db.session, current_user, survey, filters)


def _charts(question_results) -> dict[int, object]:
    charts = {}
    for result in question_results:
        if not result.options:
            continue
        colours = FFT_COLOURS if result.kind == QuestionKind.FFT else {}
        charts[result.question.id] = bar_chart(
            f"chart-{result.question.id}", f"Answers to “{result.question.text}”",
            [(o.label, o.shown, o.shown_percent, colours.get(o.value)) for o in result.options])
    return charts


@bp.get("/surveys/<int:survey_id>/results")
@roles_required(READERS)
def results_page(survey_id: int):
    survey = _readable_survey(survey_id)
    form, scope = _scope(survey)
    question_results = results.question_results(db.session, scope)
    total = results.protect_small_numbers(
        question_results, results.count_responses(db.session, scope), scope)
    return render_template(
        "surveys/results.html", survey=survey, form=form, scope=scope,
        total=total, results=question_results,
        charts=_charts(question_results), funnel=results.funnel(db.session, scope),
        languages=results.languages(db.session, scope),
        filter_args=scope.filters.as_args(), can_build=operations.can_build(current_user),
        TEXT_KINDS=TEXT_KINDS)


PER_PAGE = 50


def _page_number() -> int:
    try:
        return max(1, min(int(request.args.get("page", "1")), 100_000))
    except ValueError:
        return 1


@bp.get("/surveys/<int:survey_id>/results/questions/<int:survey_question_id>")
@roles_required(READERS)
def text_answers(survey_id: int, survey_question_id: int):
    survey = _readable_survey(survey_id)
    question = _question_or_404(survey, survey_question_id)
    if QuestionKind(question.kind) not in TEXT_KINDS | {QuestionKind.ABOUT_GENDER}:
        abort(404)
    form, scope = _scope(survey)
    page = _page_number()
    answers, total = results.text_answers(db.session, scope, question, limit=PER_PAGE,
                                          offset=(page - 1) * PER_PAGE)
    return render_template("surveys/text_answers.html", survey=survey, question=question,
                           answers=answers, total=total, page=page,
                           pages=max(1, math.ceil(total / PER_PAGE)),
                           filter_args=scope.filters.as_args(), scope=scope)


def _export_name(survey: Survey, extension: str) -> str:
    return f"survey-{survey.id}-responses-{london_today().isoformat()}.{extension}"


@bp.get("/surveys/<int:survey_id>/export.csv")
@roles_required(READERS)
def export_csv(survey_id: int):
    survey = _readable_survey(survey_id)
    _, scope = _scope(survey)
    response = Response(exports.to_csv(db.session, scope), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{_export_name(survey, "csv")}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/surveys/<int:survey_id>/export.xlsx")
@roles_required(READERS)
def export_xlsx(survey_id: int):
    survey = _readable_survey(survey_id)
    _, scope = _scope(survey)
    response = Response(
        exports.to_xlsx(db.session, scope),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response.headers["Content-Disposition"] = f'attachment; filename="{_export_name(survey, "xlsx")}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/surveys/<int:survey_id>/responses")
@roles_required(MANAGERS)
def responses(survey_id: int):
    survey = _readable_survey(survey_id)
    form, scope = _scope(survey)
    page = _page_number()
    rows, total = results.responses_page(db.session, scope, page=page, per_page=PER_PAGE)
    return render_template("surveys/responses.html", survey=survey, rows=rows, total=total,
                           page=page, pages=max(1, math.ceil(total / PER_PAGE)),
                           filter_args=scope.filters.as_args(),
                           questions={q.id: q for q in survey.questions},
                           canonical_label=canonical_label)


def _response_or_404(survey: Survey, survey_response_id: int) -> SurveyResponse:
    response = db.session.get(SurveyResponse, survey_response_id)
    if response is None or response.survey_id != survey.id:
        abort(404)
    return response


@bp.route("/surveys/<int:survey_id>/responses/<int:survey_response_id>", methods=["GET", "POST"])
@roles_required(MANAGERS)
def response(survey_id: int, survey_response_id: int):
    """One response, and deleting it (with a reason, audited)."""
    survey = _readable_survey(survey_id)
    answer_set = _response_or_404(survey, survey_response_id)
    form = DeleteResponseForm()
    if form.validate_on_submit():
        try:
            notes = operations.delete_response(db.session, current_user, answer_set,
                                               reason=form.reason.data)
        except VoiceError as error:
            _field_error(form, error)
        else:
            db.session.commit()
            flash(" ".join(["Response deleted."] + notes), "success")
            return redirect(url_for("surveys.responses", survey_id=survey.id))
    questions = sorted(survey.questions, key=lambda q: q.position)
    values: dict[int, list[str]] = {}
    for answer_row in answer_set.answers:
        values.setdefault(answer_row.question_id, []).append(answer_row.value)
    return render_template("surveys/response.html", survey=survey, response=answer_set,
                           questions=questions, values=values, form=form,
                           canonical_label=canonical_label)


from surveys import views_delete  # noqa: E402,F401  (registers "delete my answers")
