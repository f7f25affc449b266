"""Issue 12: sentiment and themes that read young people right."""

from __future__ import annotations

import pytest

from voice.analysis import Engine, TrainingRecord, train_model


@pytest.fixture(scope="module")
def outvoting_model():
    """A model that has seen hundreds of answers to "What was good?", all of them praise,
    some worded like "Nothing was good": on its own it would call those positive."""
    praise = ["the staff were kind", "they listened to me", "nice and quick", "my nurse", "the art room"]
    complaints = ["it took ages", "they were rude", "nobody called back", "too long a wait"]
    records = [
        TrainingRecord(f"{text} {i % 7}", question_kind="what_good", sentiment="positive")
        for i in range(40) for text in praise
    ]
    records += [
        TrainingRecord(text, question_kind="what_good", sentiment="positive")
        for text in ("Nothing was good", "nothing", "Nothing.", "honestly nothing") * 30
    ]
    records += [
        TrainingRecord(f"{text} {i % 5}", question_kind="could_improve", sentiment="negative")
        for i in range(40) for text in complaints
    ]
    return train_model(records)


@pytest.mark.parametrize(
    "text",
    [
        "Nothing was good",
        "nothing was good tbh",
        "Nothing.",
        "honestly nothing",
        "there was nothing good about it",
        "Nothing, it was all bad",
        "nothing was any good, the staff were rude",
    ],
)
def test_nothing_was_good_is_negative_however_many_answers_the_model_learnt(
    outvoting_model, text
):
    engine = Engine(model=outvoting_model)
    assert outvoting_model.knows_kind("what_good")
    assert engine.analyse(text, "what_good").sentiment == "negative"
    assert engine.analyse_many([text], ["what_good"])[0].sentiment == "negative"
    assert Engine.default().analyse(text, "what_good").sentiment == "negative"


@pytest.mark.parametrize(
    "text", ["Nothing was good", "there was nothing good about it", "nothing was any good"]
)
def test_nothing_was_good_is_negative_whatever_the_question(text):
    for kind in (None, "could_improve", "nonspecific"):
        assert Engine.default().analyse(text, kind).sentiment == "negative"


def test_nothing_to_improve_still_praises(outvoting_model):
    engine = Engine(model=outvoting_model)
    assert engine.analyse("Nothing.", "could_improve").sentiment == "positive"
    assert engine.analyse("nothing to improve", "could_improve").sentiment == "positive"


@pytest.mark.parametrize(
    "text",
    [
        "my worker is sound",
        "lowkey the nurse was a vibe",
        "my key worker is proper sound",
        "the receptionist was a legend",
    ],
)
def test_slang_praise_for_staff_gets_the_staff_attitude_theme(text):
    analysis = Engine.default().analyse(text)
    assert "staff_attitude" in analysis.themes
    assert analysis.sentiment == "positive"


def test_sound_as_a_noise_is_not_about_staff():
    assert "staff_attitude" not in Engine.default().analyse("the sound was too loud").themes
