"""Rebuild the model shipped inside the package from the NHS Friends and Family Test data.

    python -m voice.analysis.builtin /work/shared/data/nhs_fft_phase1.csv \\
        --output voice/analysis/model

The NHS file labels each comment with a *criticality* (-4 .. +4) rather than a
sentiment, and a few rows hold malformed values ("-o", "NA", "SS"). This script
turns criticality into a sentiment column (below 0 negative, 0 neutral, above 0
positive; malformed values left empty, so those rows are not used for sentiment),
writes that as an ordinary CSV and trains it with the project's own command::

    voice analyse train --input prepared.csv --text-column feedback \\
        --question-column question --sentiment-column sentiment --output DIR

Training is deterministic: the same data gives a model with the same version.
"""

from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path

import click

from .cli import train_command
from .data import DataError, load_nhs_fft
from .engine import RULES_FILE

__all__ = ["main", "prepare_nhs_csv"]


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


@click.command()
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("--output", required=True, help="Model directory to write.")
def main(source: str, output: str) -> None:
    """Prepare SOURCE (nhs_fft_phase1.csv) and train the built-in sentiment model."""
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


if __name__ == "__main__":
    main()
