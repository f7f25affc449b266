"""Moderation states, public wording, duplicates and the safeguarding lead's decisions."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from voice.audit.models import AuditEvent
from voice.errors import InvalidState, NotAllowed
from voice.loop import moderation
from voice.loop.models import ModerationState, Notification
from voice.loop.moderation import ModerationError, PersonalDetailsFound


def test_approving_publishes_the_wording_and_keeps_the_original(session, loop, people, fake_analysis):
    item = loop.item(people["service"], text="Dr Patel talks to my mum not me")
    moderation.approve_item(session, people["officer"], item,
                            public_text="The doctor talks to my mum, not me")
    assert item.state == ModerationState.APPROVED and item.is_published
    assert item.public_text == "The doctor talks to my mum, not me"
    assert item.text == "Dr Patel talks to my mum not me"
    assert item.moderated_by_id == people["officer"].id
    assert session.scalar(select(AuditEvent.action).where(AuditEvent.object_id == item.id)) == \
        "voice_item.approved"


def test_nothing_is_public_until_a_person_approves_it(session, loop, people):
    item = loop.item(people["service"])
    assert not item.is_published
    moderation.save_public_wording(session, people["officer"], item, public_text="Shorter waits")
    assert item.state == ModerationState.NEW and not item.is_published


def test_a_name_is_stopped_and_may_stay_only_with_a_reason_in_the_audit_log(session, loop, people,
                                                                             fake_analysis):
    item = loop.item(people["service"], text="Dr Patel was rude")
    with pytest.raises(PersonalDetailsFound) as found:
        moderation.approve_item(session, people["officer"], item, public_text="Dr Patel was rude")
    assert found.value.suggestion == "Dr [name] was rude"  # the real redactor
    assert [(f.kind, f.text) for f in found.value.check.findings] == [("name", "Patel")]
    assert item.state == ModerationState.NEW
    # A tick no longer overrides the check.
    with pytest.raises(PersonalDetailsFound):
        moderation.approve_item(session, people["officer"], item, public_text="Dr Patel was rude")
    moderation.approve_item(session, people["officer"], item, public_text="Dr Patel was rude",
                            keep_reason="Dr Patel asked to be named in the thanks")
    assert item.state == ModerationState.APPROVED
    kept = session.scalar(select(AuditEvent).where(
        AuditEvent.object_id == item.id, AuditEvent.action == "voice_item.personal_details_kept"))
    assert kept is not None and kept.actor_id == people["officer"].id
    assert kept.detail["kinds"] == ["name"]
    assert kept.detail["reason"] == "Dr Patel asked to be named in the thanks"


CONTACT = "Ring me on 07700 900123 or jo@example.com, I live at 12 High Street, AB1 2CD"


def test_contact_details_and_addresses_can_never_be_kept(session, loop, people, fake_analysis):
    item = loop.item(people["service"], text=CONTACT)
    for reason in ("", "I have checked", "They asked us to call them"):
        with pytest.raises(PersonalDetailsFound) as found:
            moderation.approve_item(session, people["officer"], item, public_text=CONTACT,
                                    keep_reason=reason, confirmed_no_personal_details=True)
        assert {f.kind for f in found.value.check.never_published} == {
            "phone", "email", "address", "postcode"}
    with pytest.raises(PersonalDetailsFound):
        moderation.save_public_wording(session, people["officer"], item, public_text=CONTACT,
                                       keep_reason="x", confirmed_no_personal_details=True)
    assert item.state == ModerationState.NEW and item.public_text is None


def test_accepting_the_redaction_approves_in_one_step(session, loop, people, fake_analysis):
    item = loop.item(people["service"], text=CONTACT)
    moderation.accept_redaction(session, people["officer"], item, public_text=CONTACT)
    assert item.state == ModerationState.APPROVED
    assert item.public_text == "Ring me on [phone] or [email], I live at [address], [postcode]"
    assert session.scalar(select(AuditEvent.id).where(
        AuditEvent.object_id == item.id, AuditEvent.action == "voice_item.redaction_accepted"))


def test_the_redaction_markers_already_in_the_wording_are_fine(session, loop, people, fake_analysis):
    item = loop.item(people["service"], text="[name] was rude")
    moderation.approve_item(session, people["officer"], item, public_text="[name] was rude")
    assert item.is_published


@pytest.mark.parametrize(("wording", "message"), [("  ", "Enter the wording"),
                                                   ("x" * 2001, "2,000 characters or fewer")])
def test_approving_needs_sensible_wording(session, loop, people, wording, message):
    with pytest.raises(ModerationError, match=message):
        moderation.approve_item(session, people["officer"], loop.item(people["service"]),
                                public_text=wording, confirmed_no_personal_details=True)


def test_only_the_participation_team_moderates(session, loop, people):
    item = loop.item(people["service"])
    for who in ("provider", "commissioner", "lead", "inspector"):
        with pytest.raises(NotAllowed):
            moderation.approve_item(session, people[who], item, public_text="ok")


def test_a_safeguarding_item_can_never_be_approved(session, loop, people):
    item = loop.item(people["service"], state=ModerationState.ESCALATED, is_safeguarding=True)
    with pytest.raises(InvalidState):
        moderation.approve_item(session, people["officer"], item, public_text="ok")
    with pytest.raises(InvalidState):
        moderation.hide_item(session, people["officer"], item, reason="x")


def test_hiding_needs_a_reason_and_can_be_undone(session, loop, people):
    item = loop.item(people["service"])
    with pytest.raises(ModerationError, match="Say why"):
        moderation.hide_item(session, people["officer"], item, reason=" ")
    moderation.hide_item(session, people["officer"], item, reason="Not about the service")
    assert item.state == ModerationState.HIDDEN and item.hidden_reason == "Not about the service"
    assert item.is_restricted
    moderation.return_to_queue(session, people["officer"], item)
    assert item.state == ModerationState.NEW


# ---- duplicates ----------------------------------------------------------------------------------

def test_duplicates_count_how_many_young_people_said_it(session, loop, people):
    first = loop.item(people["service"], text="Shorter waits please")
    others = [loop.item(people["service"], text="The wait is too long") for _ in range(3)]
    for other in others:
        moderation.mark_duplicate(session, people["officer"], other, first)
    assert moderation.voice_counts(session, [first.id]) == {first.id: 4}
    assert all(o.state == ModerationState.DUPLICATE and o.duplicate_of_id == first.id for o in others)
    assert not any(o.is_published for o in others)


def test_duplicate_chains_collapse_to_the_first_item(session, loop, people):
    a, b, c = (loop.item(people["service"]) for _ in range(3))
    moderation.mark_duplicate(session, people["officer"], b, a)
    moderation.mark_duplicate(session, people["officer"], c, b)  # c repeats b, which repeats a
    assert c.duplicate_of_id == a.id
    assert moderation.voice_counts(session, [a.id])[a.id] == 3


def test_marking_an_item_with_duplicates_moves_them_to_the_new_first_item(session, loop, people):
    a, b, c = (loop.item(people["service"]) for _ in range(3))
    moderation.mark_duplicate(session, people["officer"], b, a)
    moderation.mark_duplicate(session, people["officer"], a, c)
    assert a.duplicate_of_id == c.id and b.duplicate_of_id == c.id
    assert moderation.voice_counts(session, [c.id])[c.id] == 3


def test_an_item_cannot_repeat_itself_or_another_services_item(session, loop, people):
    a, b = loop.item(people["service"]), loop.item(people["service"])
    elsewhere = loop.item(people["other_service"])
    with pytest.raises(ModerationError, match="itself"):
        moderation.mark_duplicate(session, people["officer"], a, a)
    moderation.mark_duplicate(session, people["officer"], b, a)
    with pytest.raises(ModerationError, match="itself"):
        moderation.mark_duplicate(session, people["officer"], a, b)  # would make a loop
    with pytest.raises(ModerationError, match="same service"):
        moderation.mark_duplicate(session, people["officer"], elsewhere, a)


def test_items_cannot_be_merged_into_hidden_or_escalated_ones(session, loop, people):
    hidden = loop.item(people["service"], state=ModerationState.HIDDEN)
    escalated = loop.item(people["service"], state=ModerationState.ESCALATED, is_safeguarding=True)
    item = loop.item(people["service"])
    for target in (hidden, escalated):
        with pytest.raises(ModerationError, match="not a hidden or escalated"):
            moderation.mark_duplicate(session, people["officer"], item, target)


def test_hidden_duplicates_no_longer_count(session, loop, people):
    first, dup = loop.item(people["service"]), loop.item(people["service"])
    moderation.mark_duplicate(session, people["officer"], dup, first)
    moderation.hide_item(session, people["officer"], dup, reason="Abusive")
    assert moderation.voice_counts(session, [first.id])[first.id] == 1


def test_duplicate_candidates_are_the_same_services_open_items(session, loop, people):
    item = loop.item(people["service"])
    same = loop.approved(people["service"])
    loop.item(people["other_service"])
    loop.item(people["service"], state=ModerationState.HIDDEN)
    loop.item(people["service"], state=ModerationState.ESCALATED, is_safeguarding=True)
    assert [c.id for c in moderation.duplicate_candidates(session, item)] == [same.id]


# ---- safeguarding --------------------------------------------------------------------------------

def test_escalating_needs_a_note_and_tells_the_lead(session, loop, people):
    item = loop.approved(people["service"], text="Things at home are bad")
    with pytest.raises(ModerationError, match="what worries you"):
        moderation.escalate_item(session, people["officer"], item, note="")
    moderation.escalate_item(session, people["officer"], item, note="Sounds like neglect")
    assert item.state == ModerationState.ESCALATED and not item.is_published
    assert item.escalated_by_id == people["officer"].id
    note = session.scalar(select(Notification).where(Notification.user_id == people["lead"].id))
    assert note.kind == "safeguarding"
    with pytest.raises(InvalidState):
        moderation.escalate_item(session, people["officer"], item, note="again")


def test_escalating_releases_the_items_that_repeated_it(session, loop, people):
    first, dup = loop.item(people["service"]), loop.item(people["service"])
    moderation.mark_duplicate(session, people["officer"], dup, first)
    moderation.escalate_item(session, people["officer"], first, note="Worried")
    assert dup.state == ModerationState.NEW and dup.duplicate_of_id is None


def test_a_lead_sees_only_escalations_for_their_own_services(session, loop, people, factory):
    mine = loop.item(people["service"], state=ModerationState.ESCALATED, is_safeguarding=True)
    loop.item(people["other_service"], state=ModerationState.ESCALATED, is_safeguarding=True)
    assert [i.id for i in moderation.safeguarding_queue(session, people["lead"])] == [mine.id]
    assert len(moderation.safeguarding_queue(session, people["officer"])) == 2
    assert moderation.safeguarding_queue(session, people["provider"]) == []
    stranger = factory.user("safeguarding_lead")
    assert moderation.safeguarding_queue(session, stranger) == []
    assert not moderation.can_read_original(stranger, mine)
    assert moderation.can_read_original(people["lead"], mine)


def test_the_lead_closes_an_escalation_and_it_stays_private(session, loop, people):
    item = loop.item(people["service"], state=ModerationState.ESCALATED, is_safeguarding=True)
    moderation.review_escalation(session, people["lead"], item, outcome="action_taken",
                                 note="Referred to children's social care")
    assert item.state == ModerationState.ESCALATED and item.safeguarding_outcome == "action_taken"
    assert moderation.safeguarding_queue(session, people["lead"]) == []
    assert [i.id for i in moderation.safeguarding_queue(session, people["lead"], reviewed=True)] == [item.id]
    with pytest.raises(InvalidState):
        moderation.review_escalation(session, people["lead"], item, outcome="no_concern", note="x")


def test_the_lead_can_return_a_false_alarm_to_moderation(session, loop, people):
    item = loop.item(people["service"], text="The staff keep us safe", state=ModerationState.ESCALATED,
                     is_safeguarding=True)
    moderation.review_escalation(session, people["lead"], item, outcome="no_concern",
                                 note="Praise, not a disclosure")
    assert item.state == ModerationState.NEW and not item.is_safeguarding
    moderation.approve_item(session, people["officer"], item, public_text="The staff keep us safe")
    assert item.is_published


def test_only_the_services_lead_decides(session, loop, people, factory):
    item = loop.item(people["service"], state=ModerationState.ESCALATED, is_safeguarding=True)
    for who in (factory.user("safeguarding_lead"), people["provider"], people["officer"]):
        with pytest.raises(NotAllowed):
            moderation.review_escalation(session, who, item, outcome="action_taken", note="x")
    with pytest.raises(ModerationError, match="Choose what happened"):
        moderation.review_escalation(session, people["lead"], item, outcome="shrug", note="x")
    with pytest.raises(ModerationError, match="short note"):
        moderation.review_escalation(session, people["lead"], item, outcome="action_taken", note=" ")
