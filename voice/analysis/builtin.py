"""Rebuild the model shipped inside the package from the NHS Friends and Family Test data.

    make model
    # which runs:
    python -m voice.analysis.builtin /work/shared/data/nhs_fft_phase1.csv \\
        --output voice/analysis/model

The NHS file labels each comment with a *criticality* (-4 .. +4) rather than a
sentiment, and a few rows hold malformed values ("-o", "NA", "SS"). This script
turns criticality into a sentiment column (below 0 negative, 0 neutral, above 0
positive; malformed values left empty, so those rows are not used for sentiment),
writes that as an ordinary CSV and trains it with the project's own command::

    voice analyse train --input prepared.csv --text-column feedback \\
        --question-column question --sentiment-column sentiment --output DIR

It then measures the model's development figures on the same file -- trained on two
trusts and scored on the third, and by 5-fold cross-validation -- and records them
in the model's metadata under ``development_figures``, where the app's analysis page
shows them. That trains eight more models and takes about a minute.

Training is deterministic: the same data gives a model with the same version.
"""

from __future__ import annotations

import csv
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from .cli import train_command
from .data import DataError, NhsComment, load_nhs_fft
from .engine import RULES_FILE, Engine
from .models import TrainedModel
from .training import TrainingRecord, sentiment_scores, train_model

__all__ = [
    "development_figures",
    "main",
    "prepare_nhs_csv",
    "same_source_predictions",
    "unseen_trust_predictions",
]

_FOLDS = 5
_SEED = 0


def prepare_nhs_csv(source: str | Path, target: str | Path) -> tuple[int, int]:
    """Write ``feedback,question,sentiment`` rows; return (rows, rows with a sentiment)."""
    comments = load_nhs_fft(source)
    labelled = 0
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["feedback", "question", "sentiment"])
        for c in comments:
            writer.writerow([c.text, c.question, c.sentiment or ""])
            labelled += c.sentiment is not None
    return len(comments), labelled


def _records(comments: Sequence[NhsComment]) -> list[TrainingRecord]:
    return [TrainingRecord(c.text, question=c.question, sentiment=c.sentiment) for c in comments]


def _predict(model: TrainedModel, comments: Sequence[NhsComment]) -> list[str]:
    analyses = Engine(model=model).analyse_many(
        [c.text for c in comments], questions=[c.question for c in comments]
    )
    return [a.sentiment for a in analyses]


def unseen_trust_predictions(comments: Sequence[NhsComment]) -> dict[int, str]:
    """Sentiment of every labelled comment from a model that never saw its trust.

    For each trust, the built-in engine is trained on the other trusts' comments and
    predicts this one's. Returns the predicted label by file row.
    """
    usable = [c for c in comments if c.sentiment]
    predicted: dict[int, str] = {}
    for trust in sorted({c.organization for c in usable}):
        train = [c for c in usable if c.organization != trust]
        test = [c for c in usable if c.organization == trust]
        model = train_model(_records(train))
        predicted.update(zip((c.row for c in test), _predict(model, test), strict=True))
    return predicted


def same_source_predictions(comments: Sequence[NhsComment]) -> dict[int, str]:
    """Sentiment of every labelled comment by stratified 5-fold cross-validation.

    Copies of a comment (same words, ignoring case and punctuation) stay in one fold,
    so no comment is scored by a model that was trained on its twin.
    """
    from sklearn.model_selection import StratifiedGroupKFold  # training only

    usable = [c for c in comments if c.sentiment]
    groups = [re.sub(r"\W+", " ", c.text.lower()).strip() for c in usable]
    truth = [c.sentiment for c in usable]
    predicted: dict[int, str] = {}
    folds = StratifiedGroupKFold(n_splits=_FOLDS, shuffle=True, random_state=_SEED)
    for train_idx, test_idx in folds.split(groups, truth, groups):
        model = train_model(_records([usable[i] for i in train_idx]))
        test = [usable[i] for i in test_idx]
        predicted.update(zip((c.row for c in test), _predict(model, test), strict=True))
    return predicted


def development_figures(comments: Sequence[NhsComment]) -> dict[str, Any]:
    """The built-in engine's sentiment figures on the NHS file, in :func:`evaluate`'s shape.

    ``sentiment`` is the stricter figure (a trust the model never saw, predictions of
    all three rotations pooled); ``sentiment_same_source`` is 5-fold cross-validation.
    """
    usable = [c for c in comments if c.sentiment]
    truth = [c.sentiment or "" for c in usable]
    unseen = unseen_trust_predictions(usable)
    same = same_source_predictions(usable)
    return {
        "sentiment": sentiment_scores(truth, [unseen[c.row] for c in usable]),
        "sentiment_same_source": sentiment_scores(truth, [same[c.row] for c in usable]),
        "note": (
            "Development figures on the NHS Friends and Family Test file"
            " (nhs_fft_phase1.csv; criticality below 0 negative, 0 neutral, above 0"
            " positive). 'sentiment': trained on two trusts, scored on the third, all three"
            " rotations pooled. 'sentiment_same_source': stratified 5-fold"
            " cross-validation. Nearly every neutral label comes from one trust, which"
            " marked plain praise as neutral, so the neutral score is low by construction."
            " Not a guarantee on other feedback: measure on your own corrections."
        ),
        "command": "make model",
    }


@click.command()
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("--output", required=True, help="Model directory to write.")
def main(source: str, output: str) -> None:
    """Prepare SOURCE (nhs_fft_phase1.csv), train the built-in model and record its figures."""
    with tempfile.TemporaryDirectory() as tmp:
        prepared = Path(tmp) / "nhs_prepared.csv"
        try:
            rows, labelled = prepare_nhs_csv(source, prepared)
        except DataError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        click.echo(f"{rows} comments, {labelled} with a usable criticality")
        train_command.main(
            args=[
                "--input",
                str(prepared),
                "--text-column",
                "feedback",
                "--question-column",
                "question",
                "--sentiment-column",
                "sentiment",
                "--output",
                output,
            ],
            prog_name="voice analyse train",
            standalone_mode=False,
        )
    # The shipped engine always uses the package's current rules (Engine.default), so
    # the snapshot of rules the train command saves is left out: it would go stale.
    (Path(output) / RULES_FILE).unlink(missing_ok=True)

    click.echo("measuring development figures (unseen trust, then 5-fold)...")
    figures = development_figures(load_nhs_fft(source))
    model = TrainedModel.load(output)
    model.metadata["development_figures"] = figures
    model.save(output)  # the weights are unchanged, and so is the model's version
    for key in ("sentiment", "sentiment_same_source"):
        block = figures[key]
        per_label = ", ".join(f"{k} {v['f1']:.3f}" for k, v in block["labels"].items())
        click.echo(f"{key}: macro F1 {block['macro_f1']:.3f} [{per_label}]")


if __name__ == "__main__":
    main()
