"""Commitments: making them, who may change them, history, sources, assurance and RAG."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from voice.errors import InvalidState, NotAllowed
from voice.loop import commitments as c
from voice.loop.commitments import CommitmentError
from voice.loop.models import CommitmentComment, CommitmentEvent, ModerationState, Notification
from voice.loop.moderation import hide_item, mark_duplicate
from voice.loop.rag import today_in_london

TODAY = date(2027, 1, 10)


def make(session, people, **overrides):
    values = dict(you_said="The waiting room is boring", we_will="Redecorate it with young people",
                  owner_organisation_id=people["org"].id, due_date=TODAY + timedelta(days=60),
                  service_id=people["service"].id, today=TODAY)
    values.update(overrides)
    actor = values.pop("actor", people["officer"])
    return c.create_commitment(session, actor, **values)


def events(session, commitment):
    return session.scalars(select(CommitmentEvent.action).where(
        CommitmentEvent.commitment_id == commitment.id).order_by(CommitmentEvent.id)).all()


# ---- making a commitment -----------------------------------------------------------------------

def test_a_commitment_made_from_cards_takes_their_service(session, loop, people):
    items = [loop.approved(people["service"]), loop.item(people["service"])]
    made = make(session, people, service_id=None, voice_item_ids=[i.id for i in items])
    assert made.service_id == people["service"].id
    assert made.status == "not_started" and made.rag == "amber"
    assert sorted(s.voice_item_id for s in made.sources) == sorted(i.id for i in items)
    assert events(session, made) == ["created"]


@pytest.mark.parametrize(("overrides", "field"), [
    ({"you_said": " "}, "you_said"),
    ({"we_will": "x" * 1001}, "we_will"),
    ({"owner_organisation_id": 999999}, "owner_organisation_id"),
    ({"due_date": TODAY - timedelta(days=1)}, "due_date"),
    ({"due_date": "next week"}, "due_date"),
    ({"service_id": None}, "service_id"),
])
def test_bad_commitments_are_refused_at_the_field(session, people, overrides, field):
    with pytest.raises(CommitmentError) as error:
        make(session, people, **overrides)
    assert error.value.field == field


def test_the_owner_must_work_for_the_owner_organisation(session, people):
    with pytest.raises(CommitmentError, match="owner organisation"):
        make(session, people, owner_user_id=people["other_provider"].id)
    made = make(session, people, owner_user_id=people["provider"].id)
    assert made.owner_user_id == people["provider"].id


def test_cards_from_two_services_need_the_service_chosen(session, loop, people):
    a, b = loop.item(people["service"]), loop.item(people["other_service"])
    with pytest.raises(CommitmentError, match="Choose the service"):
        make(session, people, service_id=None, voice_item_ids=[a.id, b.id])


def test_hidden_or_escalated_items_cannot_be_linked(session, loop, people):
    for state in (ModerationState.HIDDEN, ModerationState.ESCALATED):
        item = loop.item(people["service"], state=state, is_safeguarding=state == "escalated")
        with pytest.raises(CommitmentError, match="Hidden or escalated"):
            make(session, people, voice_item_ids=[item.id])
    with pytest.raises(CommitmentError, match="could not be found"):
        make(session, people, voice_item_ids=[987654])


def test_a_provider_may_only_make_commitments_for_its_own_services(session, people):
    mine = make(session, people, actor=people["provider"])
    assert mine.owner_organisation_id == people["org"].id
    with pytest.raises(NotAllowed):
        make(session, people, actor=people["other_provider"])
    with pytest.raises(NotAllowed):
        make(session, people, actor=people["provider"], is_public=True)
    with pytest.raises(NotAllowed):
        make(session, people, actor=people["commissioner"])


def test_a_commitment_due_within_14_days_is_red_from_the_start_and_its_owner_is_told(session, people):
    made = make(session, people, due_date=TODAY + timedelta(days=10), owner_user_id=people["provider"].id)
    assert made.rag == "red"
    note = session.scalar(select(Notification).where(Notification.kind == "commitment_red"))
    assert note.user_id == people["provider"].id and note.url == f"/commitments/{made.id}"


# ---- who may change what -----------------------------------------------------------------------

def test_a_provider_cannot_touch_another_providers_commitment(session, people):
    theirs = make(session, people)
    intruder = people["other_provider"]
    assert not c.can_view(intruder, theirs)
    assert not c.can_update_progress(intruder, theirs)
    with pytest.raises(NotAllowed):
        c.record_progress(session, intruder, theirs, status="done", we_did="Nothing", today=TODAY)
    with pytest.raises(NotAllowed):
        c.add_comment(session, intruder, theirs, "hello")
    with pytest.raises(NotAllowed):
        c.update_commitment(session, intruder, theirs, you_said="x", we_will="y",
                            owner_organisation_id=people["other_org"].id, owner_user_id=None,
                            due_date=TODAY + timedelta(days=5), today=TODAY)
    with pytest.raises(NotAllowed):
        c.set_published(session, intruder, theirs, False)
    with pytest.raises(NotAllowed):
        c.get_commitment_for(session, intruder, theirs.id)
    assert theirs.status == "not_started"


def test_the_owner_updates_progress_but_not_the_promise(session, people):
    made = make(session, people)
    c.record_progress(session, people["provider"], made, status="in_progress", today=TODAY)
    assert made.status == "in_progress"
    with pytest.raises(NotAllowed):
        c.update_commitment(session, people["provider"], made, you_said="x", we_will="y",
                            owner_organisation_id=people["org"].id, owner_user_id=None,
                            due_date=made.due_date + timedelta(days=30), today=TODAY)


def test_providers_see_only_their_own_organisations_commitments(session, people):
    mine = make(session, people)
    other = make(session, people, service_id=people["other_service"].id,
                 owner_organisation_id=people["other_org"].id)
    seen = session.scalars(c.commitments_query(people["provider"])).all()
    assert [x.id for x in seen] == [mine.id]
    assert {x.id for x in session.scalars(c.commitments_query(people["commissioner"]))} == {mine.id, other.id}
    assert session.scalars(c.commitments_query(people["inspector"])).all() == []


# ---- progress and history -------------------------------------------------------------------------

def test_done_needs_what_was_done(session, people):
    made = make(session, people)
    with pytest.raises(CommitmentError, match="Say what was done") as error:
        c.record_progress(session, people["provider"], made, status="done", today=TODAY)
    assert error.value.field == "we_did"
    with pytest.raises(CommitmentError, match="Choose a status"):
        c.record_progress(session, people["provider"], made, status="finished-ish", today=TODAY)


def test_cant_do_without_a_reason_is_red_and_with_one_is_closed(session, people):
    made = make(session, people)
    c.record_progress(session, people["provider"], made, status="cant_do", today=TODAY)
    assert made.rag == "red" and made.completed_at is not None
    c.record_progress(session, people["provider"], made, status="cant_do",
                      cant_do_reason="There is no room in the building", today=TODAY)
    assert made.rag == "none"


def painted_and_thanked(session, people):
    """A commitment taken to done in two progress updates, with the commissioner's thanks."""
    made = make(session, people)
    c.record_progress(session, people["provider"], made, status="in_progress", note="Ordered paint",
                      today=TODAY)
    c.record_progress(session, people["provider"], made, status="done", we_did="We painted it",
                      today=TODAY)
    c.add_comment(session, people["commissioner"], made, "Lovely, thank you")
    return made


def test_every_change_is_kept_with_who_and_what(session, people):
    made = painted_and_thanked(session, people)
    c.set_published(session, people["officer"], made, True)
    history = c.history(session, made)
    actions = [h.action for h in history]
    assert {"Created", "Progress updated", "RAG changed", "Comment", "Published on the board"} <= set(actions)
    progress = [h for h in history if h.action == "Progress updated"]
    assert progress[-1].note == "Ordered paint"
    assert progress[0].changes["status"] == ["in_progress", "done"]
    assert progress[0].who == people["provider"].display_name
    rag_change = next(h for h in history if h.action == "RAG changed")
    assert rag_change.who == "Voice (automatic)" and rag_change.changes["rag"] == ["amber", "green"]


def test_changes_made_in_the_same_instant_are_shown_newest_first(session, people):
    # A fast machine (or a coarse clock) gives several changes one timestamp; the history must
    # still read newest first, not in whatever order the database returned them.
    made = painted_and_thanked(session, people)
    c.add_comment(session, people["officer"], made, "Photos on the board next week")
    instant = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
    session.execute(update(CommitmentEvent).where(CommitmentEvent.commitment_id == made.id)
                    .values(created_at=instant))
    session.execute(update(CommitmentComment).where(CommitmentComment.commitment_id == made.id)
                    .values(created_at=instant))
    session.expire_all()
    history = c.history(session, made)
    progress = [h.note for h in history if h.action == "Progress updated"]
    assert progress == [None, "Ordered paint"]
    assert [h.note for h in history if h.is_comment] == ["Photos on the board next week",
                                                         "Lovely, thank you"]
    assert history[-1].action == "Created"


def test_a_change_that_changes_nothing_leaves_no_history(session, people):
    made = make(session, people)
    c.record_progress(session, people["provider"], made, status="not_started", today=TODAY)
    assert events(session, made) == ["created"]


def test_the_participation_team_can_move_the_date_and_rag_follows(session, people):
    made = make(session, people)
    c.update_commitment(session, people["officer"], made, you_said=made.you_said, we_will=made.we_will,
                        owner_organisation_id=people["org"].id, owner_user_id=None,
                        due_date=TODAY + timedelta(days=3), today=TODAY)
    assert made.rag == "red"
    assert events(session, made)[-2:] == ["updated", "rag_changed"]


# ---- sources and counts ----------------------------------------------------------------------------

def test_external_sources_link_both_ways(session, people):
    made = make(session, people, source_refs=[("inspection_recommendation", 42, "Answer the phone")])
    assert [x.id for x in c.commitments_for_source(session, "inspection_recommendation", 42)] == [made.id]
    assert c.commitments_for_source(session, "inspection_recommendation", 43) == []
    assert c.link_source(session, people["officer"], made, kind="inspection_recommendation", ref=42) is None
    other = c.link_source(session, people["officer"], made, kind="theme", ref="waiting_and_access",
                          label="Waiting and access")
    assert other is not None and c.has_inspection_source(session, [made.id]) == {made.id}
    with pytest.raises(CommitmentError):
        c.link_source(session, people["officer"], made, kind="Not A Kind!", ref=1)


def test_young_people_counts_include_duplicates_once_and_never_hidden_items(session, loop, people):
    a, b, dup_of_a, hidden = (loop.item(people["service"]) for _ in range(4))
    mark_duplicate(session, people["officer"], dup_of_a, a)
    made = make(session, people, voice_item_ids=[a.id, b.id, dup_of_a.id, hidden.id])
    assert c.young_people_counts(session, [made.id]) == {made.id: 4}
    hide_item(session, people["officer"], hidden, reason="Spam")
    assert c.young_people_counts(session, [made.id]) == {made.id: 3}
    from_inspection = make(session, people, source_refs=[("inspection_recommendation", 1)])
    assert c.young_people_counts(session, [from_inspection.id]) == {from_inspection.id: 0}


def test_linking_more_items_later_and_unlinking(session, loop, people):
    made = make(session, people)
    item = loop.approved(people["service"])
    assert c.link_voice_items(session, people["officer"], made, [item.id]) == 1
    assert c.link_voice_items(session, people["officer"], made, [item.id]) == 0
    source = made.sources[0]
    c.unlink_source(session, people["officer"], made, source.id)
    assert c.young_people_counts(session, [made.id])[made.id] == 0
    with pytest.raises(NotAllowed):
        c.link_voice_items(session, people["provider"], made, [item.id])


# ---- assurance --------------------------------------------------------------------------------------

def test_only_a_done_commitment_can_be_assured(session, people):
    made = make(session, people)
    with pytest.raises(InvalidState):
        c.assure_commitment(session, people["officer"], made, by="young_inspectors", note="Saw it",
                            followup=12, today=TODAY)
    c.record_progress(session, people["provider"], made, status="done", we_did="Painted", today=TODAY)
    c.assure_commitment(session, people["inspector"], made, by="young_inspectors",
                        note="We visited and it looks great", followup=12, today=TODAY)
    assert made.rag == "assured" and made.is_assured
    assert made.assured_by_label == "Young inspectors (follow-up inspection #12)"
    assert made.assurance_session_on == TODAY


def test_an_officer_cannot_assure_alone(session, people):
    """Young inspectors assure only through a follow-up finding; nobody can pick them."""
    made = make(session, people)
    c.record_progress(session, people["provider"], made, status="done", we_did="Painted", today=TODAY)
    with pytest.raises(CommitmentError, match="follow-up inspection"):
        c.assure_commitment(session, people["officer"], made, by="young_inspectors",
                            note="I am sure it happened", today=TODAY)
    assert not made.is_assured


def test_a_youth_group_session_needs_its_group_date_numbers_and_words(session, people):
    made = make(session, people)
    c.record_progress(session, people["provider"], made, status="done", we_did="Painted", today=TODAY)
    full = dict(by="young_peoples_group", group="Youth Council", session_on=TODAY,
                young_people=6, note="They checked", today=TODAY)
    for missing, message in (("group", "name of the young people's group"),
                             ("session_on", "date of the session"),
                             ("young_people", "how many young people")):
        with pytest.raises(CommitmentError, match=message):
            c.assure_commitment(session, people["officer"], made, **{**full, missing: None})
    with pytest.raises(CommitmentError, match="what the young people said"):
        c.assure_commitment(session, people["officer"], made, **{**full, "note": " "})
    with pytest.raises(CommitmentError, match="today or in the past"):
        c.assure_commitment(session, people["officer"], made,
                            **{**full, "session_on": TODAY + timedelta(days=1)})
    with pytest.raises(NotAllowed):
        c.assure_commitment(session, people["provider"], made, **full)
    c.assure_commitment(session, people["officer"], made, **full)
    assert made.assured_by_label == "A young people's group (Youth Council)"
    assert made.assurance_young_people == 6 and made.assured_recorded_by_id == people["officer"].id
    assured = next(h for h in c.history(session, made) if h.action == "Assured")
    assert assured.note == "They checked"


def test_a_check_before_the_commitment_was_done_does_not_assure_it(session, people):
    made = make(session, people)
    c.record_progress(session, people["provider"], made, status="done", we_did="Painted", today=TODAY)
    done_on = today_in_london(made.completed_at)
    with pytest.raises(CommitmentError, match="session must come after the commitment was done"):
        c.assure_commitment(session, people["officer"], made, by="young_peoples_group",
                            group="Youth Council", session_on=done_on - timedelta(days=1),
                            young_people=5, note="We saw it last week", today=TODAY)
    assert not made.is_assured


def test_reopening_removes_assurance_and_is_kept_in_history(session, people):
    made = make(session, people)
    c.record_progress(session, people["provider"], made, status="done", we_did="Painted", today=TODAY)
    c.assure_commitment(session, None, made, by="young_inspectors", note="Saw it", followup=3,
                        today=TODAY)
    c.reopen_commitment(session, None, made, note="Six months on it is bare again", by="young_inspectors",
                        due_date=TODAY + timedelta(days=30), today=TODAY)
    assert made.status == "in_progress" and not made.is_assured and made.rag == "amber"
    assert made.due_date == TODAY + timedelta(days=30)
    reopened = next(h for h in c.history(session, made) if h.action == "Re-opened")
    assert reopened.note == "Six months on it is bare again"
    assert reopened.changes["assured"] == ["Young inspectors (follow-up inspection #3)", None]
    with pytest.raises(InvalidState):
        c.reopen_commitment(session, None, made, note="again", today=TODAY)


def test_moving_away_from_done_removes_assurance(session, people):
    made = make(session, people)
    c.record_progress(session, people["provider"], made, status="done", we_did="Painted", today=TODAY)
    c.assure_commitment(session, None, made, by="young_inspectors", note="Saw it", followup=3,
                        today=TODAY)
    c.record_progress(session, people["provider"], made, status="in_progress", today=TODAY)
    assert not made.is_assured and made.rag == "amber"


# ---- RAG refresh --------------------------------------------------------------------------------

def test_refreshing_rag_is_idempotent_and_tells_the_owner_once(session, people):
    made = make(session, people, owner_user_id=people["provider"].id)
    red_day = made.due_date - timedelta(days=14)
    assert c.refresh_rag(session, made, today=red_day) is True
    assert c.refresh_rag(session, made, today=red_day) is False
    assert c.refresh_rag(session, made, today=red_day + timedelta(days=1)) is False
    notes = session.scalar(select(func.count(Notification.id)).where(
        Notification.kind == "commitment_red", Notification.user_id == people["provider"].id))
    assert notes == 1


def test_without_an_owner_person_the_owner_organisations_staff_are_told(session, people):
    made = make(session, people)
    c.refresh_rag(session, made, today=made.due_date + timedelta(days=1))
    told = session.scalars(select(Notification.user_id).where(Notification.kind == "commitment_red")).all()
    assert told == [people["provider"].id]


def test_the_public_board_shows_only_published_commitments(session, people, factory):
    shown = make(session, people, is_public=True)
    make(session, people, is_public=False)
    archived = factory.service("Old service", provider=people["org"])
    make(session, people, service_id=archived.id, is_public=True)
    from voice.db import utcnow
    archived.archived_at = utcnow()
    rows, total = c.public_board(session)
    assert [r.id for r in rows] == [shown.id] and total == 1
