"""Batch features in plain NumPy (features.SparseRows) score exactly as the SciPy matrices
they replaced: the same sentiment, theme and safeguarding scores to 1e-9 on feedback texts."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import numpy as np
import pytest

from voice.analysis import Engine
from voice.analysis.features import SparseRows, word_ngrams
from voice.analysis.models import prepare_texts
from voice.analysis.safeguarding import learned_check_input
from voice.analysis.safeguarding_model import builtin_safeguarding_model, feature_rows, model_words

sparse = pytest.importorskip("scipy.sparse")

ROOT = Path(__file__).resolve().parents[2]
NHS = Path("/work/shared/data/nhs_fft_phase1.csv")
_PUNCT = {".", ",", ";", ":", "!", "?"}


def _texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "data").glob("*.csv")):
        with path.open(encoding="utf-8") as f:
            texts += [row.get("text") or "" for row in csv.DictReader(f)]
    if NHS.exists():
        with NHS.open(encoding="utf-8") as f:
            texts += [row["feedback"] for row in csv.DictReader(f)][::4]
    return texts + ["", "!!!", "ok"]


def _normalise_rows(m):
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


def _scipy_matrices(featuriser, token_lists):
    """The SciPy implementation the NumPy one replaced (features.py before issue 16)."""
    block = featuriser.words
    indptr, indices, counts = [0], [], []
    for doc in (word_ngrams(t) for t in token_lists):
        for term, count in doc.items():
            if (j := block.vocabulary.get(term)) is not None:
                indices.append(j)
                counts.append(count)
        indptr.append(len(indices))
    cols = np.asarray(indices, dtype=np.int64)
    data = (1.0 + np.log(np.asarray(counts, dtype=np.float64))) * block.idf[cols]
    words = _normalise_rows(
        sparse.csr_matrix((data, cols, indptr), shape=(len(token_lists), len(block))))
    word_ids: dict[str, int] = {}
    indptr, indices = [0], []
    for toks in token_lists:
        indices += [word_ids.setdefault(t, len(word_ids)) for t in toks if t not in _PUNCT]
        indptr.append(len(indices))
    doc_word = sparse.csr_matrix((np.ones(len(indices)), indices, indptr),
                                 shape=(len(token_lists), len(word_ids)))
    w_indptr, w_indices = [0], []
    for word in word_ids:
        w_indices.extend(featuriser._char_columns(word))
        w_indptr.append(len(w_indices))
    word_char = sparse.csr_matrix((np.ones(len(w_indices)), w_indices, w_indptr),
                                  shape=(len(word_ids), len(featuriser.chars)))
    chars = (doc_word @ word_char).tocsr()
    chars.sum_duplicates()
    chars.data = (1.0 + np.log(chars.data)) * featuriser.chars.idf[chars.indices]
    return words, _normalise_rows(chars)


def _scipy_safeguarding(featuriser, token_lists):
    """safeguarding_model.feature_matrices before issue 16: n-grams by presence."""
    words, chars = _scipy_matrices(featuriser, token_lists)
    chars.data = featuriser.chars.idf[chars.indices]
    return words, _normalise_rows(chars)


@pytest.fixture(scope="module")
def prepared():
    texts = _texts()
    assert len(texts) > 3000
    return prepare_texts(texts, [None] * len(texts))


def test_sentiment_and_theme_scores_are_the_scipy_ones(prepared, small_model):
    for model in (Engine.default().model, small_model):
        words, chars = model.featuriser.matrices(prepared.tokens)
        old_words, old_chars = _scipy_matrices(model.featuriser, prepared.tokens)
        slots = model.slot_indices([None] * len(prepared.tokens))
        heads = [h for h in (model.sentiment, model.themes) if h is not None]
        assert heads
        for head in heads:
            new = head.scores_many(words, chars, prepared.signal_matrix, slots)
            old = head.scores_many(old_words, old_chars, prepared.signal_matrix, slots)
            assert new.shape == old.shape
            np.testing.assert_allclose(new, old, rtol=0, atol=1e-9)


def test_safeguarding_scores_are_the_scipy_ones(prepared):
    model = builtin_safeguarding_model()
    toks = [learned_check_input(n, t)[1] for n, t in zip(prepared.normalised, prepared.tokens,
                                                        strict=True)]
    read = [model_words(t) for t in toks]
    old_words, old_chars = _scipy_safeguarding(model.featuriser, read)
    old = np.asarray(old_words @ model.coef_words + old_chars @ model.coef_chars) + model.intercept
    # the word-vector block: the mean weight of a comment's words (punctuation not counted)
    weights = dict(zip(model.meaning_words, model.meaning_weights.tolist(), strict=True))
    for i, words in enumerate(read):
        counted = [w for w in words if w not in {".", ",", ";", ":", "!", "?"}]
        if counted and weights:
            old[i] += sum(weights.get(w, 0.0) for w in counted) / len(counted)
    np.testing.assert_allclose(model.scores(toks), old, rtol=0, atol=1e-9)
    np.testing.assert_allclose([model.score(t) for t in toks], old, rtol=0, atol=1e-9)


def test_sparse_rows_product_and_scipy_conversion():
    rows = SparseRows(np.array([2.0, 3.0, 4.0]), np.array([0, 2, 1]), np.array([0, 2, 2, 3]),
                      (3, 3))
    dense = np.arange(6, dtype=np.float64).reshape(3, 2)
    np.testing.assert_array_equal(rows @ dense, rows.tocsr() @ dense)
    np.testing.assert_array_equal(rows @ dense[:, 1], rows.tocsr() @ dense[:, 1])
    normalised = rows.l2_normalised()
    np.testing.assert_allclose(normalised.tocsr().toarray(),
                               _normalise_rows(rows.tocsr()).toarray(), atol=1e-15)
    assert (rows @ np.ones(3)).tolist() == [5.0, 0.0, 4.0]


def test_training_sees_the_very_matrices_scipy_gave(prepared, small_model):
    """Bit for bit, so ``make model`` still rebuilds the shipped models byte for byte."""
    model = builtin_safeguarding_model()
    read = [model_words(t) for t in prepared.tokens]
    pairs = [(small_model.featuriser.matrices(prepared.tokens),
              _scipy_matrices(small_model.featuriser, prepared.tokens)),
             (feature_rows(model.featuriser, read),
              _scipy_safeguarding(model.featuriser, read))]
    for new_pair, old_pair in pairs:
        for new, old in zip(new_pair, old_pair, strict=True):
            new = new.tocsr()
            for part in ("data", "indices", "indptr"):
                np.testing.assert_array_equal(getattr(new, part), getattr(old, part))


def test_weights_kept_as_stored_score_as_float64_copies(prepared):
    """The sentiment head keeps its float32 weights (half the memory in every process);
    NumPy widens them exactly, so the scores are the float64 copies' to the last bit."""
    model = Engine.default().model
    head = model.sentiment
    assert head.coef_words.dtype == np.float32
    wide = dataclasses.replace(head, **{name: getattr(head, name).astype(np.float64) for name in (
        "coef_words", "coef_chars", "coef_signals", "coef_slots", "intercept", "thresholds")})
    words, chars = model.featuriser.matrices(prepared.tokens)
    slots = model.slot_indices([None] * len(prepared.tokens))
    np.testing.assert_array_equal(
        head.scores_many(words, chars, prepared.signal_matrix, slots),
        wide.scores_many(words, chars, prepared.signal_matrix, slots))
    for i, toks in enumerate(prepared.tokens[:500]):
        one = model.featuriser.vectors(toks)
        np.testing.assert_array_equal(head.scores_one(*one, prepared.signal_matrix[i], 0),
                                      wide.scores_one(*one, prepared.signal_matrix[i], 0))
