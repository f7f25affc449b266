"""The live engine: built once per process per version, refreshed when the database changes,
and the live model round-trips through its database blob."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import pytest

from voice.analysis import Engine, ModelFormatError, TrainingRecord, train_model
from voice.learning import engine as live
from voice.learning import rules as rule_services
from voice.learning.engine import live_engine, pack_model, unpack_model
from voice.learning.models import AnalysisModel
from voice.loop.items import record_voice_item

NOW = datetime(2027, 3, 7, tzinfo=UTC)
TEXTS = ["the waiting list is far too long", "the nurse was lovely and kind",
         "they never rang me back", "free bus pass to get there", "idk", "nothing, it was good",
         "the hub is freezing", "my worker listened to me"]


def _small_model():
    records = [TrainingRecord(text=t, sentiment=s, themes=frozenset(th)) for t, s, th in [
        ("the waiting list is far too long", "negative", {"waiting_and_access"}),
        ("I waited months to be seen", "negative", {"waiting_and_access"}),
        ("the nurse was lovely and kind", "positive", {"staff_attitude"}),
        ("staff were kind and friendly", "positive", {"staff_attitude"}),
        ("it was ok I suppose", "neutral", set()),
        ("nothing much to say", "neutral", set()),
    ] * 3]
    return train_model(records, theme_names=["waiting_and_access", "staff_attitude"])


def _store(session, model, *, is_live=True):
    blob, version = pack_model(model)
    row = AnalysisModel(version=version, trained_at=NOW, files=blob, files_size=len(blob),
                        is_live=is_live, went_live_at=NOW if is_live else None)
    session.add(row)
    session.flush()
    live.invalidate_live_engine()
    return row


def test_a_model_round_trips_through_its_blob():
    model = _small_model()
    blob, version = pack_model(model)
    assert zipfile.ZipFile(io.BytesIO(blob)).namelist() == list(live.MODEL_FILES)
    loaded = unpack_model(blob)
    assert loaded.version == version == model.version
    before = Engine(model=model).analyse_many(TEXTS)
    after = Engine(model=loaded).analyse_many(TEXTS)
    assert [(a.sentiment, a.themes) for a in before] == [(a.sentiment, a.themes) for a in after]
    assert [a.sentiment_score for a in before] == pytest.approx([a.sentiment_score for a in after],
                                                               abs=1e-3)


@pytest.mark.parametrize("blob", [b"", b"not a zip", b"PK\x03\x04junk"])
def test_a_blob_that_is_not_a_model_is_refused(blob):
    with pytest.raises(ModelFormatError):
        unpack_model(blob)


def test_a_zip_missing_files_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("model.json", "{}")
        archive.writestr("../../etc/passwd", "nope")
    with pytest.raises(ModelFormatError, match="missing vocabulary.json"):
        unpack_model(buffer.getvalue())


def test_the_live_model_from_the_database_is_used(session):
    row = _store(session, _small_model())
    engine = live_engine(session)
    assert engine.model is not None and engine.model.version == row.version
    assert f"+model-{row.version}" in engine.version


def test_the_model_blob_is_unpacked_once_per_version(session, monkeypatch):
    _store(session, _small_model())
    calls = []
    real = live.unpack_model
    monkeypatch.setattr(live, "unpack_model", lambda blob: calls.append(1) or real(blob))
    first = live_engine(session, max_age=0)
    for _ in range(5):
        assert live_engine(session, max_age=0) is first  # checked every time, built once
    # A rules change rebuilds the engine but reuses the unpacked model.
    rule_services.save_theme_rules(session, None, "praise", patterns="thanks")
    rebuilt = live_engine(session, max_age=0)
    assert rebuilt is not first and rebuilt.model is first.model
    assert len(calls) == 1


def test_within_the_check_interval_the_database_is_not_asked(session, monkeypatch):
    first = live_engine(session, max_age=0)
    asked = []
    real = live.live_key
    monkeypatch.setattr(live, "live_key", lambda s: asked.append(1) or real(s))
    for _ in range(10):
        assert live_engine(session, max_age=60) is first
    assert asked == []
    live.invalidate_live_engine()  # a change made in this process is seen at once
    live_engine(session, max_age=60)
    assert asked == [1]


def test_a_corrupt_live_model_falls_back_to_the_built_in_model(session, caplog):
    session.add(AnalysisModel(version="broken", trained_at=NOW, files=b"garbage", files_size=7,
                              is_live=True))
    session.flush()
    engine = live_engine(session)
    assert engine.model is Engine.default().model
    assert "cannot be loaded" in caplog.text
    # New voice items are still analysed.
    assert engine.analyse("the waiting list is too long").themes


def test_new_items_keep_their_words_when_the_live_engine_fails(session, people, monkeypatch):
    def broken(session):
        raise RuntimeError("database went away")

    monkeypatch.setattr(live, "live_engine", broken)
    item = record_voice_item(session, source="answer", text="Stop making us wait so long",
                             service_id=people["service"].id)
    assert item.id and item.text == "Stop making us wait so long" and item.analysed_at is None
