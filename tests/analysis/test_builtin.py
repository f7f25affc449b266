"""Building the shipped model: training from the NHS file and recording its figures."""

from __future__ import annotations

import csv
import json

from click.testing import CliRunner

from voice.analysis import Engine, TrainingRecord, evaluate, train_model
from voice.analysis.builtin import main
from voice.analysis.engine import builtin_model_dir
from voice.analysis.training import sentiment_scores

_PRAISE = ["kind", "helpful", "lovely", "brilliant", "caring", "friendly", "great", "patient"]
_COMPLAINT = ["rude", "late", "dirty", "slow", "noisy", "cold", "unhelpful", "disorganised"]
_PLAIN = ["blue", "upstairs", "on tuesday", "by bus", "in the morning", "with my mum"]


def _nhs_file(path) -> None:
    """A small file in the NHS layout: three trusts, each with all three labels."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["code", "label", "subcategory", "feedback", "criticality", "organization", "question"]
        )
        for t, trust in enumerate(("A", "B", "C")):
            for i, word in enumerate(_PRAISE):
                text = f"The {['nurse', 'doctor', 'team'][t]} was {word} number {i}"
                writer.writerow(["x", "Staff", "Staff", text, 3, f"Trust {trust}", f"{trust} Q1"])
            for i, word in enumerate(_COMPLAINT):
                text = f"The {['ward', 'clinic', 'room'][t]} was {word} case {i}"
                writer.writerow(["x", "Staff", "Staff", text, -3, f"Trust {trust}", f"{trust} Q1"])
            for i, words in enumerate(_PLAIN):
                text = f"I went {words} visit {i} {trust}"
                writer.writerow(["x", "Misc", "Misc", text, 0, f"Trust {trust}", f"{trust} Q1"])
        writer.writerow(["x", "Misc", "Misc", "Unreadable", "-o", "Trust A", "A Q1"])


def test_building_the_model_records_its_development_figures(tmp_path):
    source = tmp_path / "nhs.csv"
    _nhs_file(source)
    out = tmp_path / "model"
    result = CliRunner().invoke(main, [str(source), "--output", str(out)])
    assert result.exit_code == 0, result.output
    meta = json.loads((out / "model.json").read_text(encoding="utf-8"))["metadata"]
    figures = meta["development_figures"]
    for key in ("sentiment", "sentiment_same_source"):
        block = figures[key]
        assert set(block["labels"]) == {"negative", "neutral", "positive"}
        assert block["n"] == 66  # the row with a malformed criticality is not scored
        assert 0.0 <= block["macro_f1"] <= 1.0
    assert "NHS Friends and Family Test" in figures["note"]
    assert figures["command"] == "make model"
    # Recording the figures does not change the weights, so the version is the trained one's.
    assert Engine.load(out).model.version == meta["version"]
    assert not (out / "rules.json").exists()


def test_the_shipped_model_carries_figures_the_app_can_show():
    figures = Engine.load(builtin_model_dir()).model.metadata["development_figures"]
    for key in ("sentiment", "sentiment_same_source"):
        assert isinstance(figures[key]["labels"]["positive"]["f1"], float)
        assert 0.0 < figures[key]["macro_f1"] <= 1.0


def test_pooled_scores_match_evaluate(synthetic_records):
    model = train_model(synthetic_records)
    records = [
        TrainingRecord("Staff were lovely", sentiment="positive"),
        TrainingRecord("Nobody rang me back", sentiment="negative"),
        TrainingRecord("I came on a Tuesday", sentiment="neutral"),
        TrainingRecord("It was fine", sentiment="negative"),
    ]
    predicted = [a.sentiment for a in Engine(model=model).analyse_many([r.text for r in records])]
    scores = sentiment_scores([r.sentiment for r in records], predicted)
    assert scores == evaluate(model, records)["sentiment"]
    assert scores["n"] == 4
