"""Writing the report, sharing it, the provider's responses, publishing, commitments, the
follow-up, the certificate and the service's history."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from inspectors.blueprint import INSPECTION_READERS, bp
from inspectors.forms import (
    AssuranceForm,
    FollowUpForm,
    HighlightForm,
    PublishForm,
    RecommendationForm,
    RespondForm,
    ShareForm,
)
from inspectors.models import (
    Highlight,
    HighlightKind,
    Inspection,
    InspectionState,
    Recommendation,
)
from inspectors.services import access, followup
from inspectors.services import inspections as service
from inspectors.services.comparison import meets_bar, summarise
from inspectors.services.errors import (
    NotAllowed,
    NotFound,
    StandardNotInFramework,
    VoiceError,
)
from inspectors.views.common import load_inspection
from voice.auth.roles import MANAGERS, Role, deny, roles_required
from voice.db import db
from voice.directory.services import get_service_for

S = InspectionState
WRITERS = MANAGERS | {Role.INSPECTOR}


def _writer_or_deny(item: Inspection) -> None:
    if not access.can_write_report(current_user, item):
        deny("only the team and the participation team write the report")


def _standard_choices(item: Inspection):
    return [(None, "Not about one standard")] + [
        (s.id, f"{s.code}: {s.title}") for s in item.framework.standards]


def _recommendation(item: Inspection, recommendation_id: int) -> Recommendation:
    rec = service.get_recommendation(item, recommendation_id)
    if rec is None:
        abort(404)
    return rec


# ---- writing the report -------------------------------------------------------------------------

def _write_page(item: Inspection, rec_form=None, highlight_form=None, status=200):
    rec_form = rec_form or RecommendationForm(formdata=None, prefix="rec")
    rec_form.standard_id.choices = _standard_choices(item)
    return render_template(
        "inspectors/write.html", inspection=item, rec_form=rec_form,
        highlight_form=highlight_form or HighlightForm(formdata=None, prefix="hl"),
        can_write=item.state in service.REPORT_WRITING,
        strengths=[h for h in item.highlights if h.kind == HighlightKind.STRENGTH],
        quotes=[h for h in item.highlights if h.kind == HighlightKind.QUOTE]), status


@bp.get("/inspections/<int:inspection_id>/write")
@roles_required(WRITERS)
def write_report(inspection_id: int):
    item = load_inspection(inspection_id)
    _writer_or_deny(item)
    return _write_page(item)


@bp.post("/inspections/<int:inspection_id>/recommendations")
@roles_required(WRITERS)
def add_recommendation(inspection_id: int):
    item = load_inspection(inspection_id)
    _writer_or_deny(item)
    form = RecommendationForm(prefix="rec")
    form.standard_id.choices = _standard_choices(item)
    if form.validate_on_submit():
        try:
            service.add_recommendation(db.session, current_user, item, text=form.text.data,
                                       standard_id=form.standard_id.data)
        except StandardNotInFramework as error:
            form.standard_id.errors.append(error.message)
        except VoiceError as error:
            form.text.errors.append(error.message)
        else:
            db.session.commit()
            flash("Recommendation added.", "success")
            return redirect(url_for("inspectors.write_report", inspection_id=item.id))
    return _write_page(item, rec_form=form, status=400)


@bp.route("/inspections/<int:inspection_id>/recommendations/<int:recommendation_id>/edit",
          methods=["GET", "POST"])
@roles_required(WRITERS)
def edit_recommendation(inspection_id: int, recommendation_id: int):
    item = load_inspection(inspection_id)
    _writer_or_deny(item)
    rec = _recommendation(item, recommendation_id)
    form = RecommendationForm(obj=rec)
    form.standard_id.choices = _standard_choices(item)
    if item.state not in service.REPORT_WRITING:
        flash("The report has been shared, so its recommendations cannot be changed.", "error")
        return redirect(url_for("inspectors.write_report", inspection_id=item.id))
    if form.validate_on_submit():
        try:
            service.update_recommendation(db.session, current_user, item, rec,
                                          text=form.text.data, standard_id=form.standard_id.data)
        except StandardNotInFramework as error:
            form.standard_id.errors.append(error.message)
        except VoiceError as error:
            form.text.errors.append(error.message)
        else:
            db.session.commit()
            flash("Recommendation saved.", "success")
            return redirect(url_for("inspectors.write_report", inspection_id=item.id))
    return render_template("inspectors/recommendation_form.html", inspection=item, rec=rec,
                           form=form)


def _report_change(item: Inspection, action, success: str):
    try:
        action()
    except VoiceError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(success, "success")
    return redirect(url_for("inspectors.write_report", inspection_id=item.id))


@bp.post("/inspections/<int:inspection_id>/recommendations/<int:recommendation_id>/delete")
@roles_required(WRITERS)
def delete_recommendation(inspection_id: int, recommendation_id: int):
    item = load_inspection(inspection_id)
    _writer_or_deny(item)
    rec = _recommendation(item, recommendation_id)
    return _report_change(item, lambda: service.delete_recommendation(
        db.session, current_user, item, rec), "Recommendation removed.")


@bp.post("/inspections/<int:inspection_id>/highlights")
@roles_required(WRITERS)
def add_highlight(inspection_id: int):
    item = load_inspection(inspection_id)
    _writer_or_deny(item)
    form = HighlightForm(prefix="hl")
    if form.validate_on_submit():
        try:
            service.add_highlight(db.session, current_user, item, kind=form.kind.data,
                                  text=form.text.data)
        except VoiceError as error:
            form.text.errors.append(error.message)
        else:
            db.session.commit()
            flash("Added.", "success")
            return redirect(url_for("inspectors.write_report", inspection_id=item.id))
    return _write_page(item, highlight_form=form, status=400)


@bp.post("/inspections/<int:inspection_id>/highlights/<int:highlight_id>/delete")
@roles_required(WRITERS)
def delete_highlight(inspection_id: int, highlight_id: int):
    item = load_inspection(inspection_id)
    _writer_or_deny(item)
    highlight = db.session.get(Highlight, highlight_id)
    if highlight is None or highlight.inspection_id != item.id:
        abort(404)
    return _report_change(item, lambda: service.delete_highlight(
        db.session, current_user, item, highlight), "Removed.")


# ---- sharing with the provider ------------------------------------------------------------------

@bp.route("/inspections/<int:inspection_id>/share", methods=["GET", "POST"])
@roles_required(MANAGERS)
def share(inspection_id: int):
    item = load_inspection(inspection_id)
    form = ShareForm()
    if request.method == "GET":
        form.working_days.data = service.get_settings(db.session).response_working_days
        db.session.commit()
    problems = service.share_problems(db.session, item)
    if form.validate_on_submit():
        try:
            service.share_report(db.session, current_user, item,
                                 working_days=form.working_days.data)
        except VoiceError as error:
            db.session.rollback()
            form.working_days.errors.append(error.message)
        else:
            db.session.commit()
            flash(f"The report is shared with {item.service.provider.name}. They have until "
                  f"{item.response_due_on:%-d %B %Y} to respond.", "success")
            return redirect(url_for("inspectors.inspection", inspection_id=item.id))
    return render_template("inspectors/share.html", inspection=item, form=form,
                           problems=problems)


# ---- the report ---------------------------------------------------------------------------------

@bp.get("/inspections/<int:inspection_id>/report")
@roles_required(INSPECTION_READERS)
def report(inspection_id: int):
    item = load_inspection(inspection_id)
    if not access.can_see_report(current_user, item):
        return render_template("inspectors/report_not_ready.html", inspection=item)
    rows = service.comparison(db.session, item)
    return render_template(
        "inspectors/report.html", inspection=item, rows=rows, summary=summarise(rows),
        team_credit=service.team_credit(db.session, item,
                                        show_names=access.can_see_names(current_user, item)),
        strengths=[h for h in item.highlights if h.kind == HighlightKind.STRENGTH],
        quotes=[h for h in item.highlights if h.kind == HighlightKind.QUOTE],
        commitments=followup.commitments_by_recommendation(db.session, item.recommendations),
        is_provider=access.is_service_provider(current_user, item),
        is_manager=access.is_manager(current_user),
        is_draft=not access.is_shared(item), overdue=service.responses_overdue(item))


@bp.route("/inspections/<int:inspection_id>/recommendations/<int:recommendation_id>/respond",
          methods=["GET", "POST"])
@roles_required(Role.PROVIDER)
def respond(inspection_id: int, recommendation_id: int):
    item = load_inspection(inspection_id)
    if not access.is_service_provider(current_user, item):
        deny("only the service's own organisation responds")
    rec = _recommendation(item, recommendation_id)
    form = RespondForm(obj=rec)
    if request.method == "GET":
        form.text.data = rec.response_text
        form.by_date.data = rec.response_by
    is_open = item.state in (S.SHARED, S.PUBLISHED) and service.can_respond(rec)
    if request.method == "POST" and not is_open:
        flash("You can respond once the report is shared with you, and until the "
              "recommendation becomes a \u201cyou said, we did\u201d commitment.", "error")
        return redirect(url_for("inspectors.report", inspection_id=item.id))
    if form.validate_on_submit():
        try:
            service.respond_to_recommendation(db.session, current_user, item, rec,
                                              response=form.response.data, text=form.text.data,
                                              by_date=form.by_date.data)
        except VoiceError as error:
            field = form.by_date if "date" in error.message else (
                form.response if "Choose" in error.message else form.text)
            field.errors.append(error.message)
        else:
            db.session.commit()
            flash("Thank you. Your response is saved.", "success")
            return redirect(url_for("inspectors.report", inspection_id=item.id) + f"#rec-{rec.id}")
    number = item.recommendations.index(rec) + 1
    return render_template("inspectors/respond.html", inspection=item, rec=rec, form=form,
                           number=number, is_open=is_open)


@bp.post("/inspections/<int:inspection_id>/recommendations/<int:recommendation_id>/commitment")
@roles_required(MANAGERS)
def make_commitment(inspection_id: int, recommendation_id: int):
    item = load_inspection(inspection_id)
    rec = _recommendation(item, recommendation_id)
    try:
        commitment = followup.make_commitment(db.session, current_user, item, rec)
    except VoiceError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(f"Recommendation {item.recommendations.index(rec) + 1} is now a \u201cyou said, "
              f"we did\u201d commitment (number {commitment.id}).", "success")
    return redirect(url_for("inspectors.report", inspection_id=item.id) + f"#rec-{rec.id}")


# ---- publishing ---------------------------------------------------------------------------------

@bp.route("/inspections/<int:inspection_id>/publish", methods=["GET", "POST"])
@roles_required(MANAGERS)
def publish(inspection_id: int):
    item = load_inspection(inspection_id)
    form = PublishForm(obj=item)
    if form.validate_on_submit():
        try:
            service.publish_summary(db.session, current_user, item, summary=form.summary.data)
        except VoiceError as error:
            db.session.rollback()
            form.summary.errors.append(error.message)
        else:
            db.session.commit()
            flash("Published on the service's public page."
                  + (" It met the bar for a certificate." if item.certificate_awarded else ""),
                  "success")
            return redirect(url_for("inspectors.inspection", inspection_id=item.id))
    settings = service.get_settings(db.session)
    db.session.commit()
    rows = service.comparison(db.session, item)
    return render_template("inspectors/publish.html", inspection=item, form=form, rows=rows,
                           bar=service.certificate_bar(settings),
                           would_award=meets_bar(service.team_rating_values(db.session, item),
                                                 service.certificate_bar(settings)))


@bp.post("/inspections/<int:inspection_id>/unpublish")
@roles_required(MANAGERS)
def unpublish(inspection_id: int):
    item = load_inspection(inspection_id)
    try:
        service.withdraw_summary(db.session, current_user, item)
    except VoiceError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash("The summary is no longer on the public page.", "success")
    return redirect(url_for("inspectors.inspection", inspection_id=item.id))


# ---- follow-up ----------------------------------------------------------------------------------

@bp.route("/inspections/<int:inspection_id>/follow-up", methods=["GET", "POST"])
@roles_required(MANAGERS)
def follow_up(inspection_id: int):
    item = load_inspection(inspection_id)
    existing = followup.follow_ups_of(db.session, item)
    if existing:
        flash("A follow-up is already planned.", "info")
        return redirect(url_for("inspectors.inspection", inspection_id=existing[0].id))
    form = FollowUpForm()
    if request.method == "GET":
        form.visit_from.data = followup.suggested_follow_up_date(db.session, item)
        db.session.commit()
    if form.validate_on_submit():
        try:
            planned = followup.plan_follow_up(db.session, current_user, item,
                                              visit_from=form.visit_from.data)
        except VoiceError as error:
            db.session.rollback()
            form.visit_from.errors.append(error.message)
        else:
            db.session.commit()
            flash("Follow-up planned with the same team and the newest version of the "
                  "framework. Check the plan.", "success")
            return redirect(url_for("inspectors.inspection", inspection_id=planned.id))
    return render_template("inspectors/follow_up.html", inspection=item, form=form,
                           months=service.get_settings(db.session).follow_up_months)


def _assurance_or_deny(item: Inspection) -> None:
    if not followup.can_assure(current_user, item):
        deny("only the lead inspector and the participation team record assurance")


@bp.get("/inspections/<int:inspection_id>/assurance")
@roles_required(MANAGERS | {Role.INSPECTOR})
def assurance(inspection_id: int):
    item = load_inspection(inspection_id)
    _assurance_or_deny(item)
    rows = followup.assurance_rows(db.session, item)
    forms = {}
    for row in rows:
        form = AssuranceForm(formdata=None, prefix=f"rec{row.recommendation.id}")
        if row.check is not None:
            form.outcome.data, form.note.data = row.check.outcome, row.check.note
        elif row.suggestion is not None:
            form.outcome.data = row.suggestion.value
        forms[row.recommendation.id] = form
    return render_template("inspectors/assurance.html", inspection=item, rows=rows, forms=forms)


@bp.post("/inspections/<int:inspection_id>/assurance/<int:recommendation_id>")
@roles_required(MANAGERS | {Role.INSPECTOR})
def record_assurance(inspection_id: int, recommendation_id: int):
    item = load_inspection(inspection_id)
    _assurance_or_deny(item)
    if item.follow_up_of is None:
        flash("This is not a follow-up inspection, so there is nothing earlier to check.", "error")
        return redirect(url_for("inspectors.inspection", inspection_id=item.id))
    rec = service.get_recommendation(item.follow_up_of, recommendation_id)
    if rec is None:
        abort(404)
    form = AssuranceForm(prefix=f"rec{rec.id}")
    if form.validate_on_submit():
        try:
            followup.record_assurance(db.session, current_user, item, rec,
                                      outcome=form.outcome.data, note=form.note.data)
        except VoiceError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            db.session.commit()
            flash("Recorded.", "success")
    else:
        for field in (form.outcome, form.note):
            for message in field.errors:
                flash(message, "error")
    return redirect(url_for("inspectors.assurance", inspection_id=item.id) + f"#rec-{rec.id}")


# ---- certificate and history --------------------------------------------------------------------

@bp.get("/inspections/<int:inspection_id>/certificate")
@roles_required(INSPECTION_READERS)
def certificate(inspection_id: int):
    item = load_inspection(inspection_id)
    return render_template("inspectors/certificate.html", inspection=item,
                           available=followup.certificate_available(item),
                           counts=summarise(service.comparison(db.session, item)).team_counts,
                           public=False)


@bp.get("/inspections/services/<int:service_id>/history")
@roles_required(MANAGERS | {Role.PROVIDER, Role.COMMISSIONER})
def service_history(service_id: int):
    try:
        svc = get_service_for(db.session, current_user, service_id)
    except NotFound:
        abort(404)
    except NotAllowed as error:
        deny(error.message)
    return render_template("inspectors/history.html", service=svc,
                           histories=followup.service_history(db.session, svc.id))



@bp.get("/inspections/recommendations/<int:recommendation_id>")
@roles_required(INSPECTION_READERS)
def recommendation(recommendation_id: int):
    """A stable address for one recommendation (the loop links commitments back here)."""
    rec = db.session.get(Recommendation, recommendation_id)
    if rec is None:
        abort(404)
    item = load_inspection(rec.inspection_id)
    target = "inspectors.report" if access.can_see_report(current_user, item) else \
        "inspectors.inspection"
    return redirect(url_for(target, inspection_id=item.id) + f"#rec-{rec.id}")
