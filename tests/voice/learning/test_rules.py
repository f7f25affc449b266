"""Editing the theme rules: versions kept, validation in plain words, conflicts caught, and the
live engine changes themes on the very next analysis."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from voice.analysis import DEFAULT_RULES, Engine
from voice.audit.models import AuditEvent
from voice.errors import NotAllowed, NotFound
from voice.learning import rules as rule_services
from voice.learning.engine import current_rule_set, current_rules, live_engine
from voice.learning.models import ThemeRuleSet
from voice.loop.items import record_voice_item

HUB = "the hub was freezing and miles from the station"


def test_the_built_in_rules_are_in_use_until_someone_saves(session):
    assert current_rule_set(session) is None
    assert current_rules(session).rules == tuple(DEFAULT_RULES)
    assert live_engine(session).version == Engine.default().version


def test_saving_a_theme_makes_a_new_version_and_keeps_the_old(session, people):
    officer = people["officer"]
    first = rule_services.save_theme_rules(session, officer, "place_and_travel",
                                           patterns="bus\nthe hub", note="Our youth hub")
    second = rule_services.save_theme_rules(session, officer, "place_and_travel",
                                            patterns="bus\nthe hub\nyouth centre*")
    assert (first.version, second.version) == (1, 2)
    assert first.changed_themes == ["place_and_travel"] and first.note == "Our youth hub"
    assert first.created_by_id == officer.id
    rules = rule_services.theme_rules(current_rules(session), "place_and_travel")
    assert rules == (("bus", "the hub", "youth centre*"), ())
    # Every other theme keeps its words.
    assert rule_services.theme_rules(current_rules(session), "praise") == \
        rule_services.theme_rules(rule_services.rules_of(None), "praise")
    assert len(session.scalars(select(ThemeRuleSet)).all()) == 2


def test_an_edit_changes_the_themes_of_the_next_voice_item(session, people):
    service = people["service"]
    before = record_voice_item(session, source="answer", text=HUB, service_id=service.id)
    assert "online_and_phone" not in before.themes
    rule_services.save_theme_rules(session, people["officer"], "online_and_phone",
                                   patterns="phone*\nstation")
    after = record_voice_item(session, source="answer", text=HUB, service_id=service.id)
    assert "online_and_phone" in after.themes
    assert after.model_version != before.model_version


def test_an_edit_made_by_another_process_is_seen(session, people):
    """The cache checks the database: a rule set written elsewhere is picked up."""
    engine = live_engine(session, max_age=0)
    data = rule_services.rules_of(None).to_list()
    for rule in data:
        if rule["theme"] == "online_and_phone":
            rule["patterns"] = ["station"]
    from voice.learning.engine import rules_fingerprint

    session.add(ThemeRuleSet(version=1, rules=data, fingerprint=rules_fingerprint(data)))
    session.flush()
    assert live_engine(session, max_age=3600) is engine  # within the check interval: cached
    fresh = live_engine(session, max_age=0)
    assert fresh is not engine and "online_and_phone" in fresh.analyse(HUB).themes


def test_exclusions_are_saved_and_used(session, people):
    rule_services.save_theme_rules(session, people["officer"], "waiting_and_access",
                                   patterns="wait*", exclude="waiting room")
    engine = live_engine(session)
    assert "waiting_and_access" not in engine.analyse("the waiting room was cold").themes
    assert "waiting_and_access" in engine.analyse("I waited ages").themes


def test_lines_are_cleaned_and_repeats_dropped(session, people):
    rule_services.save_theme_rules(session, people["officer"], "praise",
                                   patterns="  Thank*  \n\nthank*\nBig   Up, legend\n")
    assert rule_services.theme_rules(current_rules(session), "praise")[0] == \
        ("thank*", "big up", "legend")


def test_saving_the_same_words_changes_nothing(session, people):
    patterns, exclude = rule_services.theme_rules(current_rules(session), "praise")
    assert rule_services.save_theme_rules(session, people["officer"], "praise",
                                          patterns="\n".join(patterns),
                                          exclude="\n".join(exclude)) is None
    assert current_rule_set(session) is None


@pytest.mark.parametrize(("patterns", "exclude", "field", "words"), [
    ("", "", "patterns", "Enter at least one word or phrase"),
    ("   \n  ", "", "patterns", "Enter at least one word or phrase"),
    ("wait**", "", "patterns", "“wait**” cannot be used"),
    ("*wait", "", "patterns", "with * only at the end of a word"),
    ("wait\n(waiting|queue)", "", "patterns", "“(waiting|queue)” cannot be used"),
    ("wait", "room?", "exclude", "“room?” cannot be used"),
    ("x" * 81, "", "patterns", "80 characters or fewer"),
    ("\n".join(f"word{i}" for i in range(401)), "", "patterns", "400 words or phrases or fewer"),
])
def test_bad_rules_get_a_message_beside_the_field(session, people, patterns, exclude, field,
                                                   words):
    with pytest.raises(rule_services.RulesInvalid) as error:
        rule_services.save_theme_rules(session, people["officer"], "waiting_and_access",
                                       patterns=patterns, exclude=exclude)
    assert words in error.value.errors[field]
    assert current_rule_set(session) is None


def test_an_unknown_theme_is_not_found(session, people):
    with pytest.raises(NotFound):
        rule_services.save_theme_rules(session, people["officer"], "nonsense", patterns="x")


def test_a_change_to_the_same_theme_by_someone_else_is_not_lost(session, people):
    rule_services.save_theme_rules(session, people["admin"], "praise", patterns="thanks")
    with pytest.raises(rule_services.RulesConflict, match="Someone else changed"):
        rule_services.save_theme_rules(session, people["officer"], "praise",
                                       patterns="cheers", based_on=0)
    # A change to another theme since is no conflict: it is kept alongside.
    saved = rule_services.save_theme_rules(session, people["officer"], "place_and_travel",
                                           patterns="bus", based_on=0)
    assert saved.version == 2
    rules = current_rules(session)
    assert rule_services.theme_rules(rules, "praise")[0] == ("thanks",)
    assert rule_services.theme_rules(rules, "place_and_travel")[0] == ("bus",)


def test_going_back_to_an_earlier_version_saves_it_again(session, people):
    officer = people["officer"]
    rule_services.save_theme_rules(session, officer, "praise", patterns="thanks")
    rule_services.save_theme_rules(session, officer, "praise", patterns="cheers")
    restored = rule_services.restore_rule_set(session, officer, 1)
    assert restored.version == 3 and restored.changed_themes == ["praise"]
    assert rule_services.theme_rules(current_rules(session), "praise")[0] == ("thanks",)
    back_to_builtin = rule_services.restore_rule_set(session, officer, 0)
    assert current_rules(session).rules == tuple(DEFAULT_RULES)
    assert back_to_builtin.note == "Went back to the built-in rules"
    assert live_engine(session).version == Engine.default().version
    assert rule_services.restore_rule_set(session, officer, 0) is None
    with pytest.raises(NotFound):
        rule_services.restore_rule_set(session, officer, 99)


def test_rule_changes_are_audited(session, people):
    rule_services.save_theme_rules(session, people["officer"], "praise",
                                   patterns="thanks\nlegend", exclude="not great")
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "analysis.rules_changed"))
    assert event.actor_id == people["officer"].id
    assert event.detail["theme"] == "praise" and "legend" in event.detail["added"]
    assert "thank*" in event.detail["removed"]


@pytest.mark.parametrize("role", ["commissioner", "provider", "lead", "inspector"])
def test_only_the_participation_team_may_change_rules(session, people, role):
    with pytest.raises(NotAllowed):
        rule_services.save_theme_rules(session, people[role], "praise", patterns="thanks")
    with pytest.raises(NotAllowed):
        rule_services.restore_rule_set(session, people[role], 0)
