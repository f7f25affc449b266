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
        f"14 days overdue: escalated to {people['org'].name} and the commissioners"]

    # Done: the ladder starts again from the bottom.
    c.record_progress(session, owner, made, status="done", we_did="Painted it")
    escalate_overdue(session, at(made.due_date + timedelta(days=16)))
    assert made.escalation_level == 0 and made.escalated_at is None
    assert any(h.action == "No longer overdue" for h in c.history(session, made))


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
