"""Safeguarding flags: recall first, reasons given, ordinary safety language not flagged."""

from __future__ import annotations

import csv

import pytest
from analysis_testdata import DATA

from voice.analysis import SAFEGUARDING_CATEGORIES, analyse, safeguarding_check
from voice.analysis import safeguarding as sg
from voice.analysis.text import normalise


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("i've started cutting again", "self_harm"),
        ("i wanna kms", "suicidal_thoughts"),
        ("sometimes I think everyone would be better off without me", "suicidal_thoughts"),
        ("my stepdad hits me when he's drunk", "abuse"),
        ("he touches me when no one is around", "abuse"),
        ("my boyfriend is 23 and gives me money and weed", "sexual_exploitation"),
        ("my dad hits my mum", "domestic_abuse"),
        ("theres never any food at home", "neglect"),
        ("I'm scared to go home", "unsafe_at_home"),
        ("i dont feel safe anywhere", "feels_unsafe"),
        ("kids in my class call me fat and ugly", "bullying"),
        ("the olders make me carry stuff for them", "exploitation_and_drugs"),
        ("i ran away from my foster placement", "going_missing"),
    ],
)
def test_disclosures_are_flagged_with_a_reason(text, reason):
    flagged, reasons = safeguarding_check(text)
    assert flagged
    assert reason in reasons
    assert set(reasons) <= set(SAFEGUARDING_CATEGORIES)


@pytest.mark.parametrize(
    "text",
    [
        "I feel safe here",
        "the staff keep us safe",
        "they asked if I feel safe at home and I do",
        "I never felt unsafe",
        "we had a session about bullying",
        "the anti-bullying ambassadors are good",
        "I've never been bullied here",
        "the drugs worker was really helpful",
        "I hurt my ankle playing football",
        "the wait was killing me haha",
        "my letter went missing in the post",
        "she pushed me to do my best",
        "I know who to go to if I don't feel safe",
        "the sexual health clinic was private",
    ],
)
def test_ordinary_safety_language_is_not_flagged(text):
    assert safeguarding_check(text) == (False, ())


def test_the_analysis_carries_the_flag(engine):
    result = engine.analyse("i dont feel safe at home")
    assert result.safeguarding
    assert result.safeguarding_reasons == ("unsafe_at_home",)
    assert not engine.analyse("I feel safe at home").safeguarding


def _labelled():
    with (DATA / "safeguarding_labelled.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_labelled_set_is_big_enough_and_well_formed():
    rows = _labelled()
    positives = [r for r in rows if r["label"] == "1"]
    negatives = [r for r in rows if r["label"] == "0"]
    assert len(positives) >= 150 and len(negatives) >= 150
    assert {r["category"] for r in positives} <= set(SAFEGUARDING_CATEGORIES)
    assert {r["category"] for r in negatives} == {"none"}


def test_recall_on_labelled_disclosures_is_at_least_95_percent():
    positives = [r for r in _labelled() if r["label"] == "1"]
    found = sum(1 for r in positives if safeguarding_check(r["text"])[0])
    assert found / len(positives) >= 0.95


def test_screen_never_changes_the_result():
    # The fast screen may only skip patterns that cannot match.
    for row in _labelled():
        text = normalise(row["text"])
        masked = sg._BENIGN_RE.sub(" ", text)
        expected = [c for c in SAFEGUARDING_CATEGORIES if sg._COMPILED[c].search(masked)]
        candidates = sg._candidate_categories(text)
        assert set(expected) <= candidates, row["text"]


def test_empty_text_is_not_flagged():
    assert safeguarding_check("") == (False, ())
    assert not analyse("").safeguarding
