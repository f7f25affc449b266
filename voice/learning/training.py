"""Retraining the analysis model on the participation team's corrections.

What :func:`retrain` does, in order:

1. takes the newest correction of every corrected voice item (its words with personal details
   taken out, so a model never stores a name or a phone number);
2. stops with "not enough corrections yet (n of m)" below ``min_records``;
3. holds back a fixed fifth of them (:func:`voice.analysis.split_holdout`: the same comments every
   time, and copies of one comment always on the same side), trains on the rest;
4. scores the new model and the model in use on exactly the same held-back corrections;
5. puts the new model live only if it is not worse (:func:`voice.analysis.is_not_worse`), and
   records the decision and both sets of scores either way.

Corrections are the only training data. The built-in model already learnt from the public NHS
labelled comments (see docs/analysis.md); that data is not shipped with Voice, and the question a
retrained model must answer is "is it better on *our* young people's words than what we use
now?" The held-back corrections answer exactly that, so a model trained on too few corrections to
beat the built-in one is simply not used.

A second run on the same inputs (the same corrections, rules, settings and built-in model)
records nothing new, so the weekly job and the "retrain now" button are idempotent.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from voice.analysis import (
    Engine,
    TrainingOptions,
    TrainingRecord,
    evaluate,
    is_not_worse,
    redact,
    split_holdout,
    train_model,
)
from voice.audit.services import record
from voice.auth.models import User
from voice.auth.roles import MANAGERS
from voice.db import utcnow
from voice.errors import NotAllowed
from voice.learning.corrections import latest_corrections
from voice.learning.engine import (
    current_rule_set,
    invalidate_live_engine,
    live_engine,
    pack_model,
)
from voice.learning.models import AnalysisModel, TrainingOutcome, TrainingRun
from voice.learning.rules import valid_theme_keys
from voice.learning.settings import DEFAULTS

log = logging.getLogger(__name__)

DEFAULT_MIN_RECORDS = int(DEFAULTS["ANALYSIS_MIN_CORRECTIONS"])
HOLDOUT_FRACTION = 0.2
HOLDOUT_SEED = 0
# The model learns a theme only from at least this many training comments that have it;
# the keyword rules keep deciding the others.
MIN_THEME_EXAMPLES = 5
# Different comments (not copies) needed on each side for a fair test.
MIN_HELD_BACK = 5
MIN_TRAINING = 10
KEEP_UNUSED_MODEL_FILES_DAYS = 90

SCORE_PARTS = {"sentiment": "telling how people felt", "themes": "finding themes"}


@dataclass(frozen=True)
class RetrainResult:
    run: TrainingRun
    # False when nothing had changed since an earlier run, which is returned instead.
    is_new: bool

    @property
    def summary(self) -> str:
        if self.is_new:
            return self.run.message
        from voice.templating import format_date

        when = format_date(self.run.started_at)
        return f"Nothing has changed since the last training run ({when}): {self.run.message}"


def records_from_corrections(corrections) -> list[TrainingRecord]:
    """One training record per corrected item, from its words with personal details removed."""
    records = []
    for correction in corrections:
        item = correction.voice_item
        text = item.redacted_text or redact(item.text or "")
        if not text.strip():
            continue
        records.append(TrainingRecord(text=text, question_kind=item.question_kind or None,
                                      sentiment=correction.sentiment,
                                      themes=frozenset(correction.themes or ())))
    return records


def _different(records: list[TrainingRecord]) -> int:
    """How many different comments (copies of the same words count once, as in split_holdout)."""
    return len({" ".join(r.text.lower().split()) for r in records})


def _fingerprint(parts: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _f1(scores: dict[str, Any], part: str) -> float | None:
    return (scores.get(part) or {}).get("macro_f1")


def _comparison(new: dict[str, Any], live: dict[str, Any]) -> str:
    """"telling how people felt 0.81 against 0.74; finding themes …" (new against in use)."""
    parts = []
    for part, words in SCORE_PARTS.items():
        a, b = _f1(new, part), _f1(live, part)
        if a is not None and b is not None:
            parts.append(f"{words} {a:.2f} against {b:.2f}")
    return "; ".join(parts)


def _worse_parts(new: dict[str, Any], live: dict[str, Any]) -> str:
    """"at telling how people felt (0.52 against 0.64) and at finding themes (…)"."""
    worse = []
    for part, words in SCORE_PARTS.items():
        a, b = _f1(new, part), _f1(live, part)
        if b is not None and (a is None or a < b):
            worse.append(f"at {words} ({'no score' if a is None else f'{a:.2f}'} against {b:.2f})")
    return " and ".join(worse)


def retrain(session: Session, actor: User | None, now: datetime | None = None, *,
            min_records: int = DEFAULT_MIN_RECORDS, holdout_fraction: float = HOLDOUT_FRACTION,
            seed: int = HOLDOUT_SEED) -> RetrainResult:
    """Train a model on the corrections and use it only if it is not worse. See the module."""
    if actor is not None and actor.role not in MANAGERS:
        raise NotAllowed("Only the participation team can retrain the analysis")
    now = now or utcnow()
    live = live_engine(session, max_age=0)
    corrections = latest_corrections(session)
    records = records_from_corrections(corrections)
    rule_set = current_rule_set(session)
    inputs = _fingerprint({
        "corrections": [c.id for c in corrections], "records": len(records),
        "rules": rule_set.fingerprint if rule_set else None,
        "builtin": Engine.default().version, "min_records": min_records, "fraction": holdout_fraction,
        "seed": seed,
    })
    previous = session.scalar(select(TrainingRun).where(
        TrainingRun.inputs_fingerprint == inputs,
        TrainingRun.outcome != TrainingOutcome.FAILED.value).order_by(TrainingRun.id.desc()).limit(1))
    if previous is not None:
        return RetrainResult(previous, is_new=False)

    run = TrainingRun(started_at=now, actor_id=actor.id if actor is not None else None,
                      n_corrections=len(records), live_version_before=live.version,
                      inputs_fingerprint=inputs, outcome=TrainingOutcome.NOT_ENOUGH.value)
    session.add(run)
    session.flush()
    try:
        # A savepoint: if anything fails, only this run's own work is undone.
        with session.begin_nested():
            _train_and_decide(session, actor, run, live, records, now=now,
                              min_records=min_records, holdout_fraction=holdout_fraction,
                              seed=seed)
    except Exception as error:  # the live model must keep working whatever went wrong
        log.exception("Retraining the analysis model failed")
        run.outcome = TrainingOutcome.FAILED.value
        run.message = (f"Training failed ({type(error).__name__}: {str(error)[:200]}). "
                       "The model in use has not changed.")
    run.finished_at = utcnow()
    session.flush()
    prune_model_files(session, now)
    record(session, actor, "analysis.retrained", target=run, outcome=run.outcome,
           corrections=run.n_corrections, held_back=run.n_held_back,
           model=run.model.version if run.model else None, message=run.message)
    return RetrainResult(run, is_new=True)


def _options(seed: int) -> TrainingOptions:
    """The engine's defaults, in one process: corrections are few enough that parallel theme
    fitting would cost more than it saves, and "retrain now" runs inside a web worker."""
    options = TrainingOptions(seed=seed)
    if hasattr(options, "n_jobs"):
        options = dataclasses.replace(options, n_jobs=1)
    return options


def _train_and_decide(session: Session, actor: User | None, run: TrainingRun, live: Engine,
                      records: list[TrainingRecord], *, now: datetime, min_records: int,
                      holdout_fraction: float, seed: int) -> None:
    if len(records) < min_records:
        run.outcome = TrainingOutcome.NOT_ENOUGH.value
        run.message = (f"Not enough corrections yet ({len(records)} of {min_records}). "
                       "Correct more items' themes and sentiment, or confirm the ones that are "
                       "right, and it will try again.")
        return
    train, held = split_holdout(records, fraction=holdout_fraction, seed=seed)
    run.n_train, run.n_held_back = len(train), len(held)
    different_train, different_held = _different(train), _different(held)
    if different_held < MIN_HELD_BACK or different_train < MIN_TRAINING:
        run.outcome = TrainingOutcome.NOT_ENOUGH.value
        run.message = (f"Not enough different comments yet to train and test fairly "
                       f"({different_train} different ones to learn from, {different_held} to test "
                       "on). Many corrections are of the same words; correct some different "
                       "comments.")
        return

    valid = valid_theme_keys(session)
    counts = Counter(t for r in train for t in (r.themes or ()))
    learnt = [t for t in valid if counts[t] >= MIN_THEME_EXAMPLES]
    model = train_model(train, theme_names=learnt, options=_options(seed))
    candidate = Engine(rules=live.rules, model=model)
    new_scores = evaluate(candidate, held, theme_names=valid)
    live_scores = evaluate(live, held, theme_names=valid)
    model.metadata["scores"] = new_scores
    model.metadata["trained_on"] = "corrections"
    model.metadata["n_held_back"] = len(held)
    blob, version = pack_model(model)
    row = AnalysisModel(version=version, trained_at=now,
                        trained_by_id=actor.id if actor is not None else None,
                        n_records=len(train), n_held_back=len(held), theme_names=learnt,
                        scores=new_scores, live_scores=live_scores, files=blob,
                        files_size=len(blob), is_live=False)
    session.add(row)
    session.flush()
    run.model = row
    run.new_scores, run.live_scores = new_scores, live_scores
    comparison = _comparison(new_scores, live_scores)
    if not is_not_worse(new_scores, live_scores):
        run.outcome = TrainingOutcome.KEPT.value
        run.message = (f"Kept the model in use because the new one was worse "
                       f"{_worse_parts(new_scores, live_scores)}, on {len(held)} corrections held "
                       "back from its training.")
        return
    try:
        with session.begin_nested():
            session.execute(update(AnalysisModel).where(AnalysisModel.is_live.is_(True))
                            .values(is_live=False, retired_at=now)
                            .execution_options(synchronize_session="fetch"))
            row.is_live = True
            row.went_live_at = now
            session.flush()
    except IntegrityError:
        row.is_live = False
        row.went_live_at = None
        run.outcome = TrainingOutcome.KEPT.value
        run.message = ("Another training run changed the model at the same moment, so this one "
                       "was not used.")
        return
    invalidate_live_engine()
    run.outcome = TrainingOutcome.REPLACED.value
    run.message = (f"The new model replaced the one in use: on {len(held)} corrections held back "
                   f"from its training it did at least as well ({comparison}, new against old).")


def prune_model_files(session: Session, now: datetime, *,
                      keep_days: int = KEEP_UNUSED_MODEL_FILES_DAYS) -> int:
    """Drop the files (not the scores or decisions) of models not in use for ``keep_days``.

    Models hold word fragments of the comments they learnt from (with personal details taken
    out), so they are not kept longer than they are useful: refused models once they are
    ``keep_days`` old, replaced models ``keep_days`` after they were replaced. The live model is
    always kept. Returns how many were pruned.
    """
    cutoff = now - timedelta(days=keep_days)
    result = session.execute(
        update(AnalysisModel)
        .where(AnalysisModel.is_live.is_(False), AnalysisModel.files_size > 0,
               or_(and_(AnalysisModel.went_live_at.is_(None), AnalysisModel.trained_at < cutoff),
                   AnalysisModel.retired_at < cutoff))
        .values(files=b"", files_size=0)
        .execution_options(synchronize_session=False))
    return result.rowcount or 0


# ---- reading the registry ----------------------------------------------------------------------

def live_model(session: Session) -> AnalysisModel | None:
    return session.scalar(select(AnalysisModel).where(AnalysisModel.is_live.is_(True)).limit(1))


def training_history(session: Session, *, limit: int = 30) -> list[TrainingRun]:
    from sqlalchemy.orm import selectinload

    return list(session.scalars(
        select(TrainingRun).options(selectinload(TrainingRun.actor), selectinload(TrainingRun.model))
        .order_by(TrainingRun.id.desc()).limit(limit)))
