"""Staff pages for the analysis: the model in use and its scores, retraining, the theme rules,
and correcting one voice item's analysis. Thin views: parse, authorise, call one service, commit.
"""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from voice.analysis import theme_by_key
from voice.auth.roles import MANAGERS, Role, roles_required
from voice.db import db, utcnow
from voice.errors import NotFound
from voice.learning import corrections as correction_services
from voice.learning import rules as rule_services
from voice.learning import training
from voice.learning.engine import builtin_model, current_rule_set, live_engine, rules_of
from voice.learning.forms import CorrectionForm, RuleForm, TryRulesForm
from voice.learning.models import TrainingOutcome
from voice.learning.reanalysis import reanalysis_backlog
from voice.learning.settings import whole_setting
from voice.loop.models import VoiceItem
from voice.templating import add_nav

bp = Blueprint("learning", __name__, url_prefix="/analysis", template_folder="templates")

# Commissioners may see how well the analysis works and what the rules are; only the
# participation team changes anything.
READERS = MANAGERS | {Role.COMMISSIONER}
add_nav("Analysis", "learning.overview", READERS)


@bp.app_template_filter("theme_name")
def theme_name(key: str, audience: str = "commissioner") -> str:
    """A theme key in words: the commissioners' name, or ``young`` for young people's."""
    theme = theme_by_key(key)
    if theme is None:
        return str(key).replace("_", " ").capitalize()
    return theme.young_name if audience == "young" else theme.commissioner_name


def _min_records() -> int:
    return whole_setting("ANALYSIS_MIN_CORRECTIONS")


def _can_change() -> bool:
    return current_user.role in MANAGERS


# ---- the model in use -------------------------------------------------------------------------

def builtin_figures() -> dict | None:
    """The built-in model's development figures, if its metadata carries them in the shape
    :func:`voice.analysis.evaluate` gives (per-label scores for sentiment and/or themes)."""
    model = builtin_model()
    if model is None:
        return None
    for key in ("development_figures", "scores"):
        figures = model.metadata.get(key)
        if isinstance(figures, dict) and any(
                isinstance(figures.get(part), dict) and isinstance(figures[part].get("labels"), dict)
                for part in ("sentiment", "themes")):
            return figures
    return None


def _trained_on(metadata: dict) -> datetime | None:
    try:
        return datetime.fromisoformat(str(metadata.get("trained_at")))
    except ValueError:
        return None


@bp.get("/")
@roles_required(READERS)
def overview():
    engine = live_engine(db.session)
    model = training.live_model(db.session)
    history = training.training_history(db.session)
    builtin = engine.model.metadata if engine.model is not None and model is None else None
    # Without a model of its own, the last run that tested the model in use on held-back
    # corrections says how it does on this team's comments.
    tested = next((run for run in history if run.live_scores), None) if model is None else None
    return render_template(
        "learning/overview.html", engine=engine, model=model, builtin=builtin,
        builtin_trained=_trained_on(builtin) if builtin else None, tested=tested,
        builtin_figures=builtin_figures(), rule_set=current_rule_set(db.session),
        history=history,
        corrected=correction_services.corrected_item_count(db.session),
        recent=correction_services.recent_corrections(db.session) if _can_change() else [],
        backlog=reanalysis_backlog(db.session, engine), min_records=_min_records(),
        can_change=_can_change(), Outcome=TrainingOutcome)


@bp.post("/retrain")
@roles_required(MANAGERS)
def retrain_now():
    result = training.retrain(db.session, current_user, utcnow(), min_records=_min_records())
    db.session.commit()
    good = result.run.outcome in (TrainingOutcome.REPLACED, TrainingOutcome.KEPT)
    flash(result.summary, "success" if good and result.is_new else "info")
    return redirect(url_for("learning.overview"))


# ---- theme rules ------------------------------------------------------------------------------

@bp.get("/rules")
@roles_required(READERS)
def rules():
    rule_set = current_rule_set(db.session)
    current = rules_of(rule_set)
    form = TryRulesForm(request.args)
    tried = None
    if request.args.get("text") and form.validate():
        tried = live_engine(db.session).analyse(form.text.data)
    return render_template(
        "learning/rules.html", views=rule_services.rule_views(current), rule_set=rule_set,
        history=rule_services.rule_set_history(db.session), form=form, tried=tried,
        can_change=_can_change())


@bp.route("/rules/<theme_key>", methods=["GET", "POST"])
@roles_required(MANAGERS)
def edit_rules(theme_key: str):
    try:
        theme = rule_services.editable_theme(theme_key)
    except NotFound:
        abort(404)
    rule_set = current_rule_set(db.session)
    version = rule_set.version if rule_set is not None else 0
    patterns, exclude = rule_services.theme_rules(rules_of(rule_set), theme.key)
    builtin = rule_services.theme_rules(rules_of(None), theme.key)
    form = RuleForm()
    if request.method == "GET":
        form.patterns.data = "\n".join(patterns)
        form.exclude.data = "\n".join(exclude)
        form.based_on.data = str(version)
    conflict = False
    use_builtin = request.method == "POST" and request.form.get("action") == "builtin"
    if use_builtin or form.validate_on_submit():
        based_on = form.based_on.data or ""
        try:
            saved = rule_services.save_theme_rules(
                db.session, current_user, theme.key,
                patterns=list(builtin[0]) if use_builtin else form.patterns.data,
                exclude=list(builtin[1]) if use_builtin else (form.exclude.data or ""),
                note="Went back to the built-in words" if use_builtin else form.note.data,
                based_on=(None if use_builtin or not based_on.isdigit() or len(based_on) > 9
                          else int(based_on)))
        except rule_services.RulesInvalid as error:
            db.session.rollback()
            for name, message in error.errors.items():
                getattr(form, name).errors = [*getattr(form, name).errors, message]
        except rule_services.RulesConflict as error:
            db.session.rollback()
            form.patterns.errors = [*form.patterns.errors, error.message]
            form.based_on.data = str(version)
            conflict = True
        else:
            db.session.commit()
            if saved is None:
                flash(f"Nothing changed: the words for “{theme.young_name}” are the same as "
                      "before.", "info")
            else:
                flash(f"Saved the words for “{theme.young_name}” as version {saved.version} of "
                      "the rules. New comments use them now; older ones are re-analysed in the "
                      "background, a batch every 10 minutes.", "success")
            return redirect(url_for("learning.rules"))
    return render_template("learning/rule_form.html", theme=theme, form=form, version=version,
                           current=(patterns, exclude), builtin=builtin, conflict=conflict)


@bp.post("/rules/versions/<int:rule_set_version>/restore")
@roles_required(MANAGERS)
def restore_rules(rule_set_version: int):
    try:
        saved = rule_services.restore_rule_set(db.session, current_user, rule_set_version)
    except NotFound:
        abort(404)
    except rule_services.RulesConflict as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("learning.rules"))
    db.session.commit()
    label = "the built-in rules" if rule_set_version == 0 else f"version {rule_set_version}"
    if saved is None:
        flash(f"The rules in use are already the same as {label}.", "info")
    else:
        flash(f"Went back to {label}: saved as version {saved.version}.", "success")
    return redirect(url_for("learning.rules"))


# ---- correcting one item ----------------------------------------------------------------------

@bp.route("/items/<int:voice_item_id>/correct", methods=["GET", "POST"])
@roles_required(MANAGERS)
def correct_item(voice_item_id: int):
    item = db.session.get(VoiceItem, voice_item_id)
    if item is None:
        abort(404)
    form = CorrectionForm()
    form.set_theme_choices(rule_services.valid_theme_keys(db.session))
    if request.method == "GET":
        form.themes.data = list(item.themes or [])
        form.sentiment.data = item.sentiment
    if form.validate_on_submit():
        try:
            correction = correction_services.record_correction(
                db.session, current_user, item, themes=form.themes.data or [],
                sentiment=form.sentiment.data, note=form.note.data)
        except correction_services.CorrectionInvalid as error:
            db.session.rollback()
            for name, message in error.errors.items():
                getattr(form, name).errors = [*getattr(form, name).errors, message]
        else:
            db.session.commit()
            if correction is None:
                flash("Nothing changed: that is already what the analysis says.", "info")
            elif correction.is_confirmation:
                flash("Saved: you confirmed the analysis is right. The model learns from that "
                      "too.", "success")
            else:
                flash("Correction saved. The model learns from it the next time it is "
                      "retrained.", "success")
            return redirect(url_for("loop.moderation_item", voice_item_id=item.id))
    return render_template(
        "learning/correct.html", item=item, form=form,
        history=correction_services.corrections_for_item(db.session, item))


from voice.learning import demo, jobs  # noqa: E402,F401  (register the demo step and the jobs)
