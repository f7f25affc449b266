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
