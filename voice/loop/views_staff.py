"""Staff pages: moderation, the safeguarding queue, commitments, card links, paper sessions and
notifications. Thin views: parse, authorise, call one service, commit, respond."""

from __future__ import annotations

import secrets

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from voice import qr
from voice.audit.models import AuditEvent
from voice.auth.models import User
from voice.auth.roles import MANAGERS, Role, deny, roles_required, signed_in
from voice.db import db
from voice.directory.models import Area, Organisation, Service
from voice.easy_read import address_for, chosen_version
from voice.errors import InvalidState, NotAllowed, NotFound, VoiceError, bad_request
from voice.loop import cards as card_services
from voice.loop import commitments as commitment_services
from voice.loop import moderation
from voice.loop import notifications as notification_services
from voice.loop.blueprint import COMMITMENT_READERS, SAFEGUARDING_READERS, bp
from voice.loop.forms import (
    ApproveForm,
    AssureForm,
    CardLinkForm,
    CommentForm,
    CommitmentForm,
    DuplicateForm,
    EscalateForm,
    HideForm,
    LinkItemsForm,
    PaperBatchForm,
    ProgressForm,
    ReopenForm,
    SafeguardingReviewForm,
)
from voice.loop.models import (
    CARD_KIND_LABELS,
    MODERATION_STATE_LABELS,
    VOICE_SOURCE_LABELS,
    ActionCard,
    CardKind,
    CardLink,
    Commitment,
    CommitmentSource,
    CommitmentStatus,
    ModerationState,
    VoiceItem,
)
from voice.loop.rag import RAG, RAG_ORDER, assess, today_in_london
from voice.loop.reading import reader_for, wording_for
from voice.security import local_path

MAX_LINK_ITEMS = 50


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def _page() -> int:
    return max(_int_arg("page") or 1, 1)


def _services() -> list[Service]:
    return list(db.session.scalars(select(Service).where(Service.archived_at.is_(None))
                                   .order_by(Service.name)))


# ---- moderation ------------------------------------------------------------------------------

QUEUE_TABS = [ModerationState.NEW, ModerationState.APPROVED, ModerationState.DUPLICATE,
              ModerationState.HIDDEN, ModerationState.ESCALATED]


@bp.get("/moderation", endpoint="moderation")
@roles_required(MANAGERS)
def moderation_queue():
    state = request.args.get("state", ModerationState.NEW.value)
    if state not in {s.value for s in QUEUE_TABS}:
        state = ModerationState.NEW.value
    if state == ModerationState.NEW.value:  # the waiting list: filters, many decisions at once
        from voice.loop.views_queue import waiting_page

        return waiting_page()
    service_id = _int_arg("service")
    source = request.args.get("source") if request.args.get("source") in VOICE_SOURCE_LABELS else None
    items, total = moderation.moderation_queue(db.session, state=state, service_id=service_id,
                                               source=source, page=_page())
    counts = moderation.state_counts(db.session)
    card_kinds = _card_kinds([i for i in items if i.source == "card"])
    return render_template(
        "loop/staff/moderation.html", items=items, total=total, state=state, counts=counts,
        tabs=QUEUE_TABS, labels=MODERATION_STATE_LABELS, services=_services(),
        service_id=service_id, source=source, sources=VOICE_SOURCE_LABELS, page=_page(),
        per_page=25, voice_counts=moderation.voice_counts(db.session, [i.id for i in items]),
        card_kinds=card_kinds)


def _card_kinds(items: list[VoiceItem]) -> dict[int, str]:
    ids = [i.source_id for i in items if i.source_id]
    if not ids:
        return {}
    rows = db.session.execute(select(ActionCard.id, ActionCard.kind).where(ActionCard.id.in_(ids)))
    by_card = {cid: CARD_KIND_LABELS.get(CardKind(kind), kind) for cid, kind in rows}
    return {i.id: by_card[i.source_id] for i in items if i.source_id in by_card}


def _item_or_404(voice_item_id: int) -> VoiceItem:
    item = db.session.get(VoiceItem, voice_item_id)
    if item is None:
        abort(404)
    return item


def _item_history(item: VoiceItem) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(
        AuditEvent.object_type == "VoiceItem", AuditEvent.object_id == item.id)
        .order_by(AuditEvent.id.desc()).limit(50)))


def _render_item(item: VoiceItem, *, approve: ApproveForm | None = None, hide: HideForm | None = None,
                 duplicate: DuplicateForm | None = None, escalate: EscalateForm | None = None,
                 suggestion: str | None = None, check=None, save_only: bool = False,
                 status: int = 200):
    approve = approve or ApproveForm(formdata=None, public_text=item.starting_wording)
    candidates = moderation.duplicate_candidates(db.session, item)
    duplicate = duplicate or DuplicateForm(formdata=None)
    duplicate.of_item_id.choices = [(c.id, f"#{c.id}: {_snippet(c)}") for c in candidates]
    card = db.session.get(ActionCard, item.source_id) if item.source == "card" and item.source_id else None
    linked = commitment_services.commitments_for_items(db.session, [item.id]).get(item.id, [])
    return render_template(
        "loop/staff/item.html", item=item, card=card, approve=approve,
        hide=hide or HideForm(formdata=None), duplicate=duplicate,
        escalate=escalate or EscalateForm(formdata=None), suggestion=suggestion, check=check,
        save_only=save_only,
        duplicates=moderation.duplicates_of(db.session, item),
        count=moderation.voice_counts(db.session, [item.id]).get(item.id, 1),
        linked=linked, history=_item_history(item), has_candidates=bool(candidates)), status


def _snippet(item: VoiceItem, limit: int = 90) -> str:
    # Staff-only (moderation): without an analysis yet, the original words are all there is.
    words = " ".join((item.public_text or item.redacted_text or item.text or "").split())
    return words if len(words) <= limit else words[: limit - 1] + "…"


@bp.get("/moderation/items/<int:voice_item_id>")
@roles_required(MANAGERS)
def moderation_item(voice_item_id: int):
    return _render_item(_item_or_404(voice_item_id))


def _done(item: VoiceItem, message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("loop.moderation_item", voice_item_id=item.id))


def _refused(item: VoiceItem, error: VoiceError):
    db.session.rollback()
    flash(error.message, "error")
    return redirect(url_for("loop.moderation_item", voice_item_id=item.id))


@bp.post("/moderation/items/<int:voice_item_id>/approve")
@roles_required(MANAGERS)
def approve_item(voice_item_id: int):
    item = _item_or_404(voice_item_id)
    form = ApproveForm()
    if not form.validate():
        return _render_item(item, approve=form)
    action = request.form.get("action")
    save_only = action in ("save", "accept_save")
    try:
        if action in ("accept", "accept_save"):
            # One step: take out everything the redactor found, then approve (or save).
            moderation.accept_redaction(db.session, current_user, item,
                                        public_text=form.public_text.data,
                                        approve=action == "accept")
        elif save_only:
            moderation.save_public_wording(db.session, current_user, item,
                                           public_text=form.public_text.data,
                                           keep_reason=form.keep_reason.data)
        else:
            moderation.approve_item(db.session, current_user, item,
                                    public_text=form.public_text.data,
                                    keep_reason=form.keep_reason.data)
    except moderation.PersonalDetailsFound as error:
        db.session.rollback()
        form.public_text.errors.append(error.message)
        return _render_item(item, approve=form, suggestion=error.suggestion, check=error.check,
                            save_only=save_only)
    except moderation.ModerationError as error:
        db.session.rollback()
        form.public_text.errors.append(error.message)
        return _render_item(item, approve=form)
    except (InvalidState, NotAllowed) as error:
        return _refused(item, error)
    return _done(item, "Wording saved." if save_only else "Approved for publication.")


@bp.post("/moderation/items/<int:voice_item_id>/hide")
@roles_required(MANAGERS)
def hide_item(voice_item_id: int):
    item = _item_or_404(voice_item_id)
    form = HideForm()
    if not form.validate():
        return _render_item(item, hide=form)
    try:
        moderation.hide_item(db.session, current_user, item, reason=form.reason.data)
    except moderation.ModerationError as error:
        db.session.rollback()
        form.reason.errors.append(error.message)
        return _render_item(item, hide=form)
    except (InvalidState, NotAllowed) as error:
        return _refused(item, error)
    return _done(item, "Hidden. It will never be shown beyond the participation team.")


@bp.post("/moderation/items/<int:voice_item_id>/return")
@roles_required(MANAGERS)
def return_item(voice_item_id: int):
    item = _item_or_404(voice_item_id)
    try:
        moderation.return_to_queue(db.session, current_user, item)
    except (InvalidState, NotAllowed) as error:
        return _refused(item, error)
    return _done(item, "Returned to the moderation queue.")


@bp.post("/moderation/items/<int:voice_item_id>/duplicate")
@roles_required(MANAGERS)
def duplicate_item(voice_item_id: int):
    item = _item_or_404(voice_item_id)
    form = DuplicateForm()
    candidates = moderation.duplicate_candidates(db.session, item)
    form.of_item_id.choices = [(c.id, f"#{c.id}: {_snippet(c)}") for c in candidates]
    if not form.validate():
        return _render_item(item, duplicate=form)
    other = db.session.get(VoiceItem, form.of_item_id.data)
    try:
        moderation.mark_duplicate(db.session, current_user, item, other)
    except moderation.ModerationError as error:
        db.session.rollback()
        form.of_item_id.errors.append(error.message)
        return _render_item(item, duplicate=form)
    except (InvalidState, NotAllowed) as error:
        return _refused(item, error)
    return _done(item, f"Marked as saying the same as #{item.duplicate_of_id}.")


@bp.post("/moderation/items/<int:voice_item_id>/escalate")
@roles_required(MANAGERS)
def escalate_item(voice_item_id: int):
    item = _item_or_404(voice_item_id)
    form = EscalateForm()
    if not form.validate():
        return _render_item(item, escalate=form)
    try:
        moderation.escalate_item(db.session, current_user, item, note=form.note.data)
    except moderation.ModerationError as error:
        db.session.rollback()
        form.note.errors.append(error.message)
        return _render_item(item, escalate=form)
    except (InvalidState, NotAllowed) as error:
        return _refused(item, error)
    return _done(item, "Escalated. The safeguarding lead has been told.")


# ---- safeguarding ----------------------------------------------------------------------------

@bp.get("/safeguarding")
@roles_required(SAFEGUARDING_READERS)
def safeguarding():
    reviewed = request.args.get("show") == "reviewed"
    items = moderation.safeguarding_queue(db.session, current_user, reviewed=reviewed)
    return render_template("loop/staff/safeguarding.html", items=items, reviewed=reviewed)


def _escalated_for_user(escalated_item_id: int) -> VoiceItem:
    item = _item_or_404(escalated_item_id)
    if current_user.role == Role.SAFEGUARDING:
        if not moderation.is_lead_for(current_user, item):
            deny("not the safeguarding lead for this item's service")
        if not moderation.can_read_original(current_user, item):
            abort(404)
    return item


@bp.route("/safeguarding/items/<int:escalated_item_id>", methods=["GET", "POST"])
@roles_required(SAFEGUARDING_READERS)
def safeguarding_item(escalated_item_id: int):
    item = _escalated_for_user(escalated_item_id)
    form = SafeguardingReviewForm()
    can_review = (moderation.can_review_escalation(current_user, item)
                  and item.state == ModerationState.ESCALATED and item.safeguarding_outcome is None)
    if request.method == "POST":
        if not can_review:
            deny("may not decide on this escalation")
        if form.validate():
            try:
                moderation.review_escalation(db.session, current_user, item,
                                             outcome=form.outcome.data, note=form.note.data)
            except moderation.ModerationError as error:
                db.session.rollback()
                form.note.errors.append(error.message)
            except (InvalidState, NotAllowed) as error:
                db.session.rollback()
                flash(error.message, "error")
                return redirect(url_for("loop.safeguarding_item", escalated_item_id=item.id))
            else:
                db.session.commit()
                flash("Your decision has been recorded.", "success")
                return redirect(url_for("loop.safeguarding"))
    card = db.session.get(ActionCard, item.source_id) if item.source == "card" and item.source_id else None
    return render_template("loop/staff/safeguarding_item.html", item=item, card=card, form=form,
                           can_review=can_review, history=_item_history(item))


# ---- commitments -----------------------------------------------------------------------------

def _commitment_for_user(commitment_id: int) -> Commitment:
    try:
        return commitment_services.get_commitment_for(db.session, current_user, commitment_id)
    except NotFound:
        abort(404)
    except NotAllowed as error:
        deny(error.message)


@bp.get("/commitments")
@roles_required(COMMITMENT_READERS)
def commitments():
    status = request.args.get("status") if request.args.get("status") in {
        s.value for s in CommitmentStatus} else None
    rag = request.args.get("rag") if request.args.get("rag") in {r.value for r in RAG} else None
    service_id, owner_id = _int_arg("service"), _int_arg("owner")
    open_only = request.args.get("open") == "1"
    base = commitment_services.commitments_query(current_user)
    query = commitment_services.commitments_query(
        current_user, service_id=service_id, owner_organisation_id=owner_id, status=status, rag=rag,
        open_only=open_only)
    rows = list(db.session.scalars(query.limit(500)))
    organisations = list(db.session.scalars(select(Organisation).where(
        Organisation.id.in_(select(Commitment.owner_organisation_id))).order_by(Organisation.name)))
    return render_template(
        "loop/staff/commitments.html", commitments=rows, rag_counts=commitment_services.rag_counts(
            db.session, base), rag_order=RAG_ORDER, services=_services(), organisations=organisations,
        filters={"status": status, "rag": rag, "service": service_id, "owner": owner_id,
                 "open": open_only},
        counts=commitment_services.young_people_counts(db.session, [c.id for c in rows]),
        can_create=commitment_services.can_manage(current_user))


def _owner_choices(form: CommitmentForm) -> None:
    form.service_id.choices = [(None, "Choose a service")] + [(s.id, s.name) for s in _services()]
    orgs = db.session.scalars(select(Organisation).where(Organisation.archived_at.is_(None))
                              .order_by(Organisation.name)).all()
    form.owner_organisation_id.choices = [(None, "Choose an organisation")] + [(o.id, o.name) for o in orgs]
    people = db.session.scalars(select(User).where(
        User.is_active.is_(True), User.organisation_id.is_not(None),
        User.role.in_([Role.PROVIDER.value, Role.PARTICIPATION.value, Role.COMMISSIONER.value,
                       Role.ADMIN.value]))
        .options(selectinload(User.organisation)).order_by(User.display_name)).all()
    form.owner_user_id.choices = [(None, "Nobody yet")] + [
        (u.id, f"{u.display_name} ({u.organisation.name})") for u in people]


def _chosen_items(ids) -> list[VoiceItem]:
    ids = [int(i) for i in ids if str(i).isdigit()][:MAX_LINK_ITEMS]
    if not ids:
        return []
    return list(db.session.scalars(select(VoiceItem).where(VoiceItem.id.in_(ids))
                                   .options(selectinload(VoiceItem.service)).order_by(VoiceItem.id)))


def _field_error(form, error: commitment_services.CommitmentError) -> None:
    name = error.field if error.field in form else None
    target = form[name] if name else form.you_said if "you_said" in form else None
    if target is not None:
        target.errors = list(target.errors) + [error.message]
    else:
        flash(error.message, "error")


@bp.route("/commitments/new", methods=["GET", "POST"])
@roles_required(MANAGERS)
def new_commitment():
    source = request.form if request.method == "POST" else request.args
    items = _chosen_items(source.getlist("item"))
    usable = [i for i in items if not i.is_restricted]
    form = CommitmentForm()
    _owner_choices(form)
    if request.method == "GET" and usable:
        first = usable[0]
        form.service_id.data = first.service_id
        form.owner_organisation_id.data = first.service.provider_id
        form.you_said.data = first.public_text or first.redacted_text
    if form.validate_on_submit():
        try:
            commitment = commitment_services.create_commitment(
                db.session, current_user, you_said=form.you_said.data, we_will=form.we_will.data,
                owner_organisation_id=form.owner_organisation_id.data,
                owner_user_id=form.owner_user_id.data, due_date=form.due_date.data,
                voice_item_ids=[i.id for i in usable], service_id=form.service_id.data,
                is_public=form.is_public.data)
        except commitment_services.CommitmentError as error:
            db.session.rollback()
            _field_error(form, error)
        except NotAllowed as error:
            deny(error.message)
        else:
            db.session.commit()
            flash("Commitment made.", "success")
            return redirect(url_for("loop.commitment", commitment_id=commitment.id))
    return render_template("loop/staff/commitment_form.html", form=form, commitment=None,
                           items=usable, restricted=len(items) - len(usable),
                           counts=moderation.voice_counts(db.session, [i.id for i in usable]))


@bp.get("/commitments/<int:commitment_id>")
@roles_required(COMMITMENT_READERS)
def commitment(commitment_id: int):
    c = _commitment_for_user(commitment_id)
    return _render_commitment(c)


def _render_commitment(c: Commitment, *, comment_form: CommentForm | None = None, status: int = 200):
    today = today_in_london()
    sources = list(db.session.scalars(select(CommitmentSource).where(
        CommitmentSource.commitment_id == c.id).order_by(CommitmentSource.id)))
    item_ids = [s.voice_item_id for s in sources if s.voice_item_id]
    items = {i.id: i for i in db.session.scalars(select(VoiceItem).where(VoiceItem.id.in_(item_ids)))} \
        if item_ids else {}
    return render_template(
        "loop/staff/commitment.html", c=c, sources=sources, items=items,
        wording={i.id: wording_for(reader_for(current_user, db.session), i)
                 for i in items.values()},
        item_counts=moderation.voice_counts(db.session, item_ids),
        count=commitment_services.young_people_counts(db.session, [c.id])[c.id],
        assessment=assess(c.status, c.due_date, today, c.cant_do_reason, assured=c.is_assured),
        history=commitment_services.history(db.session, c),
        comment_form=comment_form or CommentForm(formdata=None),
        can_manage=commitment_services.can_manage(current_user),
        can_update=commitment_services.can_update_progress(current_user, c),
        can_read_items=moderation.can_moderate(current_user)), status


@bp.route("/commitments/<int:commitment_id>/edit", methods=["GET", "POST"])
@roles_required(MANAGERS)
def edit_commitment(commitment_id: int):
    c = _commitment_for_user(commitment_id)
    form = CommitmentForm(obj=c)
    _owner_choices(form)
    form.service_id.choices = [(c.service_id, c.service.name)]
    if form.validate_on_submit():
        try:
            commitment_services.update_commitment(
                db.session, current_user, c, you_said=form.you_said.data, we_will=form.we_will.data,
                owner_organisation_id=form.owner_organisation_id.data,
                owner_user_id=form.owner_user_id.data, due_date=form.due_date.data)
        except commitment_services.CommitmentError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            flash("Commitment saved.", "success")
            return redirect(url_for("loop.commitment", commitment_id=c.id))
    return render_template("loop/staff/commitment_form.html", form=form, commitment=c, items=[],
                           restricted=0, counts={})


@bp.route("/commitments/<int:commitment_id>/progress", methods=["GET", "POST"])
@roles_required(MANAGERS | {Role.PROVIDER})
def commitment_progress(commitment_id: int):
    c = _commitment_for_user(commitment_id)
    if not commitment_services.can_update_progress(current_user, c):
        deny("may only update their own organisation's commitments")
    form = ProgressForm(obj=c)
    if form.validate_on_submit():
        try:
            commitment_services.record_progress(
                db.session, current_user, c, status=form.status.data, we_did=form.we_did.data,
                cant_do_reason=form.cant_do_reason.data, note=form.note.data)
        except commitment_services.CommitmentError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            if c.status == CommitmentStatus.CANT_DO and not c.cant_do_reason:
                flash("Saved. It shows red until you give a reason young people can understand.",
                      "info")
            else:
                flash("Progress saved.", "success")
            return redirect(url_for("loop.commitment", commitment_id=c.id))
    return render_template("loop/staff/progress_form.html", form=form, c=c)


@bp.post("/commitments/<int:commitment_id>/comment")
@roles_required(COMMITMENT_READERS)
def comment_commitment(commitment_id: int):
    c = _commitment_for_user(commitment_id)
    form = CommentForm()
    if not form.validate():
        return _render_commitment(c, comment_form=form)
    try:
        commitment_services.add_comment(db.session, current_user, c, form.body.data)
    except commitment_services.CommitmentError as error:
        db.session.rollback()
        form.body.errors = [error.message]
        return _render_commitment(c, comment_form=form)
    db.session.commit()
    flash("Comment added.", "success")
    return redirect(url_for("loop.commitment", commitment_id=c.id) + "#history")


@bp.post("/commitments/<int:commitment_id>/publish")
@roles_required(MANAGERS)
def publish_commitment(commitment_id: int):
    c = _commitment_for_user(commitment_id)
    publish = request.form.get("publish") != "0"
    commitment_services.set_published(db.session, current_user, c, publish)
    db.session.commit()
    flash("Shown on the public board." if publish else "Taken off the public board.", "success")
    return redirect(url_for("loop.commitment", commitment_id=c.id))


@bp.route("/commitments/<int:commitment_id>/link", methods=["GET", "POST"])
@roles_required(MANAGERS)
def link_commitment(commitment_id: int):
    c = _commitment_for_user(commitment_id)
    query = (request.values.get("q") or "")[:200]
    form = LinkItemsForm()
    found = moderation.search_items(db.session, query) if query else list(db.session.scalars(
        select(VoiceItem).where(VoiceItem.service_id == c.service_id,
                                VoiceItem.state.in_([ModerationState.NEW.value,
                                                     ModerationState.APPROVED.value]),
                                VoiceItem.is_safeguarding.is_(False))
        .order_by(VoiceItem.created_at.desc()).limit(MAX_LINK_ITEMS)))
    already = {s.voice_item_id for s in c.sources if s.voice_item_id}
    found = [i for i in found if i.id not in already]
    form.voice_item_ids.choices = [(i.id, f"#{i.id} {i.service.name}: {_snippet(i)}") for i in found]
    if form.validate_on_submit():
        if not form.voice_item_ids.data:
            form.voice_item_ids.errors = ["Choose at least one item to link"]
        else:
            try:
                added = commitment_services.link_voice_items(db.session, current_user, c,
                                                             form.voice_item_ids.data)
            except commitment_services.CommitmentError as error:
                db.session.rollback()
                form.voice_item_ids.errors = [error.message]
            else:
                db.session.commit()
                flash(f"Linked {added} item{'s' if added != 1 else ''}.", "success")
                return redirect(url_for("loop.commitment", commitment_id=c.id))
    return render_template("loop/staff/link_form.html", c=c, form=form, query=query)


@bp.post("/commitments/<int:commitment_id>/unlink")
@roles_required(MANAGERS)
def unlink_commitment(commitment_id: int):
    c = _commitment_for_user(commitment_id)
    source_id = request.form.get("source_id", "")
    if not source_id.isdigit():
        raise bad_request("Choose a link to remove")
    try:
        commitment_services.unlink_source(db.session, current_user, c, int(source_id))
    except NotFound as error:
        raise bad_request(error.message) from None
    db.session.commit()
    flash("Link removed.", "success")
    return redirect(url_for("loop.commitment", commitment_id=c.id))


@bp.route("/commitments/<int:commitment_id>/assure", methods=["GET", "POST"])
@roles_required(MANAGERS)
def assure_commitment(commitment_id: int):
    c = _commitment_for_user(commitment_id)
    form = AssureForm()
    if form.validate_on_submit():
        try:
            commitment_services.assure_commitment(
                db.session, current_user, c, by="young_peoples_group", note=form.note.data,
                group=form.group.data, session_on=form.session_on.data,
                young_people=form.young_people.data)
        except commitment_services.CommitmentError as error:
            db.session.rollback()
            _field_error(form, error)
        except InvalidState as error:
            db.session.rollback()
            flash(error.message, "error")
            return redirect(url_for("loop.commitment", commitment_id=c.id))
        else:
            db.session.commit()
            flash("Assured: young people confirmed it happened.", "success")
            return redirect(url_for("loop.commitment", commitment_id=c.id))
    return render_template("loop/staff/assure_form.html", form=form, c=c)


@bp.route("/commitments/<int:commitment_id>/reopen", methods=["GET", "POST"])
@roles_required(MANAGERS)
def reopen_commitment(commitment_id: int):
    c = _commitment_for_user(commitment_id)
    form = ReopenForm()
    if form.validate_on_submit():
        try:
            commitment_services.reopen_commitment(db.session, current_user, c, note=form.note.data,
                                                  due_date=form.due_date.data)
        except commitment_services.CommitmentError as error:
            db.session.rollback()
            target = form[error.field] if error.field in form else form.note
            target.errors = list(target.errors) + [error.message]
        except InvalidState as error:
            db.session.rollback()
            flash(error.message, "error")
            return redirect(url_for("loop.commitment", commitment_id=c.id))
        else:
            db.session.commit()
            flash("Re-opened: it is in progress again.", "success")
            return redirect(url_for("loop.commitment", commitment_id=c.id))
    return render_template("loop/staff/reopen_form.html", form=form, c=c)


# ---- action card links and paper sessions --------------------------------------------------------

def _link_or_404(card_token: str) -> CardLink:
    link = card_services.find_link(db.session, card_token)
    if link is None:
        abort(404)
    return link


@bp.get("/action-cards")
@roles_required(MANAGERS)
def card_links():
    service_id = _int_arg("service")
    links = card_services.list_links(db.session, service_id=service_id)
    return render_template("loop/staff/card_links.html", links=links, services=_services(),
                           service_id=service_id, base_url=current_app.config["BASE_URL"])


def _fill_link_choices(form: CardLinkForm) -> None:
    form.service_id.choices = [(None, "Choose a service")] + [(s.id, s.name) for s in _services()]
    form.area_id.choices = [(None, "Not set")] + [
        (a.id, f"{a.name} ({a.kind_label})") for a in db.session.scalars(
            select(Area).where(Area.archived_at.is_(None)).order_by(Area.kind, Area.name))]


@bp.route("/action-cards/links/new", methods=["GET", "POST"])
@roles_required(MANAGERS)
def new_card_link():
    form = CardLinkForm()
    _fill_link_choices(form)
    if request.method == "GET" and _int_arg("service"):
        form.service_id.data = _int_arg("service")
    if form.validate_on_submit():
        try:
            link = card_services.create_card_link(db.session, current_user,
                                                  service_id=form.service_id.data,
                                                  place=form.place.data, area_id=form.area_id.data)
        except card_services.CardProblem as error:
            db.session.rollback()
            target = form[error.field] if error.field in form else form.place
            target.errors = list(target.errors) + [error.message]
        else:
            db.session.commit()
            flash(f"Card link made for {link.service.name}, {link.place}.", "success")
            return redirect(url_for("loop.card_link", card_token=link.token))
    return render_template("loop/staff/card_link_form.html", form=form)


@bp.get("/action-cards/links/<card_token>")
@roles_required(MANAGERS)
def card_link(card_token: str):
    link = _link_or_404(card_token)
    url = _card_url(link)
    received = db.session.scalar(select(func.count(ActionCard.id)).where(ActionCard.link_id == link.id))
    return render_template("loop/staff/card_link.html", link=link, url=url, qr=_qr("svg", url),
                           received=received or 0)


def _card_url(link) -> str:
    """The card's public address, in the version the staff page asks for (``?version=cy-easy``
    gives ``…/card/<token>?lang=cy&read=easy``: voice/easy_read.py)."""
    return address_for(f"{current_app.config['BASE_URL']}/card/{link.token}", chosen_version())


def _qr(kind: str, url: str):
    if kind == "svg":
        return qr.qr_svg(url, label=f"QR code for the action card at {qr.display_url(url)}")
    return qr.qr_png(url)


@bp.get("/action-cards/links/<card_token>/poster")
@roles_required(MANAGERS)
def card_link_poster(card_token: str):
    link = _link_or_404(card_token)
    url = _card_url(link)
    return render_template("loop/staff/card_poster.html", link=link, url=url, qr=_qr("svg", url))


def _qr_download(card_token: str, fmt: str):
    link = _link_or_404(card_token)
    url = _card_url(link)
    body = _qr(fmt, url)
    mimetype = "image/svg+xml" if fmt == "svg" else "image/png"
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="voice-card-{link.service.slug}-{link.token}.{fmt}"')
    return response


@bp.get("/action-cards/links/<card_token>/qr.svg")
@roles_required(MANAGERS)
def card_link_qr_svg(card_token: str):
    return _qr_download(card_token, "svg")


@bp.get("/action-cards/links/<card_token>/qr.png")
@roles_required(MANAGERS)
def card_link_qr_png(card_token: str):
    return _qr_download(card_token, "png")


@bp.post("/action-cards/links/<card_token>/pause")
@roles_required(MANAGERS)
def pause_card_link(card_token: str):
    link = _link_or_404(card_token)
    paused = request.form.get("paused") != "0"
    card_services.set_link_paused(db.session, current_user, link, paused)
    db.session.commit()
    flash("Link paused: young people see a friendly page instead of the card." if paused
          else "Link working again.", "success")
    return redirect(url_for("loop.card_link", card_token=link.token))


BATCH_SALT = "voice-paper-batch"


def _batch_signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=BATCH_SALT)


@bp.route("/action-cards/paper", methods=["GET", "POST"])
@roles_required(MANAGERS)
def paper_cards():
    rows = min(max(_int_arg("rows") or 6, 1), 30)
    form = PaperBatchForm()
    form.service_id.choices = [(None, "Choose a service")] + [(s.id, s.name) for s in _services()]
    if request.method == "GET":
        while len(form.cards) < rows:
            form.cards.append_entry()
        form.batch_token.data = _batch_signer().dumps(secrets.token_urlsafe(18))
        if _int_arg("service"):
            form.service_id.data = _int_arg("service")
        return render_template("loop/staff/paper_form.html", form=form, rows=rows)
    try:
        batch_key = _batch_signer().loads(form.batch_token.data or "")
    except BadSignature:
        raise bad_request("This form is not complete. Reload the page and type the cards again.") from None
    if form.validate():
        inputs = [card_services.CardInput(kind=row.kind.data or None, what=row.what.data,
                                          why=row.why.data, age_band=row.age_band.data or None)
                  for row in form.cards]
        try:
            result = card_services.enter_paper_cards(
                db.session, current_user, service_id=form.service_id.data, cards=inputs,
                batch_key=str(batch_key), session_label=form.session_label.data,
                session_date=form.session_date.data)
        except card_services.CardProblem as error:
            db.session.rollback()
            _paper_error(form, error)
        else:
            db.session.commit()
            parts = [f"Saved {len(result.saved)} card{'s' if len(result.saved) != 1 else ''}."]
            if result.repeated:
                parts.append(f"{result.repeated} had already been saved from this form.")
            if result.escalated:
                parts.append(f"{result.escalated} may be a safeguarding concern and went straight "
                             "to the safeguarding lead.")
            flash(" ".join(parts), "success")
            return redirect(url_for("loop.moderation", service=form.service_id.data))
    return render_template("loop/staff/paper_form.html", form=form, rows=len(form.cards))


def _paper_error(form: PaperBatchForm, error: card_services.CardProblem) -> None:
    field = error.field or ""
    if field.startswith("cards-"):
        _, index, name = field.split("-", 2)
        if index.isdigit() and int(index) < len(form.cards) and name in form.cards[int(index)]:
            target = form.cards[int(index)][name]
            target.errors = list(target.errors) + [error.message]
            return
    target = form[field] if field in form else form.service_id
    target.errors = list(target.errors) + [error.message]


# ---- notifications ---------------------------------------------------------------------------

@bp.get("/notifications")
@signed_in
def notifications():
    page = _page()
    rows, total = notification_services.list_notifications(db.session, current_user, page=page)
    return render_template("loop/staff/notifications.html", notifications=rows, total=total,
                           page=page, per_page=30,
                           unread=notification_services.unread_count(db.session, current_user))


@bp.post("/notifications/read")
@signed_in
def read_notifications():
    raw = request.form.get("notification_id", "")
    if raw == "all":
        notification_services.mark_read(db.session, current_user)
    elif raw.isdigit() and len(raw) < 10:
        notification_services.mark_read(db.session, current_user, [int(raw)])
    else:
        raise bad_request("Choose a notification to mark as read")
    db.session.commit()
    return redirect(local_path(request.form.get("next")) or url_for("loop.notifications"))

