"""Word and character n-gram features (TF-IDF), fitted once and stored as plain data.

This is a small re-implementation of scikit-learn's ``TfidfVectorizer`` for two
reasons: the fitted vocabulary and weights can be saved as JSON and NumPy arrays
rather than pickles, and one comment can be turned into features without the
per-call overhead of scikit-learn, which matters when every submission is analysed
as it arrives.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

__all__ = ["NgramBlock", "TextFeaturiser", "char_ngrams", "word_ngrams"]

_PUNCT = frozenset({".", ",", ";", ":", "!", "?"})


def word_ngrams(toks: Sequence[str]) -> dict[str, int]:
    """Counts of word unigrams and bigrams; bigrams do not cross punctuation."""
    counts: dict[str, int] = {}
    prev = ""
    for tok in toks:
        if tok in _PUNCT:
            prev = ""
            continue
        counts[tok] = counts.get(tok, 0) + 1
        if prev:
            bigram = prev + " " + tok
            counts[bigram] = counts.get(bigram, 0) + 1
        prev = tok
    return counts


def char_ngrams(toks: Sequence[str], low: int = 2, high: int = 5) -> dict[str, int]:
    """Counts of character n-grams inside each word, padded with spaces.

    Character n-grams let the model recognise misspellings, word endings and
    slang spellings ("helpfull", "amazin", "waitin") it has not seen.
    """
    counts: dict[str, int] = {}
    get = counts.get
    for tok in toks:
        if tok in _PUNCT:
            continue
        padded = " " + tok + " "
        size = len(padded)
        for n in range(low, min(high, size) + 1):
            for i in range(size - n + 1):
                gram = padded[i : i + n]
                counts[gram] = get(gram, 0) + 1
    return counts


@dataclass
class NgramBlock:
    """A fitted vocabulary with inverse document frequencies for one kind of n-gram."""

    vocabulary: dict[str, int]
    idf: np.ndarray

    @classmethod
    def fit(
        cls, documents: Iterable[dict[str, int]], min_df: int = 2, max_features: int | None = None
    ) -> NgramBlock:
        """Keep terms seen in at least ``min_df`` documents (the ``max_features`` most common)."""
        df: dict[str, int] = {}
        n_docs = 0
        for counts in documents:
            n_docs += 1
            for term in counts:
                df[term] = df.get(term, 0) + 1
        kept = [(term, n) for term, n in df.items() if n >= min_df]
        # Most frequent first; ties broken alphabetically so fitting is reproducible.
        kept.sort(key=lambda item: (-item[1], item[0]))
        if max_features is not None:
            kept = kept[:max_features]
        kept.sort(key=lambda item: item[0])
        vocabulary = {term: i for i, (term, _) in enumerate(kept)}
        idf = np.array([math.log((1 + n_docs) / (1 + n)) + 1.0 for _, n in kept], dtype=np.float64)
        return cls(vocabulary, idf)

    def __len__(self) -> int:
        return len(self.vocabulary)

    def vector(self, counts: dict[str, int]) -> tuple[list[int], list[float]]:
        """Indices and L2-normalised sublinear TF-IDF values of one document."""
        index = self.vocabulary
        idf = self.idf
        cols: list[int] = []
        vals: list[float] = []
        for term, count in counts.items():
            j = index.get(term)
            if j is not None:
                cols.append(j)
                vals.append((1.0 + math.log(count)) * idf[j])
        if vals:
            norm = math.sqrt(sum(v * v for v in vals))
            vals = [v / norm for v in vals]
        return cols, vals

    def matrix(self, documents: Sequence[dict[str, int]]) -> sparse.csr_matrix:
        """Rows of L2-normalised sublinear TF-IDF values, one per document."""
        index = self.vocabulary
        indptr = [0]
        indices: list[int] = []
        counts: list[int] = []
        for doc in documents:
            for term, count in doc.items():
                j = index.get(term)
                if j is not None:
                    indices.append(j)
                    counts.append(count)
            indptr.append(len(indices))
        cols = np.asarray(indices, dtype=np.int64)
        data = (1.0 + np.log(np.asarray(counts, dtype=np.float64))) * self.idf[cols]
        m = sparse.csr_matrix((data, cols, indptr), shape=(len(documents), len(self)))
        return _l2_normalise_rows(m)

    def terms(self) -> list[str]:
        """Terms in column order."""
        out = [""] * len(self.vocabulary)
        for term, i in self.vocabulary.items():
            out[i] = term
        return out

    @classmethod
    def from_terms(cls, terms: list[str], idf: np.ndarray) -> NgramBlock:
        """Rebuild a block saved with :meth:`terms` and ``idf``."""
        return cls({term: i for i, term in enumerate(terms)}, np.asarray(idf, dtype=np.float64))


@dataclass
class TextFeaturiser:
    """Word (1-2) and character (2-5) n-gram TF-IDF blocks.

    Character n-grams are looked up per distinct word and remembered, because a
    few thousand words make up almost all of what people write; a batch is then a
    sparse product of (texts x words) and (words x n-grams).
    """

    words: NgramBlock
    chars: NgramBlock
    char_range: tuple[int, int] = (2, 5)

    def __post_init__(self) -> None:
        self._char_cache: dict[str, tuple[int, ...]] = {}

    @classmethod
    def fit(
        cls,
        token_lists: Sequence[Sequence[str]],
        min_df: int = 2,
        max_word_features: int | None = None,
        max_char_features: int | None = None,
        char_range: tuple[int, int] = (2, 5),
    ) -> TextFeaturiser:
        """Fit both vocabularies on tokenised training texts."""
        words = NgramBlock.fit((word_ngrams(t) for t in token_lists), min_df, max_word_features)
        chars = NgramBlock.fit(
            (char_ngrams(t, *char_range) for t in token_lists), min_df, max_char_features
        )
        return cls(words, chars, char_range)

    def _char_columns(self, word: str) -> tuple[int, ...]:
        cols = self._char_cache.get(word)
        if cols is None:
            index = self.chars.vocabulary
            cols = tuple(
                index[g]
                for g, c in char_ngrams((word,), *self.char_range).items()
                if g in index
                for _ in range(c)
            )
            if len(self._char_cache) > 200_000:  # bound memory on endless new words
                self._char_cache.clear()
            self._char_cache[word] = cols
        return cols

    def vectors(
        self, toks: Sequence[str]
    ) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
        """The word and character blocks of one text as (indices, values) arrays."""
        wcols, wvals = self.words.vector(word_ngrams(toks))
        char_cols: list[int] = []
        for tok in toks:
            if tok not in _PUNCT:
                char_cols.extend(self._char_columns(tok))
        if char_cols:
            counted = Counter(char_cols)
            cols = np.fromiter(counted.keys(), dtype=np.int64, count=len(counted))
            counts = np.fromiter(counted.values(), dtype=np.float64, count=len(counted))
            vals = (1.0 + np.log(counts)) * self.chars.idf[cols]
            vals /= math.sqrt(float(vals @ vals))
        else:
            cols, vals = np.zeros(0, dtype=np.int64), np.zeros(0)
        return (np.asarray(wcols, dtype=np.int64), np.asarray(wvals)), (cols, vals)

    def matrices(
        self, token_lists: Sequence[Sequence[str]]
    ) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """The word and character blocks for many texts."""
        words = self.words.matrix([word_ngrams(t) for t in token_lists])
        # texts x distinct words, then words x character n-grams
        word_ids: dict[str, int] = {}
        indptr = [0]
        indices: list[int] = []
        for toks in token_lists:
            for tok in toks:
                if tok not in _PUNCT:
                    indices.append(word_ids.setdefault(tok, len(word_ids)))
            indptr.append(len(indices))
        doc_word = sparse.csr_matrix(
            (np.ones(len(indices)), np.asarray(indices, dtype=np.int64), indptr),
            shape=(len(token_lists), len(word_ids)),
        )
        w_indptr = [0]
        w_indices: list[int] = []
        for word in word_ids:  # dicts keep insertion order, matching the ids
            w_indices.extend(self._char_columns(word))
            w_indptr.append(len(w_indices))
        word_char = sparse.csr_matrix(
            (np.ones(len(w_indices)), np.asarray(w_indices, dtype=np.int64), w_indptr),
            shape=(len(word_ids), len(self.chars)),
        )
        chars = (doc_word @ word_char).tocsr()
        chars.sum_duplicates()
        chars.data = (1.0 + np.log(chars.data)) * self.chars.idf[chars.indices]
        return words, _l2_normalise_rows(chars)


def _l2_normalise_rows(m: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)
