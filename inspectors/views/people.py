"""Young inspector accounts (participation team), and a young inspector's own details."""

from __future__ import annotations

from datetime import date

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from inspectors.blueprint import bp
from inspectors.forms import (
    EditInspectorForm,
    HoursFilterForm,
    HoursForm,
    InspectorForm,
    NamePreferenceForm,
    PassphraseForm,
    TrainingForm,
)
from inspectors.models import Inspection, InspectionState, InspectorProfile, TeamMember
from inspectors.services import people as service
from inspectors.services.common import today
from inspectors.services.errors import VoiceError
from inspectors.views.common import form_int, or_404
from voice.auth import services as accounts
from voice.auth.roles import MANAGERS, Role, roles_required
from voice.db import db


def _profile(profile_id: int) -> InspectorProfile:
    return or_404(InspectorProfile, profile_id)


@bp.get("/young-inspectors")
@roles_required(MANAGERS)
def people():
    profiles = service.list_profiles(db.session)
    totals = {}
    for entry in service.hours_for(db.session):
        totals[entry.profile_id] = totals.get(entry.profile_id, 0) + entry.minutes
    return render_template("inspectors/people.html", profiles=profiles, totals=totals)


@bp.route("/young-inspectors/new", methods=["GET", "POST"])
@roles_required(MANAGERS)
def new_person():
    form = InspectorForm()
    if form.validate_on_submit():
        try:
            profile = service.create_inspector(
                db.session, current_user, username=form.username.data,
                display_name=form.display_name.data, password=form.password.data,
                age_band=form.age_band.data, consent_on=form.consent_on.data,
                parent_consent_on=form.parent_consent_on.data,
                name_preference=form.name_preference.data, reward=form.reward.data)
        except accounts.WeakPassword as error:
            form.password.errors.append(error.message)
        except accounts.UsernameTaken as error:
            form.username.errors.append(error.message)
        except VoiceError as error:
            target = form.parent_consent_on if "consent" in error.message else form.age_band
            target.errors.append(error.message)
        else:
            db.session.commit()
            flash(f"{profile.user.display_name} can now sign in as {profile.user.username}. "
                  "Record their training next.", "success")
            return redirect(url_for("inspectors.person", profile_id=profile.id))
    return render_template("inspectors/person_form.html", form=form, profile=None)


def _person_page(profile: InspectorProfile, training_form: TrainingForm | None = None):
    inspections = db.session.scalars(
        select(Inspection).where(Inspection.team.any(TeamMember.user_id == profile.user_id))
        .order_by(Inspection.visit_from.desc())).all()
    return render_template("inspectors/person.html", profile=profile,
                           training_form=training_form or TrainingForm(formdata=None),
                           hours=service.hours_for(db.session, profile_id=profile.id),
                           inspections=inspections)


@bp.get("/young-inspectors/<int:profile_id>")
@roles_required(MANAGERS)
def person(profile_id: int):
    return _person_page(_profile(profile_id))


@bp.route("/young-inspectors/<int:profile_id>/edit", methods=["GET", "POST"])
@roles_required(MANAGERS)
def edit_person(profile_id: int):
    profile = _profile(profile_id)
    form = EditInspectorForm(obj=profile)
    if request.method == "GET":
        form.display_name.data = profile.user.display_name
        form.is_active.data = profile.user.is_active
    if form.validate_on_submit():
        try:
            service.update_inspector(
                db.session, current_user, profile, display_name=form.display_name.data,
                age_band=form.age_band.data, consent_on=form.consent_on.data,
                parent_consent_on=form.parent_consent_on.data,
                name_preference=form.name_preference.data, reward=form.reward.data,
                is_active=form.is_active.data)
        except VoiceError as error:
            target = form.parent_consent_on if "consent" in error.message else form.display_name
            target.errors.append(error.message)
        else:
            db.session.commit()
            flash(f"Saved {profile.user.display_name}'s details.", "success")
            return redirect(url_for("inspectors.person", profile_id=profile.id))
    return render_template("inspectors/person_form.html", form=form, profile=profile)


@bp.route("/young-inspectors/<int:profile_id>/passphrase", methods=["GET", "POST"])
@roles_required(MANAGERS)
def reset_passphrase(profile_id: int):
    profile = _profile(profile_id)
    form = PassphraseForm()
    if form.validate_on_submit():
        try:
            service.reset_passphrase(db.session, current_user, profile, form.password.data)
        except VoiceError as error:
            form.password.errors.append(error.message)
        else:
            db.session.commit()
            flash(f"New passphrase set for {profile.user.display_name}. Give it to them in "
                  "person.", "success")
            return redirect(url_for("inspectors.person", profile_id=profile.id))
    return render_template("inspectors/passphrase_form.html", form=form, profile=profile)


@bp.post("/young-inspectors/<int:profile_id>/training")
@roles_required(MANAGERS)
def add_training(profile_id: int):
    profile = _profile(profile_id)
    form = TrainingForm()
    if form.validate_on_submit():
        try:
            service.add_training(db.session, current_user, profile, course=form.course.data,
                                 completed_on=form.completed_on.data)
        except VoiceError as error:
            form.completed_on.errors.append(error.message)
        else:
            db.session.commit()
            flash(f"Recorded {form.course.data.strip()}.", "success")
            return redirect(url_for("inspectors.person", profile_id=profile.id))
    return _person_page(profile, form), 400


def _inspection_choices():
    rows = db.session.scalars(select(Inspection).where(
        Inspection.state != InspectionState.CANCELLED).order_by(Inspection.visit_from.desc())
        .limit(200)).all()
    return [(None, "Not about one inspection")] + [
        (i.id, f"{i.service.name}, {i.visit_from:%-d %B %Y}") for i in rows]


@bp.route("/young-inspectors/<int:profile_id>/hours", methods=["GET", "POST"])
@roles_required(MANAGERS)
def add_hours(profile_id: int):
    profile = _profile(profile_id)
    form = HoursForm()
    form.inspection_id.choices = _inspection_choices()
    if request.method == "GET":
        form.worked_on.data = today()
        form.inspection_id.data = form_int(request.args.get("inspection"))
    if form.validate_on_submit():
        try:
            service.record_hours(db.session, current_user, profile,
                                 worked_on=form.worked_on.data, hours=form.hours.data,
                                 activity=form.activity.data,
                                 inspection_id=form.inspection_id.data, note=form.note.data or "")
        except VoiceError as error:
            field = form.worked_on if "day" in error.message else (
                form.inspection_id if "inspection" in error.message else form.hours)
            field.errors.append(error.message)
        else:
            db.session.commit()
            flash(f"Recorded {form.hours.data.strip()} hours for {profile.user.display_name}.",
                  "success")
            return redirect(url_for("inspectors.person", profile_id=profile.id))
    return render_template("inspectors/hours_form.html", form=form, profile=profile)


def _hours_filter() -> tuple[HoursFilterForm, date | None, date | None]:
    form = HoursFilterForm(request.args)
    form.validate()
    start, end = form.start.data, form.end.data
    if start and end and end < start:
        form.end.errors = list(form.end.errors) + ["The end date must be after the start date"]
        end = None
    return form, start, end


@bp.get("/young-inspectors/hours")
@roles_required(MANAGERS)
def hours():
    form, start, end = _hours_filter()
    entries = service.hours_for(db.session, start=start, end=end)
    return render_template("inspectors/hours.html", form=form, entries=entries,
                           totals=service.hours_totals(entries), start=start, end=end)


def _download_name(start: date | None, end: date | None, ext: str) -> str:
    span = f"{start or 'start'}-to-{end or today()}"
    return f"young-inspector-hours-{span}.{ext}"


@bp.get("/young-inspectors/hours.csv")
@roles_required(MANAGERS)
def hours_csv():
    _, start, end = _hours_filter()
    body = service.hours_csv(service.hours_for(db.session, start=start, end=end))
    return Response("\ufeff" + body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{_download_name(start, end, "csv")}"'})


@bp.get("/young-inspectors/hours.xlsx")
@roles_required(MANAGERS)
def hours_xlsx():
    _, start, end = _hours_filter()
    body = service.hours_xlsx(service.hours_for(db.session, start=start, end=end))
    return Response(body, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition":
                             f'attachment; filename="{_download_name(start, end, "xlsx")}"'})


@bp.route("/my-details", methods=["GET", "POST"])
@roles_required(Role.INSPECTOR)
def my_details():
    profile = service.profile_for_user(db.session, current_user.id)
    form = NamePreferenceForm(obj=profile)
    if form.validate_on_submit():
        try:
            service.set_name_preference(db.session, current_user, form.name_preference.data)
        except VoiceError as error:
            form.name_preference.errors.append(error.message)
        else:
            db.session.commit()
            flash("Saved. Services will see your name the way you chose.", "success")
            return redirect(url_for("inspectors.my_details"))
    hours = service.hours_for(db.session, profile_id=profile.id) if profile else []
    return render_template("inspectors/my_details.html", profile=profile, form=form, hours=hours,
                           total_minutes=sum(h.minutes for h in hours))
