"""Faking the analyser in tests.

Every new voice item is analysed with the live engine (``voice.learning.engine.live_engine``):
tests that need a predictable analysis replace that engine, never the analysis code itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

import voice.learning.engine as live


@dataclass
class Analysis:
    """What the analyser returns, with ordinary defaults: tests set only what they test."""

    redacted_text: str
    sentiment: str = "neutral"
    sentiment_score: float = 0.0
    themes: list = field(default_factory=list)
    safeguarding: bool = False
    safeguarding_reasons: list = field(default_factory=list)
    model_version: str = "fake"


class FakeEngine:
    """Stands in for the live :class:`voice.analysis.Engine`: ``analyse`` calls the test's own
    function with the text and its question kind."""

    version = "fake"
    model = None

    def __init__(self, analyse: Callable) -> None:
        self._analyse = analyse

    def analyse(self, text: str, question_kind: str | None = None, **_ignored):
        return self._analyse(text, question_kind=question_kind)


def fake_analyser(monkeypatch: pytest.MonkeyPatch, analyse: Callable) -> None:
    """Analyse new voice items with ``analyse(text, question_kind=None)`` for this test."""
    monkeypatch.setattr(live, "live_engine", lambda session: FakeEngine(analyse))


def flagging(*phrases: str, reasons: tuple[str, ...] = ("risk",), **fields) -> Callable:
    """An analysis that flags text containing any of ``phrases`` as a possible safeguarding
    concern (with ``reasons``) and otherwise returns the text as it is, with ``fields`` set."""
    def analyse(text: str, question_kind: str | None = None) -> Analysis:
        flagged = any(phrase in text for phrase in phrases)
        return Analysis(redacted_text=text, safeguarding=flagged,
                        safeguarding_reasons=list(reasons) if flagged else [], **fields)
    return analyse
