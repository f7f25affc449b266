"""Learning: the database side of the analysis. Staff corrections, editable theme rules, the
registry of models trained on corrections, retraining and re-analysis. The pure engine lives in
:mod:`voice.analysis`; this package stores what it needs and decides what is live.

The live engine (:mod:`voice.learning.engine`)
    ``live_engine(session) -> voice.analysis.Engine`` — the newest rule set and the live model,
    cached per process and rebuilt only when either changes. ``analyse_new_text(session, text,
    question_kind)`` is what :func:`voice.loop.items.record_voice_item` calls.

Corrections (:mod:`voice.learning.corrections`)
    ``record_correction(session, actor, item, *, themes, sentiment, note=None)`` — validated,
    applied to the item, audited; the newest correction of an item counts.

Theme rules (:mod:`voice.learning.rules`)
    ``save_theme_rules(session, actor, theme_key, *, patterns, exclude="", note=None,
    based_on=None)`` and ``restore_rule_set(session, actor, version)`` — every save is a new
    version; ``RulesInvalid.errors`` maps each field to a plain-words message.

Retraining (:mod:`voice.learning.training`)
    ``retrain(session, actor_or_none, now, *, min_records=50) -> RetrainResult`` — trains on the
    corrections, scores the new and the live model on the same held-back ones, and replaces the
    live model only if the new one is not worse; every decision is recorded.

Re-analysis (:mod:`voice.learning.reanalysis`)
    ``reanalyse_items(session, batch_size, now)`` — items analysed with an older engine, in
    batches; corrections kept, safeguarding flags only ever added (and escalated).

Scheduled jobs (:mod:`voice.learning.jobs`): ``learning.retrain`` (weekly) and
``learning.reanalyse`` (every 10 minutes). See docs/analysis.md, "Learning from corrections".
"""
