"""Commissioner summaries: the dashboard, theme quotes, the board report, exports, snapshots,
digests, population figures and API tokens.

Who may read: administrators, the participation team and commissioners see the whole system
(summaries hold only suppressed figures and approved, redacted words, and commissioning is done
jointly across geographies that do not nest, so no commissioner is fenced into one area in the
app; API tokens, which leave the app, are limited to areas). Providers may read summaries of
their own organisation's services only. Safeguarding leads and young inspectors have no access.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from voice.ages import AGE_GROUPS
from voice.auth.roles import MANAGERS, Role, deny, roles_required
from voice.db import db, utcnow
from voice.directory.models import AREA_KIND_LABELS, COHORTS, Area, Organisation, Service
from voice.errors import InvalidState, NotAllowed, NotFound, VoiceError, bad_request
from voice.printing import MAX_RUNNING_TEXT, running_stylesheet
from voice.summaries import cache, exports, population, presenters, quotes, snapshots
from voice.summaries.filters import (
    CHANNELS,
    FilterErrors,
    Selection,
    parse_selection,
    resolve_scope,
)
from voice.summaries.forms import (
    HoldForm,
    SnapshotForm,
    SubscribeForm,
    TokenForm,
    population_form_class,
)
from voice.summaries.periods import (
    COMPARISON_LABELS,
    PeriodError,
    london_today,
    parse_date,
    period_choices,
)
from voice.summaries.summary import build_summary
from voice.templating import add_nav

bp = Blueprint("summaries", __name__, url_prefix="/summaries", template_folder="templates")

READERS = frozenset({Role.ADMIN, Role.PARTICIPATION, Role.COMMISSIONER, Role.PROVIDER})
SUBSCRIBERS = snapshots.SUBSCRIBERS
TOKEN_MAKERS = frozenset({Role.ADMIN, Role.COMMISSIONER})
EXPORT_FORMATS = ("csv", "xlsx")

add_nav("Summaries", "summaries.dashboard", READERS)

from voice.summaries import demo  # noqa: E402,F401  (registers the demo step)

snapshots.register_jobs()
cache.register_jobs()


@bp.app_template_filter("summary_when")
def _summary_when(value):
    """An ISO timestamp stored in a summary document, in words (Europe/London)."""
    from datetime import datetime

    from voice.templating import format_date

    if not value:
        return ""
    return format_date(datetime.fromisoformat(value), with_time=True)


@bp.app_template_filter("summary_cell")
def _summary_cell(value, column, row=None):
    from voice.summaries.formatting import html

    return html(value, column, row)


# ---- shared helpers ------------------------------------------------------------------------------

def _selection(args: MultiDict) -> Selection:
    """The checked selection, or a 400 page listing what is wrong (never a 500)."""
    try:
        return parse_selection(db.session, args, london_today())
    except FilterErrors as error:
        raise _FilterProblem(error.errors) from None


class _FilterProblem(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@bp.errorhandler(_FilterProblem)
def _filter_problem(error: _FilterProblem):
    """Filters that cannot be used: the dashboard shows them with the form; elsewhere a 400."""
    if request.endpoint in ("summaries.dashboard", "summaries.report", "summaries.table"):
        return render_template("summaries/dashboard.html", doc=None, errors=error.errors,
                               options=_filter_options(), values=request.args), 400
    message = "Those filters cannot be used: " + "; ".join(error.errors.values()) + "."
    return render_template("errors.html", code=400, title="Check the filters",
                           message=message), 400


def _scope(selection: Selection):
    try:
        return resolve_scope(db.session, selection.filters, actor=current_user)
    except NotAllowed as error:
        deny(error.message)


def _build(selection: Selection, *, use_cache: bool = True) -> dict:
    scope = _scope(selection)
    return build_summary(db.session, selection, scope, today=london_today(), now=utcnow(),
                         use_cache=use_cache)


def _filter_options() -> dict:
    """Choices for the filter form, limited to what this reader may see."""
    areas = db.session.scalars(select(Area).where(Area.archived_at.is_(None))
                               .order_by(Area.kind, Area.name)).all()
    grouped: dict[str, list[Area]] = {}
    for area in areas:
        grouped.setdefault(AREA_KIND_LABELS.get(area.kind, area.kind), []).append(area)
    services_q = select(Service).order_by(Service.name)
    providers_q = select(Organisation).where(
        Organisation.kind.in_(["provider", "voluntary"])).order_by(Organisation.name)
    if current_user.role == Role.PROVIDER:
        services_q = services_q.where(Service.provider_id == (current_user.organisation_id or -1))
        providers_q = providers_q.where(Organisation.id == (current_user.organisation_id or -1))
    today = london_today()
    return {
        "areas": grouped,
        "services": db.session.scalars(services_q).all(),
        "providers": db.session.scalars(providers_q).all(),
        "cohorts": COHORTS,
        "age_bands": {key: group.label for key, group in AGE_GROUPS.items()},
        "channels": CHANNELS,
        "periods": [("Quarters (April to March years)", period_choices("quarter", today, 12)),
                    ("Months", period_choices("month", today, 24)),
                    ("Financial years", period_choices("year", today, 6))],
        "comparisons": COMPARISON_LABELS,
    }


def _page_context(doc: dict, selection: Selection) -> dict:
    return {
        "doc": doc,
        "selection": selection,
        "args": selection.query_args(),
        "charts": presenters.build_charts(doc),
        "sparklines": presenters.theme_sparklines(doc),
        "cards": presenters.headline_cards(doc),
    }


def _selection_from_form(raw: str | None) -> Selection:
    args = MultiDict(parse_qsl(raw or "", keep_blank_values=False))
    return _selection(args)


# ---- the dashboard -------------------------------------------------------------------------------

@bp.get("/")
@roles_required(READERS)
def dashboard():
    selection = _selection(request.args)
    doc = _build(selection)
    query = urlencode(selection.query_args())
    return render_template(
        "summaries/dashboard.html", errors={}, options=_filter_options(), values=request.args,
        snapshot_form=SnapshotForm(selection=query),
        subscribe_form=SubscribeForm(selection=query, name=doc["scope"]["description"]),
        can_subscribe=current_user.role in SUBSCRIBERS,
        can_moderate=current_user.role in MANAGERS,
        **_page_context(doc, selection))


@bp.get("/tables/<key>")
@roles_required(READERS)
def table(key: str):
    selection = _selection(request.args)
    doc = _build(selection)
    if key not in doc["tables"]:
        abort(404)
    return render_template("summaries/table.html", table=doc["tables"][key], key=key,
                           **_page_context(doc, selection))


@bp.get("/themes/<theme>")
@roles_required(READERS)
def theme(theme: str):
    if not quotes.valid_theme(theme):
        abort(404)
    selection = _selection(request.args)
    scope = _scope(selection)
    try:
        page = max(1, min(int(request.args.get("page", "1")), 10_000))
    except ValueError:
        raise bad_request("The page number must be a whole number") from None
    sentiment = request.args.get("sentiment") or None
    if sentiment not in (None, "positive", "neutral", "negative"):
        raise bad_request("Choose positive, neutral or negative")
    found, total, group = quotes.theme_quotes(db.session, scope, selection.period, theme,
                                              page=page, sentiment=sentiment)
    from voice.summaries.themes import theme_labels

    label = theme_labels(db.session, [theme])[theme]
    return render_template(
        "summaries/theme.html", theme=theme, label=label, quotes=found, total=total,
        group=group, page=page, pages=max(1, -(-total // quotes.PER_PAGE)), sentiment=sentiment,
        selection=selection, args=selection.query_args(), scope=scope,
        hold_form=HoldForm(selection=urlencode(selection.query_args())),
        can_moderate=current_user.role in MANAGERS, threshold=quotes.THRESHOLD)


@bp.post("/quotes/<int:item_id>/hold")
@roles_required(MANAGERS)
def hold_quote(item_id: int):
    form = HoldForm()
    back = _back_to(form.selection.data, request.form.get("theme"))
    if not form.validate_on_submit():
        flash("Give a reason of 1,000 characters or fewer.", "error")
        return redirect(back)
    try:
        quotes.hold_quote(db.session, current_user, item_id, form.reason.data or "")
    except NotFound:
        abort(404)
    except InvalidState as error:
        flash(error.message, "error")
        return redirect(back)
    db.session.commit()
    flash("That quote is held back. It will not appear in summaries, reports or exports.",
          "success")
    return redirect(back)


@bp.post("/quotes/<int:item_id>/release")
@roles_required(MANAGERS)
def release_quote(item_id: int):
    form = HoldForm()
    back = _back_to(form.selection.data, request.form.get("theme"), default="summaries.held")
    if not form.validate_on_submit():
        abort(400)
    try:
        quotes.release_quote(db.session, current_user, item_id)
    except InvalidState as error:
        flash(error.message, "error")
        return redirect(back)
    db.session.commit()
    flash("That quote can appear in summaries again.", "success")
    return redirect(back)


def _back_to(selection: str | None, theme: str | None, default: str = "summaries.dashboard"):
    args = dict(parse_qsl(selection or ""))
    if theme and quotes.valid_theme(theme):
        return url_for("summaries.theme", theme=theme, **args)
    return url_for(default, **args) if default == "summaries.dashboard" else url_for(default)


@bp.get("/held-quotes")
@roles_required(MANAGERS)
def held():
    return render_template("summaries/held.html", held=quotes.held_quotes(db.session),
                           form=HoldForm())


# ---- the board report ----------------------------------------------------------------------------

@bp.get("/report")
@roles_required(READERS)
def report():
    selection = _selection(request.args)
    doc = _build(selection)
    scope = _scope(selection)
    examples = {}
    for row in doc["tables"]["themes"]["rows"][:3]:
        if not isinstance(row["items"], int):
            continue  # a hidden count: too few young people to quote
        found = quotes.sample_quotes(db.session, scope, selection.period, row["_key"],
                                     group=row["items"])
        if found:
            examples[row["theme"]] = found
    return render_template("summaries/report.html", snapshot=None, quotes=examples,
                           **_page_context(doc, selection))


@bp.get("/report/print.css")
@roles_required(READERS)
def report_print_css():
    """The board report's running header and footer when printed: its period at the top of
    every page; its title, the date it was made and the page number at the bottom."""
    top, bottom = request.args.get("top", ""), request.args.get("bottom", "")
    if len(top) > MAX_RUNNING_TEXT or len(bottom) > MAX_RUNNING_TEXT:
        raise bad_request("The header and footer can be at most "
                          f"{MAX_RUNNING_TEXT} characters each.")
    response = Response(running_stylesheet(top=top, bottom=bottom), mimetype="text/css")
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


# ---- exports -------------------------------------------------------------------------------------

def _export(doc: dict, key: str, fmt: str) -> Response:
    if fmt not in EXPORT_FORMATS:
        abort(404)
    if key == "all":
        if fmt != "xlsx":
            abort(404)
        body, mime = exports.workbook(doc), exports.XLSX_MIME
    elif key not in doc["tables"]:
        abort(404)
    elif fmt == "csv":
        body, mime = exports.table_csv(doc["tables"][key]).encode("utf-8"), exports.CSV_MIME
    else:
        body, mime = exports.table_workbook(doc, key), exports.XLSX_MIME
    response = Response(body, mimetype=mime)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{exports.filename(doc, key, fmt)}"')
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/export/<key>.<fmt>")
@roles_required(READERS)
def export(key: str, fmt: str):
    selection = _selection(request.args)
    return _export(_build(selection), key, fmt)


# ---- snapshots -----------------------------------------------------------------------------------

@bp.get("/snapshots")
@roles_required(SUBSCRIBERS)
def snapshot_list():
    return render_template("summaries/snapshots.html",
                           snapshots=snapshots.snapshots_for(db.session, current_user))


@bp.post("/snapshots")
@roles_required(SUBSCRIBERS)
def save_snapshot():
    form = SnapshotForm()
    if not form.validate_on_submit():
        abort(400)
    selection = _selection_from_form(form.selection.data)
    doc = _build(selection, use_cache=False)
    snapshot = snapshots.save_snapshot(db.session, current_user, selection, doc)
    db.session.commit()
    flash("Snapshot saved. These figures will not change, however the live ones do.", "success")
    return redirect(url_for("summaries.snapshot", snapshot_id=snapshot.id))


def _snapshot_or_deny(snapshot_id: int):
    try:
        return snapshots.get_snapshot(db.session, current_user, snapshot_id)
    except NotFound:
        abort(404)
    except NotAllowed as error:
        deny(error.message)


@bp.get("/snapshots/<int:snapshot_id>")
@roles_required(SUBSCRIBERS)
def snapshot(snapshot_id: int):
    stored = _snapshot_or_deny(snapshot_id)
    doc = snapshots.shown_document(stored)
    return render_template(
        "summaries/report.html", snapshot=stored, verified=snapshots.verify(stored), quotes={},
        doc=doc, args=doc.get("selection", {}), charts=presenters.build_charts(doc),
        sparklines=presenters.theme_sparklines(doc), cards=presenters.headline_cards(doc),
        selection=None)


@bp.get("/snapshots/<int:snapshot_id>/export/<key>.<fmt>")
@roles_required(SUBSCRIBERS)
def snapshot_export(snapshot_id: int, key: str, fmt: str):
    return _export(snapshots.shown_document(_snapshot_or_deny(snapshot_id)), key, fmt)


# ---- digests -------------------------------------------------------------------------------------

@bp.get("/digests")
@roles_required(SUBSCRIBERS)
def digests():
    return render_template("summaries/digests.html",
                           subscriptions=snapshots.subscriptions_for(db.session, current_user),
                           form=SnapshotForm())


@bp.post("/digests")
@roles_required(SUBSCRIBERS)
def subscribe():
    form = SubscribeForm()
    selection = _selection_from_form(form.selection.data)
    if not form.validate_on_submit():
        flash(next(iter(form.errors.values()))[0] if form.errors else "Try again.", "error")
        return redirect(url_for("summaries.dashboard", **selection.query_args()))
    try:
        snapshots.subscribe(db.session, current_user, selection.filters, form.name.data)
    except VoiceError as error:
        flash(error.message, "error")
        return redirect(url_for("summaries.dashboard", **selection.query_args()))
    db.session.commit()
    flash(f"You will get a summary of \u201c{form.name.data.strip()}\u201d at the start of "
          "every month.", "success")
    return redirect(url_for("summaries.digests"))


@bp.post("/digests/<int:subscription_id>/stop")
@roles_required(SUBSCRIBERS)
def unsubscribe(subscription_id: int):
    form = SnapshotForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        subscription = snapshots.unsubscribe(db.session, current_user, subscription_id)
    except NotFound:
        abort(404)
    except NotAllowed as error:
        deny(error.message)
    db.session.commit()
    flash(f"You will no longer get \u201c{subscription.name}\u201d.", "success")
    return redirect(url_for("summaries.digests"))


# ---- population figures --------------------------------------------------------------------------

@bp.get("/population")
@roles_required(MANAGERS)
def population_list():
    services = db.session.scalars(select(Service).where(Service.archived_at.is_(None))
                                  .order_by(Service.name)).all()
    return render_template("summaries/population_list.html", services=services,
                           coverage=population.coverage(db.session),
                           fields=len(population.population_fields()))


@bp.route("/population/<int:service_id>", methods=["GET", "POST"])
@roles_required(MANAGERS)
def population_form(service_id: int):
    service = db.session.get(Service, service_id)
    if service is None:
        abort(404)
    form_class = population_form_class()
    existing = population.figures_for(db.session, service)
    form = form_class()
    if request.method == "GET":
        for (dimension, category), row in existing.items():
            field = getattr(form, f"{dimension}__{category}", None)
            if field is not None:
                field.data = row.people
        first = next(iter(existing.values()), None)
        if first is not None:
            form.source.data = first.source
            form.as_of.data = first.as_of.strftime("%-d/%-m/%Y") if first.as_of else ""
    if form.validate_on_submit():
        as_of = None
        if form.as_of.data:
            try:
                as_of = parse_date(form.as_of.data, "as_of", "the date the figures are for")
            except PeriodError as error:
                form.as_of.errors.append(error.message)
        if not form.as_of.errors:
            figures = {(d, c): getattr(form, f"{d}__{c}").data
                       for d, _, c, _ in population.population_fields()}
            try:
                changed = population.save_population(db.session, current_user, service, figures,
                                                     source=form.source.data or "", as_of=as_of)
            except VoiceError as error:
                form.source.errors.append(error.message)
            else:
                db.session.commit()
                flash(f"Saved {changed} figure{'s' if changed != 1 else ''} for {service.name}.",
                      "success")
                return redirect(url_for("summaries.population_list"))
    groups: dict[str, list] = {}
    for dimension, label, category, _ in population.population_fields():
        groups.setdefault(label, []).append(getattr(form, f"{dimension}__{category}"))
    return render_template("summaries/population_form.html", form=form, service=service,
                           groups=groups)


# ---- API tokens ----------------------------------------------------------------------------------

@bp.route("/api-tokens", methods=["GET", "POST"])
@roles_required(TOKEN_MAKERS)
def api_tokens():
    from voice.api import tokens

    form = TokenForm()
    areas = db.session.scalars(select(Area).where(Area.archived_at.is_(None))
                               .order_by(Area.kind, Area.name)).all()
    form.area_ids.choices = [(a.id, f"{a.name} ({a.kind_label})") for a in areas]
    if form.validate_on_submit():
        try:
            token, secret = tokens.create_token(
                db.session, current_user, name=form.name.data, area_ids=form.area_ids.data,
                expires_in_days=int(form.expires.data) if form.expires.data else None)
        except VoiceError as error:
            form.name.errors.append(error.message)
        else:
            db.session.commit()
            return render_template("summaries/api_token_created.html", token=token,
                                   secret=secret)
    return render_template("summaries/api_tokens.html", form=form,
                           tokens=tokens.tokens_for(db.session, current_user), now=utcnow(),
                           revoke_form=SnapshotForm()), (400 if form.errors else 200)


@bp.post("/api-tokens/<int:token_id>/revoke")
@roles_required(TOKEN_MAKERS)
def revoke_token(token_id: int):
    from voice.api import tokens

    form = SnapshotForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        token = tokens.revoke_token(db.session, current_user, token_id)
    except NotFound:
        abort(404)
    except NotAllowed as error:
        deny(error.message)
    except InvalidState as error:
        flash(error.message, "error")
        return redirect(url_for("summaries.api_tokens"))
    db.session.commit()
    flash(f"Revoked \u201c{token.name}\u201d. It stopped working straight away.", "success")
    return redirect(url_for("summaries.api_tokens"))

