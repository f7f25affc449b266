"""Issue 12: rules that fired on frustration with a service are narrowed, by kind.

Each narrowed rule has two sides: the complaint it used to flag is left alone (by the
rules: these tests read ``rule_reasons``, so a change to the learned check cannot hide a
rule that still fires), and the disclosure that shares its words is still flagged.
"""

from __future__ import annotations

import pytest
from analysis_testdata import rules

from voice.analysis import safeguarding_check


@pytest.mark.parametrize(
    ("complaint", "disclosure", "reason"),
    [
        # "pointless" about a service is a complaint; about life or oneself it is not
        (
            "going to the clinic is pointless, they never listen",
            "my life is pointless",
            "suicidal_thoughts",
        ),
        (
            "honestly these appointments feel pointless, nothing ever changes",
            "everything feels pointless and I want it all to stop",
            "suicidal_thoughts",
        ),
        # not believed about pain or illness is a complaint about care
        (
            "they didn't believe me when I said I was in pain",
            "he said no one would believe me if I told",
            "abuse",
        ),
        (
            "the doctor didn't believe me about my migraines for a year",
            "my uncle touches me and my mum doesn't believe me",
            "abuse",
        ),
        # 999 for an emergency of any kind is not domestic abuse
        (
            "we rang 999 and the ambulance took three hours",
            "I called 999 when he was hurting mum",
            "domestic_abuse",
        ),
        (
            "I had to call 999 because my asthma was bad and they took ages",
            "I had to call the police because my stepdad was hitting my mum",
            "domestic_abuse",
        ),
        (
            "I called 999 when my grandad collapsed and the call handler was great",
            "I rang 999 because my dad was strangling my mum",
            "domestic_abuse",
        ),
        # hyperbole and idioms of exasperation
        (
            "my dad will kill me if I'm late for school again",
            "my dad said he will kill me if I tell anyone",
            "abuse",
        ),
        (
            "I'd rather die than sit in that waiting room again",
            "I'd rather die than go back home",
            "suicidal_thoughts",
        ),
        (
            "none of my friends would be seen dead at that youth club",
            "sometimes I wish I was dead",
            "suicidal_thoughts",
        ),
        (
            "it's like banging my head against a brick wall trying to get a referral",
            "I bang my head on the wall until it bleeds when I'm upset",
            "self_harm",
        ),
        # pain and injury from illness or equipment
        (
            "my braces are cutting my mouth and the orthodontist can't see me",
            "I've started cutting again",
            "self_harm",
        ),
        (
            "my eczema is so bad it bleeds and the cream doesn't work",
            "there's blood on my sheets from what I do to my arms",
            "self_harm",
        ),
        (
            "my back hurts from the wheelchair and nobody has looked at it",
            "my stepdad hurts me and nobody does anything",
            "abuse",
        ),
        # consent and care
        (
            "the nurse always tells me before she touches me, which helps",
            "he touches me when no one is around",
            "abuse",
        ),
        (
            "my mum had to give up work to look after me and my brother",
            "some days I just want to give up on life",
            "suicidal_thoughts",
        ),
        (
            "mum has cancer and the nurse showed me how to do her injections",
            "I've looked up how to do it",
            "suicidal_thoughts",
        ),
    ],
)
def test_a_narrowed_rule_leaves_the_complaint_and_keeps_the_disclosure(
    complaint, disclosure, reason
):
    assert rules(complaint) == ()
    assert reason in rules(disclosure), rules(disclosure)
    assert safeguarding_check(disclosure)[0]


@pytest.mark.parametrize(
    "text",
    [
        "they didn't believe me when I said I was in pain",
        "going is pointless, nobody listens",
        "we called 999 and the ambulance took ages",
    ],
)
def test_the_issues_examples_are_not_flagged_at_all(text):
    assert safeguarding_check(text) == (False, ())
