"""Trained models: linear sentiment and theme classifiers over n-grams and rule signals.

A :class:`TrainedModel` is plain data -- vocabularies, inverse document frequencies
and weight matrices -- saved as JSON and a NumPy ``.npz`` file (no pickles, so a
model file cannot run code when loaded). Prediction is a sparse dot product, done
here with NumPy alone: scikit-learn and SciPy are only needed for training.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np

from .features import NgramBlock, SparseRows, TextFeaturiser
from .model_files import read_model_files, write_model_files
from .sentiment import SIGNAL_FEATURES, SentimentSignals, sentiment_signals, signal_vector
from .text import normalise, tokens

__all__ = [
    "FEATURE_VERSION",
    "LinearHead",
    "ModelFormatError",
    "PreparedTexts",
    "TrainedModel",
    "prepare_texts",
    "slot_key",
]

# Bump when tokenisation, n-grams or signals change meaning: a model trained on
# other features must be retrained, not silently misread.
FEATURE_VERSION: Final = 1
MODEL_FORMAT: Final = "voice-analysis-model"
MODEL_FORMAT_VERSION: Final = 1



class ModelFormatError(ValueError):
    """A model directory is missing, incomplete or from an incompatible version."""


def slot_key(question: str | None) -> str:
    """The normalised form of a question's wording or code, used to learn per question."""
    return " ".join((question or "").lower().split())


@dataclass
class LinearHead:
    """Weights of one linear classifier over the shared feature blocks.

    Each ``coef_*`` matrix has one row per feature and one column per label, so the
    scores of one text are ``values @ coef[indices]`` summed over blocks. A label
    applies when its score is above its entry in ``thresholds``; theme heads trained
    with calibration score in log-odds and carry the threshold chosen for each theme.
    """

    labels: list[str]
    coef_words: np.ndarray
    coef_chars: np.ndarray
    coef_signals: np.ndarray
    coef_slots: np.ndarray
    intercept: np.ndarray
    thresholds: np.ndarray

    def scores_one(
        self,
        words: tuple[np.ndarray, np.ndarray],
        chars: tuple[np.ndarray, np.ndarray],
        signals: np.ndarray,
        slot: int | None,
    ) -> np.ndarray:
        """Decision scores of one text, one per label."""
        out = self.intercept + signals @ self.coef_signals
        if len(words[0]):
            out = out + words[1] @ self.coef_words[words[0]]
        if len(chars[0]):
            out = out + chars[1] @ self.coef_chars[chars[0]]
        if slot is not None:
            out = out + self.coef_slots[slot]
        return out

    def scores_many(
        self,
        words: SparseRows,
        chars: SparseRows,
        signals: np.ndarray,
        slots: np.ndarray,
    ) -> np.ndarray:
        """Decision scores of many texts (rows) for every label (columns).

        ``slots`` holds each row's slot index, or -1 for a question the model has
        not learnt.
        """
        out = words @ self.coef_words + chars @ self.coef_chars + signals @ self.coef_signals
        out = np.asarray(out) + self.intercept
        known = slots >= 0
        if known.any():
            out[known] += self.coef_slots[slots[known]]
        return out

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The weights as named float32 arrays, for saving."""
        return {
            f"{prefix}_coef_words": self.coef_words.astype(np.float32),
            f"{prefix}_coef_chars": self.coef_chars.astype(np.float32),
            f"{prefix}_coef_signals": self.coef_signals.astype(np.float32),
            f"{prefix}_coef_slots": self.coef_slots.astype(np.float32),
            f"{prefix}_intercept": self.intercept.astype(np.float32),
            f"{prefix}_thresholds": self.thresholds.astype(np.float32),
        }

    @classmethod
    def from_arrays(cls, labels: list[str], arrays: Any, prefix: str) -> LinearHead:
        """Rebuild a head saved with :meth:`arrays`."""

        def get(name: str) -> np.ndarray:
            # kept as stored (float32): NumPy widens them to float64 exactly where they meet
            # the features, so scores are the same as with float64 copies, in half the memory
            return np.asarray(arrays[f"{prefix}_{name}"])

        return cls(
            labels=labels,
            coef_words=get("coef_words"),
            coef_chars=get("coef_chars"),
            coef_signals=get("coef_signals"),
            coef_slots=get("coef_slots"),
            intercept=get("intercept"),
            thresholds=get("thresholds"),
        )


@dataclass
class TrainedModel:
    """A trained sentiment model and/or theme models, with what is known about them.

    ``metadata`` holds the training date, the number of records, the options used
    and the scores measured on held-back records, so the app can show them.
    """

    featuriser: TextFeaturiser
    slots: list[str]
    sentiment: LinearHead | None
    themes: LinearHead | None
    themes_at_least_one: bool = False
    # How many sentiment-labelled records answered each question kind: the model has
    # only learnt what a question kind means if it saw enough of them.
    kind_counts: dict[str, int] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._slot_index = {s: i for i, s in enumerate(self.slots)}

    @property
    def theme_names(self) -> list[str]:
        """Themes the model was trained to recognise (empty if none)."""
        return list(self.themes.labels) if self.themes else []

    @property
    def version(self) -> str:
        """A short fingerprint of the weights: two models with the same version predict alike."""
        return str(self.metadata.get("version", "unsaved"))

    @property
    def scores(self) -> dict[str, Any]:
        """Scores measured when the model was trained (see :func:`training.evaluate`)."""
        return dict(self.metadata.get("scores") or {})

    def slot_index(self, question: str | None) -> int | None:
        """The learnt slot of a question's wording or code, or None if it was not learnt."""
        if not question or not self.slots:
            return None
        return self._slot_index.get(slot_key(question))

    def slot_indices(self, questions: Sequence[str | None]) -> np.ndarray:
        """Slot index per question, -1 where the question was not learnt."""
        return np.array(
            [-1 if (i := self.slot_index(q)) is None else i for q in questions], dtype=np.int64
        )

    # --- prediction helpers ---------------------------------------------------
    @staticmethod
    def sentiment_probabilities(scores: np.ndarray) -> np.ndarray:
        """Probabilities of negative, neutral, positive from the sentiment head's scores."""
        shifted = scores - scores.max()
        p = np.exp(shifted)
        return p / p.sum()

    def knows_kind(self, kind: str, minimum: int = 30) -> bool:
        """Whether enough training answers were to this kind of question to trust the model."""
        return self.kind_counts.get(kind, 0) >= minimum

    def themes_from_scores(self, scores: np.ndarray) -> list[str]:
        """Theme names whose score passes their threshold.

        If none does and the model always names a theme, the one least far below its
        threshold is named.
        """
        assert self.themes is not None
        margin = scores - self.themes.thresholds
        chosen = [name for name, m in zip(self.themes.labels, margin, strict=True) if m > 0]
        if not chosen and self.themes_at_least_one and len(margin):
            chosen = [self.themes.labels[int(margin.argmax())]]
        return chosen

    # --- persistence ------------------------------------------------------------
    def save(self, directory: str | Path) -> Path:
        """Write the model to ``directory`` (created if needed) and return its path."""
        path = Path(directory)
        arrays: dict[str, np.ndarray] = {
            "idf_words": self.featuriser.words.idf.astype(np.float32),
            "idf_chars": self.featuriser.chars.idf.astype(np.float32),
        }
        if self.sentiment:
            arrays.update(self.sentiment.arrays("sentiment"))
        if self.themes:
            arrays.update(self.themes.arrays("themes"))
        vocabulary = {
            "words": self.featuriser.words.terms(),
            "chars": self.featuriser.chars.terms(),
        }
        self.metadata["version"] = _fingerprint(arrays, vocabulary, self.slots)
        meta = {
            "format": MODEL_FORMAT,
            "format_version": MODEL_FORMAT_VERSION,
            "feature_version": FEATURE_VERSION,
            "char_range": list(self.featuriser.char_range),
            "signal_features": list(SIGNAL_FEATURES),
            "slots": self.slots,
            "sentiment_labels": self.sentiment.labels if self.sentiment else None,
            "theme_names": self.themes.labels if self.themes else None,
            "themes_at_least_one": self.themes_at_least_one,
            "kind_counts": self.kind_counts,
            "metadata": self.metadata,
        }
        return write_model_files(path, meta, vocabulary, arrays)

    @classmethod
    def load(cls, directory: str | Path) -> TrainedModel:
        """Read a model written by :meth:`save`; raises ModelFormatError if it cannot."""
        path = Path(directory)
        try:
            meta, vocabulary, arrays = read_model_files(path)
        except FileNotFoundError as exc:
            raise ModelFormatError(
                f"{path} is not a model directory ({Path(exc.filename or '').name} missing)"
            ) from None
        except (OSError, ValueError) as exc:
            raise ModelFormatError(f"{path}: cannot read model ({exc})") from exc
        if meta.get("format") != MODEL_FORMAT or meta.get("format_version") != MODEL_FORMAT_VERSION:
            raise ModelFormatError(f"{path}: not a model this version of Voice can read")
        if meta.get("feature_version") != FEATURE_VERSION or meta.get("signal_features") != list(
            SIGNAL_FEATURES
        ):
            raise ModelFormatError(f"{path}: model was trained with different features; retrain it")
        featuriser = TextFeaturiser(
            NgramBlock.from_terms(vocabulary["words"], arrays["idf_words"]),
            NgramBlock.from_terms(vocabulary["chars"], arrays["idf_chars"]),
            tuple(meta["char_range"]),  # type: ignore[arg-type]
        )
        sentiment = themes = None
        if meta.get("sentiment_labels"):
            sentiment = LinearHead.from_arrays(meta["sentiment_labels"], arrays, "sentiment")
        if meta.get("theme_names"):
            themes = LinearHead.from_arrays(meta["theme_names"], arrays, "themes")
        return cls(
            featuriser=featuriser,
            slots=list(meta.get("slots") or []),
            sentiment=sentiment,
            themes=themes,
            themes_at_least_one=bool(meta.get("themes_at_least_one")),
            kind_counts={str(k): int(v) for k, v in (meta.get("kind_counts") or {}).items()},
            metadata=dict(meta.get("metadata") or {}),
        )


def _fingerprint(
    arrays: dict[str, np.ndarray], vocabulary: dict[str, list[str]], slots: list[str]
) -> str:
    """A content hash, so retraining on the same data with the same seed gives the same version."""
    digest = hashlib.sha256()
    for name in sorted(arrays):
        digest.update(name.encode())
        digest.update(np.ascontiguousarray(arrays[name]).tobytes())
    digest.update(json.dumps([vocabulary, slots], ensure_ascii=False).encode())
    return digest.hexdigest()[:12]


@dataclass
class PreparedTexts:
    """Texts cleaned, tokenised and scored by the rules: the inputs every model shares."""

    normalised: list[str]
    tokens: list[list[str]]
    signals: list[SentimentSignals]
    signal_matrix: np.ndarray


def prepare_texts(texts: Sequence[str], kinds: Sequence[str | None]) -> PreparedTexts:
    """Normalise, tokenise and compute rule signals for many texts."""
    normalised = [normalise(t or "") for t in texts]
    toks = [tokens(n) for n in normalised]
    signals = [sentiment_signals(n, t, k) for n, t, k in zip(normalised, toks, kinds, strict=True)]
    matrix = np.array([signal_vector(s) for s in signals], dtype=np.float64).reshape(
        len(signals), len(SIGNAL_FEATURES)
    )
    return PreparedTexts(normalised, toks, signals, matrix)
