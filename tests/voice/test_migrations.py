"""The schema comes only from migrations: empty → head, one step down and up again, and the
models never drift from what the migrations build. Runs on whichever backend the suite uses,
in a database of its own."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from voice.db import Base, make_engine
from voice.migrate import alembic_config, downgrade, upgrade


@pytest.fixture()
def scratch_url(database_url, tmp_path):
    """An empty database of the same kind as the suite's, just for this test."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    url = make_url(database_url)
    name = f"{url.database}_migrations"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _current(url: str) -> str | None:
    engine = make_engine(url)
    with engine.connect() as conn:
        revision = MigrationContext.configure(conn).get_current_revision()
    engine.dispose()
    return revision


def _head(url: str) -> str:
    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()


def test_migrations_have_a_single_head(database_url):
    heads = ScriptDirectory.from_config(alembic_config(database_url)).get_heads()
    assert len(heads) == 1, f"Migrations have several heads: {heads}. Merge them."


def test_upgrade_from_empty_then_down_one_step_and_up_again(scratch_url):
    upgrade(scratch_url)
    head = _head(scratch_url)
    assert _current(scratch_url) == head
    downgrade(scratch_url, "-1")
    assert _current(scratch_url) != head
    upgrade(scratch_url)
    assert _current(scratch_url) == head


def test_full_downgrade_leaves_only_the_version_table(scratch_url):
    upgrade(scratch_url)
    downgrade(scratch_url, "base")
    engine = make_engine(scratch_url)
    tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
    engine.dispose()
    assert tables == set()


def test_models_and_migrations_do_not_drift(scratch_url):
    upgrade(scratch_url)
    engine = make_engine(scratch_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == [], "Models differ from the migrations; add a migration:\n" + "\n".join(map(str, diff))


def test_0007_converts_card_ages_that_name_the_same_band_and_back(scratch_url):
    """Cards' old values that name one of today's bands are converted on cards and their voice
    items; "under_11" and "18_25" (two bands each) and survey answers' items are left alone;
    the downgrade converts back exactly those."""
    upgrade(scratch_url, "0006")
    engine = make_engine(scratch_url)
    old_values = ["11_13", "14_15", "16_17", "not_said", "under_11", "18_25", None]
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO organisations (id, name, kind, created_at) "
                          "VALUES (1, 'Trust', 'nhs', CURRENT_TIMESTAMP)"))
        conn.execute(text(
            "INSERT INTO services (id, name, slug, provider_id, category, description, contact, "
            "min_age, max_age, cohorts, created_at) VALUES (1, 'CAMHS', 'camhs', 1, 'health', "
            "'', '', 0, 25, '[]', CURRENT_TIMESTAMP)"))
        item = ("INSERT INTO voice_items (id, source, service_id, age_band, question_kind, text, "
                "redacted_text, themes, is_safeguarding, safeguarding_reasons, state, created_at) "
                "VALUES (:id, :source, 1, :age, 'nonspecific', 'words', 'words', '[]', false, "
                "'[]', 'new', CURRENT_TIMESTAMP)")
        for n, age in enumerate(old_values, start=1):
            conn.execute(text(item), {"id": n, "source": "card", "age": age})
            conn.execute(text(
                "INSERT INTO action_cards (id, service_id, kind, what, why, age_band, channel, "
                "submission_key, voice_item_id, created_at) VALUES (:id, 1, 'stop', 'words', '', "
                ":age, 'qr', :key, :id, CURRENT_TIMESTAMP)"), {"id": n, "age": age, "key": f"k{n}"})
        # A survey answer's item already holds today's bands: no revision may touch it.
        for n, age in enumerate(["11-13", "prefer_not"], start=100):
            conn.execute(text(item), {"id": n, "source": "answer", "age": age})

    def ages(table: str, where: str = "") -> list[str | None]:
        with engine.connect() as conn:
            return list(conn.scalars(text(f"SELECT age_band FROM {table} {where} ORDER BY id")))

    converted = ["11-13", "14-15", "16-17", "prefer_not", "under_11", "18_25", None]
    upgrade(scratch_url)
    assert ages("action_cards") == converted
    assert ages("voice_items", "WHERE source = 'card'") == converted
    assert ages("voice_items", "WHERE source = 'answer'") == ["11-13", "prefer_not"]
    downgrade(scratch_url, "0006")
    assert ages("action_cards") == old_values
    assert ages("voice_items", "WHERE source = 'card'") == old_values
    assert ages("voice_items", "WHERE source = 'answer'") == ["11-13", "prefer_not"]
    engine.dispose()
