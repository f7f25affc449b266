"""The feedback loop: everything young people say, what a person decides about it, and what
services promise and do because of it ("you said, we did").

Other packages call these functions; they never write the loop's tables themselves.

Voice items (:mod:`voice.loop.items`)
    ``record_voice_item(session, *, source, text, service_id, source_id=None, question_kind=None,
    area_id=None, channel=None, age_band=None, created_at=None) -> VoiceItem`` — analyses the
    text; a safeguarding flag escalates at once and tells the service's safeguarding lead.
    ``public_items_clause()`` / ``reportable_items_clause()`` — what may be shown publicly, and
    what may be counted for commissioners (never hidden or escalated items). Both delegate to
    the reading rule.

The reading rule (:mod:`voice.loop.reading`)
    ``reader_for(user_or_None, session=None) -> Reader`` (None: the public, ``PUBLIC``);
    ``wording_for(reader, item, *, author_id=None) -> str | None`` — the words this reader may
    see (original for the participation team; approved, redacted wording for everyone else; a
    possible safeguarding concern only for the service's lead and the inspector who wrote it);
    ``readable_items_clause(reader)`` — the same rule as SQL; ``countable_items_clause()``;
    ``restricted_source_ids(session, source, ids)`` — which answers, cards or evidence notes
    became a safeguarding concern. Every page, export, API table and report reads through it.

Personal details (:mod:`voice.loop.personal_details`)
    ``check_wording(text) -> Check`` — what the redactor finds, and where (for highlighting);
    ``publishable_wording(text) -> str | None`` — the publish-time guard (never contact
    details or an address). Moderation: ``approve_item(..., keep_reason=None)``,
    ``accept_redaction(session, actor, item, *, public_text, approve=True)``.

Deleting by the young person (:mod:`voice.loop.withdrawal`)
    ``withdraw_items(session, items) -> Withdrawn`` — deletes voice items and everything that
    shows their words (replies, held quotes, training corrections, commitment links; a "you said"
    that quotes them), keeping a possible safeguarding concern for the lead only
    (``withdrawn_at``); ``delete_card(session, card)``; ``record_deletion(session, what,
    result)`` (an audit row with no words or ids). Surveys call ``withdraw_items`` from
    :func:`surveys.receipts.delete_own_response`.

Moderation (:mod:`voice.loop.moderation`)
    ``approve_item``, ``save_public_wording``, ``hide_item``, ``return_to_queue``,
    ``mark_duplicate``, ``voice_counts``, ``escalate_item``, ``review_escalation``.

Commitments (:mod:`voice.loop.commitments`)
    ``create_commitment(session, actor, *, you_said, we_will, owner_organisation_id,
    owner_user_id=None, due_date, voice_item_ids=(), source_refs=(), service_id=None,
    is_public=False, today=None)``; ``record_progress``; ``update_commitment``; ``add_comment``;
    ``set_published``; ``link_source(session, actor, commitment, *, kind, ref, label="")`` and
    ``commitments_for_source(session, kind, ref)`` (links both ways, e.g.
    ``("inspection_recommendation", 42)``); ``assure_commitment(session, actor, commitment, *,
    by, note, group=None, today=None)``; ``reopen_commitment(session, actor, commitment, *, note,
    by=None, due_date=None, today=None)``; ``young_people_counts``; ``refresh_rag``.

The RAG rule (:mod:`voice.loop.rag`)
    ``rag_status(status, due_date, today, cant_do_reason, *, assured=False) -> RAG`` and
    ``assess(...)`` (the same rule, with its reason in words). Written once; used everywhere.

Notifications (:mod:`voice.loop.notifications`)
    ``notify(session, user, *, kind, title, body="", url=None, dedupe_key=None, email=True)`` —
    always in the app, emailed from an outbox by the scheduler when SMTP is configured.

The moderation queue (:mod:`voice.loop.queue`)
    ``waiting_queue(session, actor, QueueFilters(...), page=1)``; ``decide_items(session, actor,
    [Decision(item_id, "approve" | "hide", shown_fingerprint)], hide_reason=...)`` (each item
    checked as it is written); ``undo_decisions``; ``loop_settings`` / ``save_loop_settings``.

Answers (:mod:`voice.loop.replies`)
    ``reply_to_item(session, actor, item, *, kind, body, commitment_id=None)`` (no commitment
    made); ``card_status(session, card)`` (what ``/check`` says); ``board_answers(...)``.

Escalation (:mod:`voice.loop.escalation`)
    ``escalate_overdue(session, now)``: the ladder for overdue promises (daily job).

Scheduled jobs live in :mod:`voice.loop.jobs`; register your own with
:func:`voice.scheduler.register_job`.
"""
