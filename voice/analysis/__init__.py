"""Analysis of young people's free text: sentiment, themes, safeguarding flags, redaction.

Pure Python -- no Flask, no database -- and the only part of Voice that imports
scikit-learn and SciPy, only when training (analysing text needs NumPy alone; TextBlob's
sentiment is read from a copy of its lexicon, see ``pattern_sentiment.py``). Text in,
dataclass out::

    from voice.analysis import analyse
    result = analyse("Nothing, it was great", question_kind="could_improve")
    result.sentiment, result.themes, result.safeguarding, result.redacted_text

See docs/analysis.md for the method, the theme taxonomy and measured figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from .engine import Analysis, Engine
from .models import ModelFormatError, TrainedModel
from .questions import QUESTION_KINDS, QuestionKind, question_kind_for
from .redaction import redact
from .safeguarding import (
    SAFEGUARDING_CATEGORIES,
    TIER_LABELS,
    reason_label,
    reason_tier,
    safeguarding_check,
)
from .sentiment import SENTIMENT_LABELS
from .taxonomy import THEMES, Theme, theme_by_key
from .themes import DEFAULT_RULES, RuleError, ThemeRule, ThemeRules, rules_from_json, rules_to_json
from .training import (
    TrainingOptions,
    TrainingRecord,
    evaluate,
    is_not_worse,
    split_holdout,
    train_model,
)

__all__ = [
    "DEFAULT_RULES",
    "QUESTION_KINDS",
    "SAFEGUARDING_CATEGORIES",
    "TIER_LABELS",
    "SENTIMENT_LABELS",
    "THEMES",
    "Analysis",
    "Engine",
    "ModelFormatError",
    "QuestionKind",
    "RuleError",
    "Theme",
    "ThemeRule",
    "ThemeRules",
    "TrainedModel",
    "TrainingOptions",
    "TrainingRecord",
    "analyse",
    "analyse_many",
    "evaluate",
    "is_not_worse",
    "question_kind_for",
    "reason_label",
    "reason_tier",
    "redact",
    "rules_from_json",
    "rules_to_json",
    "safeguarding_check",
    "split_holdout",
    "theme_by_key",
    "train_model",
]


def analyse(text: str, question_kind: str | None = None) -> Analysis:
    """Analyse one comment with the built-in engine (see :meth:`Engine.analyse`)."""
    return Engine.default().analyse(text, question_kind)


def analyse_many(
    texts: Sequence[str], question_kinds: Sequence[str | None] | None = None
) -> list[Analysis]:
    """Analyse many comments with the built-in engine (the fast batch path)."""
    return Engine.default().analyse_many(texts, question_kinds)
