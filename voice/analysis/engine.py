"""The analysis engine: text in, :class:`Analysis` out.

An :class:`Engine` holds theme rules and, optionally, a trained model. It is
immutable once built, so one engine can serve every request and thread; build a
new one (and swap it in) when rules are edited or a model is retrained.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from .models import ModelFormatError, TrainedModel, prepare_texts
from .questions import NONSPECIFIC, WHAT_GOOD, check_question_kind, question_kind_for
from .redaction import redact
from .safeguarding import safeguarding_check_many, safeguarding_check_normalised
from .safeguarding_model import builtin_safeguarding_model
from .sentiment import (
    NEUTRAL,
    SENTIMENT_LABELS,
    SentimentSignals,
    label_for_score,
    sentiment_signals,
    signal_vector,
)
from .text import normalise, tokens
from .themes import DEFAULT_RULES, ThemeRule, ThemeRules, rules_from_json

__all__ = ["RULES_FILE", "Analysis", "Engine", "builtin_model_dir"]

logger = logging.getLogger(__name__)

# A model directory may carry the theme rules it is meant to be used with.
RULES_FILE = "rules.json"


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the engine found in one piece of free text."""

    sentiment: str
    sentiment_score: float
    themes: tuple[str, ...]
    safeguarding: bool
    safeguarding_reasons: tuple[str, ...]
    redacted_text: str
    model_version: str

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form, for JSON or a database row."""
        data = asdict(self)
        data["themes"] = list(self.themes)
        data["safeguarding_reasons"] = list(self.safeguarding_reasons)
        return data


class Engine:
    """Theme rules plus an optional trained model.

    Without a model, sentiment comes from the rules (TextBlob, lexicons, context)
    and themes from the keyword rules. With a model, its sentiment classifier
    decides sentiment, and each theme it was trained on is decided by the model
    instead of the rules; rule themes the model does not know are still reported.
    """

    def __init__(
        self,
        rules: ThemeRules | Iterable[ThemeRule] | None = None,
        model: TrainedModel | None = None,
    ) -> None:
        if rules is None:
            rules = DEFAULT_RULES
        self.rules: ThemeRules = rules if isinstance(rules, ThemeRules) else ThemeRules(rules)
        self.model = model
        rules_hash = hashlib.sha256(
            json.dumps(self.rules.to_list(), sort_keys=True).encode()
        ).hexdigest()[:8]
        self._version = f"rules-{rules_hash}" + (f"+model-{model.version}" if model else "")
        # Every engine flags with the shipped safeguarding model; a new one changes the
        # version, so re-analysis gives earlier comments the new check too.
        safeguarding_model = builtin_safeguarding_model()
        if safeguarding_model is not None:
            self._version += f"+sg-{safeguarding_model.version}"
        model_themes = set(model.theme_names) if model else set()
        self._rule_only_themes = frozenset(t for t in self.rules.themes if t not in model_themes)

    # --- construction ---------------------------------------------------------------
    @classmethod
    def default(cls) -> Engine:
        """The built-in engine: default rules and the model shipped with the package.

        Built once per process and shared.
        """
        return _default_engine()

    @classmethod
    def load(
        cls, model_dir: str | Path, rules: ThemeRules | Iterable[ThemeRule] | None = None
    ) -> Engine:
        """An engine using the model saved in ``model_dir``.

        Rules come from ``rules`` if given, else from ``rules.json`` in the model
        directory if there is one, else the built-in rules. Raises ModelFormatError
        if the directory does not hold a readable model.
        """
        model = TrainedModel.load(model_dir)
        if rules is None:
            rules_path = Path(model_dir) / RULES_FILE
            if rules_path.exists():
                rules = rules_from_json(rules_path.read_text(encoding="utf-8"))
        return cls(rules=rules, model=model)

    @property
    def version(self) -> str:
        """Identifies the rules and model in use; stored with every analysis."""
        return self._version

    # --- analysis -------------------------------------------------------------------
    def analyse(
        self, text: str, question_kind: str | None = None, *, question: str | None = None
    ) -> Analysis:
        """Analyse one comment.

        ``question_kind`` is ``what_good``, ``could_improve`` or ``nonspecific``
        (the default). ``question`` is the question's wording or code: it sets the
        kind when ``question_kind`` is not given, and lets a model trained with
        per-question data use what it learnt about that question.
        """
        kind = _kind(question_kind, question)
        text = text or ""
        norm = normalise(text)
        if not norm:
            return self._empty(text)
        toks = tokens(norm)
        signals = sentiment_signals(norm, toks, kind)
        sentiment, score = label_for_score(signals.score), signals.score
        model_themes: list[str] = []
        model = self.model
        if model is not None:
            words, chars = model.featuriser.vectors(toks)
            dense = np.asarray(signal_vector(signals))
            slot = model.slot_index(question)
            if model.sentiment is not None:
                probs = model.sentiment_probabilities(
                    model.sentiment.scores_one(words, chars, dense, slot)
                )
                sentiment, score = _sentiment_from(self._with_context(probs, signals, slot))
            if model.themes is not None:
                model_themes = model.themes_from_scores(
                    model.themes.scores_one(words, chars, dense, slot)
                )
        flagged, reasons = safeguarding_check_normalised(norm, toks)
        return Analysis(
            sentiment=sentiment,
            sentiment_score=round(float(score), 4),
            themes=self._themes(norm, signals, model_themes),
            safeguarding=flagged,
            safeguarding_reasons=reasons,
            redacted_text=redact(text),
            model_version=self._version,
        )

    def analyse_many(
        self,
        texts: Sequence[str],
        question_kinds: Sequence[str | None] | None = None,
        *,
        questions: Sequence[str | None] | None = None,
    ) -> list[Analysis]:
        """Analyse many comments at once; much faster per comment than :meth:`analyse`.

        ``question_kinds`` and ``questions``, if given, run parallel to ``texts``.
        """
        n = len(texts)
        if question_kinds is not None and len(question_kinds) != n:
            raise ValueError("question_kinds must be as long as texts")
        if questions is not None and len(questions) != n:
            raise ValueError("questions must be as long as texts")
        kinds = [
            _kind(
                question_kinds[i] if question_kinds is not None else None,
                questions[i] if questions is not None else None,
            )
            for i in range(n)
        ]
        texts = [t or "" for t in texts]
        prepared = prepare_texts(texts, kinds)
        sentiments = [label_for_score(s.score) for s in prepared.signals]
        scores = [s.score for s in prepared.signals]
        model_themes: list[list[str]] = [[] for _ in range(n)]
        model = self.model
        if model is not None and n:
            words, chars = model.featuriser.matrices(prepared.tokens)
            slots = model.slot_indices(questions if questions is not None else [None] * n)
            if model.sentiment is not None:
                raw = model.sentiment.scores_many(words, chars, prepared.signal_matrix, slots)
                for i in range(n):
                    probs = self._with_context(
                        model.sentiment_probabilities(raw[i]),
                        prepared.signals[i],
                        None if slots[i] < 0 else int(slots[i]),
                    )
                    sentiments[i], scores[i] = _sentiment_from(probs)
            if model.themes is not None:
                raw = model.themes.scores_many(words, chars, prepared.signal_matrix, slots)
                model_themes = [model.themes_from_scores(raw[i]) for i in range(n)]
        checks = safeguarding_check_many(prepared.normalised, prepared.tokens)
        out: list[Analysis] = []
        for i, text in enumerate(texts):
            norm = prepared.normalised[i]
            if not norm:
                out.append(self._empty(text))
                continue
            flagged, reasons = checks[i]
            out.append(
                Analysis(
                    sentiment=sentiments[i],
                    sentiment_score=round(float(scores[i]), 4),
                    themes=self._themes(norm, prepared.signals[i], model_themes[i]),
                    safeguarding=flagged,
                    safeguarding_reasons=reasons,
                    redacted_text=redact(text),
                    model_version=self._version,
                )
            )
        return out

    # --- helpers ----------------------------------------------------------------------
    def _with_context(
        self, probs: np.ndarray, signals: SentimentSignals, slot: int | None
    ) -> np.ndarray:
        """Temper the model with the rules where it has not learnt the context.

        A model trained only on answers to one kind of question cannot know that
        "Nothing." praises when asked what to improve and criticises when asked what
        was good. For a question kind it saw too few answers to, its probabilities
        are averaged with the rules'; for answers whose meaning the question alone
        decides ("Nothing", "Everything", "nothing to improve"), the rules decide.

        Likewise a model that learnt per question (it was trained with a question
        column) has learnt those sources' habits -- one NHS trust coded plain praise
        as neutral. For a question it never saw, model and rules have equal say.
        """
        assert self.model is not None
        if signals.nothing_good or (
            signals.kind != NONSPECIFIC
            and (signals.nothing_answer or signals.everything_answer or signals.nothing_to_improve)
        ):
            # The question-aware rules decide, however many such answers the model has
            # seen: "Nothing" to "What was good?" is criticism, and no count of answers
            # a model learnt from may outvote that (issue 12).
            weight = 1.0
        elif not self.model.knows_kind(signals.kind):
            decided_by_question = (
                signals.nothing_answer or signals.everything_answer or signals.nothing_to_improve
            )
            weight = 1.0 if decided_by_question else _RULE_WEIGHT_UNSEEN
        elif self.model.slots and slot is None:
            weight = _RULE_WEIGHT_UNSEEN
        else:
            return probs
        return (1.0 - weight) * probs + weight * _rule_probabilities(signals.score)

    def _empty(self, text: str) -> Analysis:
        return Analysis(NEUTRAL, 0.0, (), False, (), text, self._version)

    def _themes(
        self, norm: str, signals: SentimentSignals, model_themes: list[str]
    ) -> tuple[str, ...]:
        found = [t for t in self.rules.match(norm) if t in self._rule_only_themes]
        # "Nothing to improve" is praise even without a word of thanks.
        if (
            "praise" in self._rule_only_themes
            and "praise" not in found
            and (
                signals.nothing_to_improve or (signals.nothing_answer and signals.kind != WHAT_GOOD)
            )
        ):
            found.append("praise")
        found.extend(t for t in model_themes if t not in found)
        return tuple(found)


# How much the rules count where the model never learnt the question or its kind:
# an equal say, not a tuned value.
_RULE_WEIGHT_UNSEEN = 0.5


def _rule_probabilities(score: float) -> np.ndarray:
    """The rules' verdict as probabilities of negative, neutral, positive."""
    probs = np.full(3, 0.1)
    probs[SENTIMENT_LABELS.index(label_for_score(score))] = 0.8
    return probs


def _sentiment_from(probs: np.ndarray) -> tuple[str, float]:
    """Label and score (P(positive) - P(negative)) from probabilities."""
    return SENTIMENT_LABELS[int(probs.argmax())], float(probs[2] - probs[0])


def _kind(question_kind: str | None, question: str | None) -> str:
    if question_kind is not None:
        return check_question_kind(question_kind)
    return question_kind_for(question)


def builtin_model_dir() -> Path:
    """Where the model shipped with the package lives."""
    return Path(str(resources.files("voice.analysis").joinpath("model")))


@lru_cache(maxsize=1)
def _default_engine() -> Engine:
    path = builtin_model_dir()
    try:
        model = TrainedModel.load(path)
    except ModelFormatError as exc:
        # The package should always ship a model; if it is missing, rules still work.
        logger.warning("built-in model not loaded (%s); using rules only", exc)
        model = None
    return Engine(model=model)
