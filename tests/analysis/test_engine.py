"""The engine: one comment and many, empty text, versions, loading models."""

from __future__ import annotations

import pytest

from voice.analysis import Analysis, Engine, ModelFormatError, analyse, analyse_many
from voice.analysis.engine import RULES_FILE, builtin_model_dir

TEXTS = [
    "The staff were brilliant and my worker Sarah really listened",
    "",
    "I waited six months, nobody rang me back, 07700 900123",
    "i dont feel safe at home",
    "Nothing",
    "it was sick 😍 thanks",
]


def test_analyse_returns_a_frozen_analysis(engine):
    result = engine.analyse(TEXTS[0])
    assert isinstance(result, Analysis)
    assert result.sentiment in ("positive", "neutral", "negative")
    assert result.redacted_text == "The staff were brilliant and my worker [name] really listened"
    assert result.model_version == engine.version
    with pytest.raises(AttributeError):
        result.sentiment = "negative"  # type: ignore[misc]


def test_batch_and_single_paths_agree(engine):
    kinds = [None, None, "could_improve", None, "could_improve", "what_good"]
    batch = engine.analyse_many(TEXTS, kinds)
    single = [engine.analyse(t, k) for t, k in zip(TEXTS, kinds, strict=True)]
    assert batch == single


def test_empty_text_is_neutral_with_no_themes(engine):
    result = engine.analyse("")
    assert (result.sentiment, result.sentiment_score, result.themes) == ("neutral", 0.0, ())
    assert not result.safeguarding
    assert result.redacted_text == ""


def test_module_level_functions_use_the_built_in_engine():
    assert analyse("Nothing", "could_improve").sentiment == "positive"
    assert [a.sentiment for a in analyse_many(["great", ""])] == ["positive", "neutral"]


def test_built_in_engine_ships_a_model(engine):
    assert engine.model is not None
    assert engine.model.sentiment is not None
    assert (builtin_model_dir() / "model.json").exists()
    assert "+model-" in engine.version
    assert Engine.default() is engine  # built once per process


def test_unknown_question_kind_is_refused(engine):
    with pytest.raises(ValueError, match="question kind"):
        engine.analyse("hello", "what_bad")


def test_lengths_must_match(engine):
    with pytest.raises(ValueError):
        engine.analyse_many(["a", "b"], ["what_good"])


def test_to_dict_is_plain_data(engine):
    data = engine.analyse(TEXTS[3]).to_dict()
    assert data["safeguarding"] is True
    assert data["safeguarding_reasons"] == ["unsafe_at_home"]
    assert isinstance(data["themes"], list)


def test_load_uses_rules_saved_with_the_model(tmp_path, small_model):
    small_model.save(tmp_path)
    (tmp_path / RULES_FILE).write_text(
        '[{"theme": "sport", "patterns": ["football"], "exclude": []}]', encoding="utf-8"
    )
    engine = Engine.load(tmp_path)
    assert engine.rules.themes == ("sport",)
    assert "sport" in engine.analyse("football after school").themes


def test_trained_themes_replace_rules_for_those_themes(tmp_path, small_model):
    small_model.save(tmp_path)
    engine = Engine.load(tmp_path)
    result = engine.analyse("The receptionist was rude and I waited months")
    assert {"waiting", "staff"} <= set(result.themes)
    # built-in rule themes the model does not know are still reported
    assert "waiting_and_access" in result.themes


def test_loading_a_directory_without_a_model_fails_clearly(tmp_path):
    with pytest.raises(ModelFormatError, match="not a model directory"):
        Engine.load(tmp_path)
