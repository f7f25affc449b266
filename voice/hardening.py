"""Bad input and bad moments never become a 500: one place for what every request goes through.

- **Control characters.** Every form field and query parameter is cleaned as the request parses
  it (``VoiceRequest.parameter_storage_class``): NUL and the other control characters are
  removed, tab and new lines are kept. No view or form has to remember to do it, and nothing a
  young person typed is lost because PostgreSQL refuses a NUL.
- **URL variables.** ``<int:…>`` only matches ids the database can hold (1 to 2,147,483,647),
  and ``<…>``/``<string:…>``/``<path:…>`` never match control characters: anything else is a
  404, on SQLite and PostgreSQL alike.
- **HEAD** is answered as GET (headers only): views that ask ``request.method == "GET"`` work.
- **Database blips.** An ``OperationalError`` (the database went away, a failover, a pool
  timeout) becomes a 503 that needs no database. A form sent at that moment comes back as a page
  holding everything that was sent, with one button to send it again; the survey and the action
  card re-show their own page instead (see ``surveys/blueprint.py``, ``voice/loop/views_public.py``).
- **Logs.** ``safe_traceback`` formats an exception without its message's values (no statement
  parameters, nothing quoted from the database, no form value), and ``HideValuesFilter`` does
  the same for every exception logged by Voice's loggers.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable
from typing import Any

from flask import Flask, Request, g, make_response, request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.routing import IntegerConverter, PathConverter, UnicodeConverter, ValidationError

from voice import N_

log = logging.getLogger(__name__)

# The largest id an INTEGER primary key holds on PostgreSQL (and the smallest id is 1).
MAX_ID = 2_147_483_647

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# Shown on the young person's own page (survey, card) in its language: gettext(BLIP_MESSAGE).
BLIP_MESSAGE = N_("We could not save this just now because of a problem on our side. Nothing "
                  "you typed has been lost: press the button again in a moment.")


def clean_text(value: str) -> str:
    """``value`` without NUL or other control characters (tab and new lines stay)."""
    if _CONTROL.search(value) is None:
        return value
    return _CONTROL.sub("", value)


class CleanMultiDict(ImmutableMultiDict):
    """The request's form and query parameters, with control characters removed from every
    text key and value as they are parsed (files are left as they are)."""

    def __init__(self, mapping: Any = None) -> None:
        if mapping is None:
            super().__init__()
            return
        if isinstance(mapping, MultiDict):
            pairs = mapping.items(multi=True)
        elif isinstance(mapping, dict):
            pairs = ((k, v) for k, values in mapping.items()
                     for v in (values if isinstance(values, list | tuple) else [values]))
        else:
            pairs = mapping
        super().__init__([(_clean(k), _clean(v)) for k, v in pairs])


def _clean(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


class VoiceRequest(Request):
    parameter_storage_class = CleanMultiDict


# ---- URL variables ---------------------------------------------------------------------------

class IdConverter(IntegerConverter):
    """``<int:…>``: a whole number the database can hold as an id; anything else is a 404."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None,  # noqa: A002
                 max: int | None = MAX_ID, signed: bool = False) -> None:  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

    def to_python(self, value: str) -> Any:
        if len(value) > 10 or not value.isascii():
            raise ValidationError()
        return super().to_python(value)


class TextConverter(UnicodeConverter):
    """``<name>``/``<string:name>`` without control characters (a NUL would reach the query)."""

    def to_python(self, value: str) -> Any:
        if _CONTROL.search(value) or "\n" in value or "\r" in value or "\t" in value:
            raise ValidationError()
        return value


class SafePathConverter(PathConverter):
    def to_python(self, value: str) -> Any:
        if _CONTROL.search(value) or "\n" in value or "\r" in value or "\t" in value:
            raise ValidationError()
        return value


# ---- logs ------------------------------------------------------------------------------------

# Exceptions whose messages name code (attributes, names, modules, types), never values.
SAFE_MESSAGES = (AttributeError, NameError, ImportError, RecursionError, NotImplementedError)

_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'|\([^()]*\)=\([^()]*\)")


def _safe_message(error: BaseException) -> str:
    """What went wrong, without any value that came from a person or the database."""
    from sqlalchemy.exc import StatementError

    name = type(error).__name__
    if isinstance(error, StatementError):
        orig = getattr(error, "orig", None)
        first = str(orig).splitlines()[0] if orig is not None and str(orig) else ""
        code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
        reason = _QUOTED.sub("…", first)[:200]
        statement = " ".join((error.statement or "").split())[:500]
        parts = [f"{name} ({type(orig).__name__ if orig is not None else 'no driver error'}"
                 f"{', ' + code if code else ''}): {reason}", f"[SQL: {statement}]",
                 "[parameters and values hidden]"]
        return " ".join(parts)
    if isinstance(error, SAFE_MESSAGES):
        return f"{name}: {error}"
    # Any other exception's message may quote what was typed (``int("…")``, a KeyError on a
    # form field): give the kind of error only.
    return f"{name} [message hidden: it may hold what someone typed]"


def safe_traceback(error: BaseException) -> str:
    """A traceback (files, lines and functions) with every exception's message made safe."""
    lines: list[str] = []
    seen: set[int] = set()
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__
                                        else current.__context__)
    for position, exc in enumerate(reversed(chain)):
        if position:
            lines.append("\nThe above exception led to the following:\n")
        lines.append("Traceback (most recent call last):\n")
        for frame in traceback.extract_tb(exc.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n')
            if frame.line:  # the source line: code, never a value
                lines.append(f"    {frame.line.strip()}\n")
        lines.append(_safe_message(exc) + "\n")
    return "".join(lines).rstrip("\n")


class HideValuesFilter(logging.Filter):
    """Replaces a log record's exception text with ``safe_traceback`` (see the module doc)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = safe_traceback(record.exc_info[1])
            record.exc_info = None
        return True


LOGGERS = ("voice", "surveys", "inspectors", "sqlalchemy", "flask_limiter", "werkzeug",
           "apscheduler", "gunicorn.error")


def install_log_filter() -> None:
    """Add ``HideValuesFilter`` to Voice's loggers and the libraries that log exceptions."""
    names = set(LOGGERS) | {name for name in logging.root.manager.loggerDict
                            if name.split(".")[0] in {"voice", "surveys", "inspectors",
                                                      "sqlalchemy"}}
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, HideValuesFilter) for f in logger.filters):
            logger.addFilter(HideValuesFilter())


# ---- database blips --------------------------------------------------------------------------

def is_database_blip(error: BaseException) -> bool:
    """The database could not be reached or used just now (not a mistake in our SQL)."""
    from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    if isinstance(error, DisconnectionError | PoolTimeout):
        return True
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, OperationalError):
        orig = getattr(error, "orig", None)
        if type(orig).__module__.startswith("sqlite3"):
            # SQLite also says OperationalError for mistakes in our SQL ("no such table"):
            # only a busy or unreadable database file is a blip.
            text = str(orig).lower()
            return any(word in text for word in ("locked", "busy", "disk i/o", "unable to open"))
        return True  # PostgreSQL (psycopg): the server or the connection, not our SQL
    return False


def render_without_database(template: str, status: int, **context: Any):
    """Render a page without touching the database: nobody counts as signed in (so no user is
    looked up and there is no staff navigation), so it works while the database is unavailable.
    Every other template context (language, links) is as usual."""
    from flask import current_app, render_template

    # Flask-Login reads the user from g when it is there; a user read earlier in the request
    # may be expired by the rollback and would need the database to be shown.
    g._login_user = current_app.login_manager.anonymous_user()
    return render_template(template, **context), status


def keep_answers_on_blip(render: Callable[[], Any]) -> None:
    """Ask for ``render()`` (the view's own page, with everything typed, and ``BLIP_MESSAGE``)
    if the database fails later in this request. Call it once the form has been read."""
    g.voice_blip_page = render


def _resend_fields() -> list[tuple[str, str]]:
    # Passwords are not written into a page: the form will ask for them again.
    return [(k, v) for k, v in request.form.items(multi=True)
            if isinstance(v, str) and "password" not in k.lower()]


def database_blip_page(error: BaseException):
    """503 for a database blip; a form comes back with everything sent, to send again."""
    from voice.db import db

    log.warning("The database was unavailable for %s %s\n%s", request.method, request.path,
                safe_traceback(error))
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the connection may be gone; the session is removed later
        pass
    render = g.pop("voice_blip_page", None)
    if render is not None:
        try:
            response = make_response(render())
        except Exception as again:  # noqa: BLE001 - still unavailable: the page below needs none
            log.warning("The page could not be shown again (%s)", type(again).__name__)
            try:
                db.session.rollback()
            except Exception:  # noqa: BLE001
                pass
        else:
            response.status_code = 503
            response.headers["Retry-After"] = "5"
            return response
    if request.path.startswith("/api/"):
        return ({"error": "The database is unavailable just now",
                 "detail": "Try again in a few seconds."}, 503, {"Retry-After": "5"})
    fields = _resend_fields() if request.method == "POST" else []
    response = make_response(render_without_database(
        "errors_blip.html", 503, code=503, title="Please try again in a moment",
        message=(BLIP_MESSAGE if fields else
                 "We could not load this page because of a problem on our side. Please try "
                 "again in a moment."),
        fields=fields, action=request.full_path if request.query_string else request.path))
    response.headers["Retry-After"] = "5"
    return response


# ---- wiring ----------------------------------------------------------------------------------

def init_app(app: Flask) -> None:
    """Call before any blueprint is registered (the converters apply to rules as they are added)."""
    app.request_class = VoiceRequest
    app.url_map.converters["int"] = IdConverter
    app.url_map.converters["default"] = TextConverter
    app.url_map.converters["string"] = TextConverter
    app.url_map.converters["path"] = SafePathConverter

    @app.before_request
    def _head_is_get():
        # Routes that answer GET answer HEAD (Werkzeug adds it); the view runs as for GET and
        # Werkzeug sends the headers only.
        if request.method == "HEAD":
            request.method = "GET"

    install_log_filter()
