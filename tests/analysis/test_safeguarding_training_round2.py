"""Issue 12, second round: how the learned check is trained and its threshold chosen."""

from __future__ import annotations

import numpy as np

from voice.analysis.safeguarding_training import (
    MAX_ORDINARY_SHARE,
    ORDINARY_FILES,
    choose_threshold,
    embedded_examples,
    figures_at,
    split_nhs,
)


def test_each_disclosure_is_also_learnt_inside_ordinary_feedback():
    tokens = [["i", "still", "cut"], ["nice", "nurse"], ["long", "wait"], ["he", "hits", "me"]]
    labels = [True, False, False, True]
    out, new_labels, weights = embedded_examples(tokens, labels, [1.0, 5.0, 1.0, 1.0])
    assert out[:4] == tokens  # the examples themselves come first, unchanged
    assert list(new_labels) == [True, False, False, True, True, True, False, False]
    assert list(weights) == [1.0, 5.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    # a disclosure joined to a safe example keeps every word of both
    for joined, disclosure in zip(out[4:6], (tokens[0], tokens[3]), strict=True):
        words = set(joined) - {"."}
        assert set(disclosure) <= words
        assert words - set(disclosure) in ({"nice", "nurse"}, {"long", "wait"})
    # two safe examples joined are safe, and only the examples given are used
    for joined in out[6:]:
        assert set(joined) - {"."} <= {"nice", "nurse", "long", "wait"}


def test_joining_is_deterministic_and_needs_both_classes():
    tokens = [["a"], ["b"], ["c"]]
    first = embedded_examples(tokens, [True, False, False], None)
    again = embedded_examples(tokens, [True, False, False], None)
    assert first[0] == again[0]
    only_safe, labels, _ = embedded_examples(tokens, [False, False, False], None)
    assert only_safe == tokens and not labels.any()


def test_the_ordinary_limit_counts_the_models_own_flags():
    """The rules' flags on ordinary feedback do not move with the threshold: the limit is the model's."""
    nhs = split_nhs([])
    scores = np.array([5.0, -5.0])
    disclosure = np.array([True, False])
    rules = np.array([False, False])
    # 100 ordinary comments: 2 flagged by the rules, 1 more only by the model at 0.5
    pairs = np.zeros((100, 2))
    pairs[:, 1] = -10.0
    pairs[:2, 0] = 1.0
    pairs[2, 1] = 1.0
    row = figures_at(0.5, scores, disclosure, rules, np.zeros(0), nhs, pairs)
    assert row["ordinary_flagged"] == 3
    assert row["ordinary_flagged_by_model"] == 1
    assert row["ordinary_model_share"] == 0.01 <= MAX_ORDINARY_SHARE
    chosen, met = choose_threshold([row])
    assert met and chosen is row
    assert "ordinary_feedback_train_2.csv" in ORDINARY_FILES
