"""Frameworks and standards (participation team)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from inspectors.blueprint import bp
from inspectors.forms import FrameworkForm, StandardForm
from inspectors.models import Framework
from inspectors.services import frameworks as service
from inspectors.services.errors import NotFound, VoiceError
from inspectors.views.common import or_404
from voice.auth.roles import MANAGERS, roles_required
from voice.db import db


def _framework(framework_id: int) -> Framework:
    return or_404(Framework, framework_id)


def _versioned_message(before: Framework, after: Framework) -> None:
    if after.id != before.id:
        flash(f"Inspections already use version {before.version}, so your change made version "
              f"{after.version}. Those inspections keep version {before.version}.", "success")
    else:
        flash("Saved.", "success")


@bp.get("/frameworks")
@roles_required(MANAGERS)
def frameworks():
    show_archived = request.args.get("archived") == "1"
    items = service.current_frameworks(db.session, include_archived=show_archived)
    families = {f.family for f in items}
    missing_ready = any(spec["family"] not in families for spec in service.ready_framework_specs()
                        if service.current_version_of(db.session, spec["family"]) is None)
    usage = {f.id: service.inspections_using(db.session, f) for f in items}
    return render_template("inspectors/frameworks.html", frameworks=items, usage=usage,
                           missing_ready=missing_ready, show_archived=show_archived)


@bp.post("/frameworks/ready")
@roles_required(MANAGERS)
def install_ready_frameworks():
    added = service.install_ready_frameworks(db.session, current_user)
    db.session.commit()
    if added:
        flash("Added " + " and ".join(f.name for f in added) + ".", "success")
    else:
        flash("The ready-made frameworks are already here.", "info")
    return redirect(url_for("inspectors.frameworks"))


@bp.route("/frameworks/new", methods=["GET", "POST"])
@roles_required(MANAGERS)
def new_framework():
    form = FrameworkForm()
    if form.validate_on_submit():
        try:
            framework = service.create_framework(db.session, current_user, name=form.name.data,
                                                 description=form.description.data or "")
        except VoiceError as error:
            form.name.errors.append(error.message)
        else:
            db.session.commit()
            flash(f"Added {framework.name}. Now add its standards.", "success")
            return redirect(url_for("inspectors.framework", framework_id=framework.id))
    return render_template("inspectors/framework_form.html", form=form, framework=None)


@bp.get("/frameworks/<int:framework_id>")
@roles_required(MANAGERS)
def framework(framework_id: int):
    item = _framework(framework_id)
    return render_template("inspectors/framework.html", framework=item,
                           versions=service.versions_of(db.session, item),
                           in_use=service.inspections_using(db.session, item))


@bp.route("/frameworks/<int:framework_id>/edit", methods=["GET", "POST"])
@roles_required(MANAGERS)
def edit_framework(framework_id: int):
    item = _framework(framework_id)
    form = FrameworkForm(obj=item)
    if form.validate_on_submit():
        try:
            target = service.update_framework(db.session, current_user, item,
                                              name=form.name.data,
                                              description=form.description.data or "")
        except VoiceError as error:
            form.name.errors.append(error.message)
        else:
            db.session.commit()
            _versioned_message(item, target)
            return redirect(url_for("inspectors.framework", framework_id=target.id))
    return render_template("inspectors/framework_form.html", form=form, framework=item,
                           in_use=service.is_in_use(db.session, item))


@bp.post("/frameworks/<int:framework_id>/archive")
@roles_required(MANAGERS)
def archive_framework(framework_id: int):
    item = _framework(framework_id)
    service.set_archived(db.session, current_user, item, item.archived_at is None)
    db.session.commit()
    flash(f"{item.name} {'archived' if item.archived_at else 'restored'}.", "success")
    return redirect(url_for("inspectors.frameworks"))


@bp.route("/frameworks/<int:framework_id>/standards/new", methods=["GET", "POST"])
@bp.route("/frameworks/<int:framework_id>/standards/<int:standard_id>", methods=["GET", "POST"])
@roles_required(MANAGERS)
def edit_standard(framework_id: int, standard_id: int | None = None):
    item = _framework(framework_id)
    standard = None
    if standard_id is not None:
        try:
            standard = service.get_standard(item, standard_id)
        except NotFound:
            return render_template("errors.html", code=404, title="Page not found",
                                   message="That standard is not part of this framework."), 404
    form = StandardForm(obj=standard)
    if form.validate_on_submit():
        data = service.StandardInput(form.code.data, form.title.data, form.wording.data,
                                     form.prompts.data or "")
        try:
            target, _ = service.save_standard(db.session, current_user, item, standard_id, data)
        except VoiceError as error:
            field = form.code if "code" in error.message else form.wording
            field.errors.append(error.message)
        else:
            db.session.commit()
            _versioned_message(item, target)
            return redirect(url_for("inspectors.framework", framework_id=target.id))
    return render_template("inspectors/standard_form.html", form=form, framework=item,
                           standard=standard, in_use=service.is_in_use(db.session, item))


def _standard_action(framework_id: int, standard_id: int, action):
    item = _framework(framework_id)
    try:
        target = action(item)
    except NotFound:
        flash("That standard is not part of this framework.", "error")
        return redirect(url_for("inspectors.framework", framework_id=item.id))
    except VoiceError as error:
        flash(error.message, "error")
        return redirect(url_for("inspectors.framework", framework_id=item.id))
    db.session.commit()
    _versioned_message(item, target)
    return redirect(url_for("inspectors.framework", framework_id=target.id))


@bp.post("/frameworks/<int:framework_id>/standards/<int:standard_id>/remove")
@roles_required(MANAGERS)
def remove_standard(framework_id: int, standard_id: int):
    return _standard_action(framework_id, standard_id, lambda f: service.remove_standard(
        db.session, current_user, f, standard_id))


@bp.post("/frameworks/<int:framework_id>/standards/<int:standard_id>/move")
@roles_required(MANAGERS)
def move_standard(framework_id: int, standard_id: int):
    direction = request.form.get("direction", "")
    return _standard_action(framework_id, standard_id, lambda f: service.move_standard(
        db.session, current_user, f, standard_id, direction))
