"""Training and scoring models from labelled comments.

Used by ``voice analyse train`` / ``evaluate`` and, later, by the scheduled job
that retrains on the participation team's corrections: it holds some corrections
back, trains on the rest, scores both the new and the live model on the held-back
ones with :func:`evaluate`, and swaps models only if :func:`is_not_worse`.
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from .features import TextFeaturiser
from .models import LinearHead, PreparedTexts, TrainedModel, prepare_texts, slot_key
from .questions import question_kind_for
from .sentiment import SENTIMENT_LABELS

if TYPE_CHECKING:
    from scipy import sparse  # training only, imported where used: prediction needs NumPy alone

    from .engine import Engine

__all__ = [
    "TrainingOptions",
    "TrainingRecord",
    "evaluate",
    "is_not_worse",
    "sentiment_scores",
    "split_holdout",
    "train_model",
]


@dataclass(frozen=True)
class TrainingRecord:
    """One labelled comment.

    ``question`` is the question's wording (or a code naming it); ``question_kind``
    overrides the kind worked out from the wording. ``sentiment`` is None when the
    comment's sentiment was not labelled; ``themes`` is None when its themes were
    not labelled, otherwise the set of themes it has (every other theme: absent).
    """

    text: str
    question: str | None = None
    question_kind: str | None = None
    sentiment: str | None = None
    themes: frozenset[str] | None = None

    @property
    def kind(self) -> str:
        """The question kind this comment answers."""
        return self.question_kind or question_kind_for(self.question)


@dataclass(frozen=True)
class TrainingOptions:
    """Settings for :func:`train_model`; the defaults are what the figures in docs/analysis.md use."""

    min_df: int = 2
    max_word_features: int | None = 60_000
    max_char_features: int | None = 60_000
    char_range: tuple[int, int] = (2, 5)
    sentiment_c: float = 2.0
    theme_c: float = 0.3
    # Each theme's scores are calibrated, and its threshold chosen, on predictions
    # for training comments made by models that did not see them: this many folds
    # of the training data (below 2: no calibration, every theme keeps threshold 0).
    theme_calibration_folds: int = 3
    signal_weight: float = 1.0
    min_slot_count: int = 20
    seed: int = 0
    # Theme models are independent, so they are fitted in parallel; two processes
    # keep a 10,000-row, 30-theme training well inside a minute on a small server.
    n_jobs: int = 2


def train_model(
    records: Sequence[TrainingRecord],
    theme_names: Sequence[str] | None = None,
    options: TrainingOptions | None = None,
) -> TrainedModel:
    """Train sentiment and theme models on labelled comments.

    The sentiment model is trained if any record has a sentiment, theme models if
    any record has themes. ``theme_names`` fixes which themes to learn (default:
    every theme seen in the records). Training is deterministic for given records
    and options.
    """
    from sklearn.linear_model import LogisticRegression  # training only: keep imports light

    opts = options or TrainingOptions()
    if not records:
        raise ValueError("no records to train on")
    started = time.perf_counter()
    prepared = prepare_texts([r.text for r in records], [r.kind for r in records])
    featuriser = TextFeaturiser.fit(
        prepared.tokens,
        min_df=opts.min_df,
        max_word_features=opts.max_word_features,
        max_char_features=opts.max_char_features,
        char_range=opts.char_range,
    )
    slot_counts = Counter(slot_key(r.question) for r in records if r.question)
    slots = sorted(s for s, n in slot_counts.items() if n >= opts.min_slot_count)
    model = TrainedModel(featuriser, slots, None, None)
    X = _design_matrix(model, prepared, [r.question for r in records], opts.signal_weight)
    blocks = _block_sizes(model)

    sentiment_rows = [i for i, r in enumerate(records) if r.sentiment]
    if sentiment_rows:
        for i in sentiment_rows:
            if records[i].sentiment not in SENTIMENT_LABELS:
                raise ValueError(f"unknown sentiment {records[i].sentiment!r}")
        y = np.array([records[i].sentiment for i in sentiment_rows])
        classifier = LogisticRegression(
            C=opts.sentiment_c,
            class_weight="balanced",
            max_iter=3000,
            tol=1e-3,
            random_state=opts.seed,
        )
        if len(set(y)) >= 2:
            classifier.fit(X[sentiment_rows], y)
            coef, intercept = _full_label_weights(classifier, X.shape[1])
        else:  # one label only: always predict it
            coef = np.zeros((X.shape[1], 3))
            intercept = np.where(np.array(SENTIMENT_LABELS) == y[0], 10.0, -10.0)
        model.sentiment = _head(list(SENTIMENT_LABELS), coef, intercept, np.zeros(3), blocks, opts)
        model.kind_counts = dict(Counter(records[i].kind for i in sentiment_rows))

    theme_rows = [i for i, r in enumerate(records) if r.themes is not None]
    names = (
        list(theme_names)
        if theme_names is not None
        else sorted({t for i in theme_rows for t in (records[i].themes or ())})
    )
    if theme_rows and names:
        X_themes = X[theme_rows]
        Y = np.array(
            [[name in (records[i].themes or ()) for name in names] for i in theme_rows], dtype=int
        )
        coef = np.zeros((X.shape[1], len(names)))
        intercept = np.zeros(len(names))
        thresholds = np.zeros(len(names))
        learnable = []
        for j in range(len(names)):
            positives = int(Y[:, j].sum())
            if positives == 0 or positives == len(Y):
                intercept[j] = 10.0 if positives else -10.0  # nothing to learn from
            else:
                learnable.append(j)
        folds = _calibration_folds(
            [prepared.normalised[i] for i in theme_rows], opts.theme_calibration_folds, opts.seed
        )
        fitted = _fit_themes(X_themes, Y, learnable, folds, opts)
        for j, theme in zip(learnable, fitted, strict=True):
            coef[:, j] = theme.weights
            intercept[j] = theme.bias
            thresholds[j] = theme.threshold
        model.themes = _head(names, coef, intercept, thresholds, blocks, opts)
        # Most labelled data gives every comment a theme; if so, always name the best one.
        model.themes_at_least_one = bool((Y.sum(axis=1) > 0).mean() >= 0.95)

    if model.sentiment is None and model.themes is None:
        raise ValueError("records have neither sentiments nor themes to learn")
    model.metadata = {
        "trained_at": _training_date(),
        "n_records": len(records),
        "n_sentiment_records": len(sentiment_rows),
        "n_theme_records": len(theme_rows),
        "training_seconds": round(time.perf_counter() - started, 1),
        "options": {k: getattr(opts, k) for k in opts.__dataclass_fields__},
        "scores": None,
    }
    return model


# A theme needs at least this many comments with it, and as many without it, for
# its calibration and threshold to be estimated rather than guessed.
MIN_CALIBRATION_EXAMPLES = 10


@dataclass(frozen=True)
class _ThemeFit:
    """One theme's linear weights and the score above which a comment has the theme."""

    weights: np.ndarray
    bias: float
    threshold: float


def _fit_theme(
    X: sparse.csr_matrix, y: np.ndarray, c: float, seed: int, balanced: bool
) -> tuple[np.ndarray, float]:
    from sklearn.svm import LinearSVC

    svc = LinearSVC(C=c, class_weight="balanced" if balanced else None, random_state=seed)
    svc.fit(X, y)
    return svc.coef_[0], float(svc.intercept_[0])


def _held_out_scores(
    X_train: sparse.csr_matrix,
    y_train: np.ndarray,
    X_held: sparse.csr_matrix,
    c: float,
    seed: int,
) -> np.ndarray:
    """Scores of held-back comments from a theme model trained without them."""
    weights, bias = _fit_theme(X_train, y_train, c, seed, balanced=False)
    return np.asarray(X_held @ weights).ravel() + bias


def _calibration_folds(
    texts: Sequence[str], n_folds: int, seed: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(training rows, held-back rows) for each internal fold; copies of a text stay together.

    A copy of a held-back comment among the training rows would make its score look
    better than a new comment's, and the threshold chosen from it too low.
    """
    distinct = sorted(set(texts))
    if n_folds < 2 or len(distinct) < 2 * n_folds:
        return []
    random.Random(seed).shuffle(distinct)
    fold_of = {text: k % n_folds for k, text in enumerate(distinct)}
    ids = np.array([fold_of[t] for t in texts])
    return [(np.flatnonzero(ids != k), np.flatnonzero(ids == k)) for k in range(n_folds)]


def _can_calibrate(y: np.ndarray, folds: list[tuple[np.ndarray, np.ndarray]]) -> bool:
    positives = int(y.sum())
    return (
        bool(folds)
        and min(positives, len(y) - positives) >= MIN_CALIBRATION_EXAMPLES
        and all(0 < y[train].sum() < len(train) for train, _ in folds)
    )


def _fit_themes(
    X: sparse.csr_matrix,
    Y: np.ndarray,
    columns: list[int],
    folds: list[tuple[np.ndarray, np.ndarray]],
    opts: TrainingOptions,
) -> list[_ThemeFit]:
    """One linear SVM per theme, calibrated and given an F1-best threshold where possible.

    For each theme with enough examples, models trained on part of the training data
    score the rest (``folds``), so every training comment gets a score from a model
    that did not see it. Those scores fix a sigmoid that turns the full model's
    scores into log-odds (Platt scaling), and the threshold that gives the best F1
    on them. Rare themes are hard to find at threshold 0, so before thresholds they
    needed balanced class weights; a calibrated theme does not, and fits faster
    without. A theme too rare to calibrate keeps balanced weights and threshold 0.
    All fits are independent, so they run in parallel processes when there are several.
    """
    calibrated = [j for j in columns if _can_calibrate(Y[:, j], folds)]
    full_jobs = [
        (_fit_theme, (X, Y[:, j], opts.theme_c, opts.seed, j not in calibrated)) for j in columns
    ]
    fold_parts = [(X[train], X[held]) for train, held in folds]
    held_jobs = [
        (_held_out_scores, (X_train, Y[train, j], X_held, opts.theme_c, opts.seed))
        for j in calibrated
        for (train, _), (X_train, X_held) in zip(folds, fold_parts, strict=True)
    ]
    jobs = full_jobs + held_jobs
    if opts.n_jobs > 1 and len(jobs) >= 4:
        from joblib import Parallel, delayed

        results = Parallel(n_jobs=opts.n_jobs)(delayed(fn)(*args) for fn, args in jobs)
    else:
        results = [fn(*args) for fn, args in jobs]
    full = dict(zip(columns, results[: len(columns)], strict=True))
    held = iter(results[len(columns) :])
    out_of_fold = {}
    for j in calibrated:
        scores = np.empty(len(Y))
        for _, held_rows in folds:
            scores[held_rows] = next(held)
        out_of_fold[j] = scores

    fits = []
    for j in columns:
        weights, bias = full[j]
        if j not in out_of_fold:
            fits.append(_ThemeFit(weights, bias, 0.0))
            continue
        scale, shift = platt_scaling(out_of_fold[j], Y[:, j])
        if scale <= 0:  # the scores do not rank comments with the theme higher: no calibration
            fits.append(_ThemeFit(weights, bias, 0.0))
            continue
        threshold = best_f1_threshold(scale * out_of_fold[j] + shift, Y[:, j])
        fits.append(_ThemeFit(weights * scale, bias * scale + shift, threshold))
    return fits


def platt_scaling(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """``(a, b)`` such that ``1 / (1 + exp(-(a * score + b)))`` is the chance of the label.

    Platt's method: a one-feature logistic regression, fitted by Newton's method, with
    targets pulled slightly towards 1/2 (Platt 1999) so that a few examples, or
    perfectly separated ones, do not give an infinite slope.
    """
    s = np.asarray(scores, dtype=np.float64)
    positives = float(np.sum(y))
    negatives = len(s) - positives
    target = np.where(np.asarray(y) > 0, (positives + 1) / (positives + 2), 1 / (negatives + 2))

    def loss(a: float, b: float) -> float:
        z = a * s + b
        return float(np.sum(np.logaddexp(0, z) - target * z))

    a, b = 0.0, float(np.log((positives + 1) / (negatives + 1)))
    current = loss(a, b)
    for _ in range(100):
        p = 1 / (1 + np.exp(-(a * s + b)))
        residual = p - target
        gradient = np.array([residual @ s, residual.sum()])
        w = p * (1 - p)
        hessian = np.array([[w @ (s * s), w @ s], [w @ s, w.sum()]]) + 1e-12 * np.eye(2)
        step = np.linalg.solve(hessian, gradient)
        rate = 1.0
        while rate > 1e-6 and loss(a - rate * step[0], b - rate * step[1]) > current:
            rate /= 2  # Newton overshoots on badly scaled scores: take a shorter step
        a, b = a - rate * step[0], b - rate * step[1]
        previous, current = current, loss(a, b)
        if previous - current < 1e-10 * max(1.0, abs(previous)):
            break
    return float(a), float(b)


def best_f1_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    """The threshold that gives the best F1 when a comment has the label if score > threshold.

    Tries every cut between two neighbouring distinct scores, and returns the point
    halfway between them. If several cuts give the same F1, the highest is used
    (fewer comments tagged for the same F1). Labels with no positive example get
    a threshold above every score.
    """
    s = np.asarray(scores, dtype=np.float64)
    truth = np.asarray(y) > 0
    if not truth.any():
        return float(s.max() + 1.0) if len(s) else 0.0
    order = np.argsort(-s, kind="stable")
    ranked = s[order]
    true_positives = np.cumsum(truth[order])
    tagged = np.arange(1, len(s) + 1)
    f1 = 2 * true_positives / (tagged + truth.sum())
    # A cut is only possible after the last of a run of equal scores.
    f1[:-1][ranked[:-1] == ranked[1:]] = -1.0
    best = int(np.argmax(f1))
    below = ranked[best + 1] if best + 1 < len(ranked) else ranked[best] - 1.0
    return float((ranked[best] + below) / 2)


def _training_date() -> str:
    """Now, or SOURCE_DATE_EPOCH if set, so a rebuilt model file can be byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (
        datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else datetime.now(UTC)
    )
    return when.isoformat(timespec="seconds")


def _block_sizes(model: TrainedModel) -> tuple[int, int, int, int]:
    from .sentiment import SIGNAL_FEATURES

    return (
        len(model.featuriser.words),
        len(model.featuriser.chars),
        len(SIGNAL_FEATURES),
        len(model.slots),
    )


def _design_matrix(
    model: TrainedModel,
    prepared: PreparedTexts,
    questions: Sequence[str | None],
    signal_weight: float,
) -> sparse.csr_matrix:
    from scipy import sparse  # training only

    words, chars = (m.tocsr() for m in model.featuriser.matrices(prepared.tokens))
    slots = model.slot_indices(questions)
    rows = np.flatnonzero(slots >= 0)
    slot_matrix = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, slots[rows])), shape=(len(questions), len(model.slots))
    )
    signals = sparse.csr_matrix(prepared.signal_matrix * signal_weight)
    return sparse.hstack([words, chars, signals, slot_matrix], format="csr")


def _full_label_weights(classifier: Any, n_features: int) -> tuple[np.ndarray, np.ndarray]:
    """Weights for all three sentiment labels, even if the training data lacked one."""
    coef = np.zeros((n_features, 3))
    intercept = np.full(3, -10.0)
    classes = list(classifier.classes_)
    raw_coef = classifier.coef_
    raw_intercept = classifier.intercept_
    if len(classes) == 2:  # binary logistic regression: one row for the second class
        raw_coef = np.vstack([-raw_coef[0] / 2, raw_coef[0] / 2])
        raw_intercept = np.array([-raw_intercept[0] / 2, raw_intercept[0] / 2])
    for k, label in enumerate(classes):
        j = SENTIMENT_LABELS.index(label)
        coef[:, j] = raw_coef[k]
        intercept[j] = raw_intercept[k]
    return coef, intercept


def _head(
    labels: list[str],
    coef: np.ndarray,
    intercept: np.ndarray,
    thresholds: np.ndarray,
    blocks: tuple[int, int, int, int],
    opts: TrainingOptions,
) -> LinearHead:
    """Split a stacked weight matrix back into the feature blocks."""
    n_words, n_chars, n_signals, _ = blocks
    a, b, c = n_words, n_words + n_chars, n_words + n_chars + n_signals
    return LinearHead(
        labels=labels,
        coef_words=coef[:a],
        coef_chars=coef[a:b],
        # Signals were scaled for training; fold the scale into the weights.
        coef_signals=coef[b:c] * opts.signal_weight,
        coef_slots=coef[c:],
        intercept=np.asarray(intercept, dtype=np.float64),
        thresholds=thresholds,
    )


# --- scoring ---------------------------------------------------------------------
def evaluate(
    model: TrainedModel | Engine,
    records: Sequence[TrainingRecord],
    theme_names: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Per-label precision, recall, F1 and support, and macro F1, on labelled records.

    Sentiment is scored on records with a sentiment, themes on records with themes.
    Macro F1 averages the labels that occur in the records (a label nobody used
    cannot be recalled). ``theme_names`` defaults to the model's themes.
    """
    from .engine import Engine

    engine = model if isinstance(model, Engine) else Engine(model=model)
    if theme_names is None:
        theme_names = (
            engine.model.theme_names
            if engine.model
            else sorted({t for r in records if r.themes for t in r.themes})
        )
    analyses = engine.analyse_many(
        [r.text for r in records],
        question_kinds=[r.kind for r in records],
        questions=[r.question for r in records],
    )
    scores: dict[str, Any] = {"n_records": len(records)}
    sentiment_pairs = [
        (r.sentiment, a.sentiment) for r, a in zip(records, analyses, strict=False) if r.sentiment
    ]
    if sentiment_pairs:
        truth, predicted = zip(*sentiment_pairs, strict=True)
        scores["sentiment"] = sentiment_scores(truth, predicted)
    theme_pairs = [
        (r.themes, set(a.themes))
        for r, a in zip(records, analyses, strict=False)
        if r.themes is not None
    ]
    if theme_pairs and theme_names:
        scores["themes"] = _label_scores(
            {
                name: ([name in t for t, _ in theme_pairs], [name in p for _, p in theme_pairs])
                for name in theme_names
            }
        )
    return scores


def sentiment_scores(truth: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Per-label scores, macro F1 and accuracy of sentiment labels, as :func:`evaluate` gives them.

    For scoring predictions made elsewhere, for example pooled over several folds.
    """
    if len(truth) != len(predicted):
        raise ValueError("truth and predicted must be as long as each other")
    scores = _label_scores(
        {
            label: ([t == label for t in truth], [p == label for p in predicted])
            for label in SENTIMENT_LABELS
        }
    )
    scores["accuracy"] = (
        round(float(np.mean([t == p for t, p in zip(truth, predicted, strict=True)])), 4)
        if truth
        else 0.0
    )
    return scores


def _label_scores(columns: dict[str, tuple[list[bool], list[bool]]]) -> dict[str, Any]:
    labels: dict[str, dict[str, float]] = {}
    for label, (truth, predicted) in columns.items():
        t = np.asarray(truth, dtype=bool)
        p = np.asarray(predicted, dtype=bool)
        tp = int((t & p).sum())
        precision = tp / p.sum() if p.sum() else 0.0
        recall = tp / t.sum() if t.sum() else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        labels[label] = {
            "precision": round(float(precision), 4),
            "recall": round(float(recall), 4),
            "f1": round(float(f1), 4),
            "support": int(t.sum()),
        }
    present = [v["f1"] for v in labels.values() if v["support"] > 0]
    return {
        "labels": labels,
        "macro_f1": round(float(np.mean(present)), 4) if present else 0.0,
        "n": len(next(iter(columns.values()))[0]) if columns else 0,
    }


def is_not_worse(
    new_scores: dict[str, Any], current_scores: dict[str, Any] | None, tolerance: float = 0.0
) -> bool:
    """True if a new model scores at least as well as the live one on the same records.

    Compares macro F1 for sentiment and for themes, wherever the live model has a
    score; a new model that cannot do something the live one could is worse. With
    no live scores any new model is accepted. ``tolerance`` allows for a drop that
    small (for example 0.005) to count as "not worse".
    """
    if not current_scores:
        return True
    for part in ("sentiment", "themes"):
        current = (current_scores.get(part) or {}).get("macro_f1")
        if current is None:
            continue
        new = (new_scores.get(part) or {}).get("macro_f1")
        if new is None or new < current - tolerance:
            return False
    return True


def split_holdout(
    records: Iterable[TrainingRecord], fraction: float = 0.2, seed: int = 0
) -> tuple[list[TrainingRecord], list[TrainingRecord]]:
    """Split records into (train, held back), the same way every time for the same seed.

    Records with identical text go to the same side, so a comment never counts as
    "unseen" because a copy of it was trained on.
    """
    if not 0 < fraction < 1:
        raise ValueError("fraction must be between 0 and 1")
    records = list(records)
    texts = sorted({" ".join(r.text.lower().split()) for r in records})
    random.Random(seed).shuffle(texts)
    held_texts = set(texts[: max(1, round(len(texts) * fraction))])
    train, held = [], []
    for r in records:
        (held if " ".join(r.text.lower().split()) in held_texts else train).append(r)
    return train, held
