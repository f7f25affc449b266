"""Rollups give exactly what counting live gives, through every write path, and stay suppressed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import delete, func, select, text, update

from tests.support.summaries_factories import SummariesFactory, at
from voice.auth.roles import Role
from voice.loop.models import CardLink, ModerationState, VoiceItem
from voice.summaries import cache, queries, rollups
from voice.summaries.filters import parse_selection, resolve_scope
from voice.summaries.models import SummaryDirty, SummaryRollup
from voice.summaries.periods import Period
from voice.summaries.queries import TimeGrid

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
TODAY = date(2026, 11, 23)


def _world(factory):
    w = SummariesFactory(factory)
    w.place = factory.area("North")
    w.other_place = factory.area("South")
    w.service = factory.service("CAMHS")
    w.other = factory.service("Sexual health")
    w.poster = w.link(w.service, w.place)
    w.other_link = w.link(w.other, w.other_place, channel="text")
    for month in (4, 5, 6, 9, 11):
        w.responses(w.poster, month, at(2026, month, 3), fft="good", visit="4",
                    about_age="14 or 15", about_gender="girl")
        w.responses(w.other_link, 3, at(2026, month, 28, 23), fft="poor", about_age="16 or 17")
        w.items(w.service, month + 2, themes=["waiting_and_access", "praise"],
                sentiment="positive", when=at(2026, month, 4), area=w.place)
        w.items(w.other, 2, themes=["staff_attitude"], sentiment="negative",
                when=at(2026, month, 30, 23), state=ModerationState.APPROVED)
        w.card(w.service, "start", at(2026, month, 5))
    w.items(w.service, 4, themes=["praise"], when=at(2026, 6, 7),
            state=ModerationState.HIDDEN)
    return w


CASES = [
    {"period": "year:2026"},
    {"period": "quarter:2026-Q1"},
    {"period": "custom", "from": "2026-05-10", "to": "2026-09-30"},
    {"period": "month:2026-11"},
]


def _filters(w):
    return [{}, {"service": w.service.id}, {"area": w.place.id}, {"channel": "text"},
            {"age_band": "14_15"}]


def _comparable(doc):
    return {k: v for k, v in doc.items() if k != "generated_at"}


def assert_equal_to_live(w, session, *, refreshed: bool = True):
    """Every period and filter: the summary from the rollups is the summary counted live."""
    if refreshed:
        rollups.refresh(session, limit=None)
        assert session.scalar(select(func.count()).select_from(SummaryDirty)) == 0
    for filters in _filters(w):
        for args in CASES:
            kept = w.summary(now=NOW, **filters, **args)
            live = w.summary(now=NOW, live=True, **filters, **args)
            assert _comparable(kept) == _comparable(live), (filters, args)
    # And the raw counts themselves, month by month (no suppression to hide a difference).
    scope = resolve_scope(session, parse_selection(session, {"period": "year:2026"},
                                                   TODAY).filters)
    grid = TimeGrid.for_periods(Period(date(2026, 4, 1), date(2027, 3, 31)), None,
                                [date(2026, m, 1) for m in range(4, 12)], cut_months=True)
    assert cache.normalised(cache.collect(session, scope, grid)) == \
        cache.normalised(cache.count_live(session, scope, grid))


def test_rollups_hold_the_counts_and_equal_counting_live(factory, session):
    w = _world(factory)
    assert_equal_to_live(w, session, refreshed=False)  # nothing counted yet: all live
    pairs = rollups.refresh(session, limit=None)
    assert (w.service.id, date(2026, 4, 1)) in pairs
    # The last day of a month late in the evening (UTC) is the next month in London.
    assert (w.other.id, date(2026, 10, 1)) in pairs
    whole = session.scalar(select(func.sum(SummaryRollup.n)).where(
        SummaryRollup.grain == rollups.WHOLE, SummaryRollup.metric == "link",
        SummaryRollup.month == date(2026, 4, 1)))
    assert whole == 7
    assert_equal_to_live(w, session)


def test_the_rollups_are_what_is_read(factory, session):
    w = _world(factory)
    rollups.refresh(session, limit=None)
    before = w.summary(now=NOW, period="year:2026")
    session.execute(update(SummaryRollup).where(SummaryRollup.metric == "link")
                    .values(n=SummaryRollup.n * 10))
    after = w.summary(now=NOW, period="year:2026")
    assert after["tables"]["links"] != before["tables"]["links"]


def test_a_new_response_is_counted_at_once(factory, session):
    w = _world(factory)
    rollups.refresh(session, limit=None)
    w.responses(w.poster, 2, at(2026, 5, 9), fft="very_good")
    assert rollups.dirty_services(session) == {date(2026, 5, 1): {w.service.id}}
    assert_equal_to_live(w, session, refreshed=False)
    assert_equal_to_live(w, session)


def test_moderation_hiding_and_escalation(factory, session):
    from voice.loop.moderation import approve_item, hide_item

    w = _world(factory)
    rollups.refresh(session, limit=None)
    moderator = factory.user(Role.PARTICIPATION)
    items = session.scalars(select(VoiceItem).where(
        VoiceItem.service_id == w.service.id, VoiceItem.state == ModerationState.NEW)).all()
    hide_item(session, moderator, items[0], reason="Not about the service")
    approve_item(session, moderator, items[1], public_text="Staff were kind",
                 confirmed_no_personal_details=True)
    session.execute(update(VoiceItem).where(VoiceItem.id == items[2].id)
                    .values(is_safeguarding=True))
    session.flush()
    assert rollups.dirty_services(session)
    assert_equal_to_live(w, session, refreshed=False)
    assert_equal_to_live(w, session)


def test_deleting_a_response_and_an_item(factory, session):
    from surveys.operations import delete_response

    w = _world(factory)
    rollups.refresh(session, limit=None)
    builder = factory.user(Role.PARTICIPATION)
    response = w.responses(w.poster, 1, at(2026, 9, 10), fft="very_poor")[0]
    rollups.refresh(session, limit=None)
    delete_response(session, builder, response, reason="A test answer")
    session.execute(delete(VoiceItem).where(VoiceItem.service_id == w.other.id,
                                            VoiceItem.created_at < at(2026, 6, 1)))
    session.flush()
    assert_equal_to_live(w, session, refreshed=False)
    assert_equal_to_live(w, session)


def test_reanalysis_changes_themes_and_sentiment(factory, session):
    w = _world(factory)
    rollups.refresh(session, limit=None)
    # Re-analysis writes new themes and sentiment (as voice.learning.reanalysis does, in bulk).
    session.execute(update(VoiceItem).where(VoiceItem.service_id == w.service.id)
                    .values(themes=["communication"], sentiment="negative"))
    assert_equal_to_live(w, session, refreshed=False)
    assert_equal_to_live(w, session)


def test_retention_erasure(factory, session):
    from surveys.retention import erase_expired_answers
    from voice.loop.retention import erase_expired_words

    w = _world(factory)
    rollups.refresh(session, limit=None)
    later = datetime(2030, 1, 1, tzinfo=UTC)
    erase_expired_words(session, later)
    erase_expired_answers(session, later)
    session.flush()
    assert_equal_to_live(w, session, refreshed=False)
    assert_equal_to_live(w, session)


def test_a_link_moved_to_another_place(factory, session):
    from surveys.models import SurveyLink

    w = _world(factory)
    rollups.refresh(session, limit=None)
    session.execute(update(SurveyLink).where(SurveyLink.id == w.poster.id)
                    .values(area_id=w.other_place.id, channel="text"))
    assert rollups.dirty_services(session)
    assert_equal_to_live(w, session, refreshed=False)
    assert_equal_to_live(w, session)


def test_mark_dirty_for_changes_the_triggers_cannot_see(factory, session):
    w = _world(factory)
    rollups.refresh(session, limit=None)
    rollups.mark_dirty(session, w.service.id, at(2026, 3, 31, 23))
    assert rollups.dirty_services(session) == {date(2026, 3, 1): {w.service.id},
                                               date(2026, 4, 1): {w.service.id}}
    rollups.mark_dirty(session, w.service.id, date(2026, 3, 31))
    # PostgreSQL updates (locks) a mark already there; SQLite leaves it alone.
    postgres = session.get_bind().dialect.name == "postgresql"
    assert session.scalar(select(SummaryDirty.version)) == (2 if postgres else 1)


def test_rebuilding_old_data_as_the_migration_does(factory, session):
    w = _world(factory)
    session.execute(delete(SummaryDirty))
    session.execute(delete(SummaryRollup))
    # Without marks or rollups every month reads as empty: the rollups are what is read.
    assert w.summary(now=NOW, period="year:2026")["tables"]["links"]["total"]["responses"] == 0
    assert rollups.rebuild(session) > 0
    assert_equal_to_live(w, session, refreshed=False)


def test_suppression_applies_to_rollup_results(factory, session):
    w = SummariesFactory(factory)
    service = factory.service("Tiny")
    link = w.link(service)
    w.responses(link, 3, at(2026, 5, 3), fft="good")
    w.items(service, 2, themes=["praise"], when=at(2026, 5, 4))
    rollups.refresh(session, limit=None)
    assert not rollups.dirty_services(session)
    doc = w.summary(now=NOW, period="year:2026", service=service.id)
    headline = doc["tables"]["headline"]["rows"]
    assert headline[0]["period"] == {"suppressed": "primary"}
    assert doc["tables"]["themes"]["rows"][0]["items"] == {"suppressed": "primary"}


@pytest.mark.parametrize("table", ["voice_items", "survey_responses", "action_cards"])
def test_the_triggers_are_installed(session, table):
    """A later migration that rebuilds one of these tables on SQLite must put them back."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        found = session.scalar(text(
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = CAST(:t AS regclass) "
            "AND tgname = 'summary_mark'"), {"t": table})
    else:
        found = session.scalar(text(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"),
            {"t": table})
    assert found


def test_the_size_of_a_theme_comes_from_the_rollups_and_equals_counting(factory, session):
    from voice.loop.models import VoiceItem
    from voice.summaries.queries import item_conditions
    from voice.summaries.quotes import has_theme, theme_item_count

    w = _world(factory)

    def counted(args, theme):
        selection = w.selection(**args)
        scope = resolve_scope(session, selection.filters)
        start, end = selection.period.bounds()
        live = session.scalar(select(func.count(VoiceItem.id)).where(
            VoiceItem.created_at >= start, VoiceItem.created_at < end,
            *item_conditions(scope), has_theme(session, theme)))
        return theme_item_count(session, scope, selection.period, theme), live

    def check():
        for filters in _filters(w):
            for args in CASES:
                for theme in ("praise", "staff_attitude", "communication"):
                    kept, live = counted({**filters, **args}, theme)
                    assert kept == live, (filters, args, theme)

    check()  # everything marked: all counted live
    rollups.refresh(session, limit=None)
    check()
    w.items(w.service, 3, themes=["praise"], when=at(2026, 9, 9), area=w.place)
    check()  # one service's September marked
    session.execute(update(SummaryRollup).where(SummaryRollup.k1 == "praise")
                    .values(n=SummaryRollup.n + 100))
    kept, live = counted({"period": "year:2026"}, "praise")
    assert kept > live  # what is read is the rollups (changed here on purpose)


def test_the_most_backed_cards_come_from_the_rollups_and_follow_their_duplicates(
        factory, session):
    w = _world(factory)
    cards = [w.card(w.service, "change", at(2026, 5, 6 + n), approved=True, link=None)
             for n in range(4)]
    card_items = [session.get(VoiceItem, c.voice_item_id) for c in cards]
    for n, item in enumerate(card_items):
        w.items(w.other, n + 5, when=at(2026, 7, 1), state=ModerationState.DUPLICATE,
                duplicate_of=item)
    rollups.refresh(session, limit=None)

    def backed(**args):
        return w.summary(now=NOW, period="year:2026", **args)["tables"]["cards_most_backed"]

    assert [r["backers"] for r in backed()["rows"]][:4] == [9, 8, 7, 6]
    assert backed() == backed(live=True)
    # A moderator says one more item is the same as the least backed card (a change to the
    # other service's item, in another month): the card's own month is marked.
    extra = w.item(w.other, when=at(2026, 9, 1))
    rollups.refresh(session, limit=None)
    extra.state, extra.duplicate_of_id = ModerationState.DUPLICATE, card_items[0].id
    session.flush()
    assert date(2026, 5, 1) in rollups.dirty_services(session)
    assert backed() == backed(live=True)
    rollups.refresh(session, limit=None)
    assert backed() == backed(live=True)
    assert backed(service=w.service.id) == backed(live=True, service=w.service.id)
    # Holding a quote back is applied as it is read.
    session.execute(update(VoiceItem).where(VoiceItem.id == card_items[3].id)
                    .values(state=ModerationState.HIDDEN))
    rollups.refresh(session, limit=None)
    assert backed() == backed(live=True)


def test_the_backing_is_read_most_backed_first_a_page_at_a_time_and_equals_counting(
        factory, session):
    """The most-backed list reads the cards' backing from the rollups in the order shown
    (most backed, newest, later card), a page at a time, merged with what is counted live
    (changed months, parts of months): the same list as counting every card."""
    w = _world(factory)
    same_moment = at(2026, 5, 6, 10)
    made = [(w.service, same_moment, 2, True), (w.service, same_moment, 2, True),
            (w.service, at(2026, 6, 1), 2, False), (w.other, at(2026, 8, 2), 4, True),
            (w.service, at(2026, 7, 15), 0, True), (w.other, at(2026, 9, 30, 23), 0, False),
            (w.service, at(2026, 10, 9), 1, True)]
    poster = CardLink(token="bench-poster-1", service_id=w.service.id, area_id=w.place.id,
                      place="Reception")
    session.add(poster)
    session.flush()
    cards = []
    for service, when, backers, approved in made:
        card = w.card(service, "change", when, approved=approved,
                      link=poster if service is w.service else None)
        w.items(w.other, backers, when=at(2026, 11, 2), state=ModerationState.DUPLICATE,
                duplicate_of=session.get(VoiceItem, card.voice_item_id))
        cards.append(card)
    rollups.refresh(session, limit=None)

    def check():
        for filters in _filters(w):
            for args in CASES:
                selection = w.selection(**filters, **args)
                scope = resolve_scope(session, selection.filters)
                read = rollups.backed_cards(session, scope, selection.period, page=2)
                if scope.age_values is not None:
                    assert read is None  # counted from the rows by the caller
                    continue
                counted = queries.card_backing(session, scope, *selection.period.bounds())
                expected = sorted(((c, n, when) for c, (n, when) in counted.items()),
                                  key=lambda c: (c[1], c[2], c[0]), reverse=True)
                assert list(read) == expected, (filters, args)
                kept = w.summary(now=NOW, **filters, **args)["tables"]["cards_most_backed"]
                live = w.summary(now=NOW, live=True, **filters, **args)
                assert kept == live["tables"]["cards_most_backed"], (filters, args)

    check()
    # One more backer for a card in July (its month is marked: counted live, merged in).
    w.item(w.other, when=at(2026, 11, 3), state=ModerationState.DUPLICATE,
           duplicate_of=session.get(VoiceItem, cards[4].voice_item_id))
    assert date(2026, 7, 1) in rollups.dirty_services(session)
    check()
    rollups.refresh(session, limit=None)
    check()
    # What is read is the rollups, in their order (changed here on purpose).
    session.execute(update(SummaryRollup).where(SummaryRollup.grain == rollups.CARDS,
                                                SummaryRollup.k1 == str(cards[6].id))
                    .values(n=50))
    selection = w.selection(period="year:2026")
    scope = resolve_scope(session, selection.filters)
    first = next(rollups.backed_cards(session, scope, selection.period, page=2))
    assert first[:2] == (cards[6].id, 50)
