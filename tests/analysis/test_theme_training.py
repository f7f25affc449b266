"""Theme models: calibrated scores and per-theme thresholds chosen on held-out predictions."""

from __future__ import annotations

import numpy as np
import pytest

from voice.analysis import Engine, TrainedModel, TrainingOptions, TrainingRecord, train_model
from voice.analysis.training import (
    MIN_CALIBRATION_EXAMPLES,
    _calibration_folds,
    best_f1_threshold,
    platt_scaling,
)


def _f1(scores: np.ndarray, y: np.ndarray, threshold: float) -> float:
    tagged = scores > threshold
    tp = int((tagged & (y == 1)).sum())
    return 2 * tp / (tagged.sum() + y.sum())


def test_best_f1_threshold_picks_the_best_cut():
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.1])
    y = np.array([1, 1, 0, 1, 0, 0])
    # Tagging the top 4 gives F1 6/7, better than any other cut.
    threshold = best_f1_threshold(scores, y)
    assert threshold == pytest.approx(0.55)
    every_cut = [_f1(scores, y, t) for t in np.r_[scores, scores.min() - 1]]
    assert _f1(scores, y, threshold) == pytest.approx(max(every_cut))


def test_best_f1_threshold_does_not_split_equal_scores():
    scores = np.array([1.0, 0.5, 0.5, 0.5, 0.0])
    y = np.array([1, 1, 0, 0, 0])
    threshold = best_f1_threshold(scores, y)
    # Cutting inside the run of 0.5s is impossible: it is above or below all of them.
    assert threshold == pytest.approx(0.75)
    assert best_f1_threshold(scores, np.zeros(5)) > scores.max()


def test_best_f1_threshold_prefers_tagging_fewer_on_a_tie():
    scores = np.array([4.0, 3.0, 2.0, 1.0, 0.0])
    y = np.array([1, 0, 0, 1, 0])
    # Tagging the top 1 and the top 4 both give F1 2/3: tag one comment, not four.
    assert _f1(scores, y, 3.5) == pytest.approx(_f1(scores, y, 0.5)) == pytest.approx(2 / 3)
    assert best_f1_threshold(scores, y) == pytest.approx(3.5)


def test_platt_scaling_recovers_a_known_sigmoid():
    rng = np.random.default_rng(0)
    scores = rng.normal(size=20_000)
    y = (rng.random(20_000) < 1 / (1 + np.exp(-(2.0 * scores - 1.0)))).astype(int)
    a, b = platt_scaling(scores, y)
    assert a == pytest.approx(2.0, abs=0.1)
    assert b == pytest.approx(-1.0, abs=0.1)


def test_platt_scaling_stays_finite_on_separable_scores():
    scores = np.array([-2.0, -1.0, -0.5, 0.5, 1.0, 2.0])
    y = np.array([0, 0, 0, 1, 1, 1])
    a, b = platt_scaling(scores, y)
    assert 0 < a < 50 and np.isfinite(b)
    p = 1 / (1 + np.exp(-(a * scores + b)))
    assert p[3:].min() > 0.5 > p[:3].max()


def test_calibration_folds_hold_each_row_back_once_and_keep_copies_together():
    texts = ["same"] * 5 + [f"text {i}" for i in range(30)]
    folds = _calibration_folds(texts, 3, seed=0)
    assert len(folds) == 3
    held = np.concatenate([h for _, h in folds])
    assert sorted(held) == list(range(len(texts)))
    for train, held_rows in folds:
        assert not set(train) & set(held_rows)
        assert len(train) + len(held_rows) == len(texts)
    copies = {k for k, (_, h) in enumerate(folds) if set(h) & set(range(5))}
    assert len(copies) == 1
    assert _calibration_folds(texts, 1, seed=0) == []
    assert _calibration_folds(["a", "b", "c"], 3, seed=0) == []


def _records(n_rare: int) -> list[TrainingRecord]:
    """Comments about food or about travel, and a few about a rare theme, parking."""
    food = ["the food was cold", "lunch was lovely", "dinner was late", "nice snacks"]
    travel = ["the bus was late", "long drive there", "the train was fine", "far to travel"]
    records = []
    for i in range(30):
        records.append(TrainingRecord(f"{food[i % 4]} {i}", themes=frozenset({"food"})))
        records.append(TrainingRecord(f"{travel[i % 4]} {i}", themes=frozenset({"travel"})))
    for i in range(n_rare):
        records.append(
            TrainingRecord(f"no parking spaces at all {i}", themes=frozenset({"parking", "travel"}))
        )
    return records


def test_thresholds_are_chosen_saved_and_loaded(tmp_path):
    model = train_model(_records(n_rare=12))
    assert model.themes is not None
    assert model.theme_names == ["food", "parking", "travel"]
    # Calibrated themes get their own threshold (log-odds), not the SVM's zero.
    assert np.all(model.themes.thresholds != 0)
    model.save(tmp_path / "m")
    loaded = TrainedModel.load(tmp_path / "m")
    assert loaded.themes is not None
    np.testing.assert_allclose(loaded.themes.thresholds, model.themes.thresholds, rtol=1e-6)
    texts = ["the food was cold again", "no parking spaces", "the bus was late"]
    found = Engine(rules=[], model=loaded).analyse_many(texts)
    assert found == Engine(rules=[], model=model).analyse_many(texts)
    assert "food" in found[0].themes
    assert "parking" in found[1].themes
    assert "travel" in found[2].themes


def test_a_theme_too_rare_to_calibrate_keeps_threshold_zero():
    model = train_model(_records(n_rare=MIN_CALIBRATION_EXAMPLES - 1))
    assert model.themes is not None
    thresholds = dict(zip(model.theme_names, model.themes.thresholds, strict=True))
    assert thresholds["parking"] == 0.0
    assert thresholds["food"] != 0.0
    # Balanced class weights still let the rare theme be found.
    assert "parking" in Engine(rules=[], model=model).analyse("no parking spaces at all").themes


def test_calibration_can_be_turned_off():
    model = train_model(_records(n_rare=12), options=TrainingOptions(theme_calibration_folds=0))
    assert model.themes is not None
    assert np.all(model.themes.thresholds == 0)
    assert model.metadata["options"]["theme_calibration_folds"] == 0
