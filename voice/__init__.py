"""Voice: children and young people shape the services built for them, and see that they were heard."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

__version__ = "0.1.0"

log = logging.getLogger(__name__)


def N_(message: str) -> str:
    """Marks a message for translation (``pybabel extract -k N_``); translated where shown."""
    return message


ERROR_MESSAGES = {
    400: (N_("Something was wrong with that request"),
          N_("The page could not understand what was sent. Go back, check your answers and try again.")),
    403: (N_("You do not have permission to see this page"),
          N_("If you think you should, ask your participation team or administrator.")),
    404: (N_("Page not found"), N_("Check the address, or go back to the page you came from.")),
    405: (N_("That cannot be done here"), N_("Go back and try again from the page's own buttons.")),
    413: (N_("That was too much to send"),
          N_("What you sent was too large. Shorten it and try again: nothing has been saved yet.")),
    429: (N_("Too many tries, please wait"),
          N_("Wait a minute, then try again. What you typed has not been saved yet, so keep a copy.")),
    500: (N_("Sorry, something went wrong on our side"),
          N_("Please try again in a few minutes. If it keeps happening, tell your participation team.")),
}


def import_models() -> None:
    """Import every model module so the metadata is complete (for Alembic and the app)."""
    import inspectors.models  # noqa: F401
    import surveys.models  # noqa: F401
    import voice.audit.models  # noqa: F401
    import voice.auth.models  # noqa: F401
    import voice.directory.models  # noqa: F401
    import voice.learning.models  # noqa: F401
    import voice.loop.models  # noqa: F401
    import voice.summaries.models  # noqa: F401


class VoiceFlask(Flask):
    """Flask, with whether a view or hook is ``async`` worked out once per function.

    Flask asks it of every hook and the view on every request (ten times for a survey
    answer, about 3 µs each); the answer never changes for a function, so it is kept.
    """

    _SYNC_CACHE_SIZE = 4096  # views and hooks: a few hundred; a bound on anything unusual

    def ensure_sync(self, func: Any) -> Any:
        cache = self.__dict__.setdefault("_sync_callables", {})
        try:
            return cache[func]
        except KeyError:
            pass
        except TypeError:  # unhashable: ask each time
            return super().ensure_sync(func)
        made = super().ensure_sync(func)
        if len(cache) < self._SYNC_CACHE_SIZE:
            cache[func] = made
        return made


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Application factory. ``config`` overrides settings (tests pass their own database)."""
    from voice import easy_read, hardening, i18n, security
    from voice.config import load_config
    from voice.db import db
    from voice.extensions import csrf, limiter, login_manager

    app = VoiceFlask(__name__, instance_relative_config=True)
    app.config.update(load_config(app.instance_path, config))
    import_models()

    db.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    security.init_app(app)
    hardening.init_app(app)  # before the blueprints: its URL converters apply as rules are added
    i18n.init_app(app)  # the public pages' language (voice/i18n.py)
    easy_read.init_app(app)  # ?read=easy on the public pages (voice/easy_read.py)
    _register_blueprints(app)
    _register_error_handlers(app)
    _register_template_helpers(app)

    from voice.cli import register_commands

    register_commands(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from inspectors.blueprint import bp as inspectors_bp
    from surveys.blueprint import bp as surveys_bp
    from voice.api.blueprint import bp as api_bp
    from voice.audit.blueprint import bp as audit_bp
    from voice.auth.blueprint import bp as auth_bp
    from voice.directory.blueprint import bp as directory_bp
    from voice.learning.blueprint import bp as learning_bp
    from voice.loop.blueprint import bp as loop_bp
    from voice.public.blueprint import bp as public_bp
    from voice.summaries.blueprint import bp as summaries_bp

    for bp in (public_bp, auth_bp, audit_bp, directory_bp, loop_bp, learning_bp, summaries_bp,
               api_bp, surveys_bp, inspectors_bp):
        app.register_blueprint(bp)


def _register_error_handlers(app: Flask) -> None:
    from voice.db import db
    from voice.hardening import (
        database_blip_page,
        is_database_blip,
        render_without_database,
        safe_traceback,
    )

    def render_error(code: int, detail: str | None = None):
        title, message = ERROR_MESSAGES.get(code, ERROR_MESSAGES[500])
        if request.path.startswith("/api/"):
            return {"error": title, "detail": detail or message}, code
        from flask_babel import gettext  # in the page's language (voice/i18n.py)

        title, message = gettext(title), gettext(detail or message)
        detail = None
        if code == 429:  # shown when many people are using Voice: needs no database
            return render_without_database("errors.html", code, code=code, title=title,
                                           message=detail or message)
        return render_template("errors.html", code=code, title=title,
                               message=detail or message), code

    @app.errorhandler(CSRFError)
    def _csrf_error(error: CSRFError):
        return render_error(
            400,
            N_("This form has expired or was sent from somewhere else. Go back, reload the page "
               "and try again."),
        )

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        code = error.code or 500
        if code in (301, 302, 303, 307, 308):
            return error
        detail = error.description if getattr(error, "voice_message", False) else None
        response = make_response(render_error(code if code in ERROR_MESSAGES else 400, detail))
        # What the error says about itself: which methods a 405 allows (RFC 9110 requires
        # Allow), and when to try again after a 429.
        for name, value in error.get_headers():
            if name in ("Allow", "Retry-After", "WWW-Authenticate"):
                response.headers[name] = value
        if code == 429 and "Retry-After" not in response.headers:
            response.headers["Retry-After"] = "60"
        return response

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        if is_database_blip(error):
            return database_blip_page(error)
        # Never the exception's own message or statement parameters: they may hold what a
        # young person typed (voice.hardening.safe_traceback).
        log.error("Unhandled error on %s %s\n%s", request.method, request.path,
                  safe_traceback(error))
        db.session.rollback()
        return render_error(500)


def _register_template_helpers(app: Flask) -> None:
    from voice.templating import init_app

    init_app(app)
