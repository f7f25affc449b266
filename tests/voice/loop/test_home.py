"""A home page that says what needs you today, per staff role (issue 13 point 5)."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

from voice.auth.roles import Role
from voice.db import utcnow
from voice.loop.commitments import refresh_rag
from voice.loop.jobs import escalate_overdue
from voice.loop.models import ModerationState
from voice.loop.rag import today_in_london
from voice.today import waiting_for


def home(client, login, user) -> str:
    login(user)
    html = unescape(client.get("/home").get_data(as_text=True))
    return html.split("What needs you today", 1)[1].split("Everything else", 1)[0]


def texts(session, user) -> list[str]:
    return [w.text for w in waiting_for(session, user)]


def test_the_participation_team_sees_overdue_moderation_and_cards_to_answer(
        client, session, login, loop, people):
    for _ in range(2):
        loop.item(people["service"], created_at=utcnow() - timedelta(days=10))
    loop.item(people["service"])   # within the target: not counted
    found = texts(session, people["officer"])
    assert any(t.startswith("2 items have waited longer than the team's target of 3 days")
               for t in found), found
    assert any("waiting for an answer" in t for t in found)
    assert "waited longer than the team's target" in home(client, login, people["officer"])


def test_the_safeguarding_lead_sees_their_escalations_first(client, session, login, loop,
                                                            people):
    loop.item(people["service"], state=ModerationState.ESCALATED, is_safeguarding=True)
    loop.item(people["other_service"], state=ModerationState.ESCALATED, is_safeguarding=True)
    waiting = waiting_for(session, people["lead"])
    assert waiting[0].urgent and waiting[0].text == (
        "1 possible safeguarding concern waits for you")
    assert "1 possible safeguarding concern waits for you" in home(client, login, people["lead"])


def test_a_provider_sees_the_red_promises_it_owns(client, session, login, loop, people):
    today = today_in_london()
    mine = loop.commitment(people["service"], owner=people["org"], owner_user=people["provider"],
                           due_date=today - timedelta(days=3), today=today - timedelta(days=40))
    theirs = loop.commitment(people["other_service"], owner=people["other_org"],
                             due_date=today - timedelta(days=3), today=today - timedelta(days=40))
    for made in (mine, theirs):
        refresh_rag(session, made, today=today)
    assert mine.rag == "red"
    found = texts(session, people["provider"])
    assert "1 promise you own is red: late or at risk" in found
    assert "red: late or at risk" in home(client, login, people["provider"])


def test_a_commissioner_sees_promises_overdue_and_escalated(client, session, login, loop,
                                                            people):
    today = today_in_london()
    made = loop.commitment(people["service"], owner=people["org"],
                           due_date=today - timedelta(days=20), today=today - timedelta(days=60))
    escalate_overdue(session, utcnow())
    assert made.escalation_level == 2
    assert "1 promise is overdue and escalated" in texts(session, people["commissioner"])
    assert "overdue and escalated" in home(client, login, people["commissioner"])


def test_a_lead_inspector_sees_inspections_to_agree(client, session, login, factory):
    from inspectors.services import inspections as ins
    from tests.support.inspectors_factories import InspectorsFactory

    insp = InspectorsFactory(factory)
    lead, other = insp.inspector(), insp.inspector()
    officer = insp.officer()
    inspection = insp.inspection(team=[lead, other], lead=lead, officer=officer)
    assert texts(session, lead) == []
    insp.score_all(inspection, lead, {})
    ins.close_scoring(session, officer, inspection)
    expected = "1 inspection is waiting for the team to agree ratings and write the report"
    assert texts(session, lead) == [expected]
    assert texts(session, other) == []   # only the lead agrees
    assert expected in home(client, login, lead)


def test_nothing_waiting_says_so(client, login, factory):
    html = home(client, login, factory.user(Role.SAFEGUARDING))
    assert "Nothing is waiting for you today." in html
