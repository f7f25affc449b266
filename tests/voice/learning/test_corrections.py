"""Corrections: stored, validated in plain words, applied to the item, audited; the newest
counts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from voice.audit.models import AuditEvent
from voice.errors import NotAllowed
from voice.learning.corrections import (
    CorrectionInvalid,
    corrected_item_count,
    latest_corrections,
    record_correction,
)
from voice.learning.models import AnalysisCorrection


def test_a_correction_is_stored_with_who_and_what_it_replaced(session, learning, people):
    item = learning.item("they talked to my mum the whole time and not to me")
    before_themes, before_sentiment = list(item.themes), item.sentiment
    correction = record_correction(session, people["officer"], item,
                                   themes=["listened_to", "communication"], sentiment="negative",
                                   note="About being talked over")
    assert correction.corrected_by_id == people["officer"].id
    assert correction.previous_themes == before_themes
    assert correction.previous_sentiment == before_sentiment
    assert correction.model_version == item.model_version
    # Taxonomy order, whatever order they were ticked in.
    assert correction.themes == ["listened_to", "communication"]
    assert item.themes == ["listened_to", "communication"] and item.sentiment == "negative"


def test_a_changed_sentiment_gets_a_score_that_agrees_with_it(session, learning, people):
    item = learning.item("my PA helped me sort my flat and my money when I was really stressed",
                         question_kind="what_good")
    record_correction(session, people["officer"], item, themes=["quality_of_support"],
                      sentiment="positive" if item.sentiment != "positive" else "negative")
    assert (item.sentiment_score > 0) == (item.sentiment == "positive")


def test_the_newest_correction_counts(session, learning, people):
    item = learning.item("the bus there takes over an hour")
    record_correction(session, people["officer"], item, themes=["place_and_travel"],
                      sentiment="neutral")
    record_correction(session, people["admin"], item, themes=["place_and_travel"],
                      sentiment="negative")
    latest = latest_corrections(session)
    assert [(c.voice_item_id, c.sentiment) for c in latest] == [(item.id, "negative")]
    assert corrected_item_count(session) == 1
    assert item.sentiment == "negative"


def test_resending_the_same_correction_stores_nothing_twice(session, learning, people):
    item = learning.item("the bus there takes over an hour")
    first = record_correction(session, people["officer"], item, themes=["place_and_travel"],
                              sentiment="negative")
    again = record_correction(session, people["officer"], item, themes=["place_and_travel"],
                              sentiment="negative")
    assert first is not None and again is None
    assert len(session.scalars(select(AnalysisCorrection)).all()) == 1


def test_saving_the_analysis_unchanged_is_a_confirmation(session, learning, people):
    item = learning.item("everyone was friendly", question_kind="what_good")
    correction = record_correction(session, people["officer"], item, themes=list(item.themes),
                                   sentiment=item.sentiment)
    assert correction.is_confirmation


def test_every_correction_is_audited(session, learning, people):
    item = learning.item("idk")
    record_correction(session, people["officer"], item, themes=[], sentiment="neutral")
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "analysis.corrected"))
    assert event.actor_id == people["officer"].id and event.object_id == item.id
    assert event.detail["sentiment"] == "neutral" and event.detail["themes"] == []


@pytest.mark.parametrize(("themes", "sentiment", "field", "words"), [
    (["waiting_and_access"], None, "sentiment", "positive, neutral or negative"),
    (["waiting_and_access"], "", "sentiment", "positive, neutral or negative"),
    (["waiting_and_access"], "furious", "sentiment", "Choose positive, neutral or negative"),
    (["not_a_theme"], "negative", "themes", "“not_a_theme” is not one of the themes"),
    (["waiting and access"], "negative", "themes", "is not one of the themes"),
])
def test_bad_input_is_refused_with_a_clear_message(session, learning, people, themes, sentiment,
                                                    field, words):
    item = learning.item("I waited months")
    with pytest.raises(CorrectionInvalid) as error:
        record_correction(session, people["officer"], item, themes=themes, sentiment=sentiment)
    assert words in error.value.errors[field]
    assert session.scalar(select(AnalysisCorrection.id)) is None


def test_a_long_note_is_refused(session, learning, people):
    item = learning.item("I waited months")
    with pytest.raises(CorrectionInvalid) as error:
        record_correction(session, people["officer"], item, themes=[], sentiment="negative",
                          note="x" * 501)
    assert "500 characters" in error.value.errors["note"]


def test_a_theme_the_team_added_to_the_rules_can_be_chosen(session, learning, people):
    from voice.learning import rules as rule_services
    from voice.learning.engine import current_rule_set
    from voice.learning.models import ThemeRuleSet

    data = rule_services.rules_of(None).to_list() + [
        {"theme": "school", "patterns": ["school"], "exclude": []}]
    session.add(ThemeRuleSet(version=1, rules=data, fingerprint="x", changed_themes=["school"]))
    session.flush()
    assert current_rule_set(session).version == 1
    item = learning.item("better times, I have to miss school to come")
    correction = record_correction(session, people["officer"], item,
                                   themes=["school", "waiting_and_access"], sentiment="negative")
    assert correction.themes == ["waiting_and_access", "school"]


@pytest.mark.parametrize("role", ["commissioner", "provider", "lead", "inspector"])
def test_only_the_participation_team_may_correct(session, learning, people, role):
    item = learning.item("I waited months")
    with pytest.raises(NotAllowed):
        record_correction(session, people[role], item, themes=[], sentiment="negative")
