"""Sentiment: context from the question, negation, intensity, slang and emoji."""

from __future__ import annotations

import pytest

from voice.analysis import analyse, question_kind_for
from voice.analysis.sentiment import rule_sentiment


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What was good?", "what_good"),
        ("What went well?", "what_good"),
        ("What did you like about the group?", "what_good"),
        ("How could we improve?", "could_improve"),
        ("What could we do better?", "could_improve"),
        ("Is there anything we should change?", "could_improve"),
        ("What was good and what could be better?", "nonspecific"),
        ("Trust A - Q1", "nonspecific"),
        ("Tell us about your visit", "nonspecific"),
        ("", "nonspecific"),
        (None, "nonspecific"),
    ],
)
def test_question_wording_maps_to_a_kind(question, kind):
    assert question_kind_for(question) == kind


@pytest.mark.parametrize("text", ["Nothing.", "nothing", "No", "Nope!", "Nothing really", "n/a"])
def test_nothing_to_what_could_be_better_is_praise(text):
    assert rule_sentiment(text, "could_improve")[0] == "positive"


@pytest.mark.parametrize("text", ["Nothing.", "nothing", "Nothing really"])
def test_nothing_to_what_was_good_is_criticism(text):
    assert rule_sentiment(text, "what_good")[0] == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "nothing to improve",
        "Can't think of anything",
        "I cant think of anything to change",
        "Couldn't have been better",
        "No complaints at all",
        "Keep up the good work",
        "Don't change a thing",
    ],
)
def test_explicit_nothing_to_improve_is_praise_whatever_the_question(text):
    for kind in ("could_improve", "nonspecific"):
        assert rule_sentiment(text, kind)[0] == "positive"


def test_everything_depends_on_the_question():
    assert rule_sentiment("Everything", "what_good")[0] == "positive"
    assert rule_sentiment("Everything", "could_improve")[0] == "negative"


def test_naming_a_good_thing_is_praise_and_naming_a_change_is_criticism():
    assert rule_sentiment("The art sessions", "what_good")[0] == "positive"
    assert rule_sentiment("The art sessions", "could_improve")[0] == "negative"
    assert rule_sentiment("More evening appointments", "could_improve")[0] == "negative"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The staff were nice", "positive"),
        ("The staff were not nice", "negative"),
        ("It wasn't helpful at all", "negative"),
        ("not bad", "positive"),
        ("nobody listened to me", "negative"),
        ("they never call back", "negative"),
        ("I didn't feel listened to", "negative"),
        ("I felt listened to", "positive"),
    ],
)
def test_negation(text, label):
    assert rule_sentiment(text)[0] == label


def test_intensifiers_strengthen_the_score():
    plain = rule_sentiment("good")[1]
    assert rule_sentiment("really good")[1] > plain
    assert rule_sentiment("bare good")[1] > plain
    assert rule_sentiment("it was dead good")[0] == "positive"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("that session was sick", "positive"),
        ("it was lit", "positive"),
        ("the group is peak tbh", "negative"),
        ("honestly it was mid", "negative"),
        ("waiting is so long", "negative"),
        ("it was dead", "negative"),
        ("youth club is calm, proper buzzing to go back", "positive"),
    ],
)
def test_young_peoples_slang(text, label):
    assert rule_sentiment(text)[0] == label


def test_sick_meaning_ill_is_not_praise_or_blame():
    assert rule_sentiment("I was sick in the waiting room")[0] == "neutral"
    assert rule_sentiment("sick of waiting")[0] == "negative"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("😍😍", "positive"),
        ("👎", "negative"),
        ("it was ok 😭", "negative"),
        ("thanks :)", "positive"),
        ("meh :(", "negative"),
        ("❤️", "positive"),
    ],
)
def test_emoji_and_emoticons(text, label):
    assert rule_sentiment(text)[0] == label


def test_a_complaint_after_but_is_the_point():
    assert rule_sentiment("Lovely staff but the wait was awful")[0] == "negative"


def test_empty_text_is_neutral():
    assert rule_sentiment("") == ("neutral", 0.0)
    assert analyse("   ").sentiment == "neutral"


def test_built_in_engine_keeps_context_it_never_learnt(engine):
    # The shipped model learnt from answers to unknown questions; the question still decides.
    assert engine.analyse("Nothing.", "could_improve").sentiment == "positive"
    assert engine.analyse("Nothing.", "what_good").sentiment == "negative"
    assert engine.analyse("Everything", "could_improve").sentiment == "negative"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The staff were brilliant and really helpful", "positive"),
        ("I waited ages and nobody called me back, awful", "negative"),
        ("it was sick 😍", "positive"),
    ],
)
def test_built_in_engine_sentiment(engine, text, label):
    result = engine.analyse(text)
    assert result.sentiment == label
    assert -1.0 <= result.sentiment_score <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Not enough tea and coffee.",
        "The clinic was too busy",
        "Always short staffed",
        "I was not told when my appointment had moved",
        "Night staff didn't introduce themselves",
        "The bathroom needs cleaning",
        "Be more helpful",
        "More friendly staff please",
    ],
)
def test_shortfalls_and_requests_are_criticism(text):
    assert rule_sentiment(text)[0] == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "They couldn't do enough for me",
        "I can't thank the team enough",
        "Could not find fault with anything",
        "Didn't have to wait long at all",
        "We need more people like her",
        "Thanked the team for all their hard work",
        "Care and compassion from everyone",
        "Being looked after",
        "Nurses have so much patience",
        "Nothing - excellent service",
        "No happy with everything",
        "I don't think any improvement is needed",
        "It was life changing",
    ],
)
def test_praise_that_reads_like_complaint_word_by_word(text):
    assert rule_sentiment(text)[0] == "positive"


def test_a_leading_no_still_negates_where_it_can():
    assert rule_sentiment("No good")[0] == "negative"
    assert rule_sentiment("no fun at all")[0] == "negative"
    assert rule_sentiment("The ward is not too noisy")[0] != "negative"


@pytest.mark.parametrize(
    "text",
    [
        "Staff are lovely. Could improve on keeping my notes up to date",
        "It is a good service. I would prefer a face to face appointment. Thanks",
        "Good ward and good staff. My only complaint is the noise at night",
        "Brilliant care. The only downside was parking",
        "Excellent nurses, but I would have preferred an earlier appointment",
    ],
)
def test_a_point_to_improve_makes_warm_feedback_critical(text):
    assert rule_sentiment(text)[0] == "negative"


def test_i_could_is_ability_not_a_suggestion():
    assert rule_sentiment("I felt I could tell her anything")[0] != "negative"
    assert rule_sentiment("We could have been told sooner")[0] == "negative"
