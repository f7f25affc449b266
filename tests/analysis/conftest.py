"""Shared fixtures for the analysis engine tests (plain pytest: no Flask, no database)."""

from __future__ import annotations

import pytest
from analysis_testdata import synthetic_rows

from voice.analysis import Engine, TrainingRecord, train_model


@pytest.fixture(scope="session")
def synthetic_records() -> list[TrainingRecord]:
    labels = {"1": "positive", "3": "neutral", "5": "negative"}
    return [
        TrainingRecord(
            text=r["comment"],
            question=r["question"],
            sentiment=labels[r["rating"]],
            themes=frozenset(t for t in ("waiting", "staff") if r[t] == "1"),
        )
        for r in synthetic_rows()
    ]


@pytest.fixture(scope="session")
def small_model(synthetic_records):
    return train_model(synthetic_records)


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.default()


@pytest.fixture(scope="session")
def rules_engine() -> Engine:
    """Rules only: what the engine does before any model is trained."""
    return Engine()
