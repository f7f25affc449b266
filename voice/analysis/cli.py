"""``voice analyse`` -- predict, train and evaluate from the command line.

The command-line contract (other tools depend on it)::

    voice analyse predict  --input FILE.csv --text-column NAME [--question-column NAME]
                           [--model DIR] --output FILE.csv
    voice analyse train    --input FILE.csv --text-column NAME [--question-column NAME]
                           [--sentiment-column NAME --sentiment-values "1=positive,..."]
                           [--theme-column NAME]... --output DIR
    voice analyse evaluate (as train, plus --model DIR; prints per-label and macro scores)

Problems with the input give one line on stderr naming the row and column, and exit
status 2. This module is a plain ``click`` group with no Flask import: the app's
``voice`` command registers it (``add_command(analyse)``); during development run
``python -m voice.analysis.cli``.
"""

from __future__ import annotations

import csv
import functools
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from .data import DataError, Table, read_csv
from .engine import RULES_FILE, Engine
from .models import ModelFormatError
from .sentiment import SENTIMENT_LABELS
from .themes import RuleError, rules_to_json
from .training import TrainingRecord, evaluate, train_model

__all__ = ["analyse", "analyse_group", "main", "parse_sentiment_values"]

OUTPUT_COLUMNS = (
    "sentiment",
    "sentiment_score",
    "themes",
    "safeguarding",
    "safeguarding_reasons",
    "redacted_text",
)
_BATCH = 5_000
_TRUE = frozenset({"1", "1.0", "true", "yes", "y", "t"})
_FALSE = frozenset({"", "0", "0.0", "false", "no", "n", "f"})

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def _one_line_errors(func: F) -> F:
    """Turn every failure into one line on stderr and exit status 2 -- never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (DataError, ModelFormatError, RuleError) as exc:
            _fail(str(exc))
        except OSError as exc:
            _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
        except ValueError as exc:
            _fail(str(exc))
        except Exception as exc:  # noqa: BLE001 -- the contract promises no tracebacks
            _fail(f"unexpected problem ({type(exc).__name__}: {exc})")

    return wrapper  # type: ignore[return-value]


def parse_sentiment_values(spec: str) -> dict[str, str]:
    """Parse ``"1=positive,2=positive,3=neutral"`` into a cell value -> label mapping.

    Values are matched ignoring case and surrounding spaces. Raises ValueError if
    the mapping is malformed or names a label other than positive/neutral/negative.
    """
    mapping: dict[str, str] = {}
    for part in spec.split(","):
        if not part.strip():
            continue
        value, sep, label = part.partition("=")
        value, label = value.strip().lower(), label.strip().lower()
        if not sep or not label:
            raise ValueError(f'--sentiment-values: "{part.strip()}" is not VALUE=LABEL')
        if label not in SENTIMENT_LABELS:
            raise ValueError(f'--sentiment-values: "{label}" is not positive, neutral or negative')
        if value in mapping and mapping[value] != label:
            raise ValueError(f'--sentiment-values: "{value}" is given two labels')
        mapping[value] = label
    if not mapping:
        raise ValueError("--sentiment-values is empty")
    return mapping


def _records(
    table: Table,
    text_column: str,
    question_column: str | None,
    sentiment_column: str | None,
    sentiment_values: dict[str, str] | None,
    theme_columns: Sequence[str],
) -> list[TrainingRecord]:
    """Labelled records from a table, checking every cell that carries a label."""
    needed = [text_column, *filter(None, [question_column, sentiment_column]), *theme_columns]
    table.require(needed)
    mapping = sentiment_values or {label: label for label in SENTIMENT_LABELS}
    records = []
    for row_number, row in table:
        sentiment = None
        if sentiment_column:
            cell = row[sentiment_column].strip().lower()
            if cell:
                sentiment = mapping.get(cell)
                if sentiment is None:
                    known = ", ".join(sorted(mapping))
                    raise DataError(
                        f'unknown sentiment value "{row[sentiment_column].strip()}" '
                        f"(expected one of: {known})",
                        row=row_number,
                        column=sentiment_column,
                    )
        themes = None
        if theme_columns:
            present = set()
            for name in theme_columns:
                cell = row[name].strip().lower()
                if cell in _TRUE:
                    present.add(name)
                elif cell not in _FALSE:
                    raise DataError(
                        f'theme cell must be 0 or 1, not "{row[name].strip()}"',
                        row=row_number,
                        column=name,
                    )
            themes = frozenset(present)
        records.append(
            TrainingRecord(
                text=row[text_column],
                question=row[question_column] if question_column else None,
                sentiment=sentiment,
                themes=themes,
            )
        )
    return records


def _label_inputs(
    sentiment_column: str | None, sentiment_values: str | None, theme_columns: Sequence[str]
) -> dict[str, str] | None:
    if sentiment_values and not sentiment_column:
        raise ValueError("--sentiment-values needs --sentiment-column")
    if not sentiment_column and not theme_columns:
        raise ValueError("nothing to learn from: give --sentiment-column and/or --theme-column")
    if len(set(theme_columns)) != len(theme_columns):
        raise ValueError("a --theme-column is given twice")
    return parse_sentiment_values(sentiment_values) if sentiment_values else None


@click.group(name="analyse")
def analyse_group() -> None:
    """Analyse young people's comments: sentiment, themes, safeguarding, redaction."""


@analyse_group.command("predict")
@click.option("--input", "input_path", required=True, help="CSV file with a header row.")
@click.option("--text-column", required=True, help="Column holding the comments.")
@click.option("--question-column", help="Column holding each comment's question.")
@click.option("--model", "model_dir", help="Model directory (default: the built-in engine).")
@click.option("--output", "output_path", required=True, help="CSV file to write.")
@_one_line_errors
def predict_command(
    input_path: str,
    text_column: str,
    question_column: str | None,
    model_dir: str | None,
    output_path: str,
) -> None:
    """Add sentiment, themes, safeguarding and redacted text to every row."""
    table = read_csv(input_path)
    table.require([text_column, *([question_column] if question_column else [])])
    engine = Engine.load(model_dir) if model_dir else Engine.default()
    columns = list(table.columns) + [c for c in OUTPUT_COLUMNS if c not in table.columns]
    rows = _predicted_rows(engine, table.rows, text_column, question_column)
    _write_csv(output_path, columns, rows)
    flagged = sum(1 for r in rows if r["safeguarding"] == "1")
    click.echo(
        f"analysed {len(rows)} rows with {engine.version}; {flagged} flagged for safeguarding;"
        f" wrote {output_path}"
    )


def _predicted_rows(
    engine: Engine, rows: list[dict[str, str]], text_column: str, question_column: str | None
) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for start in range(0, len(rows), _BATCH):
        chunk = rows[start : start + _BATCH]
        questions = [r[question_column] for r in chunk] if question_column else None
        analyses = engine.analyse_many([r[text_column] for r in chunk], questions=questions)
        for row, a in zip(chunk, analyses, strict=True):
            out.append(
                {
                    **row,
                    "sentiment": a.sentiment,
                    "sentiment_score": f"{a.sentiment_score:.4f}",
                    "themes": "|".join(a.themes),
                    "safeguarding": "1" if a.safeguarding else "0",
                    # why, as reason codes separated by | (docs/analysis.md lists them)
                    "safeguarding_reasons": "|".join(a.safeguarding_reasons),
                    "redacted_text": a.redacted_text,
                }
            )
    return out


def _write_csv(path: str, columns: list[str], rows: list[dict[str, str]]) -> None:
    """Write atomically, so a failed run never leaves half a file."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=".voice-", suffix=".csv", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _label_options(func: F) -> F:
    options = [
        click.option("--input", "input_path", required=True, help="CSV file with a header row."),
        click.option("--text-column", required=True, help="Column holding the comments."),
        click.option("--question-column", help="Column holding each comment's question."),
        click.option("--sentiment-column", help="Column holding each comment's sentiment."),
        click.option(
            "--sentiment-values",
            help='How sentiment cells map to labels, e.g. "1=positive,3=neutral,5=negative".',
        ),
        click.option(
            "--theme-column",
            "theme_columns",
            multiple=True,
            help="A 0/1 column; its name is the theme's name. Repeat for each theme.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@analyse_group.command("train")
@_label_options
@click.option("--output", "output_dir", required=True, help="Directory to save the model in.")
@_one_line_errors
def train_command(
    input_path: str,
    text_column: str,
    question_column: str | None,
    sentiment_column: str | None,
    sentiment_values: str | None,
    theme_columns: tuple[str, ...],
    output_dir: str,
) -> None:
    """Train a sentiment and/or theme model from labelled comments."""
    mapping = _label_inputs(sentiment_column, sentiment_values, theme_columns)
    table = read_csv(input_path)
    records = _records(
        table, text_column, question_column, sentiment_column, mapping, theme_columns
    )
    if sentiment_column and not theme_columns and not any(r.sentiment for r in records):
        raise DataError("every sentiment cell is empty", column=sentiment_column)
    started = time.perf_counter()
    model = train_model(records, theme_names=list(theme_columns) or None)
    path = model.save(output_dir)
    (path / RULES_FILE).write_text(rules_to_json(Engine().rules) + "\n", encoding="utf-8")
    n_sentiment = sum(1 for r in records if r.sentiment)
    click.echo(
        f"trained on {len(records)} rows ({n_sentiment} with sentiment, "
        f"{len(theme_columns)} theme columns) in {time.perf_counter() - started:.1f}s;"
        f" saved model {model.version} to {path}"
    )


@analyse_group.command("evaluate")
@_label_options
@click.option("--model", "model_dir", required=True, help="Model directory to score.")
@_one_line_errors
def evaluate_command(
    input_path: str,
    text_column: str,
    question_column: str | None,
    sentiment_column: str | None,
    sentiment_values: str | None,
    theme_columns: tuple[str, ...],
    model_dir: str,
) -> None:
    """Print per-label precision, recall and F1, and macro F1, of a model on labelled comments."""
    mapping = _label_inputs(sentiment_column, sentiment_values, theme_columns)
    engine = Engine.load(model_dir)
    known = set(engine.model.theme_names if engine.model else []) | set(engine.rules.themes)
    for name in theme_columns:
        if name not in known:
            raise DataError("the model was not trained for this theme", row=1, column=name)
    table = read_csv(input_path)
    records = _records(
        table, text_column, question_column, sentiment_column, mapping, theme_columns
    )
    scores = evaluate(engine, records, theme_names=list(theme_columns))
    click.echo(_format_scores(scores, engine.version))


def _format_scores(scores: dict[str, Any], version: str) -> str:
    lines = [f"model {version}, {scores['n_records']} rows"]
    for part in ("sentiment", "themes"):
        if part not in scores:
            continue
        block = scores[part]
        lines.append("")
        lines.append(f"{part} ({block['n']} labelled rows)")
        width = max(12, *(len(label) for label in block["labels"])) + 2
        lines.append(
            f"  {'label':<{width}}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}"
        )
        for label, s in block["labels"].items():
            lines.append(
                f"  {label:<{width}}{s['precision']:>10.3f}{s['recall']:>10.3f}"
                f"{s['f1']:>10.3f}{s['support']:>10d}"
            )
        lines.append(f"  {'macro F1':<{width}}{block['macro_f1']:>30.3f}")
        if "accuracy" in block:
            lines.append(f"  {'accuracy':<{width}}{block['accuracy']:>30.3f}")
    return "\n".join(lines)


# The name the app's ``voice`` command registers.
analyse = analyse_group


def main(argv: Sequence[str] | None = None) -> None:
    """Run the ``analyse`` commands standalone (``python -m voice.analysis.cli``)."""
    analyse_group.main(args=list(argv) if argv is not None else None, prog_name="voice analyse")


if __name__ == "__main__":
    main()
