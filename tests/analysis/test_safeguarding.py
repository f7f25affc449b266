"""Safeguarding flags: recall first, reasons given, ordinary safety language not flagged."""

from __future__ import annotations

import csv

import pytest
from analysis_testdata import DATA

from voice.analysis import SAFEGUARDING_CATEGORIES, analyse, safeguarding_check
from voice.analysis import safeguarding as sg
from voice.analysis.safeguarding import LEARNED_REASON, RULE_CATEGORIES
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


# Indirect disclosures, one per kind of signal the broader rules listen for; none of
# these sentences is in the labelled set.
@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("i scratch at my legs till they bleed", "self_harm"),
        ("nobody notices the marks on my arms", "self_harm"),
        ("I take double my tablets to feel numb", "self_harm"),
        ("I keep thinking about the bridge near school", "suicidal_thoughts"),
        ("it would be easier for my family if I was gone", "suicidal_thoughts"),
        ("I don't think I'll be around much longer", "suicidal_thoughts"),
        ("my step mum drags me by my hair", "abuse"),
        ("he says it's our secret and I can't tell", "abuse"),
        ("my foster dad gets in bed with me", "abuse"),
        ("I always end up with bruises when he's in a mood", "abuse"),
        ("he's 24 and picks me up after school in his car", "sexual_exploitation"),
        (
            "someone I met on snapchat wants me to meet him and keep it secret",
            "sexual_exploitation",
        ),
        ("he'll post the pics if I don't do what he says", "sexual_exploitation"),
        ("I heard my step dad hitting mum again", "domestic_abuse"),
        ("I hide my little brother in my room when they fight", "domestic_abuse"),
        ("the cupboards are empty again", "neglect"),
        ("we haven't had a hot meal for three days", "neglect"),
        ("I'm scared of what my mum's boyfriend will do", "unsafe_at_home"),
        ("I push my wardrobe against my door at night", "unsafe_at_home"),
        ("a van keeps parking outside my house and a man watches me", "feels_unsafe"),
        ("they make my life a misery every day", "bullying"),
        ("I've been holding stuff for some lads from the estate", "exploitation_and_drugs"),
        ("I owe them money and they know where my family lives", "exploitation_and_drugs"),
        ("my carers don't know where I sleep at weekends", "going_missing"),
    ],
)
def test_indirect_disclosures_are_flagged(text, reason):
    flagged, reasons = safeguarding_check(text)
    assert flagged, text
    assert reason in reasons, (text, reasons)


@pytest.mark.parametrize(
    "text",
    [
        "the staff keep us safe",
        "the wait is killing me",
        "the injection hurt a bit",
        "I'd die for their hot chocolate",
        "the blood test left a small bruise",
        "I got a black eye playing rugby",
        "my knee was bleeding after I fell over",
        "I owe them a thank you card",
        "I was dead nervous before the appointment",
        "I never want the group to end",
        "I'm not allowed to eat in the music room",
        "my dad shouts at the telly when the football is on",
        "my mum was angry the appointment got cancelled",
        "I keep my tablets in my bag so I don't forget them",
        "the worker picked me up from school and took me to the session",
        "it felt like a hotel, the staff couldn't do enough",
        "I have to look after my little brother for an hour after school and I like it",
        "the nurse followed me up with a phone call",
        "nobody knows how hard it was to get an appointment",
    ],
)
def test_everyday_words_near_the_signals_are_not_flagged(text):
    # The rules must not fire; the learned check alone may (see test_safeguarding_kinds).
    assert sg.rule_reasons(normalise(text)) == ()
    flagged, reasons = safeguarding_check(text)
    assert not flagged or reasons == (LEARNED_REASON,), reasons


def test_cue_words_need_company_unless_they_are_strong():
    # a strong cue on its own
    assert sg._cue_reasons("my life is pointless") == ["suicidal_thoughts"]
    # a weak cue with a family member, or with another cue
    assert sg._cue_reasons("i hide when dad gets home") == ["abuse"]
    assert sg._cue_reasons("i'm scared and i hide") == ["abuse"]
    # a weak cue alone, or everyday words alone, are not enough
    assert sg._cue_reasons("i was scared of the scan") == []
    assert sg._cue_reasons("my dad shouts at the telly") == []
    assert sg._cue_reasons("the police came to talk to us") == []


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


def test_precision_on_labelled_safe_sentences_stays_high():
    rows = _labelled()
    flagged = [r for r in rows if safeguarding_check(r["text"])[0]]
    true = sum(1 for r in flagged if r["label"] == "1")
    assert true / len(flagged) >= 0.9


def test_screen_never_changes_the_result():
    # The fast screen may only skip patterns that cannot match.
    for row in _labelled():
        text = normalise(row["text"])
        masked = sg._BENIGN_RE.sub(" ", text)
        expected = [c for c in RULE_CATEGORIES if sg._COMPILED[c].search(masked)]
        candidates = sg._candidate_categories(text)
        assert set(expected) <= candidates, row["text"]


def test_empty_text_is_not_flagged():
    assert safeguarding_check("") == (False, ())
    assert not analyse("").safeguarding
