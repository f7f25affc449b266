"""Flask extensions, created unbound and bound to the app in ``create_app``."""

from __future__ import annotations

from flask import current_app, request
from flask_limiter import Limiter as _FlaskLimiter
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from voice.privacy import anonymous_client_key

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Sign in to see that page."
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"

csrf = CSRFProtect()



class Limiter(_FlaskLimiter):
    """Flask-Limiter, with nothing done before a view that counts its own limits.

    Such views (marked with :func:`counts_own_limits`, like the public survey) consult the
    limit themselves, in the view, so they can keep what was typed; Voice sets no default
    limits, so Flask-Limiter's per-request check has nothing to do for them, and they are the
    busiest public pages.
    """

    def _check_request_limit(self, callable_name: str | None = None,
                             in_middleware: bool = True) -> None:
        view = current_app.view_functions.get(request.endpoint or "")
        if in_middleware and getattr(view, "counts_own_limits", False):
            return
        super()._check_request_limit(callable_name=callable_name, in_middleware=in_middleware)


def counts_own_limits(view):
    """Mark a view that consults its rate limits itself (see :class:`Limiter`)."""
    view.counts_own_limits = True
    return view


# Keyed by a salted hash of the client address: limits work, but no address is ever stored.
limiter = Limiter(key_func=anonymous_client_key, default_limits=[])


def client_is_local() -> bool:
    return request.remote_addr in {"127.0.0.1", "::1"}
