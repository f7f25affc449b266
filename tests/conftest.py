"""Shared fixtures. One app per test session; each test runs inside a transaction that is
rolled back afterwards, so tests are fast and independent.

The database comes from ``VOICE_TEST_DATABASE_URL`` (PostgreSQL in CI) or a fresh SQLite file.
The schema is built by the real Alembic migrations, never by ``create_all``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from flask import g
from flask.testing import FlaskClient

from tests.support.factories import Factory
from voice import create_app
from voice.db import db
from voice.migrate import upgrade

TEST_DB_URL = os.environ.get("VOICE_TEST_DATABASE_URL")


def pytest_report_header(config):
    return f"voice database: {_database_url().split('@')[-1]}"


_url_cache: dict[str, str] = {}


def _database_url() -> str:
    if "url" not in _url_cache:
        if TEST_DB_URL:
            _url_cache["url"] = TEST_DB_URL
        else:
            folder = Path(tempfile.mkdtemp(prefix="voice-tests-"))
            _url_cache["url"] = f"sqlite:///{folder / 'test.db'}"
    return _url_cache["url"]


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url() -> str:
    return _database_url()


@pytest.fixture(scope="session")
def app(database_url):
    if database_url.startswith("postgresql"):
        _reset_postgres(database_url)
    application = create_app({
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": True,  # switched off per test by the autouse fixture below
        "BASE_URL": "http://voice.test",
        "SERVER_NAME": None,
    })
    upgrade(database_url)
    return application


@pytest.fixture()
def session(app):
    """A session bound to one connection whose outer transaction is rolled back at the end.

    Code under test may call ``commit()``: with ``create_savepoint`` that only releases a
    savepoint, so nothing ever reaches the real database. Requests made with ``client`` share
    this session (see ``_CommittingClient``); after a request, objects are expired and reload
    what the request committed when next read.
    """
    with app.app_context():
        connection = db.engine.connect()
        transaction = connection.begin()
        db.session.remove()
        db.session.configure(bind=connection, join_transaction_mode="create_savepoint")
        try:
            yield db.session
        finally:
            db.session.remove()
            transaction.rollback()
            connection.close()
            db.session.configure(bind=db.engine, join_transaction_mode="conservative_savepoint")


@pytest.fixture()
def factory(session) -> Factory:
    return Factory(session)


class _CommittingClient(FlaskClient):
    """Makes each test request behave like a request in production.

    Before the request, the test's own pending setup is committed (in the test transaction a
    commit only releases a savepoint, so nothing escapes). The test holds one app context open,
    which Flask reuses for requests, so ``g`` is emptied as a fresh app context would be. After
    the request, whatever the view flushed but did not commit is rolled back, as the session
    teardown does in production: a view that forgets to commit fails its test.
    """

    def open(self, *args, **kwargs):
        db.session.commit()
        g.__dict__.clear()
        try:
            return super().open(*args, **kwargs)
        finally:
            db.session.rollback()


@pytest.fixture()
def client(app, session):
    """A test client whose requests share the test's rolled-back transaction."""
    app.test_client_class = _CommittingClient
    with app.test_client() as test_client:
        yield test_client


@pytest.fixture()
def login(client):
    """``login(user)`` signs the test client in as ``user`` (password from the factory)."""

    def _login(user, password: str = Factory.PASSWORD):
        response = client.post("/sign-in", data={"username": user.username, "password": password})
        assert response.status_code == 302, response.data.decode()[:500]
        return client

    return _login


@pytest.fixture()
def csrf_app(app):
    """Turn CSRF protection on for one test (it is off for the rest of the suite)."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield app
    app.config["WTF_CSRF_ENABLED"] = False


@pytest.fixture(autouse=True)
def _rate_limits_off_by_default(app):
    from voice.extensions import limiter

    limiter.enabled = False
    yield
    limiter.enabled = False


@pytest.fixture()
def rate_limits(app):
    """Turn rate limiting on (with empty counters) for one test."""
    from voice.extensions import limiter

    limiter.reset()
    limiter.enabled = True
    yield limiter
    limiter.enabled = False
    limiter.reset()
