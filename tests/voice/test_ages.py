"""The one set of age bands (voice/ages.py): what every form offers, and how stored values are
shown and grouped, older action cards' values included."""

from __future__ import annotations

from itertools import pairwise

import pytest

from surveys.questions import QuestionKind, default_options
from voice.ages import (
    AGE_BANDS,
    AGE_CHOICES,
    AGE_GROUPS,
    OLDER_CARD_BANDS,
    PREFER_NOT,
    age_label,
    group_of,
    is_age_choice,
)


def test_the_bands_run_from_birth_to_25_without_gaps_or_overlaps():
    ranges = [tuple(int(n) for n in value.split("-")) for value in AGE_BANDS]
    assert ranges[0][0] == 0 and ranges[-1][1] == 25
    for (_, end), (start, _) in pairwise(ranges):
        assert start == end + 1


def test_every_age_question_offers_the_bands_then_prefer_not_to_say():
    assert AGE_CHOICES == [*AGE_BANDS.items(), (PREFER_NOT, "Prefer not to say")]
    assert default_options(QuestionKind.ABOUT_AGE) == [
        {"value": value, "label": label} for value, label in AGE_CHOICES]


def test_every_band_and_older_cards_value_is_in_exactly_one_group():
    grouped = [value for group in AGE_GROUPS.values() for value in group.values]
    assert sorted(grouped) == sorted([*AGE_BANDS, *OLDER_CARD_BANDS])
    assert len(grouped) == len(set(grouped))


@pytest.mark.parametrize(("value", "group"), [
    ("0-7", "under_11"), ("8-10", "under_11"), ("under_11", "under_11"), ("11-13", "11_13"),
    ("14-15", "14_15"), ("16-17", "16_17"), ("18-21", "18_25"), ("22-25", "18_25"),
    ("18_25", "18_25"), (PREFER_NOT, None), (None, None), ("", None), ("11_13", None),
])
def test_group_of(value, group):
    assert group_of(value) == group


@pytest.mark.parametrize(("value", "label"), [
    ("0-7", "7 or under"), ("14-15", "14 or 15"), ("22-25", "22 to 25"),
    (PREFER_NOT, "Prefer not to say"), (None, "Not given"), ("", "Not given"),
    ("under_11", "Under 11 (older cards)"), ("18_25", "18 to 25 (older cards)"),
    ("ninety", "ninety"),
])
def test_age_label(value, label):
    assert age_label(value) == label


def test_forms_accept_todays_bands_and_prefer_not_only():
    assert all(is_age_choice(value) for value, _ in AGE_CHOICES)
    for old in ("under_11", "11_13", "18_25", "not_said", "ninety"):
        assert not is_age_choice(old)
