"""Migration 0008 converts follow-up codes already given out, so they still find their cards."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from sqlalchemy import Boolean, Date, DateTime, Integer, MetaData, Numeric, select

from tests.voice.test_migrations import scratch_url  # noqa: F401 (fixture)
from voice.db import make_engine
from voice.loop import codes
from voice.migrate import upgrade


def _insert(conn, table, **values):
    """A row with ``values`` and a plain value in every other required column."""
    row = dict(values)
    for column in table.columns:
        if column.name in row or column.nullable or column.primary_key or column.server_default:
            continue
        kind = column.type
        row[column.name] = (
            datetime.now(UTC) if isinstance(kind, DateTime) else
            datetime.now(UTC).date() if isinstance(kind, Date) else
            False if isinstance(kind, Boolean) else
            0 if isinstance(kind, Integer | Numeric) else
            [] if column.name == "cohorts" else "x")
    return conn.execute(table.insert().values(**row)).inserted_primary_key[0]


def test_codes_given_out_before_0008_still_find_their_cards(app, scratch_url):  # noqa: F811
    upgrade(scratch_url, "0007")
    engine = make_engine(scratch_url)
    meta = MetaData()
    meta.reflect(engine, only=["organisations", "services", "action_cards"])
    old_stored = hashlib.sha256(b"voice-followup:KX7M42PQ9").hexdigest()  # as 0007 stored it
    with engine.begin() as conn:
        org = _insert(conn, meta.tables["organisations"], name="Trust", kind="provider")
        service = _insert(conn, meta.tables["services"], name="CAMHS", slug="camhs",
                          provider_id=org)
        card = _insert(conn, meta.tables["action_cards"], service_id=service, kind="change",
                       submission_key="k1", followup_code_hash=old_stored)
    with app.app_context():  # as `voice db upgrade` runs it: with the app's secret key
        upgrade(scratch_url, "0008")
    cards = meta.tables["action_cards"]
    with engine.connect() as conn:
        stored = conn.scalar(select(cards.c.followup_code_hash).where(cards.c.id == card))
    engine.dispose()
    assert stored == codes.hash_code("KX7-M42-PQ9", app.config["SECRET_KEY"])


def test_0008_refuses_to_guess_a_secret_key_when_there_are_codes(scratch_url, monkeypatch):  # noqa: F811
    monkeypatch.delenv("VOICE_SECRET_KEY", raising=False)
    upgrade(scratch_url, "0007")
    engine = make_engine(scratch_url)
    meta = MetaData()
    meta.reflect(engine, only=["organisations", "services", "action_cards"])
    with engine.begin() as conn:
        org = _insert(conn, meta.tables["organisations"], name="Trust", kind="provider")
        service = _insert(conn, meta.tables["services"], name="CAMHS", slug="camhs",
                          provider_id=org)
        _insert(conn, meta.tables["action_cards"], service_id=service, kind="change",
                submission_key="k1", followup_code_hash="ab" * 32)
    engine.dispose()
    with pytest.raises(RuntimeError, match="secret key"):
        upgrade(scratch_url, "0008")
