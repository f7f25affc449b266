"""Test data for learning: voice items analysed by the real engine, corrections and rule sets.

    from tests.support.learning_factories import LearningFactory
    learning = LearningFactory(factory)
"""

from __future__ import annotations

from voice.analysis import Engine
from voice.auth.models import User
from voice.learning import rules as rule_services
from voice.learning.corrections import record_correction
from voice.learning.models import AnalysisCorrection, ThemeRuleSet
from voice.loop.models import ModerationState, VoiceItem, VoiceSource

# Words no theme rule knows, no redaction touches and no sentiment lexicon scores: comments made
# of them are learnt only from corrections, which makes retraining tests deterministic.
FILLER = ["pebble", "lantern", "marble", "kettle", "ribbon", "saucer", "thimble", "walnut",
          "teapot", "pillow", "anchor", "basket", "candle", "feather", "hammock", "ladder",
          "mitten", "noodle", "orchard", "paddle"]
HUB = [f"the hub {a} {b}" for a, b in zip(FILLER, FILLER[1:] + FILLER[:1], strict=True)]
GROMMET = [f"grommet {a} {b}" for a, b in zip(FILLER, FILLER[2:] + FILLER[:2], strict=True)]


def consistent_labels() -> list[tuple[str, str, list[str]]]:
    """40 (text, sentiment, themes): the hub is a place; grommets are about the quality of
    support; all said flatly (neutral). The built-in engine finds none of it."""
    return ([(t, "neutral", ["place_and_travel"]) for t in HUB]
            + [(t, "neutral", ["quality_of_support"]) for t in GROMMET])


class LearningFactory:
    def __init__(self, factory) -> None:
        self.factory = factory
        self.session = factory.session
        self._service = None

    @property
    def service(self):
        if self._service is None:
            self._service = self.factory.service()
        return self._service

    def item(self, text: str = "I waited months to be seen", *, service=None,
             question_kind: str = "nonspecific", engine: Engine | None = None,
             state: str = ModerationState.NEW, **fields) -> VoiceItem:
        """An item stored with the built-in engine's analysis (or ``engine``'s); ``fields``
        override any of it."""
        result = (engine or Engine.default()).analyse(text, question_kind)
        values = {
            "redacted_text": result.redacted_text, "sentiment": result.sentiment,
            "sentiment_score": result.sentiment_score, "themes": list(result.themes),
            "is_safeguarding": result.safeguarding,
            "safeguarding_reasons": list(result.safeguarding_reasons),
            "model_version": result.model_version,
        }
        values.update(fields)  # anything given overrides the analysis (e.g. a stale one)
        item = VoiceItem(source=VoiceSource.ANSWER.value, service_id=(service or self.service).id,
                         text=text, question_kind=question_kind, state=str(state), **values)
        self.session.add(item)
        self.session.flush()
        return item

    def correction(self, item: VoiceItem, *, sentiment: str, themes=(),
                   actor: User | None = None) -> AnalysisCorrection | None:
        return record_correction(self.session, actor, item, themes=list(themes),
                                 sentiment=sentiment)

    def corrected(self, text: str, sentiment: str, themes=(), *, question_kind="nonspecific",
                  actor: User | None = None) -> VoiceItem:
        item = self.item(text, question_kind=question_kind)
        self.correction(item, sentiment=sentiment, themes=themes, actor=actor)
        return item

    def teach(self, labels, actor: User | None = None) -> list[VoiceItem]:
        """Correct one new item per (text, sentiment, themes)."""
        return [self.corrected(text, sentiment, themes, actor=actor)
                for text, sentiment, themes in labels]

    def rule_set(self, theme: str = "place_and_travel", patterns=("the hub",),
                 actor: User | None = None) -> ThemeRuleSet:
        """A saved rule set where ``theme``'s words are ``patterns``."""
        return rule_services.save_theme_rules(self.session, actor, theme,
                                              patterns="\n".join(patterns))
