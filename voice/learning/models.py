"""Learning from the participation team: editable theme rules, corrections to the analysis of
voice items, and the registry of models trained on those corrections.

Everything the web workers and the scheduler must agree on lives here, in the database: the live
rule set is the newest :class:`ThemeRuleSet`, the live model is the :class:`AnalysisModel` with
``is_live`` set, and its files are stored in the row itself (a zip of
:meth:`voice.analysis.TrainedModel.save`), so every process builds the same engine.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from voice.auth.models import User
from voice.db import Base, TimestampMixin, utcnow
from voice.loop.models import VoiceItem


class ThemeRuleSet(TimestampMixin, Base):
    """One saved version of the whole set of theme rules. Never changed or deleted.

    The newest version is the one in use; without any row the built-in rules are in use
    (version 0). ``rules`` is the engine's plain-data form (``ThemeRules.to_list()``).
    """

    __tablename__ = "theme_rule_sets"

    id: Mapped[int] = mapped_column(primary_key=True)
    # 1, 2, 3 … (unique, so two people saving at once cannot both make "version 4").
    version: Mapped[int] = mapped_column(unique=True)
    rules: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    # A hash of ``rules``: the live engine is rebuilt when it changes.
    fingerprint: Mapped[str] = mapped_column(String(64))
    changed_themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    created_by: Mapped[User | None] = relationship()


class AnalysisCorrection(TimestampMixin, Base):
    """A person's correction of one voice item's themes and sentiment. Kept for ever; the newest
    correction of an item is the one that counts (for the item and for training)."""

    __tablename__ = "analysis_corrections"
    __table_args__ = (
        Index("ix_analysis_corrections_item_id", "voice_item_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    voice_item_id: Mapped[int] = mapped_column(ForeignKey("voice_items.id"))
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    sentiment: Mapped[str] = mapped_column(String(10))
    # What the item said before this correction (the engine's analysis, or an earlier correction).
    previous_themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    previous_sentiment: Mapped[str | None] = mapped_column(String(10))
    model_version: Mapped[str | None] = mapped_column(String(60))
    note: Mapped[str | None] = mapped_column(Text)
    corrected_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    voice_item: Mapped[VoiceItem] = relationship()
    corrected_by: Mapped[User | None] = relationship()

    @property
    def is_confirmation(self) -> bool:
        """The person agreed with what was there: still useful to learn from."""
        return (self.sentiment == self.previous_sentiment
                and sorted(self.themes) == sorted(self.previous_themes or []))


class AnalysisModel(Base):
    """A model trained on corrections: its scores, who trained it, and its files.

    At most one row is live (a partial unique index makes sure of it, even when two training
    runs finish at the same moment).
    """

    __tablename__ = "analysis_models"
    __table_args__ = (
        Index("ix_analysis_models_one_live", "is_live", unique=True,
              postgresql_where=text("is_live"), sqlite_where=text("is_live")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The model's own fingerprint (TrainedModel.version): same data and settings, same version.
    version: Mapped[str] = mapped_column(String(40))
    trained_at: Mapped[datetime] = mapped_column(default=utcnow)
    # None: trained by the scheduler.
    trained_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    n_records: Mapped[int] = mapped_column(default=0)
    n_held_back: Mapped[int] = mapped_column(default=0)
    theme_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Scores on the held-back corrections (voice.analysis.evaluate), and the then-live model's
    # scores on exactly the same corrections.
    scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    live_scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    is_live: Mapped[bool] = mapped_column(default=False)
    went_live_at: Mapped[datetime | None]
    retired_at: Mapped[datetime | None]
    # A zip of the model directory. Deferred: lists of models never load it.
    files: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    files_size: Mapped[int] = mapped_column(default=0)

    trained_by: Mapped[User | None] = relationship()

    @property
    def trained_by_label(self) -> str:
        return self.trained_by.display_name if self.trained_by else "The weekly scheduled job"


class TrainingOutcome(StrEnum):
    REPLACED = "replaced"        # the new model went live
    KEPT = "kept"                # the new model was worse: the live one stays
    NOT_ENOUGH = "not_enough"    # too few corrections to train and test fairly
    UNCHANGED = "unchanged"      # nothing new since the last run
    FAILED = "failed"            # training itself went wrong (the live model stays)


TRAINING_OUTCOME_LABELS = {
    TrainingOutcome.REPLACED: "Replaced the model in use",
    TrainingOutcome.KEPT: "Kept the model in use",
    TrainingOutcome.NOT_ENOUGH: "Not enough corrections yet",
    TrainingOutcome.UNCHANGED: "Nothing new to learn from",
    TrainingOutcome.FAILED: "Training failed",
}


class TrainingRun(Base):
    """One attempt to retrain (weekly, or when someone pressed "retrain now"), and its decision."""

    __tablename__ = "training_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    # None: the scheduler.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    outcome: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
    n_corrections: Mapped[int] = mapped_column(default=0)
    n_train: Mapped[int] = mapped_column(default=0)
    n_held_back: Mapped[int] = mapped_column(default=0)
    new_scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    live_scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The live engine when the run started, and the model the run trained (if it got that far).
    live_version_before: Mapped[str | None] = mapped_column(String(60))
    model_id: Mapped[int | None] = mapped_column(ForeignKey("analysis_models.id"))
    # A hash of what the run learnt from (corrections, rules, settings): a second
    # run on the same inputs records nothing new.
    inputs_fingerprint: Mapped[str | None] = mapped_column(String(64), index=True)

    actor: Mapped[User | None] = relationship()
    model: Mapped[AnalysisModel | None] = relationship()

    @property
    def outcome_label(self) -> str:
        try:
            return TRAINING_OUTCOME_LABELS[TrainingOutcome(self.outcome)]
        except ValueError:
            return self.outcome

    @property
    def actor_label(self) -> str:
        return self.actor.display_name if self.actor else "The weekly scheduled job"


class SafeguardingCorrection(TimestampMixin, Base):
    """A safeguarding lead's decision that a flag was wrong: "not a safeguarding concern".

    The item went back to ordinary moderation; this row keeps why the analysis flagged it
    (``reasons``, ``model_version``), the lead's short reason and who decided, and is what the
    learned safeguarding check learns from as a safe example (``voice learning
    safeguarding-corrections`` exports the item's redacted words). No copy of the words is
    kept here: when the item's words are erased at the end of the retention period, there is
    nothing left to learn from, as it should be.
    """

    __tablename__ = "safeguarding_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    voice_item_id: Mapped[int] = mapped_column(ForeignKey("voice_items.id"), index=True)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    model_version: Mapped[str | None] = mapped_column(String(60))
    note: Mapped[str] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    voice_item: Mapped[VoiceItem] = relationship()
    decided_by: Mapped[User | None] = relationship()
