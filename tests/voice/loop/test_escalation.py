"""Escalation when a promise is overdue (issue 13 point 4), with the clock moved."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from html import unescape

from sqlalchemy import select

from voice.auth.roles import Role
from voice.loop import commitments as c
from voice.loop import escalation, queue
from voice.loop.jobs import escalate_overdue
from voice.loop.models import Notification
from voice.loop.rag import today_in_london


def at(day) -> datetime:
    """07:00 UTC on ``day``: the job's time of day."""
    return datetime(day.year, day.month, day.day, 7, 0, tzinfo=UTC)


def titles(session, user) -> list[str]:
    """The ladder's notifications to ``user`` (turning red is told separately, by the RAG job)."""
    return list(session.scalars(select(Notification.title).where(
        Notification.user_id == user.id,
        Notification.kind.in_(["commitment_overdue", "commitment_escalated"]))
        .order_by(Notification.id)))


def test_the_ladder_owner_first_then_the_organisation_and_commissioners(session, factory, loop,
                                                                         people):
    owner = people["provider"]
    colleague = factory.user(Role.PROVIDER, organisation=people["org"])
    commissioner = people["commissioner"]
    today = today_in_london()
    made = loop.commitment(people["service"], owner=people["org"], owner_user=owner,
                           due_date=today + timedelta(days=10), today=today)
    queue.save_loop_settings(session, people["officer"], moderation_target_days=3,
                             escalate_after_days=14)

    # Not yet due: nothing happens.
    escalate_overdue(session, at(today))
    assert made.escalation_level == 0 and titles(session, owner) == []

    # The day after it was due: the owner is told, nobody else.
    day1 = made.due_date + timedelta(days=1)
    escalate_overdue(session, at(day1))
    assert made.escalation_level == escalation.OWNER_TOLD
    assert f"A promise is overdue: {people['service'].name}" in titles(session, owner)
    assert titles(session, colleague) == [] and titles(session, commissioner) == []

    # 13 days overdue: still only the owner; 14 days: the organisation and the commissioners.
    escalate_overdue(session, at(made.due_date + timedelta(days=13)))
    assert made.escalation_level == escalation.OWNER_TOLD and made.escalated_at is None
    escalate_overdue(session, at(made.due_date + timedelta(days=14)))
    assert made.escalation_level == escalation.ESCALATED and made.escalated_at is not None
    escalated_title = f"Overdue and escalated: {people['service'].name}"
    assert escalated_title in titles(session, colleague)
    assert escalated_title in titles(session, commissioner)
    assert escalated_title in titles(session, owner)

    # Running again (or the next day) tells nobody twice.
    before = session.scalar(select(Notification.id).order_by(Notification.id.desc()).limit(1))
    escalate_overdue(session, at(made.due_date + timedelta(days=15)))
    after = session.scalar(select(Notification.id).order_by(Notification.id.desc()).limit(1))
    assert before == after

    # The history says what happened, and when.
    history = [h for h in c.history(session, made) if h.action == "Escalated (overdue)"]
    assert [h.note for h in reversed(history)] == [
        "Overdue: the owner was told",
        f"14 days overdue: escalated; no lead contact is named for {people['org'].name}, so all "
        f"of {people['org'].name}'s staff were told; no commissioner is named for "
        f"{people['service'].name}, so every commissioner was told"]

    # Done: the ladder starts again from the bottom.
    c.record_progress(session, owner, made, status="done", we_did="Painted it")
    escalate_overdue(session, at(made.due_date + timedelta(days=16)))
    assert made.escalation_level == 0 and made.escalated_at is None
    assert any(h.action == "No longer overdue" for h in c.history(session, made))


def escalation_notes(session, made) -> list[str]:
    return [h.note for h in c.history(session, made) if h.action == "Escalated (overdue)"]


def test_step_two_tells_the_named_lead_contact_and_commissioner_only(session, factory, loop,
                                                                      people):
    org, service, owner = people["org"], people["service"], people["provider"]
    contact = factory.user(Role.PROVIDER, organisation=org, display_name="Lena Contact")
    colleague = factory.user(Role.PROVIDER, organisation=org)
    named = factory.user(Role.COMMISSIONER, display_name="Chris Named")
    other_commissioner = people["commissioner"]
    org.lead_contact_id, service.commissioner_id = contact.id, named.id
    session.flush()
    today = today_in_london()
    made = loop.commitment(service, owner=org, owner_user=owner,
                           due_date=today + timedelta(days=1), today=today)
    queue.save_loop_settings(session, people["officer"], moderation_target_days=3,
                             escalate_after_days=14)
    escalate_overdue(session, at(made.due_date + timedelta(days=14)))
    assert made.escalation_level == escalation.ESCALATED
    escalated_title = f"Overdue and escalated: {service.name}"
    assert escalated_title in titles(session, contact)
    assert escalated_title in titles(session, named)
    assert escalated_title in titles(session, owner)  # the owner knows it went further
    assert titles(session, colleague) == []
    assert titles(session, other_commissioner) == []
    assert escalation_notes(session, made)[0] == (
        f"14 days overdue: escalated to Lena Contact (lead contact for {org.name}) and "
        f"Chris Named (commissioner for {service.name})")


def test_step_two_falls_back_when_the_person_named_cannot_be_told(session, factory, loop,
                                                                  people):
    """A lead contact who has moved organisation, and a commissioner who is no longer active:
    the ladder tells everyone who could be, and the history says why."""
    org, service = people["org"], people["service"]
    moved = factory.user(Role.PROVIDER, organisation=org, display_name="Moved Away")
    gone = factory.user(Role.COMMISSIONER, display_name="Gone Commissioner")
    colleague = factory.user(Role.PROVIDER, organisation=org)
    org.lead_contact_id, service.commissioner_id = moved.id, gone.id
    moved.organisation_id = people["other_org"].id
    gone.is_active = False
    session.flush()
    today = today_in_london()
    made = loop.commitment(service, owner=org, due_date=today + timedelta(days=1), today=today)
    queue.save_loop_settings(session, people["officer"], moderation_target_days=3,
                             escalate_after_days=2)
    escalate_overdue(session, at(made.due_date + timedelta(days=2)))
    escalated_title = f"Overdue and escalated: {service.name}"
    assert escalated_title in titles(session, colleague)
    assert escalated_title in titles(session, people["commissioner"])
    assert titles(session, moved) == [] and titles(session, gone) == []
    assert escalation_notes(session, made)[0] == (
        f"2 days overdue: escalated; Moved Away, named as {org.name}'s lead contact, no longer "
        f"works there in Voice, so all of {org.name}'s staff were told; Gone Commissioner, "
        f"named as the commissioner for {service.name}, is no longer a commissioner in Voice, "
        "so every commissioner was told")


def test_one_named_one_not(session, factory, loop, people):
    org, service = people["org"], people["service"]
    contact = factory.user(Role.PROVIDER, organisation=org, display_name="Lena Contact")
    org.lead_contact_id = contact.id
    session.flush()
    today = today_in_london()
    made = loop.commitment(service, owner=org, due_date=today - timedelta(days=30),
                           today=today - timedelta(days=60))
    escalate_overdue(session, at(today))
    assert escalation_notes(session, made)[0].endswith(
        f"escalated to Lena Contact (lead contact for {org.name}); no commissioner is named for "
        f"{service.name}, so every commissioner was told")
    assert f"Overdue and escalated: {service.name}" in titles(session, people["commissioner"])


def test_the_team_sets_how_many_days(session, loop, people):
    today = today_in_london()
    made = loop.commitment(people["service"], owner=people["org"],
                           due_date=today + timedelta(days=1), today=today)
    queue.save_loop_settings(session, people["officer"], moderation_target_days=3,
                             escalate_after_days=2)
    escalate_overdue(session, at(made.due_date + timedelta(days=2)))
    assert made.escalation_level == escalation.ESCALATED


def test_a_cant_do_promise_is_not_escalated(session, loop, people):
    today = today_in_london()
    made = loop.commitment(people["service"], owner=people["org"],
                           due_date=today + timedelta(days=1), today=today)
    c.record_progress(session, people["provider"], made, status="cant_do",
                      cant_do_reason="The building is being sold")
    escalate_overdue(session, at(made.due_date + timedelta(days=60)))
    assert made.escalation_level == 0


def test_overdue_and_escalated_shows_on_the_dashboard_and_the_commitment(
        client, session, login, loop, people):
    today = today_in_london()
    made = loop.commitment(people["service"], owner=people["org"],
                           due_date=today - timedelta(days=30), today=today - timedelta(days=60))
    escalate_overdue(session, at(today))
    assert made.escalation_level == escalation.ESCALATED
    login(people["commissioner"])
    dashboard = unescape(client.get("/summaries/").get_data(as_text=True))
    assert "Overdue and escalated on" in dashboard
    page = unescape(client.get(f"/commitments/{made.id}").get_data(as_text=True))
    assert "Overdue and escalated" in page


def test_the_settings_page(client, session, login, people):
    login(people["officer"])
    html = unescape(client.post("/moderation/settings", data={
        "moderation_target_days": "0", "escalate_after_days": "x"}).get_data(as_text=True))
    assert "Enter a number from 1 to 60" in html
    response = client.post("/moderation/settings", data={
        "moderation_target_days": "2", "escalate_after_days": "21"})
    assert response.status_code == 302
    settings = queue.loop_settings(session)
    assert (settings.moderation_target_days, settings.escalate_after_days) == (2, 21)
