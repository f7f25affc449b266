"""Theme taxonomy and keyword rules: multi-label matching and serialisation."""

from __future__ import annotations

import json

import pytest

from voice.analysis import (
    DEFAULT_RULES,
    THEMES,
    Engine,
    RuleError,
    ThemeRule,
    ThemeRules,
    rules_from_json,
    rules_to_json,
    theme_by_key,
)
from voice.analysis.text import normalise


def test_taxonomy_has_the_thirteen_themes_with_both_names():
    keys = [t.key for t in THEMES]
    assert keys == [
        "waiting_and_access",
        "listened_to",
        "communication",
        "doing_what_you_said",
        "staff_attitude",
        "joined_up_care",
        "moving_to_adult_services",
        "feeling_safe_and_privacy",
        "place_and_travel",
        "online_and_phone",
        "knowing_whats_available",
        "quality_of_support",
        "praise",
    ]
    for theme in THEMES:
        assert theme.young_name and theme.commissioner_name and theme.description
    assert theme_by_key("praise").young_name == "Saying thank you"
    assert theme_by_key("nope") is None


def test_every_taxonomy_theme_has_built_in_rules():
    assert {r.theme for r in DEFAULT_RULES} == {t.key for t in THEMES}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I waited months on the waiting list", {"waiting_and_access"}),
        ("nobody listened to what I wanted", {"listened_to"}),
        ("I had to tell my story again to a new worker", {"joined_up_care"}),
        ("worried about moving to adult services when I turn 18", {"moving_to_adult_services"}),
        ("the bus there takes ages and costs loads", {"place_and_travel"}),
        ("I didn't know this service existed", {"knowing_whats_available"}),
        ("they cancelled again and didn't ring back", {"doing_what_you_said", "communication"}),
    ],
)
def test_rules_find_themes(text, expected):
    found = set(ThemeRules(DEFAULT_RULES).match(normalise(text)))
    assert expected <= found


def test_a_comment_can_have_several_themes(rules_engine):
    result = rules_engine.analyse(
        "The receptionist was rude, I waited ages and they never rang me back. Thanks to my worker"
    )
    assert {"staff_attitude", "waiting_and_access", "communication", "praise"} <= set(result.themes)


def test_themes_come_back_in_taxonomy_order(rules_engine):
    themes = rules_engine.analyse("thank you, the wait was long and staff were rude").themes
    order = [t.key for t in THEMES]
    assert list(themes) == sorted(themes, key=order.index)


def test_excluded_phrases_do_not_count_but_do_not_veto():
    rules = ThemeRules(DEFAULT_RULES)
    assert "waiting_and_access" not in rules.match("the waiting room was cold")
    assert "waiting_and_access" in rules.match("i waited ages in the waiting room")


def test_nothing_to_improve_is_praise_without_a_word_of_thanks(rules_engine):
    assert "praise" in rules_engine.analyse("Nothing", "could_improve").themes
    assert "praise" not in rules_engine.analyse("Nothing", "what_good").themes


def test_wildcards_match_word_endings_only():
    rules = ThemeRules([ThemeRule("wait", ("wait*",))])
    assert rules.match("we waited") == ("wait",)
    assert rules.match("a weight") == ()


def test_rule_round_trips_through_dict_and_json():
    rule = ThemeRule("waiting_and_access", ("Wait*", "  waiting   list "), ("waiting room",))
    assert rule.patterns == ("wait*", "waiting list")
    assert ThemeRule.from_dict(rule.to_dict()) == rule
    assert ThemeRule.from_dict(json.loads(json.dumps(rule.to_dict()))) == rule
    rules = ThemeRules(DEFAULT_RULES)
    assert rules_from_json(rules_to_json(rules)) == rules


def test_edited_rules_change_what_is_found():
    rules = ThemeRules([*DEFAULT_RULES, ThemeRule("sport", ("football", "gym"))])
    engine = Engine(rules=rules)
    assert "sport" in engine.analyse("we played football after group").themes
    assert engine.version != Engine().version


@pytest.mark.parametrize(
    "data",
    [
        {"patterns": ["x"]},
        {"theme": "", "patterns": ["x"]},
        {"theme": "t", "patterns": ["(x|y)"]},
        {"theme": "t", "patterns": "not a list"},
    ],
)
def test_malformed_rules_are_refused(data):
    with pytest.raises(RuleError):
        ThemeRules.from_list([data])


def test_rules_json_must_be_a_list():
    with pytest.raises(RuleError):
        rules_from_json('{"theme": "x"}')
    with pytest.raises(RuleError):
        rules_from_json("not json")
