"""Voice's copy of TextBlob's sentiment gives exactly TextBlob's figures (textblob is a dev
dependency: the app itself no longer imports it, see voice/analysis/pattern_sentiment.py)."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest

from voice.analysis import pattern_sentiment
from voice.analysis.text import normalise, tokens

textblob_en = pytest.importorskip("textblob.en")

ROOT = Path(__file__).resolve().parents[2]
NHS = Path("/work/shared/data/nhs_fft_phase1.csv")


def _texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "data").glob("*.csv")):
        with path.open(encoding="utf-8") as f:
            texts += [row.get("text") or row.get("comment") or "" for row in csv.DictReader(f)]
    if NHS.exists():
        with NHS.open(encoding="utf-8") as f:
            texts += [row["feedback"] for row in csv.DictReader(f)][:4000]
    return [t for t in texts if t]


def _textblob(words: list[str]) -> tuple[float, float, int]:
    score = textblob_en.sentiment(words)
    return float(score[0]), float(score[1]), len(score.assessments)


def test_same_as_textblob_on_feedback_texts():
    texts = _texts()
    assert len(texts) > 1000
    for text in texts:
        words = tokens(normalise(text))
        assert pattern_sentiment.polarity(words) == _textblob(words), text


def test_same_as_textblob_on_modifiers_negations_and_emoticons():
    """The rare paths: "really good", "not very good", "really not", "!", "(!)", emoticons."""
    vocabulary = [
        "good", "bad", "really", "very", "not", "no", "never", "n't", "extremely", "terribly",
        "kind", "happily", "a", "is", "the", "it", "was", "!", "(!)", ":)", ":-(", ":d", ":o",
        "<3", "xd", "8)", "ok", "'", "''", "great", "awful", "helpful", "rude", "quickly",
        "nice", "more", "most", "slightly", "so", "too", "dr", "?", "..",
    ]
    rng = random.Random(16)
    for _ in range(20000):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(0, 9))]
        assert pattern_sentiment.polarity(words) == _textblob(words), words


def test_the_shipped_lexicon_is_the_installed_textblobs(tmp_path):
    """``make lexicon`` with the installed TextBlob writes the file that is shipped."""
    built = pattern_sentiment.build(tmp_path / "lexicon.json")
    shipped = pattern_sentiment.LEXICON_FILE
    assert json.loads(built.read_text()) == json.loads(shipped.read_text())
