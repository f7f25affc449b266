"""The `voice analyse` command-line contract, end to end."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from analysis_testdata import synthetic_rows, write_csv
from click.testing import CliRunner

from voice.analysis.cli import analyse_group


def run(*args: str):
    return CliRunner().invoke(analyse_group, list(args))


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def assert_one_line_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.fixture()
def comments_csv(tmp_path):
    rows = [
        {"id": "1", "question": "What could we do better?", "text": "Nothing."},
        {"id": "2", "question": "What was good?", "text": "Nothing."},
        {"id": "3", "question": "Anything else?", "text": ""},
        {"id": "4", "question": "Anything else?", "text": "my worker Sarah was rude, 07700 900123"},
        {"id": "5", "question": "Anything else?", "text": "i dont feel safe at home"},
    ]
    return write_csv(tmp_path / "comments.csv", rows)


@pytest.fixture(scope="module")
def labelled_csv(tmp_path_factory):
    return write_csv(tmp_path_factory.mktemp("data") / "labelled.csv", synthetic_rows())


@pytest.fixture(scope="module")
def trained_dir(labelled_csv, tmp_path_factory):
    out = tmp_path_factory.mktemp("model") / "m"
    result = run(
        "train",
        "--input",
        str(labelled_csv),
        "--text-column",
        "comment",
        "--question-column",
        "question",
        "--sentiment-column",
        "rating",
        "--sentiment-values",
        "1=positive,2=positive,3=neutral,4=negative,5=negative",
        "--theme-column",
        "waiting",
        "--theme-column",
        "staff",
        "--output",
        str(out),
    )
    assert result.exit_code == 0, result.output
    return out


def test_predict_writes_every_input_column_plus_the_analysis(comments_csv, tmp_path):
    out = tmp_path / "out.csv"
    result = run(
        "predict",
        "--input",
        str(comments_csv),
        "--text-column",
        "text",
        "--question-column",
        "question",
        "--output",
        str(out),
    )
    assert result.exit_code == 0, result.output
    rows = read(out)
    assert list(rows[0]) == [
        "id",
        "question",
        "text",
        "sentiment",
        "sentiment_score",
        "themes",
        "safeguarding",
        "safeguarding_reasons",
        "redacted_text",
    ]
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert rows[0]["sentiment"] == "positive"  # "Nothing." to what could be better
    assert rows[1]["sentiment"] == "negative"  # "Nothing." to what was good
    assert rows[2]["sentiment"] == "neutral" and rows[2]["themes"] == ""  # empty text still there
    assert rows[3]["redacted_text"] == "my worker [name] was rude, [phone]"
    assert "staff_attitude" in rows[3]["themes"].split("|")
    assert [r["safeguarding"] for r in rows] == ["0", "0", "0", "0", "1"]
    # the command line tells why (issue 12)
    assert [r["safeguarding_reasons"] for r in rows] == ["", "", "", "", "unsafe_at_home"]
    assert -1 <= float(rows[3]["sentiment_score"]) <= 1


def test_predict_with_a_trained_model(comments_csv, trained_dir, tmp_path):
    out = tmp_path / "out.csv"
    result = run(
        "predict",
        "--input",
        str(comments_csv),
        "--text-column",
        "text",
        "--model",
        str(trained_dir),
        "--output",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert len(read(out)) == 5


def test_train_then_evaluate_prints_per_label_and_macro_scores(labelled_csv, trained_dir):
    assert (trained_dir / "model.json").exists()
    result = run(
        "evaluate",
        "--input",
        str(labelled_csv),
        "--text-column",
        "comment",
        "--question-column",
        "question",
        "--sentiment-column",
        "rating",
        "--sentiment-values",
        "1=positive,3=neutral,5=negative",
        "--theme-column",
        "waiting",
        "--theme-column",
        "staff",
        "--model",
        str(trained_dir),
    )
    assert result.exit_code == 0, result.output
    for word in (
        "sentiment",
        "themes",
        "positive",
        "negative",
        "neutral",
        "waiting",
        "staff",
        "precision",
        "recall",
        "f1",
        "macro F1",
    ):
        assert word in result.stdout


def test_train_accepts_empty_sentiment_and_empty_theme_cells(tmp_path):
    rows = synthetic_rows()
    for row in rows[::3]:
        row["rating"] = ""
        row["waiting"] = ""
    data = write_csv(tmp_path / "d.csv", rows)
    result = run(
        "train",
        "--input",
        str(data),
        "--text-column",
        "comment",
        "--sentiment-column",
        "rating",
        "--sentiment-values",
        "1=positive,3=neutral,5=negative",
        "--theme-column",
        "waiting",
        "--output",
        str(tmp_path / "m"),
    )
    assert result.exit_code == 0, result.output


def test_train_with_plain_labels_and_no_mapping(tmp_path):
    labels = {"1": "positive", "3": "neutral", "5": "negative"}
    rows = [
        {"text": r["comment"], "sentiment": labels[r["rating"]].upper()} for r in synthetic_rows()
    ]
    data = write_csv(tmp_path / "d.csv", rows)
    result = run(
        "train",
        "--input",
        str(data),
        "--text-column",
        "text",
        "--sentiment-column",
        "sentiment",
        "--output",
        str(tmp_path / "m"),
    )
    assert result.exit_code == 0, result.output


# --- every bad input: one line naming the row and column, exit status 2 -------------------
def test_missing_text_column(comments_csv, tmp_path):
    result = run(
        "predict",
        "--input",
        str(comments_csv),
        "--text-column",
        "comment",
        "--output",
        str(tmp_path / "o.csv"),
    )
    assert_one_line_error(result, "row 1", 'column "comment"', "no such column")


def test_missing_question_column(comments_csv, tmp_path):
    result = run(
        "predict",
        "--input",
        str(comments_csv),
        "--text-column",
        "text",
        "--question-column",
        "q",
        "--output",
        str(tmp_path / "o.csv"),
    )
    assert_one_line_error(result, 'column "q"')


def test_malformed_csv_ragged_row(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,text\n1,fine\n2,too,many,cells\n", encoding="utf-8")
    result = run(
        "predict", "--input", str(bad), "--text-column", "text", "--output", str(tmp_path / "o.csv")
    )
    assert_one_line_error(result, "row 3")
    assert not (tmp_path / "o.csv").exists()


def test_malformed_csv_bad_quoting(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text('id,text\n1,"fine"\n2,"broken"quote\n', encoding="utf-8")
    result = run(
        "predict", "--input", str(bad), "--text-column", "text", "--output", str(tmp_path / "o.csv")
    )
    assert_one_line_error(result, "row 3", "malformed CSV")


def test_empty_file(tmp_path):
    bad = tmp_path / "empty.csv"
    bad.write_text("", encoding="utf-8")
    result = run(
        "predict", "--input", str(bad), "--text-column", "text", "--output", str(tmp_path / "o.csv")
    )
    assert_one_line_error(result, "row 1", "empty")


def test_binary_file(tmp_path):
    bad = tmp_path / "book.csv"
    bad.write_bytes(b"PK\x03\x04\x00\x00binary")
    result = run(
        "predict", "--input", str(bad), "--text-column", "text", "--output", str(tmp_path / "o.csv")
    )
    assert_one_line_error(result, "row 1")


def test_missing_input_file(tmp_path):
    result = run(
        "predict",
        "--input",
        str(tmp_path / "nope.csv"),
        "--text-column",
        "text",
        "--output",
        str(tmp_path / "o.csv"),
    )
    assert_one_line_error(result, "nope.csv")


def test_unknown_sentiment_value(labelled_csv, tmp_path):
    result = run(
        "train",
        "--input",
        str(labelled_csv),
        "--text-column",
        "comment",
        "--sentiment-column",
        "rating",
        "--sentiment-values",
        "1=positive,5=negative",
        "--output",
        str(tmp_path / "m"),
    )
    assert_one_line_error(result, "row 14", 'column "rating"', '"3"')


def test_unknown_sentiment_label_without_mapping(tmp_path):
    data = write_csv(
        tmp_path / "d.csv", [{"text": "hi", "s": "positive"}, {"text": "yo", "s": "meh"}]
    )
    result = run(
        "train",
        "--input",
        str(data),
        "--text-column",
        "text",
        "--sentiment-column",
        "s",
        "--output",
        str(tmp_path / "m"),
    )
    assert_one_line_error(result, "row 3", 'column "s"', '"meh"')


def test_bad_theme_cell(tmp_path):
    rows = synthetic_rows()
    rows[4]["staff"] = "maybe"
    data = write_csv(tmp_path / "d.csv", rows)
    result = run(
        "train",
        "--input",
        str(data),
        "--text-column",
        "comment",
        "--theme-column",
        "staff",
        "--output",
        str(tmp_path / "m"),
    )
    assert_one_line_error(result, "row 6", 'column "staff"', "0 or 1")


def test_missing_theme_column(labelled_csv, tmp_path):
    result = run(
        "train",
        "--input",
        str(labelled_csv),
        "--text-column",
        "comment",
        "--theme-column",
        "food",
        "--output",
        str(tmp_path / "m"),
    )
    assert_one_line_error(result, 'column "food"')


def test_malformed_sentiment_values(labelled_csv, tmp_path):
    result = run(
        "train",
        "--input",
        str(labelled_csv),
        "--text-column",
        "comment",
        "--sentiment-column",
        "rating",
        "--sentiment-values",
        "1=great",
        "--output",
        str(tmp_path / "m"),
    )
    assert_one_line_error(result, "--sentiment-values")


def test_nothing_to_train(labelled_csv, tmp_path):
    result = run(
        "train",
        "--input",
        str(labelled_csv),
        "--text-column",
        "comment",
        "--output",
        str(tmp_path / "m"),
    )
    assert_one_line_error(result, "nothing to learn")


def test_evaluate_with_a_directory_that_is_not_a_model(labelled_csv, tmp_path):
    result = run(
        "evaluate",
        "--input",
        str(labelled_csv),
        "--text-column",
        "comment",
        "--sentiment-column",
        "rating",
        "--sentiment-values",
        "1=positive,3=neutral,5=negative",
        "--model",
        str(tmp_path),
    )
    assert_one_line_error(result, "not a model directory")


def test_evaluate_a_theme_the_model_does_not_know(labelled_csv, trained_dir):
    result = run(
        "evaluate",
        "--input",
        str(labelled_csv),
        "--text-column",
        "comment",
        "--theme-column",
        "rating",
        "--model",
        str(trained_dir),
    )
    assert_one_line_error(result, 'column "rating"', "not trained")


def test_module_can_be_run_directly():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "voice.analysis.cli", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "predict" in result.stdout and "train" in result.stdout
