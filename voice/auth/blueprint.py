"""Sign in and out, the landing page after sign-in, and user administration."""

from __future__ import annotations

from datetime import timedelta

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from voice.auth import services, throttle
from voice.auth.forms import (
    ChangePasswordForm,
    EditUserForm,
    LoginForm,
    ResetPasswordForm,
    UserForm,
)
from voice.auth.models import User
from voice.auth.roles import ALL_ROLES, Role, public, roles_required, signed_in
from voice.db import db
from voice.directory.models import Organisation
from voice.errors import VoiceError
from voice.extensions import limiter, login_manager
from voice.security import local_path
from voice.templating import add_nav

bp = Blueprint("auth", __name__, template_folder="templates")

add_nav("Home", "auth.dashboard", ALL_ROLES)
add_nav("Users", "auth.users", {Role.ADMIN})


def _session_lifetime() -> timedelta:
    lifetime = current_app.config["PERMANENT_SESSION_LIFETIME"]
    return lifetime if isinstance(lifetime, timedelta) else timedelta(seconds=lifetime)


# The cookie session's key for the server-side session's token (voice.auth.models.UserSession).
SESSION_TOKEN = "sid"


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    return services.load_user(db.session, user_id, session.get(SESSION_TOKEN),
                              lifetime=_session_lifetime())


def _sign_in(user: User):
    """Start a server-side session in a fresh cookie session (so a new CSRF token too)."""
    token = services.start_session(db.session, user, lifetime=_session_lifetime())
    db.session.commit()
    session.clear()
    login_user(user)
    session[SESSION_TOKEN] = token


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@limiter.limit("20 per minute;100 per hour", methods=["POST"],
               error_message="Too many sign-in attempts. Wait a minute and try again.")
def login():
    if current_user.is_authenticated:
        return redirect(url_for("auth.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        name = form.username.data
        throttled = throttle.is_throttled(name)
        try:
            if throttled:  # refused before the password is even checked
                raise services.refuse_throttled(db.session, name)
            user = services.authenticate(db.session, name, form.password.data)
        except VoiceError as error:
            if not throttled:
                throttle.count_failure(name)
            db.session.commit()  # keep the audit line
            form.password.errors.append(error.message)
        else:
            _sign_in(user)
            response = redirect(local_path(request.args.get("next")) or url_for("auth.dashboard"))
            throttle.remember_browser(response, name)
            return response
    return render_template("auth/login.html", form=form)


@bp.post("/sign-out")
@signed_in
def logout():
    services.end_session(db.session, session.get(SESSION_TOKEN))
    db.session.commit()
    logout_user()
    session.clear()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.login"))


@bp.get("/home")
@signed_in
def dashboard():
    from voice.today import waiting_for

    return render_template("auth/dashboard.html", waiting=waiting_for(db.session, current_user))


@bp.route("/account/password", methods=["GET", "POST"])
@signed_in
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_own_password(db.session, current_user, form.current.data, form.password.data)
        except VoiceError as error:
            target = form.current if isinstance(error, services.LoginFailed) else form.password
            target.errors.append(error.message)
        else:
            _sign_in(current_user)  # every other session has ended; this one starts again
            flash("Your password has been changed.", "success")
            return redirect(url_for("auth.dashboard"))
    return render_template("auth/change_password.html", form=form)


def _organisation_choices():
    orgs = db.session.scalars(
        select(Organisation).where(Organisation.archived_at.is_(None)).order_by(Organisation.name)
    ).all()
    return [("", "None")] + [(str(o.id), o.name) for o in orgs]


def _organisation_id(form) -> int | None:
    value = form.organisation_id.data
    return int(value) if value and value.isdigit() else None


@bp.get("/admin/users")
@roles_required(Role.ADMIN)
def users():
    return render_template("auth/users.html", users=services.list_users(db.session))


@bp.route("/admin/users/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def create_user():
    form = UserForm()
    form.organisation_id.choices = _organisation_choices()
    if form.validate_on_submit():
        try:
            user = services.create_user(
                db.session, current_user, username=form.username.data,
                display_name=form.display_name.data, role=form.role.data,
                password=form.password.data, email=form.email.data,
                organisation_id=_organisation_id(form),
            )
        except services.WeakPassword as error:
            form.password.errors.append(error.message)
        except services.UsernameTaken as error:
            form.username.errors.append(error.message)
        except VoiceError as error:
            form.organisation_id.errors.append(error.message)
        else:
            db.session.commit()
            flash(f"{user.display_name} can now sign in as {user.username}.", "success")
            return redirect(url_for("auth.users"))
    return render_template("auth/user_form.html", form=form, user=None)


def _get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_user(user_id: int):
    user = _get_user(user_id)
    form = EditUserForm(obj=user)
    form.organisation_id.choices = _organisation_choices()
    if request.method == "GET":
        form.organisation_id.data = str(user.organisation_id or "")
    if form.validate_on_submit():
        try:
            services.update_user(
                db.session, current_user, user, display_name=form.display_name.data,
                role=form.role.data, email=form.email.data,
                organisation_id=_organisation_id(form), is_active=form.is_active.data,
            )
        except VoiceError as error:
            form.role.errors.append(error.message)
        else:
            db.session.commit()
            flash(f"Saved changes to {user.display_name}.", "success")
            return redirect(url_for("auth.users"))
    return render_template("auth/user_form.html", form=form, user=user)


@bp.route("/admin/users/<int:user_id>/password", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def reset_password(user_id: int):
    user = _get_user(user_id)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(db.session, current_user, user, form.password.data)
        except VoiceError as error:
            form.password.errors.append(error.message)
        else:
            db.session.commit()
            flash(f"New password set for {user.display_name}. Their other sessions have ended.", "success")
            return redirect(url_for("auth.users"))
    return render_template("auth/reset_password.html", form=form, user=user)

