"""Migration 0016 counts "started" on the responses; going back folds those starts into the
links' counters, so the funnel reads the same before and after."""

from __future__ import annotations

from sqlalchemy import MetaData, select

from tests.voice.test_migration_0008 import _insert
from tests.voice.test_migrations import scratch_url  # noqa: F401 (fixture)
from voice.db import make_engine
from voice.migrate import downgrade, upgrade

TABLES = ["organisations", "services", "areas", "surveys", "survey_links", "survey_responses"]


def test_responses_from_before_0016_did_not_count_a_start_and_downgrade_keeps_the_funnel(
        scratch_url):  # noqa: F811
    upgrade(scratch_url, "0015")
    engine = make_engine(scratch_url)
    old = MetaData()
    old.reflect(engine, only=TABLES)
    with engine.begin() as conn:
        org = _insert(conn, old.tables["organisations"], name="Trust", kind="provider")
        service = _insert(conn, old.tables["services"], name="CAMHS", slug="camhs",
                          provider_id=org)
        area = _insert(conn, old.tables["areas"], name="Northdale", kind="place")
        survey = _insert(conn, old.tables["surveys"], title="How was today?")
        link = _insert(conn, old.tables["survey_links"], survey_id=survey, service_id=service,
                       area_id=area, channel="poster", token="abc2345", started_count=3)
        _insert(conn, old.tables["survey_responses"], survey_id=survey, link_id=link,
                submission_token="before-0016")

    upgrade(scratch_url, "0016")
    new = MetaData()
    new.reflect(engine, only=TABLES)
    responses, links = new.tables["survey_responses"], new.tables["survey_links"]
    with engine.begin() as conn:
        # A response from before was counted on the link when it was sent.
        assert conn.scalar(select(responses.c.counted_start)) in (False, 0)
        for nonce in ("one-send-a", "one-send-b"):
            _insert(conn, responses, survey_id=survey, link_id=link, submission_token=nonce,
                    counted_start=True)

    downgrade(scratch_url, "0015")
    with engine.connect() as conn:
        started = conn.scalar(select(links.c.started_count).where(links.c.id == link))
    engine.dispose()
    assert started == 3 + 2  # the two one-send starts are back on the link's counter
