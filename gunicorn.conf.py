"""Gunicorn settings for Voice: ``gunicorn -c gunicorn.conf.py wsgi:app`` (``make run`` uses it).

The app, with the analysis model and the safeguarding check, is loaded once in the master
process before the workers are forked (``preload_app``), so the workers share those pages with
the master instead of each loading its own copy: a worker is ready as soon as it is forked and
adds only what it writes. Nothing that talks to the database is shared: the master closes its
connections before forking and each worker opens its own.

Environment: ``HOST`` and ``PORT`` (default 127.0.0.1:8000), ``VOICE_WORKERS`` (default 2),
``VOICE_PRELOAD=0`` to load the app in each worker instead (slower to start, more memory).
"""

from __future__ import annotations

import gc
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("VOICE_WORKERS", "2"))
worker_class = "sync"
preload_app = os.environ.get("VOICE_PRELOAD", "1") != "0"
timeout = 60
accesslog = None


def when_ready(server) -> None:
    """In the master, once the app is loaded: load the analysis engine the workers will use and
    build the safeguarding check's screens (built on first use otherwise), then close every
    database connection and freeze what is loaded so the workers share it."""
    if not preload_app:
        return
    from voice.analysis.safeguarding import build_screens
    from voice.db import db
    from voice.learning.engine import live_engine

    build_screens()
    app = server.app.wsgi()
    with app.app_context():
        try:
            live_engine(db.session)
        except Exception:  # noqa: BLE001 - no schema yet: each worker loads it when first used
            server.log.warning("The analysis engine could not be loaded before forking")
        finally:
            db.session.remove()
    _dispose_engines()
    gc.collect()
    gc.freeze()  # what the master loaded is never collected, so its pages stay shared


def post_fork(server, worker) -> None:
    """Each worker opens its own database connections."""
    _dispose_engines()


def _dispose_engines() -> None:
    from voice.db import db

    if db.engine is not None:
        db.engine.dispose(close=False)
