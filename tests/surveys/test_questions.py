"""Question types: canonical values, reading a form's values, and the messages young people see."""

from __future__ import annotations

import pytest

from surveys.questions import (
    FFT_NATIONAL,
    QuestionKind,
    QuestionSpec,
    Tampered,
    canonical_label,
    clean_text,
    default_options,
    options_from_lines,
    parse_raw,
    problem_with,
    slugify,
    stored_values,
)


def spec(kind, **fields):
    options = fields.pop("options", None)
    if options is None:
        options = default_options(kind)
    return QuestionSpec(id=1, kind=kind, text="Q", options=options, **fields)


def test_fft_stores_the_six_national_answers_whatever_the_words_shown():
    options = default_options("fft")
    assert [o["value"] for o in options] == [v for v, _ in FFT_NATIONAL]
    assert [o["label"] for o in options][0] == "Really good"  # child-friendly wording
    assert canonical_label("fft", "very_good", options) == "Very good"  # national wording
    assert canonical_label("fft", "dont_know", options) == "Don't know"


def test_smiley_scale_has_five_faces_each_with_a_word():
    options = default_options("smiley")
    assert [o["value"] for o in options] == ["5", "4", "3", "2", "1"]
    assert all(o["label"] for o in options)


@pytest.mark.parametrize("kind", ["about_age", "about_ethnicity", "about_disability",
                                  "about_care", "about_carer"])
def test_every_about_you_question_offers_prefer_not_to_say(kind):
    assert default_options(kind)[-1] == {"value": "prefer_not", "label": "Prefer not to say"}


def test_ethnicity_uses_the_census_groups():
    labels = [o["label"] for o in default_options("about_ethnicity")]
    assert "Asian or Asian British" in labels and "White" in labels
    assert "Mixed or multiple ethnic groups" in labels


def test_about_you_questions_are_never_required_even_if_marked():
    assert problem_with(spec("about_age", is_required=True), []) is None


@pytest.mark.parametrize("kind, message", [
    ("fft", "Choose an answer"), ("smiley", "Choose an answer"), ("single", "Choose an answer"),
    ("yes_no", "Choose an answer"), ("multiple", "Tick at least one answer"),
    ("short_text", "Write an answer"), ("long_text", "Write an answer"),
    ("number", "Enter a number"),
])
def test_a_required_question_left_empty_says_what_to_do(kind, message):
    options = [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]
    s = spec(kind, is_required=True, options=options if kind in ("single", "multiple") else None)
    assert problem_with(s, []) == message


def test_an_optional_question_may_be_left_empty():
    assert problem_with(spec("long_text"), []) is None


def test_text_over_the_limit_says_the_limit_and_by_how_much():
    s = spec("long_text", max_length=10)
    assert problem_with(s, ["x" * 10]) is None
    message = problem_with(s, ["x" * 13])
    assert "10 characters or fewer" in message and "3 characters" in message


def test_default_limits_are_200_for_short_and_2000_for_long_text():
    assert spec("short_text").text_limit == 200
    assert spec("long_text").text_limit == 2000


def test_emoji_count_as_one_character_each():
    assert problem_with(spec("short_text", max_length=3), ["😀😀😀"]) is None


@pytest.mark.parametrize("raw, message", [
    ("three", "Enter a whole number using digits, like 3"),
    ("2.5", "Enter a whole number using digits, like 3"),
    ("101", "Enter a number from 0 to 100"),
    ("-1", "Enter a number from 0 to 100"),
])
def test_numbers_must_be_whole_and_in_range(raw, message):
    assert problem_with(spec("number", min_value=0, max_value=100), [raw]) == message


def test_numbers_are_stored_normalised():
    s = spec("number")
    assert problem_with(s, [" 1,200 "]) is None
    assert stored_values(s, ["1,200"]) == ["1200"]


def test_a_value_that_is_not_an_option_is_tampering():
    with pytest.raises(Tampered):
        parse_raw(spec("fft"), ["amazing"])


def test_two_answers_to_a_choose_one_question_is_tampering():
    with pytest.raises(Tampered):
        parse_raw(spec("fft"), ["good", "poor"])


def test_two_values_for_one_text_box_is_tampering():
    with pytest.raises(Tampered):
        parse_raw(spec("short_text"), ["a", "b"])


def test_multiple_choice_keeps_option_order_and_drops_repeats():
    options = [{"value": v, "label": v} for v in ("a", "b", "c")]
    assert parse_raw(spec("multiple", options=options), ["c", "a", "c", ""]) == ["a", "c"]


def test_gender_is_their_own_words_or_prefer_not_to_say():
    s = spec("about_gender")
    assert parse_raw(s, ["  non-binary  "]) == ["non-binary"]
    assert parse_raw(s, ["whatever"], prefer_not=True) == ["prefer_not"]
    assert parse_raw(s, [""]) == []


def test_text_is_kept_exactly_except_control_characters_and_outer_spaces():
    text = "Ça va 😀 — שלום עולם — مرحبا\r\nnew line"
    assert clean_text(f"  {text}\x00\x07 ") == "Ça va 😀 — שלום עולם — مرحبا\nnew line"


def test_options_from_lines_keeps_values_of_unchanged_labels():
    first = options_from_lines("Waiting\nNot listened to")
    assert [o["value"] for o in first] == ["waiting", "not_listened_to"]
    second = options_from_lines("Not listened to\nStaff were rude\nWaiting", first)
    assert [(o["label"], o["value"]) for o in second] == [
        ("Not listened to", "not_listened_to"), ("Staff were rude", "staff_were_rude"),
        ("Waiting", "waiting")]


def test_a_new_option_never_reuses_the_value_of_a_removed_one():
    first = options_from_lines("Waiting")
    second = options_from_lines("Waiting!", first)  # reworded: a new option
    assert second[0]["value"] != "waiting"


def test_options_from_lines_ignores_blank_and_repeated_lines():
    assert [o["label"] for o in options_from_lines("A\n\nA\n B ")] == ["A", "B"]


def test_slugify_makes_ascii_codes():
    assert slugify("Café — what's good?") == "cafe_what_s_good"
    assert slugify("😀") == "option"


def test_question_kinds_all_have_labels():
    from surveys.questions import KIND_DESCRIPTIONS, KIND_LABELS

    assert set(KIND_LABELS) == set(QuestionKind) == set(KIND_DESCRIPTIONS)
