"""Answering young people's cards without a commitment (issue 13 point 2). Thin views over
:mod:`voice.loop.replies`."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from voice.auth.roles import MANAGERS, Role, deny, roles_required
from voice.db import db
from voice.errors import InvalidState, NotAllowed
from voice.loop import demo_answers as _demo_answers  # noqa: F401  (registers the demo step)
from voice.loop import replies
from voice.loop.blueprint import bp
from voice.loop.forms import ReplyForm
from voice.loop.models import VoiceItem
from voice.loop.reading import reader_for, wording_for
from voice.templating import add_nav

ANSWERERS = MANAGERS | {Role.PROVIDER}
add_nav("Answers", "loop.answers", ANSWERERS)


def _page() -> int:
    value = request.args.get("page", "")
    return max(int(value), 1) if value.isdigit() and len(value) < 6 else 1


@bp.get("/answers")
@roles_required(ANSWERERS)
def answers():
    answered = request.args.get("show") == "answered"
    items, total = replies.cards_to_answer(db.session, current_user, page=_page(),
                                           answered=answered)
    reader = reader_for(current_user, db.session)
    return render_template("loop/staff/answers.html", items=items, total=total, page=_page(),
                           per_page=25, answered=answered,
                           wording={i.id: wording_for(reader, i) for i in items})


@bp.route("/answers/items/<int:answer_item_id>", methods=["GET", "POST"])
@roles_required(ANSWERERS)
def answer_item(answer_item_id: int):
    item = db.session.get(VoiceItem, answer_item_id)
    if item is None:
        abort(404)
    reader = reader_for(current_user, db.session)
    words = wording_for(reader, item)
    if not replies.can_reply(current_user, item):
        if current_user.role == Role.PROVIDER:
            deny("not the provider of this item's service")
        abort(404)
    existing = replies.reply_for(db.session, item)
    form = ReplyForm(obj=existing) if request.method == "GET" and existing else ReplyForm()
    form.commitment_id.choices = [(None, "Choose a promise")] + [
        (c.id, f"{c.we_will[:90]}") for c in replies.promise_choices(db.session, item)]
    if request.method == "POST" and form.validate():
        try:
            replies.reply_to_item(db.session, current_user, item, kind=form.kind.data,
                                  body=form.body.data, commitment_id=form.commitment_id.data)
        except replies.ReplyError as error:
            db.session.rollback()
            field = form[error.field] if error.field in form else form.body
            field.errors = list(field.errors) + [error.message]
        except (InvalidState, NotAllowed) as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            db.session.commit()
            flash("Answer saved. The young person will see it when they check their card.",
                  "success")
            return redirect(url_for("loop.answers"))
    return render_template("loop/staff/answer_form.html", item=item, words=words, form=form,
                           existing=existing)
