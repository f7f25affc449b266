"""Staff pages for areas, organisations and services."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from voice.auth.roles import MANAGERS, STAFF, Role, deny, roles_required
from voice.db import db
from voice.directory import services
from voice.directory.forms import AreaForm, OrganisationForm, ServiceForm
from voice.directory.models import Area, Organisation, OrganisationKind, Service
from voice.errors import NotAllowed, NotFound, VoiceError
from voice.templating import add_nav

bp = Blueprint("directory", __name__, template_folder="templates", url_prefix="/directory")

READERS = MANAGERS | {Role.COMMISSIONER}
add_nav("Services", "directory.services", STAFF)
add_nav("Areas and organisations", "directory.areas", READERS)


@bp.before_app_request
def _follow_renamed_services():
    """A service's old public address (``/you-said-we-did/<old>``, its poster, its
    inspections, ``?service=<old>`` on the board) moves permanently to today's: posters
    printed before a rename keep working."""
    if request.method not in ("GET", "HEAD"):
        return None
    view_args = dict(request.view_args or {})
    slug = view_args.get("service_slug")
    query = request.args.to_dict()
    if isinstance(slug, str):
        moved = services.current_slug(db.session, slug)
        if moved is None or moved == slug:
            return None
        view_args["service_slug"] = moved
    elif request.endpoint == "loop.board" and query.get("service"):
        moved = services.current_slug(db.session, query["service"])
        if moved is None or moved == query["service"]:
            return None
        query["service"] = moved
    else:
        return None
    return redirect(url_for(request.endpoint, **{**query, **view_args}), code=301)


def _or_404(model, obj_id: int):
    obj = db.session.get(model, obj_id)
    if obj is None:
        abort(404)
    return obj


def _show_archived() -> bool:
    return request.args.get("archived") == "1"


# ---- areas ---------------------------------------------------------------------------------

def _area_choices(exclude: Area | None = None):
    areas = db.session.scalars(select(Area).where(Area.archived_at.is_(None)).order_by(Area.name)).all()
    return [(None, "None")] + [(a.id, f"{a.name} ({a.kind_label})") for a in areas
                               if exclude is None or a.id != exclude.id]


@bp.get("/areas")
@roles_required(READERS)
def areas():
    query = select(Area).order_by(Area.kind, Area.name)
    if not _show_archived():
        query = query.where(Area.archived_at.is_(None))
    organisations = db.session.scalars(
        select(Organisation).where(Organisation.archived_at.is_(None) if not _show_archived() else True)
        .options(selectinload(Organisation.lead_contact)).order_by(Organisation.name)
    ).all()
    return render_template("directory/areas.html", areas=db.session.scalars(query).all(),
                           organisations=organisations, show_archived=_show_archived())


@bp.route("/areas/new", methods=["GET", "POST"])
@bp.route("/areas/<int:area_id>", methods=["GET", "POST"])
@roles_required(MANAGERS)
def edit_area(area_id: int | None = None):
    area = _or_404(Area, area_id) if area_id is not None else None
    form = AreaForm(obj=area)
    form.parent_id.choices = _area_choices(exclude=area)
    if form.validate_on_submit():
        try:
            if area is None:
                area = services.create_area(db.session, current_user, name=form.name.data,
                                            kind=form.kind.data, parent_id=form.parent_id.data)
            else:
                services.update_area(db.session, current_user, area, name=form.name.data,
                                     kind=form.kind.data, parent_id=form.parent_id.data)
        except VoiceError as error:
            form.parent_id.errors.append(error.message)
        else:
            db.session.commit()
            flash(f"Saved {area.name}.", "success")
            return redirect(url_for("directory.areas"))
    return render_template("directory/simple_form.html", form=form, obj=area, noun="area",
                           back=url_for("directory.areas"),
                           archive_url=url_for("directory.archive_area", area_id=area.id) if area else None)


@bp.post("/areas/<int:area_id>/archive")
@roles_required(MANAGERS)
def archive_area(area_id: int):
    area = _or_404(Area, area_id)
    services.set_archived(db.session, current_user, area, not area.is_archived)
    db.session.commit()
    flash(f"{area.name} {'archived' if area.is_archived else 'restored'}.", "success")
    return redirect(url_for("directory.areas"))


# ---- organisations ---------------------------------------------------------------------------

@bp.route("/organisations/new", methods=["GET", "POST"])
@bp.route("/organisations/<int:organisation_id>", methods=["GET", "POST"])
@roles_required(MANAGERS)
def edit_organisation(organisation_id: int | None = None):
    org = _or_404(Organisation, organisation_id) if organisation_id is not None else None
    form = OrganisationForm(obj=org)
    if org is None:
        del form.lead_contact_id  # nobody works for it yet: named once they have accounts
    else:
        form.lead_contact_id.choices = [(None, "Nobody named: all of its staff are told")] + [
            (u.id, u.display_name) for u in services.eligible_lead_contacts(db.session, org)]
        form.lead_contact_id.validate_choice = False  # the service says why, in plain words
    if form.validate_on_submit():
        try:
            if org is None:
                org = services.create_organisation(db.session, current_user, name=form.name.data,
                                                   kind=form.kind.data)
            else:
                services.update_organisation(db.session, current_user, org, name=form.name.data,
                                             kind=form.kind.data,
                                             lead_contact_id=form.lead_contact_id.data)
        except VoiceError as error:
            form.lead_contact_id.errors.append(error.message)
        else:
            db.session.commit()
            flash(f"Saved {org.name}.", "success")
            return redirect(url_for("directory.areas"))
    return render_template(
        "directory/simple_form.html", form=form, obj=org, noun="organisation",
        back=url_for("directory.areas"),
        archive_url=url_for("directory.archive_organisation", organisation_id=org.id) if org else None)


@bp.post("/organisations/<int:organisation_id>/archive")
@roles_required(MANAGERS)
def archive_organisation(organisation_id: int):
    org = _or_404(Organisation, organisation_id)
    try:
        services.set_archived(db.session, current_user, org, not org.is_archived)
    except VoiceError as error:
        flash(error.message, "error")
        return redirect(url_for("directory.edit_organisation", organisation_id=org.id))
    db.session.commit()
    flash(f"{org.name} {'archived' if org.is_archived else 'restored'}.", "success")
    return redirect(url_for("directory.areas"))


# ---- services ------------------------------------------------------------------------------

@bp.get("/services", endpoint="services")
@roles_required(STAFF)
def services_list():
    query = services.services_query(current_user, include_archived=_show_archived())
    return render_template("directory/services.html", services=db.session.scalars(query).all(),
                           show_archived=_show_archived())



def _service_for_user(service_id: int) -> Service:
    try:
        return services.get_service_for(db.session, current_user, service_id)
    except NotFound:
        abort(404)
    except NotAllowed as error:
        deny(error.message)


@bp.get("/services/<int:service_id>")
@roles_required(STAFF)
def service(service_id: int):
    svc = _service_for_user(service_id)
    return render_template("directory/service.html", service=svc,
                           can_change=services.can_change_service(current_user, svc))


def _fill_service_choices(form: ServiceForm) -> None:
    providers = db.session.scalars(
        select(Organisation).where(Organisation.archived_at.is_(None),
                                   Organisation.kind.in_([OrganisationKind.PROVIDER, OrganisationKind.VOLUNTARY]))
        .order_by(Organisation.name)
    ).all()
    form.provider_id.choices = [(o.id, o.name) for o in providers]
    form.area_ids.choices = [(a.id, f"{a.name} ({a.kind_label})") for a in db.session.scalars(
        select(Area).where(Area.archived_at.is_(None)).order_by(Area.kind, Area.name))]
    leads = services.eligible_leads(db.session)
    form.safeguarding_lead_id.choices = [(None, "Choose a safeguarding lead")] + [
        (u.id, u.display_name) for u in leads]
    form.commissioner_id.choices = [(None, "Nobody named: every commissioner is told")] + [
        (u.id, u.display_name) for u in services.eligible_commissioners(db.session)]
    form.commissioner_id.validate_choice = False  # the service says why, in plain words


def _service_data(form: ServiceForm) -> dict:
    data = {
        "name": form.name.data, "provider_id": form.provider_id.data, "category": form.category.data,
        "description": form.description.data or "", "contact": form.contact.data or "",
        "min_age": form.min_age.data, "max_age": form.max_age.data, "cohorts": form.cohorts.data or [],
    }
    if current_user.role in MANAGERS:  # only managers choose the safeguarding lead
        data["safeguarding_lead_id"] = form.safeguarding_lead_id.data
        data["commissioner_id"] = form.commissioner_id.data
    return data


def _service_error(form: ServiceForm, error: VoiceError) -> None:
    field = (form.safeguarding_lead_id if isinstance(error, services.LeadProblem) else
             form.commissioner_id if isinstance(error, services.CommissionerProblem) else form.name)
    field.errors.append(error.message)


@bp.route("/services/new", methods=["GET", "POST"])
@roles_required(MANAGERS)
def create_service():
    form = ServiceForm()
    _fill_service_choices(form)
    if form.validate_on_submit():
        try:
            svc = services.create_service(db.session, current_user, area_ids=form.area_ids.data or [],
                                          **_service_data(form))
        except VoiceError as error:
            _service_error(form, error)
        else:
            db.session.commit()
            flash(f"Added {svc.name}.", "success")
            return redirect(url_for("directory.service", service_id=svc.id))
    return render_template("directory/service_form.html", form=form, service=None,
                           can_choose_lead=True)


@bp.route("/services/<int:service_id>/edit", methods=["GET", "POST"])
@roles_required(MANAGERS | {Role.PROVIDER})
def edit_service(service_id: int):
    svc = _service_for_user(service_id)
    if not services.can_change_service(current_user, svc):
        deny("may not change this service")
    form = ServiceForm(obj=svc)
    _fill_service_choices(form)
    if request.method == "GET":
        form.area_ids.data = [a.id for a in svc.areas]
    if current_user.role == Role.PROVIDER:
        form.provider_id.choices = [(svc.provider_id, svc.provider.name)]
        # Providers see the lead but cannot change it: the participation team chooses.
        form.safeguarding_lead_id.choices = [(svc.safeguarding_lead_id, svc.safeguarding_lead.display_name
                                              if svc.safeguarding_lead else "Not chosen yet")]
        form.safeguarding_lead_id.data = svc.safeguarding_lead_id
        form.safeguarding_lead_id.validate_choice = False
        form.safeguarding_lead_id.validators = []
        form.commissioner_id.choices = [(svc.commissioner_id, svc.commissioner.display_name
                                         if svc.commissioner else "Nobody named")]
        form.commissioner_id.data = svc.commissioner_id
        form.commissioner_id.validate_choice = False
    if form.validate_on_submit():
        try:
            services.update_service(db.session, current_user, svc, area_ids=form.area_ids.data or [],
                                    **_service_data(form))
        except VoiceError as error:
            _service_error(form, error)
        else:
            db.session.commit()
            flash(f"Saved {svc.name}.", "success")
            return redirect(url_for("directory.service", service_id=svc.id))
    return render_template("directory/service_form.html", form=form, service=svc,
                           can_choose_lead=current_user.role in MANAGERS)


@bp.post("/services/<int:service_id>/archive")
@roles_required(MANAGERS)
def archive_service(service_id: int):
    svc = _or_404(Service, service_id)
    try:
        services.set_archived(db.session, current_user, svc, not svc.is_archived)
    except VoiceError as error:
        flash(error.message, "error")
        return redirect(url_for("directory.service", service_id=svc.id))
    db.session.commit()
    flash(f"{svc.name} {'archived' if svc.is_archived else 'restored'}.", "success")
    return redirect(url_for("directory.services"))
