"""The moderation queue (issue 13): the waiting list with filters, decisions on many items in one
submit, and a short undo. Works without JavaScript; ``moderation.js`` adds keyboard shortcuts.
Thin views: parse, call :mod:`voice.loop.queue`, commit, redirect."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange

from voice.ages import AGE_GROUPS
from voice.auth.roles import MANAGERS, roles_required
from voice.db import db
from voice.directory.models import Service
from voice.errors import NotAllowed, VoiceError
from voice.loop import queue
from voice.loop import today as _today  # noqa: F401  (registers the loop's part of /home)
from voice.loop.blueprint import bp
from voice.loop.models import (
    CARD_KIND_LABELS,
    MODERATION_STATE_LABELS,
    VOICE_SOURCE_LABELS,
    ActionCard,
    CardKind,
    ModerationState,
)

QUEUE_TABS = [ModerationState.NEW, ModerationState.APPROVED, ModerationState.DUPLICATE,
              ModerationState.HIDDEN, ModerationState.ESCALATED]


def _undo_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="moderation-undo")


def _page() -> int:
    value = request.values.get("page", "")
    return max(int(value), 1) if value.isdigit() and len(value) < 6 else 1


def _card_kinds(items) -> dict[int, str]:
    ids = [i.source_id for i in items if i.source == "card" and i.source_id]
    if not ids:
        return {}
    rows = db.session.execute(select(ActionCard.id, ActionCard.kind).where(ActionCard.id.in_(ids)))
    by_card = {cid: CARD_KIND_LABELS.get(CardKind(kind), kind) for cid, kind in rows}
    return {i.id: by_card[i.source_id] for i in items if i.source_id in by_card}


def _undo_offer() -> dict | None:
    """The batch just done, if it can still be undone (signed, this person's, recent)."""
    token = request.args.get("undo", "")
    if not token or len(token) > 8000:
        return None
    try:
        data = _undo_serializer().loads(token, max_age=queue.UNDO_SECONDS)
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict) or data.get("u") != current_user.id:
        return None
    return {"token": token, "count": len(data.get("d") or [])}


def waiting_page():
    """The waiting tab of /moderation (called by ``loop.moderation``)."""
    filters = queue.QueueFilters.from_args(request.args)
    page = queue.waiting_queue(db.session, current_user, filters, page=_page())
    from voice.loop.moderation import state_counts

    services = list(db.session.scalars(select(Service).where(Service.archived_at.is_(None))
                                       .order_by(Service.name)))
    return render_template(
        "loop/staff/queue.html", q=page, items=page.items, filters=filters, page=_page(),
        per_page=queue.PER_PAGE, counts=state_counts(db.session), tabs=QUEUE_TABS,
        labels=MODERATION_STATE_LABELS, state=ModerationState.NEW.value, services=services,
        sources=VOICE_SOURCE_LABELS, themes=queue.theme_choices(),
        sentiments=queue.SENTIMENTS, ages={k: g.label for k, g in AGE_GROUPS.items()},
        hide_reasons=queue.HIDE_REASONS, card_kinds=_card_kinds(page.items),
        fingerprint=queue.shown_fingerprint, segments=queue.wording_segments,
        undo=_undo_offer(), form=FlaskForm(), undo_seconds=queue.UNDO_SECONDS)


def _back(filters: queue.QueueFilters, **extra):
    return redirect(url_for("loop.moderation", **filters.as_args(), **extra))


@bp.post("/moderation/decide")
@roles_required(MANAGERS)
def moderation_decide():
    form = FlaskForm()
    filters = queue.QueueFilters.from_args(request.form)
    if not form.validate():
        flash("This page had expired. Your decisions were not saved: please make them again.",
              "error")
        return _back(filters)
    decisions = []
    for raw in request.form.getlist("item")[: queue.MAX_BATCH]:
        if not raw.isdigit() or len(raw) > 9:
            continue
        action = request.form.get(f"decision-{raw}", "")
        if action in (queue.APPROVE, queue.HIDE):
            decisions.append(queue.Decision(int(raw), action, request.form.get(f"shown-{raw}", "")))
    if not decisions:
        flash("Nothing was chosen. Choose Approve or Hide for at least one item.", "error")
        return _back(filters, page=_page())
    try:
        result = queue.decide_items(db.session, current_user, decisions,
                                    hide_reason=request.form.get("hide_reason"))
    except (queue.moderation.ModerationError, NotAllowed) as error:
        db.session.rollback()
        flash(f"Nothing was saved: {error.message}.", "error")
        return _back(filters, page=_page())
    db.session.commit()
    parts = []
    if result.approved:
        parts.append(f"approved {result.approved} for publication")
    if result.hidden:
        parts.append(f"hid {result.hidden}")
    if parts:
        flash(f"You {' and '.join(parts)}.", "success")
    if result.skipped:
        reasons = "; ".join(f"#{item_id}: {why}" for item_id, why in result.skipped[:10])
        more = f" and {len(result.skipped) - 10} more" if len(result.skipped) > 10 else ""
        flash(f"{len(result.skipped)} left waiting, so check {'them' if len(result.skipped) > 1 else 'it'}"
              f" again: {reasons}{more}.", "error")
    extra = {}
    if result.done:
        extra["undo"] = _undo_serializer().dumps({"u": current_user.id, "d": result.done})
    return _back(filters, **extra)


@bp.post("/moderation/undo")
@roles_required(MANAGERS)
def moderation_undo():
    form = FlaskForm()
    filters = queue.QueueFilters.from_args(request.form)
    token = request.form.get("undo", "")
    if not form.validate() or not token or len(token) > 8000:
        flash("That could not be undone. Open an item to return it to the queue.", "error")
        return _back(filters)
    try:
        data = _undo_serializer().loads(token, max_age=queue.UNDO_SECONDS)
    except SignatureExpired:
        flash(f"It is too late to undo that (you have {queue.UNDO_SECONDS} seconds). Open an "
              "item from the Approved or Hidden tab to return it to the queue.", "error")
        return _back(filters)
    except BadSignature:
        flash("That could not be undone. Open an item to return it to the queue.", "error")
        return _back(filters)
    if not isinstance(data, dict) or data.get("u") != current_user.id:
        flash("You can only undo your own decisions.", "error")
        return _back(filters)
    done = [(int(i), str(a), str(s)) for i, a, s in (data.get("d") or [])]
    try:
        back = queue.undo_decisions(db.session, current_user, done)
    except VoiceError as error:
        db.session.rollback()
        flash(error.message, "error")
        return _back(filters)
    db.session.commit()
    flash(f"Undone: {back} item{'s are' if back != 1 else ' is'} waiting again.", "success")
    return _back(filters)


# ---- the team's settings: moderation target and escalation ladder -------------------------------

class LoopSettingsForm(FlaskForm):
    moderation_target_days = IntegerField(
        "Moderate what young people said within (days)",
        validators=[InputRequired("Enter a number of days, for example 3"),
                    NumberRange(min=1, max=60, message="Enter a number from 1 to 60")],
        description="Items waiting longer come first in the queue and show on the home page.")
    escalate_after_days = IntegerField(
        "Escalate an overdue promise after (days)",
        validators=[InputRequired("Enter a number of days, for example 14"),
                    NumberRange(min=1, max=180, message="Enter a number from 1 to 180")],
        description="On the day a promise is overdue its owner is told. After this many days "
                    "overdue, its organisation's lead contact and the service's commissioner "
                    "(named in the directory; if nobody is named, all the organisation's staff "
                    "or every commissioner) are told, and it "
                    "shows as \"overdue and escalated\" on the dashboard and board report.")


@bp.route("/moderation/settings", methods=["GET", "POST"])
@roles_required(MANAGERS)
def loop_settings():
    settings = queue.loop_settings(db.session)
    form = LoopSettingsForm(obj=settings)
    if form.validate_on_submit():
        try:
            queue.save_loop_settings(db.session, current_user,
                                     moderation_target_days=form.moderation_target_days.data,
                                     escalate_after_days=form.escalate_after_days.data)
        except (queue.moderation.ModerationError, NotAllowed) as error:
            db.session.rollback()
            form.moderation_target_days.errors = [error.message]
        else:
            db.session.commit()
            flash("Settings saved.", "success")
            return redirect(url_for("loop.loop_settings"))
    return render_template("loop/staff/loop_settings.html", form=form)
