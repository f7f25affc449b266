"""Theme drill-down: approved, redacted words only; never safeguarding; held-back words never."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.support.summaries_factories import SummariesFactory, at
from voice.audit.models import AuditEvent
from voice.auth.roles import Role
from voice.errors import InvalidState, NotAllowed
from voice.loop.models import ModerationState
from voice.summaries import quotes
from voice.summaries.filters import Filters, resolve_scope
from voice.summaries.models import QuoteHold
from voice.summaries.periods import parse_period

TODAY = parse_period("quarter", "2026-Q1", None, None, at(2026, 11, 23).date())
MAY = at(2026, 5, 10)


@pytest.fixture()
def waiting(factory):
    w = SummariesFactory(factory)
    service = factory.service("CAMHS")
    made = {
        "approved": w.item(service, themes=["waiting_and_access"], when=MAY, state=ModerationState.APPROVED,
                           text="Dr Patel at Hillside made me wait 6 months",
                           public_text="[name] at [place] made me wait 6 months",
                           sentiment="negative"),
        "second": w.item(service, themes=["waiting_and_access", "praise"], when=at(2026, 5, 11),
                         state=ModerationState.APPROVED, text="Quick this time",
                         public_text="Quick this time", sentiment="positive"),
        "new": w.item(service, themes=["waiting_and_access"], when=MAY, text="Not yet moderated"),
        "hidden": w.item(service, themes=["waiting_and_access"], when=MAY, state=ModerationState.HIDDEN,
                         text="Rude words", public_text="Rude words"),
        "safeguarding": w.item(service, themes=["waiting_and_access"], when=MAY,
                               state=ModerationState.APPROVED, is_safeguarding=True,
                               text="Something worrying", public_text="Something worrying"),
        "duplicate": w.item(service, themes=["waiting_and_access"], when=MAY,
                            state=ModerationState.DUPLICATE, text="Same again"),
        "other_theme": w.item(service, themes=["moving_to_adult_services"], when=MAY,
                              state=ModerationState.APPROVED, public_text="Moving on"),
        "other_period": w.item(service, themes=["waiting_and_access"], when=at(2026, 8, 1),
                               state=ModerationState.APPROVED, public_text="Later"),
        "no_public": w.item(service, themes=["waiting_and_access"], when=MAY,
                            state=ModerationState.APPROVED, text="No wording yet"),
    }
    w.items(service, 2, themes=["waiting_and_access"], when=MAY)  # two more to make the group 7
    made["service"] = service
    return made


def scope(session, **filters):
    return resolve_scope(session, Filters(**filters))


def test_only_approved_redacted_words_are_shown(session, waiting):
    found, total, group = quotes.theme_quotes(session, scope(session), TODAY, "waiting_and_access")
    assert [q.text for q in found] == ["Quick this time", "[name] at [place] made me wait 6 months"]
    assert total == 2
    # the group counts everything young people said on the theme, except hidden and
    # safeguarding items: approved 3 (one without wording yet), new 3, duplicate 1
    assert group == 7
    assert found[1].month == "May 2026" and found[1].service == "CAMHS"


def test_quotes_can_be_filtered_by_sentiment_and_paged(session, waiting):
    found, total, _ = quotes.theme_quotes(session, scope(session), TODAY, "waiting_and_access",
                                          sentiment="negative")
    assert [q.item_id for q in found] == [waiting["approved"].id] and total == 1
    page_two, total, _ = quotes.theme_quotes(session, scope(session), TODAY, "waiting_and_access",
                                             page=2, per_page=1)
    assert [q.item_id for q in page_two] == [waiting["approved"].id] and total == 2


def test_a_small_group_shows_no_words_at_all(session, factory):
    w = SummariesFactory(factory)
    service = factory.service()
    for _ in range(4):
        w.item(service, themes=["moving_to_adult_services"], when=MAY, state=ModerationState.APPROVED,
               public_text="I am the only one moving to adult services this month")
    found, total, group = quotes.theme_quotes(session, scope(session, service=service.id),
                                              TODAY, "moving_to_adult_services")
    assert (found, total, group) == ([], 0, 4)
    w.item(service, themes=["moving_to_adult_services"], when=MAY)
    found, _, group = quotes.theme_quotes(session, scope(session, service=service.id), TODAY,
                                          "moving_to_adult_services")
    assert group == 5 and len(found) == 4


def test_a_held_back_quote_disappears_and_can_come_back(session, factory, waiting):
    officer = factory.user(Role.PARTICIPATION)
    item = waiting["approved"]
    quotes.hold_quote(session, officer, item.id, "Names the only doctor at Hillside")
    found, _, _ = quotes.theme_quotes(session, scope(session), TODAY, "waiting_and_access")
    assert item.id not in [q.item_id for q in found]
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "summary.quote_held"))
    assert event.object_id == item.id and event.detail["reason"].startswith("Names")
    with pytest.raises(InvalidState):
        quotes.hold_quote(session, officer, item.id)
    quotes.release_quote(session, officer, item.id)
    found, _, _ = quotes.theme_quotes(session, scope(session), TODAY, "waiting_and_access")
    assert item.id in [q.item_id for q in found]


def test_only_the_participation_team_holds_quotes(session, factory, waiting):
    with pytest.raises(NotAllowed):
        quotes.hold_quote(session, factory.user(Role.COMMISSIONER), waiting["approved"].id)


def test_the_drill_down_page(session, factory, waiting, login, client):
    login(factory.user(Role.PARTICIPATION))
    page = client.get("/summaries/themes/waiting_and_access?period=quarter:2026-Q1").get_data(as_text=True)
    assert "[name] at [place] made me wait 6 months" in page
    assert "Dr Patel" not in page and "Something worrying" not in page
    assert "Rude words" not in page and "Not yet moderated" not in page
    assert "Hold it back" in page
    response = client.post(f"/summaries/quotes/{waiting['approved'].id}/hold",
                           data={"reason": "Names a doctor", "theme": "waiting_and_access",
                                 "selection": "period=quarter:2026-Q1"})
    assert response.status_code == 302 and "/summaries/themes/waiting_and_access" in response.location
    assert session.scalar(select(QuoteHold.voice_item_id)) == waiting["approved"].id
    page = client.get("/summaries/themes/waiting_and_access?period=quarter:2026-Q1").get_data(as_text=True)
    assert "[name] at [place]" not in page
    assert "Names a doctor" in client.get("/summaries/held-quotes").get_data(as_text=True)
    assert client.post(f"/summaries/quotes/{waiting['approved'].id}/release").status_code == 302
    assert session.scalar(select(QuoteHold.id)) is None


def test_commissioners_read_quotes_but_cannot_hold_them(session, factory, waiting, login,
                                                        client):
    login(factory.user(Role.COMMISSIONER))
    page = client.get("/summaries/themes/waiting_and_access?period=quarter:2026-Q1").get_data(as_text=True)
    assert "Quick this time" in page and "Hold it back" not in page
    assert client.post(f"/summaries/quotes/{waiting['approved'].id}/hold").status_code == 403


def test_the_report_quotes_only_approved_words(session, factory, waiting, login, client):
    login(factory.user(Role.COMMISSIONER))
    page = client.get("/summaries/report?period=quarter:2026-Q1").get_data(as_text=True)
    assert "In their own words" in page and "Quick this time" in page
    assert "Dr Patel" not in page and "Something worrying" not in page


def test_a_theme_matches_whole_keys_only(session, factory):
    w = SummariesFactory(factory)
    service = factory.service()
    for themes in (["feeling_safe_and_privacy"], ["feelingXsafe"], ["not_feeling_safe_at_all"],
                   ["feeling_safe_2"]):
        w.item(service, themes=themes, when=MAY)
    assert quotes.theme_item_count(session, scope(session), TODAY, "feeling_safe_and_privacy") == 1


def test_quotes_are_walked_newest_first_a_batch_at_a_time(session, factory, monkeypatch):
    """The quotable items are checked a few at a time, newest first (ties: the later item):
    every page is what one query over every item gives, for the whole system and a service."""
    w = SummariesFactory(factory)
    camhs, other = factory.service("CAMHS"), factory.service("Sexual health")
    made = []
    for n in range(14):
        service = camhs if n % 3 else other
        themes = ["waiting_and_access"] if n % 4 else ["praise"]  # a batch may hold no match
        made.append(w.item(service, themes=themes, when=at(2026, 5, 1 + n // 2),
                           state=ModerationState.APPROVED, public_text=f"Quote {n}",
                           sentiment="negative" if n % 5 == 0 else "positive"))
    monkeypatch.setattr(quotes, "WALK_BATCH", 2)
    for filters in ({}, {"service": camhs.id}):
        wanted = sorted((i for i in made if "waiting_and_access" in i.themes and (
            not filters or i.service_id == camhs.id)),
            key=lambda i: (i.created_at, i.id), reverse=True)
        for per_page in (1, 3, 20):
            for page in (1, 2, 4):
                found, _, _ = quotes.theme_quotes(session, scope(session, **filters), TODAY,
                                                  "waiting_and_access", page=page,
                                                  per_page=per_page, group=10)
                start = (page - 1) * per_page
                assert [q.item_id for q in found] == [
                    i.id for i in wanted[start:start + per_page]], (filters, per_page, page)
