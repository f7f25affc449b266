from __future__ import annotations

import pytest

from voice.config import ConfigError, load_config


def test_every_response_carries_the_security_headers(client):
    response = client.get("/help")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_public_pages_set_no_cookie(client):
    for path in ("/", "/help", "/privacy", "/accessibility", "/healthz"):
        response = client.get(path)
        assert "Set-Cookie" not in response.headers, path


def test_session_cookie_is_http_only_and_same_site(client, factory):
    user = factory.user()
    response = client.post("/sign-in", data={"username": user.username, "password": factory.PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("VOICE_ENV", "production")
    monkeypatch.delenv("VOICE_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="VOICE_SECRET_KEY"):
        load_config(str(tmp_path))


def test_production_cookies_are_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("VOICE_ENV", "production")
    monkeypatch.setenv("VOICE_SECRET_KEY", "x" * 50)
    assert load_config(str(tmp_path))["SESSION_COOKIE_SECURE"] is True


def test_local_secret_key_is_generated_once(monkeypatch, tmp_path):
    monkeypatch.delenv("VOICE_SECRET_KEY", raising=False)
    monkeypatch.delenv("VOICE_ENV", raising=False)
    first = load_config(str(tmp_path))["SECRET_KEY"]
    second = load_config(str(tmp_path))["SECRET_KEY"]
    assert first == second and len(first) > 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_settings_come_from_voice_environment_variables(monkeypatch, tmp_path):
    monkeypatch.setenv("VOICE_DATABASE_URL", "postgresql+psycopg://db/voice")
    monkeypatch.setenv("VOICE_BASE_URL", "https://voice.example.gov.uk/")
    monkeypatch.setenv("VOICE_RATELIMIT_STORAGE", "redis://localhost:6379/0")
    monkeypatch.setenv("VOICE_SECRET_KEY", "k" * 50)
    config = load_config(str(tmp_path))
    assert config["DATABASE_URL"] == "postgresql+psycopg://db/voice"
    assert config["BASE_URL"] == "https://voice.example.gov.uk"
    assert config["RATELIMIT_STORAGE_URI"] == "redis://localhost:6379/0"
    assert config["SESSION_COOKIE_SECURE"] is True


def test_the_default_database_is_sqlite_in_instance(monkeypatch, tmp_path):
    monkeypatch.delenv("VOICE_DATABASE_URL", raising=False)
    assert load_config(str(tmp_path), {"SECRET_KEY": "x"})["DATABASE_URL"] == f"sqlite:///{tmp_path}/voice.db"


def test_health_check_reports_a_broken_database(client, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from voice.db import db

    def broken(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "unavailable"


def test_unknown_pages_get_a_friendly_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
