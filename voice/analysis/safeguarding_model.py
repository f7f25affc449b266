"""The learned second check for safeguarding: a small model of how disclosures are worded.

The hand-written rules in ``safeguarding.py`` find what their writers thought of; on
sentences written afterwards they found about six in ten. This model was trained on
every labelled sentence the project has (disclosures and safe sentences) and on NHS
feedback as examples of ordinary comments, so it flags a comment *worded like* the
disclosures it learnt from even when no rule matches. A comment is flagged when the
rules OR this model fire; when only the model fires, the reason is
:data:`LEARNED_REASON`.

It is a logistic regression over word 1-2-grams (TF-IDF, as in ``features.py``) and
character 3-5-grams inside words (by presence), with the words a negation governs
marked (:func:`model_words`), and (issue 12, third round) the mean of a weight per
word taken from public GloVe word vectors (``meaning_words``): linear in the mean
vector, so one number per word is all the shipped model needs at run time. It is saved as JSON and a NumPy ``.npz`` file (no
pickles) and scored without scikit-learn. The decision threshold was chosen by
cross-validation when the model was built (``safeguarding_training.py``, run by
``make model``) and is stored with the weights.

The model is optional: if its files are missing or unreadable, an error is logged
and the rules work alone.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from .features import NgramBlock, SparseRows, TextFeaturiser, char_ngrams, word_ngrams

if TYPE_CHECKING:
    from scipy import sparse
from .model_files import read_model_files, write_model_files

__all__ = [
    "LEARNED_REASON",
    "SafeguardingModel",
    "SafeguardingModelError",
    "builtin_safeguarding_dir",
    "builtin_safeguarding_model",
    "model_words",
]

logger = logging.getLogger(__name__)

# The reason given when only the model flags a comment: it says what the lead needs to
# know -- no rule matched, but the wording is like the disclosures the model learnt.
LEARNED_REASON: Final = "worded_like_a_disclosure"

MODEL_FORMAT: Final = "voice-safeguarding-model"
MODEL_FORMAT_VERSION: Final = 1
# Bump when text.tokens() or the n-grams in features.py change meaning: a model
# trained on other features must be rebuilt, not silently misread.
FEATURE_VERSION: Final = 1

# A fixed timestamp inside the .npz, so the same weights always give the same bytes.


class SafeguardingModelError(ValueError):
    """A safeguarding model directory is missing, incomplete or from another version."""


_NEGATORS: Final = frozenset(
    "not no never nor cannot nobody nothing without hardly dont cant didnt doesnt isnt wasnt"
    " wont aint havent hasnt arent werent couldnt shouldnt wouldnt".split()
)
_PUNCT: Final = frozenset({".", ",", ";", ":", "!", "?"})
_SCOPE_ENDS: Final = _PUNCT | {"but"}


def model_words(toks: Sequence[str]) -> Sequence[str]:
    """Tokens as the model reads them: words after a negation are marked ``not_``.

    "I feel safe at home" and "I don't feel safe at home" share every word but one;
    marking the words a negation governs (up to the next punctuation or "but") lets
    the model tell them apart. Comments without a negation come back unchanged.
    """
    out: list[str] = []
    negated = changed = False
    for tok in toks:
        if tok in _SCOPE_ENDS:
            negated = False
        elif negated:
            out.append("not_" + tok)
            changed = True
            continue
        out.append(tok)
        if tok in _NEGATORS or tok.endswith("n't"):
            negated = True
    return out if changed else toks


def feature_rows(
    featuriser: TextFeaturiser, token_lists: Sequence[Sequence[str]]
) -> tuple[SparseRows, SparseRows]:
    """Word n-grams as ``features.py`` weighs them; character n-grams by presence, not count.

    A character n-gram counts once however often a comment repeats it: scoring one
    comment then needs only the set of its words' n-grams (see ``score``).
    """
    words, chars = featuriser.matrices(token_lists)
    return words, chars.with_data(featuriser.chars.idf[chars.indices]).l2_normalised()


def feature_matrices(
    featuriser: TextFeaturiser, token_lists: Sequence[Sequence[str]]
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """:func:`feature_rows` as SciPy matrices, for training (SciPy is imported only then)."""
    words, chars = feature_rows(featuriser, token_lists)
    return words.tocsr(), chars.tocsr()


def as_stored(values: np.ndarray) -> np.ndarray:
    """Values rounded as they are saved (float32), so a model scores the same before and after."""
    return np.asarray(values, dtype=np.float32).astype(np.float64)


@dataclass
class SafeguardingModel:
    """Weights of the learned check, its threshold, and what is known about how it was built.

    ``threshold`` is a probability: a comment is flagged when the model's probability
    that it discloses harm or risk is at least this. ``metadata`` holds the training
    data, the cross-validation figures and how the threshold was chosen.
    """

    featuriser: TextFeaturiser
    coef_words: np.ndarray
    coef_chars: np.ndarray
    intercept: float
    threshold: float
    metadata: dict[str, Any] = field(default_factory=dict)
    # The word-vector block (issue 12, third round): each word's weight is its GloVe vector
    # (embeddings.npy) times the block's coefficients, so a comment adds the mean weight of
    # its words (see meaning_rows). Words never seen in training still carry meaning here.
    meaning_words: tuple[str, ...] = ()
    meaning_weights: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise SafeguardingModelError(f"threshold {self.threshold} is not between 0 and 1")
        if self.coef_words.shape != (len(self.featuriser.words),) or self.coef_chars.shape != (
            len(self.featuriser.chars),
        ):
            raise SafeguardingModelError("weights do not match the vocabulary")
        self.coef_words = as_stored(self.coef_words)
        self.coef_chars = as_stored(self.coef_chars)
        self.intercept = float(as_stored(np.array([self.intercept]))[0])
        if len(self.meaning_words) != len(self.meaning_weights):
            raise SafeguardingModelError("word-vector weights do not match their words")
        self.meaning_weights = as_stored(self.meaning_weights)
        self._meaning = dict(zip(self.meaning_words, self.meaning_weights.tolist(), strict=True))
        for block in (self.featuriser.words, self.featuriser.chars):
            block.idf = as_stored(block.idf)
        # Scores are compared with the threshold's log-odds: no exponential per comment.
        self._cutoff = math.log(self.threshold / (1.0 - self.threshold))
        self._version = _fingerprint(self._arrays(), self._vocabulary(), self.threshold)
        # For scoring one comment in plain Python (see score): idf squared and idf x weight.
        words, chars = self.featuriser.words, self.featuriser.chars
        self._word_idf2 = (words.idf**2).tolist()
        self._word_idf_coef = (words.idf * self.coef_words).tolist()
        self._char_terms = np.column_stack([chars.idf * self.coef_chars, chars.idf**2])
        self._char_cache: dict[str, frozenset[int]] = {}

    @property
    def version(self) -> str:
        """A short fingerprint of weights, vocabulary and threshold: same version, same flags."""
        return self._version

    # --- scoring ----------------------------------------------------------------
    def score(self, toks: Sequence[str]) -> float:
        """The model's log-odds that one tokenised comment discloses harm or risk.

        The same value as :meth:`scores` gives (the tests check this), computed without
        building vectors, because every survey answer passes through here as it
        arrives. Each block adds (sum of tf x idf x weight) / sqrt(sum of (tf x idf)^2):
        for words tf = 1 + log(count); for character n-grams tf = 1, so that block is
        a sum over the set of n-grams of the comment's words, each word's set cached.
        """
        words = model_words(toks)
        out = self.intercept
        index, idf2, idf_coef = (
            self.featuriser.words.vocabulary,
            self._word_idf2,
            self._word_idf_coef,
        )
        dot = norm = 0.0
        for term, count in word_ngrams(words).items():
            j = index.get(term)
            if j is not None:
                tf = 1.0 if count == 1 else 1.0 + math.log(count)
                dot += tf * idf_coef[j]
                norm += tf * tf * idf2[j]
        if norm > 0.0:
            out += dot / math.sqrt(norm)
        present: set[int] = set()
        cache = self._char_cache
        meaning, total, n_words = self._meaning, 0.0, 0
        for tok in words:
            if tok not in _PUNCT:
                columns = cache.get(tok)
                present.update(self._char_columns(tok) if columns is None else columns)
                if meaning:
                    n_words += 1
                    total += meaning.get(tok, 0.0)
        if n_words:
            out += total / n_words
        if present:
            dot, norm = self._char_terms.take(list(present), axis=0).sum(axis=0).tolist()
            if norm > 0.0:
                out += dot / math.sqrt(norm)
        return out

    def _char_columns(self, word: str) -> frozenset[int]:
        """The columns of the character n-grams in one word."""
        index = self.featuriser.chars.vocabulary
        columns = frozenset(
            index[gram]
            for gram in char_ngrams((word,), *self.featuriser.char_range)
            if gram in index
        )
        if len(self._char_cache) > 200_000:  # bound memory on endless new words
            self._char_cache.clear()
        self._char_cache[word] = columns
        return columns

    def scores(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """:meth:`score` of many tokenised comments at once."""
        if not token_lists:
            return np.zeros(0)
        read = [model_words(t) for t in token_lists]
        words, chars = feature_rows(self.featuriser, read)
        out = words @ self.coef_words + chars @ self.coef_chars + self.intercept
        if self._meaning:
            out += meaning_means(self._meaning, read)
        return out

    def flags(self, toks: Sequence[str]) -> bool:
        """Whether the model flags one tokenised comment."""
        return bool(toks) and self.score(toks) >= self._cutoff

    def flags_many(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """Whether the model flags each of many tokenised comments (booleans)."""
        flagged = self.scores(token_lists) >= self._cutoff
        return flagged & np.array([bool(t) for t in token_lists], dtype=bool)

    @staticmethod
    def probabilities(scores: np.ndarray) -> np.ndarray:
        """Probabilities from log-odds scores."""
        return 1.0 / (1.0 + np.exp(-np.asarray(scores, dtype=np.float64)))

    # --- persistence ------------------------------------------------------------
    def _arrays(self) -> dict[str, np.ndarray]:
        return {
            "idf_words": self.featuriser.words.idf.astype(np.float32),
            "idf_chars": self.featuriser.chars.idf.astype(np.float32),
            "coef_words": self.coef_words.astype(np.float32),
            "coef_chars": self.coef_chars.astype(np.float32),
            "intercept": np.array([self.intercept], dtype=np.float32),
            **(
                {"meaning_weights": self.meaning_weights.astype(np.float32)}
                if self.meaning_words
                else {}
            ),
        }

    def _vocabulary(self) -> dict[str, list[str]]:
        out = {"words": self.featuriser.words.terms(), "chars": self.featuriser.chars.terms()}
        if self.meaning_words:
            out["meaning_words"] = list(self.meaning_words)
        return out

    def save(self, directory: str | Path) -> Path:
        """Write the model to ``directory`` (created if needed); the same model gives the same bytes."""
        path = Path(directory)
        meta = {
            "format": MODEL_FORMAT,
            "format_version": MODEL_FORMAT_VERSION,
            "feature_version": FEATURE_VERSION,
            "char_range": list(self.featuriser.char_range),
            "threshold": self.threshold,
            "version": self.version,
            "metadata": self.metadata,
        }
        return write_model_files(path, meta, self._vocabulary(), self._arrays())

    @classmethod
    def load(cls, directory: str | Path) -> SafeguardingModel:
        """Read a model written by :meth:`save`; raises SafeguardingModelError if it cannot."""
        path = Path(directory)
        try:
            meta, vocabulary, raw = read_model_files(path)
            if meta.get("format") != MODEL_FORMAT or meta.get("format_version") != (
                MODEL_FORMAT_VERSION
            ):
                raise SafeguardingModelError(f"{path}: not a safeguarding model Voice can read")
            if meta.get("feature_version") != FEATURE_VERSION:
                raise SafeguardingModelError(f"{path}: built with other features; rebuild it")
            arrays = {name: np.asarray(value, dtype=np.float64) for name, value in raw.items()}
            featuriser = TextFeaturiser(
                NgramBlock.from_terms(vocabulary["words"], arrays["idf_words"]),
                NgramBlock.from_terms(vocabulary["chars"], arrays["idf_chars"]),
                tuple(meta["char_range"]),  # type: ignore[arg-type]
            )
            return cls(
                featuriser=featuriser,
                coef_words=arrays["coef_words"],
                coef_chars=arrays["coef_chars"],
                intercept=float(arrays["intercept"][0]),
                threshold=float(meta["threshold"]),
                metadata=dict(meta.get("metadata") or {}),
                meaning_words=tuple(vocabulary.get("meaning_words", ())),
                meaning_weights=arrays.get("meaning_weights", np.zeros(0)),
            )
        except SafeguardingModelError:
            raise
        except FileNotFoundError as exc:
            raise SafeguardingModelError(
                f"{path} is not a safeguarding model ({Path(exc.filename or '').name} missing)"
            ) from None
        except (OSError, ValueError, KeyError, TypeError, IndexError, EOFError) as exc:
            raise SafeguardingModelError(
                f"{path}: cannot read safeguarding model ({exc!r})"
            ) from exc


def meaning_means(weights: dict[str, float], read: Sequence[Sequence[str]]) -> np.ndarray:
    """Each comment's mean word weight over its words (punctuation not counted; unknown words 0)."""
    out = np.zeros(len(read))
    get = weights.get
    for i, words in enumerate(read):
        n_words, total = 0, 0.0
        for tok in words:
            if tok not in _PUNCT:
                n_words += 1
                total += get(tok, 0.0)
        if n_words:
            out[i] = total / n_words
    return out


def _fingerprint(
    arrays: dict[str, np.ndarray], vocabulary: dict[str, list[str]], threshold: float
) -> str:
    digest = hashlib.sha256()
    for name in sorted(arrays):
        digest.update(name.encode())
        digest.update(np.ascontiguousarray(arrays[name]).tobytes())
    digest.update(json.dumps([vocabulary, round(threshold, 6)], ensure_ascii=False).encode())
    return digest.hexdigest()[:12]


def builtin_safeguarding_dir() -> Path:
    """Where the safeguarding model shipped with the package lives."""
    return Path(str(resources.files("voice.analysis").joinpath("model", "safeguarding")))


@lru_cache(maxsize=1)
def builtin_safeguarding_model() -> SafeguardingModel | None:
    """The shipped model, loaded once per process; None (and an error logged) if unreadable.

    Analysis must never stop because of this model, so any failure to load it is
    caught here: the rules then work alone, as they did before the model existed.
    """
    path = builtin_safeguarding_dir()
    try:
        return SafeguardingModel.load(path)
    except Exception as exc:  # noqa: BLE001 -- any failure: log it and keep the rules running
        logger.error(
            "learned safeguarding check not loaded (%s); safeguarding uses the rules alone", exc
        )
        return None
