"""Training, saving, scoring, and refusing a model that got worse."""

from __future__ import annotations

import json

import pytest

from voice.analysis import (
    Engine,
    ModelFormatError,
    TrainedModel,
    TrainingRecord,
    evaluate,
    is_not_worse,
    split_holdout,
    train_model,
)


def test_trained_model_learns_the_synthetic_data(small_model, synthetic_records):
    scores = evaluate(small_model, synthetic_records)
    assert scores["sentiment"]["macro_f1"] >= 0.9
    assert scores["themes"]["macro_f1"] >= 0.8
    assert set(scores["sentiment"]["labels"]) == {"negative", "neutral", "positive"}
    for label in scores["themes"]["labels"].values():
        assert set(label) == {"precision", "recall", "f1", "support"}


def test_save_and_load_round_trip(tmp_path, small_model):
    small_model.save(tmp_path / "m")
    loaded = TrainedModel.load(tmp_path / "m")
    texts = ["they were rude", "lovely staff", "I waited months"]
    assert Engine(model=loaded).analyse_many(texts) == Engine(model=small_model).analyse_many(texts)
    assert loaded.version == small_model.version
    assert loaded.theme_names == ["staff", "waiting"]
    # safe formats only: JSON and a NumPy archive, no pickles
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == [
        "model.json",
        "vocabulary.json",
        "weights.npz",
    ]


def test_training_is_reproducible(synthetic_records, small_model, tmp_path):
    again = train_model(synthetic_records)
    again.save(tmp_path)
    assert again.version == small_model.version


def test_records_without_sentiment_still_train_themes():
    records = [
        TrainingRecord(f"{text} {i}", themes=frozenset({"food"} if "food" in text else set()))
        for i in range(10)
        for text in ("the food was cold", "the food was great", "my worker was kind", "it was far")
    ]
    model = train_model(records)
    assert model.sentiment is None
    assert model.theme_names == ["food"]
    assert "food" in Engine(model=model).analyse("food was cold again").themes


def test_nothing_to_learn_is_an_error():
    with pytest.raises(ValueError):
        train_model([TrainingRecord("no labels here")])
    with pytest.raises(ValueError):
        train_model([])


def test_is_not_worse_refuses_a_worse_model():
    current = {"sentiment": {"macro_f1": 0.80}, "themes": {"macro_f1": 0.70}}
    assert is_not_worse({"sentiment": {"macro_f1": 0.81}, "themes": {"macro_f1": 0.70}}, current)
    assert not is_not_worse(
        {"sentiment": {"macro_f1": 0.79}, "themes": {"macro_f1": 0.75}}, current
    )
    assert not is_not_worse({"sentiment": {"macro_f1": 0.85}}, current)  # lost its themes
    assert is_not_worse(
        {"sentiment": {"macro_f1": 0.795}, "themes": {"macro_f1": 0.7}}, current, tolerance=0.01
    )
    assert is_not_worse({"sentiment": {"macro_f1": 0.1}}, None)


def test_retraining_flow_keeps_the_live_model_when_the_new_one_is_worse(synthetic_records):
    train, held_back = split_holdout(synthetic_records, fraction=0.25, seed=1)
    live = train_model(train)
    # A model trained on scrambled labels must not replace the live one.
    labels = ["positive", "negative", "neutral"]
    scrambled = [
        TrainingRecord(r.text, r.question, sentiment=labels[i % 3], themes=frozenset())
        for i, r in enumerate(train)
    ]
    candidate = train_model(scrambled, theme_names=["staff", "waiting"])
    assert not is_not_worse(evaluate(candidate, held_back), evaluate(live, held_back))


def test_split_holdout_keeps_copies_of_a_comment_together():
    records = [TrainingRecord("Nothing", sentiment="positive")] * 5 + [
        TrainingRecord(f"comment {i}", sentiment="neutral") for i in range(20)
    ]
    train, held = split_holdout(records, fraction=0.3, seed=0)
    assert len(train) + len(held) == len(records)
    nothing_sides = {id(side) for side in (train, held) if any(r.text == "Nothing" for r in side)}
    assert len(nothing_sides) == 1
    assert split_holdout(records, 0.3, 0) == (train, held)


def test_a_model_from_another_feature_version_is_refused(tmp_path, small_model):
    small_model.save(tmp_path)
    meta = json.loads((tmp_path / "model.json").read_text())
    meta["feature_version"] = 999
    (tmp_path / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ModelFormatError, match="retrain"):
        TrainedModel.load(tmp_path)


def test_metadata_records_training(small_model):
    meta = small_model.metadata
    assert meta["n_records"] == 144
    assert meta["trained_at"]
    assert meta["options"]["seed"] == 0


def test_saving_the_same_model_twice_writes_the_same_bytes(tmp_path, small_model, monkeypatch):
    import time

    first = small_model.save(tmp_path / "a")
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)  # an hour on: no timestamp is written
    second = small_model.save(tmp_path / "b")
    for name in ("model.json", "vocabulary.json", "weights.npz"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_a_damaged_weights_file_is_refused_clearly(tmp_path, small_model):
    small_model.save(tmp_path)
    weights = tmp_path / "weights.npz"
    weights.write_bytes(weights.read_bytes()[:200])  # cut short, as a failed copy leaves it
    with pytest.raises(ModelFormatError, match="damaged"):
        TrainedModel.load(tmp_path)
