"""Word and character n-gram features (TF-IDF), fitted once and stored as plain data.

This is a small re-implementation of scikit-learn's ``TfidfVectorizer`` for two
reasons: the fitted vocabulary and weights can be saved as JSON and NumPy arrays
rather than pickles, and one comment can be turned into features without the
per-call overhead of scikit-learn, which matters when every submission is analysed
as it arrives. Batches are :class:`SparseRows`, a compressed-rows matrix in plain NumPy:
SciPy is imported only to hand features to scikit-learn when training (``tocsr``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy import sparse

__all__ = ["NgramBlock", "SparseRows", "TextFeaturiser", "char_ngrams", "word_ngrams"]

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


@dataclass(frozen=True)
class SparseRows:
    """Rows of a sparse matrix in compressed-rows form (SciPy's CSR layout), NumPy only.

    Row ``i`` holds ``data[indptr[i]:indptr[i + 1]]`` in columns
    ``indices[indptr[i]:indptr[i + 1]]``. What prediction needs -- the product with a
    dense vector or matrix -- adds each row's terms in stored order, as SciPy does.
    """

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    shape: tuple[int, int]

    def row_ids(self) -> np.ndarray:
        """The row of each stored value."""
        return np.repeat(np.arange(self.shape[0]), np.diff(self.indptr))

    def __matmul__(self, dense: np.ndarray) -> np.ndarray:
        """This matrix times a dense vector (one value per row) or matrix (a row per row)."""
        dense = np.asarray(dense)
        rows = self.row_ids()
        if dense.ndim == 1:
            return np.bincount(rows, self.data * dense[self.indices], minlength=self.shape[0])
        terms = self.data[:, None] * dense[self.indices]
        out = np.empty((self.shape[0], dense.shape[1]), dtype=np.result_type(terms, 0.0))
        for column in range(dense.shape[1]):
            out[:, column] = np.bincount(rows, terms[:, column], minlength=self.shape[0])
        return out

    def with_data(self, data: np.ndarray) -> SparseRows:
        """The same positions holding other values."""
        return SparseRows(data, self.indices, self.indptr, self.shape)

    def l2_normalised(self) -> SparseRows:
        """Each row divided by its Euclidean length (empty rows stay empty).

        Bit for bit what SciPy's ``diags(1 / norms) @ m`` gave, which the shipped models were
        trained on (so ``make model`` rebuilds them byte for byte, and predictions are the
        same floats): the lengths summed in the order SciPy sums them -- the stored order
        if every row's columns increase, else each row reversed -- and each row's entries
        left reversed, as SciPy's product leaves them.
        """
        rows = self.row_ids()
        starts, ends = self.indptr[:-1], self.indptr[1:]
        reverse = starts[rows] + ends[rows] - 1 - np.arange(len(self.data))
        flipped = self.data[reverse]
        increasing = np.all(np.diff(self.indices)[rows[1:] == rows[:-1]] > 0)
        squares = self.data * self.data if increasing else flipped * flipped
        filled = np.flatnonzero(ends > starts)
        sums = np.zeros(self.shape[0])
        if len(filled):
            sums[filled] = np.add.reduceat(squares, starts[filled])
        norms = np.sqrt(sums)
        norms[norms == 0] = 1.0
        return SparseRows((1.0 / norms)[rows] * flipped, self.indices[reverse], self.indptr,
                          self.shape)

    def tocsr(self) -> sparse.csr_matrix:
        """As a SciPy matrix, for scikit-learn (training only: SciPy is imported here)."""
        from scipy import sparse  # training only: keep prediction free of SciPy

        return sparse.csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)


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

    def matrix(self, documents: Sequence[dict[str, int]]) -> SparseRows:
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
        m = SparseRows(data, cols, np.asarray(indptr, dtype=np.int64), (len(documents), len(self)))
        return m.l2_normalised()

    def terms(self) -> list[str]:
        """Terms in column order."""
        out = [""] * len(self.vocabulary)
        for term, i in self.vocabulary.items():
            out[i] = term
        return out

    @classmethod
    def from_terms(cls, terms: list[str], idf: np.ndarray) -> NgramBlock:
        """Rebuild a block saved with :meth:`terms` and ``idf``."""
        if len(_COLUMNS) < len(terms):
            _COLUMNS.extend(range(len(_COLUMNS), len(terms)))
        columns = dict(zip(terms, _COLUMNS, strict=False))  # _COLUMNS may be longer
        return cls(columns, np.asarray(idf, dtype=np.float64))


# Column numbers as Python ints, one object each for all the vocabularies a process loads
# (the sentiment model's and the safeguarding check's: 50,000 terms), not one per term.
_COLUMNS: list[int] = []


@dataclass
class TextFeaturiser:
    """Word (1-2) and character (2-5) n-gram TF-IDF blocks.

    Character n-grams are looked up per distinct word and remembered, because a
    few thousand words make up almost all of what people write; a batch then gathers
    each text's words' n-grams and counts them.
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

    def matrices(self, token_lists: Sequence[Sequence[str]]) -> tuple[SparseRows, SparseRows]:
        """The word and character blocks for many texts."""
        words = self.words.matrix([word_ngrams(t) for t in token_lists])
        # each text's words as ids into the distinct words of the batch
        word_ids: dict[str, int] = {}
        text_words: list[int] = []
        per_text = np.zeros(len(token_lists), dtype=np.int64)
        for row, toks in enumerate(token_lists):
            for tok in toks:
                if tok not in _PUNCT:
                    text_words.append(word_ids.setdefault(tok, len(word_ids)))
                    per_text[row] += 1
        # every word's n-gram columns (repeated as often as the word holds them), end to end
        word_columns = [self._char_columns(word) for word in word_ids]  # in id order
        lengths = np.array([len(c) for c in word_columns], dtype=np.int64)
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1])) if len(lengths) else lengths
        flat = np.fromiter((c for cols in word_columns for c in cols), dtype=np.int64)
        # one entry per n-gram occurrence in a text: (text, column), then counted
        occurrences = np.asarray(text_words, dtype=np.int64)
        repeat = lengths[occurrences]
        within = np.arange(repeat.sum()) - np.repeat(np.cumsum(repeat) - repeat, repeat)
        columns = flat[np.repeat(starts[occurrences], repeat) + within]
        rows = np.repeat(np.repeat(np.arange(len(token_lists)), per_text), repeat)
        n_chars = len(self.chars)
        keys, counts = np.unique(rows * n_chars + columns, return_counts=True)
        cols = keys % n_chars
        indptr = np.searchsorted(keys // n_chars, np.arange(len(token_lists) + 1))
        data = (1.0 + np.log(counts)) * self.chars.idf[cols]
        chars = SparseRows(data, cols, indptr.astype(np.int64), (len(token_lists), n_chars))
        return words, chars.l2_normalised()
