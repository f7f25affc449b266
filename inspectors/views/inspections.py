"""Planning, scoring, the provider's self-assessment and agreeing the team's rating."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from inspectors.blueprint import INSPECTION_READERS, bp
from inspectors.forms import PlanForm, ScoreForm, SettingsForm
from inspectors.models import (
    RATING_MEANINGS,
    Inspection,
    InspectionState,
    Rating,
)
from inspectors.services import access, followup, people
from inspectors.services import frameworks as framework_service
from inspectors.services import inspections as service
from inspectors.services.comparison import suggest_team_rating
from inspectors.services.errors import (
    InvalidRating,
    StandardNotInFramework,
    VoiceError,
)
from inspectors.views.common import form_int, load_inspection
from voice.auth.models import User
from voice.auth.roles import MANAGERS, Role, deny, roles_required
from voice.db import db
from voice.directory.models import Service
from voice.errors import bad_request

S = InspectionState


# ---- list, overview, settings -------------------------------------------------------------------

@bp.get("/inspections")
@roles_required(INSPECTION_READERS)
def inspections():
    items = db.session.scalars(access.inspections_query(current_user)).all()
    groups = {state: [i for i in items if i.state == state] for state in S}
    return render_template("inspectors/inspections.html", groups=groups, total=len(items))


@bp.route("/inspections/settings", methods=["GET", "POST"])
@roles_required(MANAGERS)
def settings():
    current = service.get_settings(db.session)
    form = SettingsForm(obj=current)
    if form.validate_on_submit():
        try:
            service.update_settings(
                db.session, current_user, follow_up_months=form.follow_up_months.data,
                response_working_days=form.response_working_days.data,
                certificate_min_green_percent=form.certificate_min_green_percent.data,
                certificate_max_red=form.certificate_max_red.data)
        except VoiceError as error:
            form.follow_up_months.errors.append(error.message)
        else:
            db.session.commit()
            flash("Settings saved.", "success")
            return redirect(url_for("inspectors.settings"))
    db.session.commit()  # the settings row is made on first visit
    return render_template("inspectors/settings.html", form=form,
                           bar=service.certificate_bar(current))


@bp.get("/inspections/<int:inspection_id>")
@roles_required(INSPECTION_READERS)
def inspection(inspection_id: int):
    item = load_inspection(inspection_id)
    member = item.member_for(current_user.id) if current_user.role == Role.INSPECTOR else None
    context = {
        "inspection": item,
        "member": member,
        "is_manager": access.is_manager(current_user),
        "is_lead": access.is_lead(current_user, item),
        "is_provider": access.is_service_provider(current_user, item),
        "can_see_report": access.can_see_report(current_user, item),
        "team_credit": service.team_credit(db.session, item,
                                           show_names=access.can_see_names(current_user, item)),
        "self_assessed": len([a for a in service.self_assessments(db.session, item).values()
                              if a.rating]),
        "share_problems": service.share_problems(db.session, item)
        if item.state == S.AGREEING else [],
        "follow_ups": followup.follow_ups_of(db.session, item),
        "overdue": service.responses_overdue(item),
        "missing": service.missing_scores(db.session, item, current_user.id) if member else [],
    }
    if context["is_manager"]:
        context["profiles"] = people.profiles_by_user(db.session, [m.user_id for m in item.team])
        context["progress"] = {
            m.user_id: len(item.framework.standards)
            - len(service.missing_scores(db.session, item, m.user_id)) for m in item.team}
    return render_template("inspectors/inspection.html", **context)


# ---- planning -----------------------------------------------------------------------------------

def _fill_plan_choices(form: PlanForm, inspection: Inspection | None) -> dict:
    services = db.session.scalars(select(Service).where(Service.archived_at.is_(None))
                                  .order_by(Service.name)).all()
    form.service_id.choices = [(None, "Choose a service")] + [
        (s.id, f"{s.name} ({s.provider.name})") for s in services]
    frameworks = framework_service.frameworks_for_planning(db.session)
    if inspection is not None and inspection.framework not in frameworks:
        frameworks = [inspection.framework, *frameworks]
        if inspection.service not in services:
            form.service_id.choices.append((inspection.service.id, inspection.service.name))
    form.framework_id.choices = [(None, "Choose a framework")] + [
        (f.id, f"{f.name} (version {f.version}, {len(f.standards)} standards)")
        for f in frameworks]
    profiles = people.list_profiles(db.session, include_inactive=False)
    current = {m.user_id for m in inspection.team} if inspection else set()
    available = [p for p in profiles if p.is_ready or p.user_id in current]
    form.team_ids.choices = [(p.user_id, p.user.display_name) for p in available]
    form.lead_id.choices = [(None, "Not chosen yet")] + [
        (p.user_id, p.user.display_name) for p in available]
    officers = db.session.scalars(select(User).where(
        User.role.in_([Role.PARTICIPATION.value, Role.ADMIN.value]),
        User.is_active.is_(True)).order_by(User.display_name)).all()
    form.officer_id.choices = [(None, "Me")] + [(u.id, u.display_name) for u in officers]
    return {"not_ready": [p for p in profiles if not p.is_ready and p.user_id not in current]}


def _plan_from(form: PlanForm) -> service.Plan:
    return service.Plan(
        service_id=form.service_id.data, framework_id=form.framework_id.data,
        method=form.method.data, visit_from=form.visit_from.data, visit_to=form.visit_to.data,
        self_assessment_due=form.self_assessment_due.data, team_ids=form.team_ids.data or [],
        lead_id=form.lead_id.data, officer_id=form.officer_id.data, brief=form.brief.data or "")


def _plan_error(form: PlanForm, error: VoiceError) -> None:
    field = getattr(form, getattr(error, "field", "") or "", None) or form.service_id
    field.errors = list(field.errors) + [error.message]


@bp.route("/inspections/new", methods=["GET", "POST"])
@roles_required(MANAGERS)
def plan():
    form = PlanForm()
    extra = _fill_plan_choices(form, None)
    if request.method == "GET":
        form.service_id.data = form_int(request.args.get("service"))
        form.officer_id.data = current_user.id if current_user.role == Role.PARTICIPATION else None
    if form.validate_on_submit():
        try:
            item = service.plan_inspection(db.session, current_user, _plan_from(form))
        except VoiceError as error:
            _plan_error(form, error)
        else:
            db.session.commit()
            flash("Inspection planned. The service can now assess itself.", "success")
            return redirect(url_for("inspectors.inspection", inspection_id=item.id))
    return render_template("inspectors/plan_form.html", form=form, inspection=None, **extra)


@bp.route("/inspections/<int:inspection_id>/plan", methods=["GET", "POST"])
@roles_required(MANAGERS)
def edit_plan(inspection_id: int):
    item = load_inspection(inspection_id)
    form = PlanForm(obj=item)
    extra = _fill_plan_choices(form, item)
    if request.method == "GET":
        form.team_ids.data = [m.user_id for m in item.team]
        form.lead_id.data = item.lead_inspector_id
    if item.state != S.PLANNED:
        flash("The plan can only be changed before scoring closes.", "error")
        return redirect(url_for("inspectors.inspection", inspection_id=item.id))
    if form.validate_on_submit():
        try:
            service.update_plan(db.session, current_user, item, _plan_from(form))
        except VoiceError as error:
            _plan_error(form, error)
        else:
            db.session.commit()
            flash("Plan saved.", "success")
            return redirect(url_for("inspectors.inspection", inspection_id=item.id))
    return render_template("inspectors/plan_form.html", form=form, inspection=item, **extra)


def _act(inspection: Inspection, action, success: str, target: str = "inspectors.inspection"):
    """Run a one-button action; a refusal becomes a message on the page, never an error."""
    try:
        action()
    except VoiceError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(success, "success")
    return redirect(url_for(target, inspection_id=inspection.id))


@bp.post("/inspections/<int:inspection_id>/cancel")
@roles_required(MANAGERS)
def cancel(inspection_id: int):
    item = load_inspection(inspection_id)
    if request.form.get("confirm") != "yes":
        flash("Tick the box to confirm you want to cancel this inspection.", "error")
        return redirect(url_for("inspectors.inspection", inspection_id=item.id))
    return _act(item, lambda: service.cancel_inspection(db.session, current_user, item),
                "Inspection cancelled.")


# ---- an inspector's scores ------------------------------------------------------------------------

def _member_or_deny(item: Inspection):
    member = item.member_for(current_user.id)
    if member is None:
        deny("not on this inspection's team")
    return member


def _standard_or_400(item: Inspection, standard_id: int):
    try:
        return service.standard_in(item, standard_id)
    except StandardNotInFramework as error:
        raise bad_request(error.message) from None


@bp.get("/inspections/<int:inspection_id>/scores")
@roles_required(Role.INSPECTOR)
def scores(inspection_id: int):
    item = load_inspection(inspection_id)
    member = _member_or_deny(item)
    saved = service.scores_of(db.session, item, current_user.id)
    return render_template("inspectors/scores.html", inspection=item, member=member, scores=saved,
                           missing=service.missing_scores(db.session, item, current_user.id),
                           can_edit=item.state == S.PLANNED and member.submitted_at is None,
                           submit_form=FlaskForm())


@bp.route("/inspections/<int:inspection_id>/scores/<int:standard_id>", methods=["GET", "POST"])
@roles_required(Role.INSPECTOR)
def score(inspection_id: int, standard_id: int):
    item = load_inspection(inspection_id)
    member = _member_or_deny(item)
    standard = _standard_or_400(item, standard_id)
    standards = item.framework.standards
    index = standards.index(standard)
    saved = service.scores_of(db.session, item, current_user.id).get(standard.id)
    can_edit = item.state == S.PLANNED and member.submitted_at is None
    form = ScoreForm(obj=saved)
    if request.method == "POST" and not can_edit:
        flash("Your scores have been sent (or scoring has closed), so they cannot be changed. "
              "Talk to your lead inspector if something is wrong.", "error")
        return redirect(url_for("inspectors.scores", inspection_id=item.id))
    if form.validate_on_submit():
        try:
            service.save_score(db.session, current_user, item, standard.id,
                               rating=form.rating.data, evidence=form.evidence.data or "",
                               not_checked=form.not_checked.data)
        except InvalidRating as error:
            form.rating.errors.append(error.message)
        except VoiceError as error:
            form.evidence.errors.append(error.message)
        else:
            db.session.commit()
            flash(f"Saved {standard.code}.", "success")
            going_on = request.form.get("next") == "continue" and index + 1 < len(standards)
            if going_on:
                return redirect(url_for("inspectors.score", inspection_id=item.id,
                                        standard_id=standards[index + 1].id))
            return redirect(url_for("inspectors.scores", inspection_id=item.id))
    return render_template("inspectors/score.html", inspection=item, standard=standard,
                           form=form, number=index + 1, count=len(standards),
                           previous=standards[index - 1] if index else None,
                           can_edit=can_edit, saved=saved, meanings=RATING_MEANINGS)


@bp.post("/inspections/<int:inspection_id>/scores/submit")
@roles_required(Role.INSPECTOR)
def submit_scores(inspection_id: int):
    item = load_inspection(inspection_id)
    _member_or_deny(item)
    form = FlaskForm()
    if not form.validate_on_submit():
        raise bad_request("This form has expired. Go back, reload the page and try again.")
    return _act(item, lambda: service.submit_scores(db.session, current_user, item),
                "Thank you. Your scores have been sent to your lead inspector and the "
                "participation team.", target="inspectors.scores")


# ---- the provider's self-assessment -------------------------------------------------------------

def _parse_standard_fields(item: Inspection, prefix: str) -> set[int]:
    """Standard ids named in the form (``<prefix>-<id>``); any id not in the framework is
    refused, so a tampered form cannot score a standard that is not part of the inspection."""
    ids = set()
    known = {s.id for s in item.framework.standards}
    for key in request.form:
        if key.startswith(prefix + "-"):
            value = form_int(key[len(prefix) + 1:])
            if value not in known:
                raise bad_request("That standard is not part of the framework this inspection "
                                  "uses. Go back and reload the page.")
            ids.add(value)
    return ids


@bp.route("/inspections/<int:inspection_id>/self-assessment", methods=["GET", "POST"])
@roles_required(Role.PROVIDER)
def self_assessment(inspection_id: int):
    item = load_inspection(inspection_id)
    if not access.is_service_provider(current_user, item):
        deny("self-assessment is for the service's own organisation")
    saved = service.self_assessments(db.session, item)
    form = FlaskForm()
    errors: dict[int, str] = {}
    values = {s.id: ((saved[s.id].rating or "") if s.id in saved else "",
                     saved[s.id].note if s.id in saved else "") for s in item.framework.standards}
    if request.method == "POST":
        if not service.self_assessment_open(item):
            flash("Your self-assessment has been sent or has closed, so it cannot be changed.",
                  "error")
            return redirect(url_for("inspectors.self_assessment", inspection_id=item.id))
        _parse_standard_fields(item, "rating")
        _parse_standard_fields(item, "note")
        entries = {}
        for standard in item.framework.standards:
            rating = request.form.get(f"rating-{standard.id}", "")
            note = request.form.get(f"note-{standard.id}", "")
            values[standard.id] = (rating, note)
            if rating and rating not in {r.value for r in Rating}:
                errors[standard.id] = "A rating must be red, amber or green"
            elif len(note) > 3000:
                errors[standard.id] = "Keep the note to 3,000 characters or fewer"
            entries[standard.id] = (rating or None, note)
        if form.validate_on_submit() and not errors:
            send = request.form.get("action") == "send"
            try:
                service.save_self_assessment(db.session, current_user, item, entries, submit=send)
            except VoiceError as error:
                db.session.rollback()
                flash(error.message, "error")
            else:
                db.session.commit()
                flash("Your self-assessment has been sent. Thank you." if send else
                      "Saved. You can come back and finish it later.", "success")
                return redirect(url_for("inspectors.inspection" if send else
                                        "inspectors.self_assessment", inspection_id=item.id))
    return render_template("inspectors/self_assessment.html", inspection=item, form=form,
                           values=values, errors=errors, open=service.self_assessment_open(item),
                           meanings=RATING_MEANINGS), 400 if errors else 200


# ---- closing scoring and agreeing the team's rating ---------------------------------------------

@bp.post("/inspections/<int:inspection_id>/close-scoring")
@roles_required(MANAGERS)
def close_scoring(inspection_id: int):
    item = load_inspection(inspection_id)
    return _act(item, lambda: service.close_scoring(db.session, current_user, item),
                "Scoring has closed. Now agree the team's rating for each standard.")


def _agree_or_deny(item: Inspection) -> None:
    if not access.can_agree(current_user, item):
        deny("only the lead inspector and the participation team agree ratings")


TEAM_CHOICES = {"red", "amber", "green", "not_checked"}


@bp.route("/inspections/<int:inspection_id>/agree", methods=["GET", "POST"])
@roles_required(MANAGERS | {Role.INSPECTOR})
def agree(inspection_id: int):
    item = load_inspection(inspection_id)
    _agree_or_deny(item)
    form = FlaskForm()
    ratings = service.team_ratings(db.session, item)
    errors: dict[int, str] = {}
    values = {}
    for standard in item.framework.standards:
        row = ratings.get(standard.id)
        choice = ("not_checked" if row.not_checked else (row.rating or "")) if row else ""
        values[standard.id] = (choice, row.reason if row else "")
    if request.method == "POST":
        if item.state != S.AGREEING:
            flash("Ratings can only be agreed after scoring closes and before the report is "
                  "shared.", "error")
            return redirect(url_for("inspectors.inspection", inspection_id=item.id))
        _parse_standard_fields(item, "team")
        _parse_standard_fields(item, "reason")
        entries = {}
        for standard in item.framework.standards:
            choice = request.form.get(f"team-{standard.id}", "")
            reason = request.form.get(f"reason-{standard.id}", "")
            values[standard.id] = (choice, reason)
            if choice not in TEAM_CHOICES:
                errors[standard.id] = ("Choose red, amber or green, or say the team could not "
                                       "check it")
            elif len(reason) > 3000:
                errors[standard.id] = "Keep the reason to 3,000 characters or fewer"
            entries[standard.id] = (None if choice == "not_checked" else choice,
                                    choice == "not_checked", reason)
        if form.validate_on_submit() and not errors:
            try:
                service.save_team_ratings(db.session, current_user, item, entries)
            except VoiceError as error:
                db.session.rollback()
                flash(error.message, "error")
            else:
                db.session.commit()
                flash("Ratings saved. When you both agree, say so below.", "success")
                return redirect(url_for("inspectors.agree", inspection_id=item.id))
    team = service.team_scores(db.session, item)
    suggestions = {sid: suggest_team_rating(Rating(s.rating) if s.rating else None for s in rows)
                   for sid, rows in team.items()}
    return render_template(
        "inspectors/agree.html", inspection=item, form=form, values=values, errors=errors,
        team=team, suggestions=suggestions,
        evidence=service.evidence_for(db.session, current_user,
                                      [sc for rows in team.values() for sc in rows]),
        own=service.self_assessments(db.session, item),
        problems=service.agreement_problems(db.session, item) if item.state == S.AGREEING else [],
        is_manager=access.is_manager(current_user), is_lead=access.is_lead(current_user, item),
        not_submitted=[m for m in item.team if m.submitted_at is None],
        meanings=RATING_MEANINGS), 400 if errors else 200


@bp.post("/inspections/<int:inspection_id>/agree/sign-off")
@roles_required(MANAGERS | {Role.INSPECTOR})
def sign_off(inspection_id: int):
    item = load_inspection(inspection_id)
    _agree_or_deny(item)
    in_person = request.form.get("lead_in_person") == "yes"
    try:
        service.sign_off_ratings(db.session, current_user, item, lead_in_person=in_person)
    except VoiceError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash("Thank you: your agreement is recorded.", "success")
    return redirect(url_for("inspectors.agree", inspection_id=item.id))
