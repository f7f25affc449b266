"""Settings: safe defaults, then ``VOICE_*`` environment variables, then test overrides.

Nothing here is read at import time: :func:`load_config` runs inside ``create_app``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any


class ConfigError(RuntimeError):
    """The app cannot start safely with these settings."""


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(f"VOICE_{name}")
    return value if value not in (None, "") else default


def _local_secret_key(instance_path: Path) -> str:
    """A secret generated once into ``instance/`` so local sessions survive restarts."""
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


def load_config(instance_path: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the Flask config for this process."""
    overrides = dict(overrides or {})
    instance = Path(instance_path)
    env = overrides.get("VOICE_ENV") or _env("ENV", "development")
    production = env == "production"

    database_url = _env("DATABASE_URL", f"sqlite:///{instance / 'voice.db'}")
    secret_key = overrides.get("SECRET_KEY") or _env("SECRET_KEY")
    if not secret_key:
        if production:
            raise ConfigError(
                "VOICE_SECRET_KEY is not set. In production Voice will not start without it: "
                "set it to a long random value (for example: python -c "
                "'import secrets; print(secrets.token_urlsafe(48))')."
            )
        secret_key = _local_secret_key(instance)

    base_url = (_env("BASE_URL", "http://127.0.0.1:5000") or "").rstrip("/")
    proxy_hops = _env("PROXY_HOPS", "0") or "0"
    if not proxy_hops.isdigit() or int(proxy_hops) > 5:
        raise ConfigError(
            "VOICE_PROXY_HOPS must be a whole number from 0 to 5: how many reverse proxies "
            "(such as nginx) sit in front of Voice. Use 1 for the nginx set-up in the README."
        )
    config: dict[str, Any] = {
        "VOICE_ENV": env,
        "SECRET_KEY": secret_key,
        "DATABASE_URL": database_url,
        "BASE_URL": base_url,
        # How many reverse proxies to trust for the client's address (X-Forwarded-For) and
        # scheme (X-Forwarded-Proto). 0 trusts none: right only when nothing is in front.
        "PROXY_HOPS": int(proxy_hops),
        "RATELIMIT_STORAGE_URI": _env("RATELIMIT_STORAGE", "memory://"),
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_HEADERS_ENABLED": False,
        # Bodies bigger than this get a friendly 413 instead of being parsed.
        "MAX_CONTENT_LENGTH": 512 * 1024,
        "MAX_FORM_MEMORY_SIZE": 256 * 1024,
        "MAX_FORM_PARTS": 400,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production or base_url.startswith("https://"),
        "SESSION_COOKIE_NAME": "voice_session",
        "PERMANENT_SESSION_LIFETIME": 8 * 60 * 60,
        "REMEMBER_COOKIE_DURATION": 0,
        "WTF_CSRF_TIME_LIMIT": 8 * 60 * 60,
        "SMTP_HOST": _env("SMTP_HOST"),
        "SMTP_PORT": int(_env("SMTP_PORT", "587") or 587),
        "SMTP_USERNAME": _env("SMTP_USERNAME"),
        "SMTP_PASSWORD": _env("SMTP_PASSWORD"),
        "SMTP_FROM": _env("SMTP_FROM", "voice@localhost"),
        "SMTP_STARTTLS": (_env("SMTP_STARTTLS", "1") or "1") not in ("0", "false", "no"),
        # Young people's words are erased after this many months; counts are kept.
        "RETENTION_MONTHS": int(_env("RETENTION_MONTHS", "36") or 36),
        "TESTING": False,
    }
    config.update(overrides)
    return config
