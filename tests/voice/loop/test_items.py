"""record_voice_item: analysis made beforehand, and the item it returns being a stored item like
any other (its INSERT is one plain statement rather than the ORM's flush)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import event, select

import voice.analysis
from tests.support.fake_analysis import fake_analyser
from voice.directory.models import Area
from voice.loop.items import analyse_for_item, record_voice_item
from voice.loop.models import Notification, VoiceItem


def _statements(session):
    """A list that collects every SQL statement the session's connection runs from now on."""
    seen: list[str] = []
    connection = session.connection()

    @event.listens_for(connection, "before_cursor_execute")
    def _seen(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    return seen


def test_the_item_is_stored_with_its_analysis_and_the_model_s_defaults(session, people,
                                                                      fake_analysis):
    item = record_voice_item(session, source="card", text="Stop making us wait so long",
                             service_id=people["service"].id)
    assert item.id is not None and item in session
    assert (item.question_kind, item.state, item.is_safeguarding) == ("nonspecific", "new", False)
    assert item.themes == ["waiting and access"] and item.safeguarding_reasons == []
    assert item.created_at is not None and item.analysed_at is not None
    assert item.public_text is None and item.moderated_at is None
    # What the caller holds is what the database holds.
    values = {c.key: getattr(item, c.key) for c in VoiceItem.__table__.columns}
    session.expire(item)
    assert {c.key: getattr(item, c.key) for c in VoiceItem.__table__.columns} == values


def test_the_returned_item_needs_no_more_reading(session, people, fake_analysis):
    item = record_voice_item(session, source="answer", text="Fine", service_id=people["service"].id)
    seen = _statements(session)
    assert (item.text, item.sentiment, item.duplicate_of_id, item.hidden_reason) == (
        "Fine", "negative", None, None)
    assert seen == []
    assert item.service.name == "CAMHS"  # relationships load as for any stored item


def test_the_caller_s_own_new_objects_are_written_first(session, people, fake_analysis):
    area = Area(name="Northdale Estate", kind="place")
    session.add(area)  # not flushed yet
    item = record_voice_item(session, source="answer", text="ok", service_id=people["service"].id)
    assert area.id is not None and item.id is not None
    item.area_id = area.id
    session.flush()  # later changes to the item are saved as usual
    session.expire(item)
    assert item.area_id == area.id


def test_analysis_made_beforehand_is_used_as_it_is(session, people, monkeypatch):
    calls = []

    def counting(text, question_kind=None):
        calls.append(text)
        return voice.analysis.Analysis(
            sentiment="positive", sentiment_score=0.8, themes=("staff",), safeguarding=False,
            safeguarding_reasons=(), redacted_text=text, model_version="counting-1")

    fake_analyser(monkeypatch, counting)
    made = analyse_for_item(session, "Lovely staff", "went_well")
    when = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    item = record_voice_item(session, source="answer", text="Lovely staff", question_kind="went_well",
                             service_id=people["service"].id, created_at=when, analysis=made)
    assert calls == ["Lovely staff"]  # once, beforehand
    assert (item.sentiment, item.themes, item.model_version, item.created_at) == (
        "positive", ["staff"], "counting-1", when)


def test_a_failed_analysis_made_beforehand_keeps_the_words_for_a_person(session, people,
                                                                        monkeypatch):
    def broken(text, question_kind=None):
        raise RuntimeError("model missing")

    fake_analyser(monkeypatch, broken)
    made = analyse_for_item(session, "please read me")
    assert made is None
    item = record_voice_item(session, source="answer", text="please read me",
                             service_id=people["service"].id, analysis=made)
    assert (item.text, item.state, item.analysed_at, item.sentiment) == (
        "please read me", "new", None, None)


def test_a_worrying_item_analysed_beforehand_still_goes_to_the_safeguarding_lead(
        session, people, fake_analysis):
    text = "my dad hurts me"
    item = record_voice_item(session, source="answer", text=text, service_id=people["service"].id,
                             analysis=analyse_for_item(session, text))
    assert item.state == "escalated" and item.is_safeguarding
    note = session.scalar(select(Notification).where(Notification.user_id == people["lead"].id))
    assert note is not None and note.url == f"/safeguarding/items/{item.id}"


def test_the_escalation_note_says_why_in_words(session, people):
    item = record_voice_item(
        session, source="answer", text="i dont get fed at home", service_id=people["service"].id,
        analysis=voice.analysis.Analysis(
            sentiment="negative", sentiment_score=-0.6, themes=(), safeguarding=True,
            safeguarding_reasons=("neglect",), redacted_text="i dont get fed at home",
            model_version="test"))
    assert item.escalation_note == ("Flagged automatically when it arrived: no food, no care, "
                                    "left alone, or an unsafe or cold home")
