"""Flask extensions, created unbound and bound to the app in ``create_app``."""

from __future__ import annotations

from flask import request
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from voice.privacy import anonymous_client_key

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Sign in to see that page."
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"

csrf = CSRFProtect()

# Keyed by a salted hash of the client address: limits work, but no address is ever stored.
limiter = Limiter(key_func=anonymous_client_key, default_limits=[])


def client_is_local() -> bool:
    return request.remote_addr in {"127.0.0.1", "::1"}
