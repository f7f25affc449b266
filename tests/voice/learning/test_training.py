"""Retraining on corrections: too few is a clear outcome, a worse model is refused, a better one
replaces the live model, every decision is recorded, and running it twice records nothing new."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from tests.support.learning_factories import HUB, consistent_labels
from voice.analysis import Engine, TrainingRecord, split_holdout
from voice.audit.models import AuditEvent
from voice.errors import NotAllowed
from voice.learning import training
from voice.learning.corrections import latest_corrections
from voice.learning.engine import live_engine
from voice.learning.models import AnalysisModel, TrainingOutcome, TrainingRun
from voice.loop.items import record_voice_item

NOW = datetime(2027, 3, 7, 3, 15, tzinfo=UTC)
def _teach(learning, people, labels):
    learning.teach(labels, actor=people["officer"])


def _consistent():
    return consistent_labels()


def count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def test_too_few_corrections_is_a_clear_outcome_not_a_crash(session, learning, people):
    _teach(learning, people, _consistent()[:7])
    result = training.retrain(session, people["officer"], NOW, min_records=50)
    assert result.is_new and result.run.outcome == TrainingOutcome.NOT_ENOUGH
    assert result.run.message.startswith("Not enough corrections yet (7 of 50)")
    assert count(session, AnalysisModel) == 0
    assert live_engine(session).version == Engine.default().version


def test_no_corrections_at_all(session):
    result = training.retrain(session, None, NOW)
    assert result.run.outcome == TrainingOutcome.NOT_ENOUGH
    assert "(0 of 50)" in result.run.message


def test_a_better_model_replaces_the_live_one(session, learning, people):
    _teach(learning, people, _consistent())
    before = live_engine(session).version
    result = training.retrain(session, people["officer"], NOW, min_records=30)
    run = result.run
    assert run.outcome == TrainingOutcome.REPLACED, run.message
    assert run.n_corrections == 40 and run.n_train + run.n_held_back == 40
    assert run.live_version_before == before
    model = run.model
    assert model.is_live and model.went_live_at == NOW and model.trained_by_id == people["officer"].id
    assert model.scores["themes"]["macro_f1"] >= model.live_scores["themes"]["macro_f1"]
    assert set(model.theme_names) == {"place_and_travel", "quality_of_support"}
    assert "replaced the one in use" in run.message
    # New voice items are analysed with it at once.
    item = record_voice_item(session, source="answer", text="the hub kettle lantern",
                             service_id=people["service"].id)
    assert "place_and_travel" in item.themes
    assert item.model_version == live_engine(session).version != before
    assert f"+model-{model.version}" in item.model_version


def test_both_models_are_scored_on_the_same_held_back_corrections(session, learning, people,
                                                                  monkeypatch):
    _teach(learning, people, _consistent())
    seen = []
    real = training.evaluate

    def spy(engine, records, theme_names=None):
        seen.append([r.text for r in records])
        return real(engine, records, theme_names=theme_names)

    monkeypatch.setattr(training, "evaluate", spy)
    run = training.retrain(session, None, NOW, min_records=30).run
    assert len(seen) == 2 and seen[0] == seen[1] and len(seen[0]) == run.n_held_back
    assert not set(seen[0]) & {r.text for r in _training_side(run)}


def _training_side(run):
    records = [TrainingRecord(text=t) for t, _, _ in _consistent()]
    return split_holdout(records, fraction=training.HOLDOUT_FRACTION, seed=training.HOLDOUT_SEED)[0]


def test_a_worse_model_is_refused_and_the_live_one_kept(session, learning, people):
    """Training labels contradict the held-back ones: what it learns is wrong on them."""
    labels = _consistent()
    records = [TrainingRecord(text=t) for t, _, _ in labels]
    _, held = split_holdout(records, fraction=training.HOLDOUT_FRACTION, seed=training.HOLDOUT_SEED)
    held_texts = {r.text for r in held}
    engine = live_engine(session)
    contradicting = []
    for text, _, _ in labels:
        if text in held_texts:  # held back: exactly what the live engine says, so it scores 1.0
            found = engine.analyse(text)
            contradicting.append((text, found.sentiment, list(found.themes)))
        else:  # trained on: the opposite sentiment, and a theme the held-back ones never have
            found = engine.analyse(text)
            opposite = "positive" if found.sentiment == "negative" else "negative"
            contradicting.append((text, opposite, ["praise"]))
    _teach(learning, people, contradicting)
    before = live_engine(session).version

    run = training.retrain(session, None, NOW, min_records=30).run
    assert run.outcome == TrainingOutcome.KEPT, run.message
    assert run.live_scores["sentiment"]["macro_f1"] == 1.0
    assert run.new_scores["sentiment"]["macro_f1"] < 1.0
    assert run.message.startswith("Kept the model in use because the new one was worse")
    assert "at telling how people felt" in run.message
    # The refused model is kept in the registry (scores, files), never live.
    assert run.model is not None and not run.model.is_live and run.model.files_size > 0
    assert live_engine(session).version == before
    assert session.scalar(select(AnalysisModel).where(AnalysisModel.is_live.is_(True))) is None


def test_a_worse_model_never_replaces_a_trained_live_model(session, learning, people,
                                                          monkeypatch):
    _teach(learning, people, _consistent())
    first = training.retrain(session, None, NOW, min_records=30).run
    assert first.outcome == TrainingOutcome.REPLACED
    live_version = live_engine(session).version

    real_train = training.train_model

    def deliberately_bad(records, theme_names=None, options=None):
        flipped = [TrainingRecord(text=r.text, question_kind=r.question_kind,
                                  sentiment="positive",
                                  themes=frozenset({"praise"})) for r in records]
        return real_train(flipped, theme_names=["praise"], options=options)

    monkeypatch.setattr(training, "train_model", deliberately_bad)
    learning.corrected("the hub mitten noodle", "neutral", ["place_and_travel"])
    second = training.retrain(session, None, NOW, min_records=30).run
    assert second.outcome == TrainingOutcome.KEPT
    assert live_engine(session).version == live_version
    live = session.scalars(select(AnalysisModel).where(AnalysisModel.is_live.is_(True))).all()
    assert [m.id for m in live] == [first.model_id]


def test_running_it_twice_records_nothing_new(session, learning, people):
    _teach(learning, people, _consistent())
    first = training.retrain(session, None, NOW, min_records=30)
    counts = (count(session, TrainingRun), count(session, AnalysisModel))
    version = live_engine(session).version
    second = training.retrain(session, people["officer"], NOW, min_records=30)
    assert not second.is_new and second.run.id == first.run.id
    assert second.summary.startswith("Nothing has changed since the last training run")
    assert (count(session, TrainingRun), count(session, AnalysisModel)) == counts
    assert live_engine(session).version == version
    # A new correction is something new to learn from.
    learning.corrected("grommet mitten noodle", "neutral", ["quality_of_support"])
    assert training.retrain(session, None, NOW, min_records=30).is_new


def test_a_failure_is_recorded_and_the_live_model_stays(session, learning, people, monkeypatch):
    _teach(learning, people, _consistent())

    def broken(*args, **kwargs):
        raise RuntimeError("out of memory")

    monkeypatch.setattr(training, "train_model", broken)
    before = live_engine(session).version
    result = training.retrain(session, None, NOW, min_records=30)
    assert result.run.outcome == TrainingOutcome.FAILED
    assert "RuntimeError: out of memory" in result.run.message
    assert "The model in use has not changed" in result.run.message
    assert count(session, AnalysisModel) == 0 and live_engine(session).version == before
    # A failed run does not stop the next one from trying again.
    monkeypatch.undo()
    assert training.retrain(session, None, NOW, min_records=30).run.outcome == \
        TrainingOutcome.REPLACED


def test_many_copies_of_few_comments_are_not_enough_to_test_fairly(session, learning, people):
    for _ in range(15):
        for text in HUB[:2]:
            learning.corrected(text, "neutral", ["place_and_travel"])
    run = training.retrain(session, None, NOW, min_records=30).run
    assert run.outcome == TrainingOutcome.NOT_ENOUGH
    assert "Not enough different comments" in run.message


def test_training_uses_words_with_personal_details_removed(session, learning, people):
    _teach(learning, people, _consistent())
    learning.corrected("Call Jessica on 07700 900123 at the hub", "neutral", ["place_and_travel"])
    records = training.records_from_corrections(latest_corrections(session))
    assert not any("07700" in r.text or "Jessica" in r.text for r in records)


def test_retraining_is_audited(session, learning, people):
    training.retrain(session, people["officer"], NOW)
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "analysis.retrained"))
    assert event.actor_id == people["officer"].id and event.detail["outcome"] == "not_enough"


@pytest.mark.parametrize("role", ["commissioner", "provider", "lead", "inspector"])
def test_only_the_participation_team_may_retrain(session, people, role):
    with pytest.raises(NotAllowed):
        training.retrain(session, people[role], NOW)


def test_unused_model_files_are_dropped_after_90_days_but_the_live_one_kept(session):
    from datetime import timedelta

    from voice.learning.training import prune_model_files

    old = NOW - timedelta(days=91)

    def model(**fields):
        row = AnalysisModel(version="v", trained_at=fields.pop("trained_at", old), files=b"zip",
                            files_size=3, **fields)
        session.add(row)
        return row

    refused_long_ago = model()
    refused_lately = model(trained_at=NOW - timedelta(days=10))
    replaced_long_ago = model(went_live_at=old, retired_at=old)
    replaced_lately = model(went_live_at=old, retired_at=NOW - timedelta(days=5))
    live = model(is_live=True, went_live_at=old)
    session.flush()
    assert prune_model_files(session, NOW) == 2
    session.expire_all()
    assert [m.files_size for m in (refused_long_ago, refused_lately, replaced_long_ago,
                                   replaced_lately, live)] == [0, 3, 0, 3, 3]
    assert live.files == b"zip"
