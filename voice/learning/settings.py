"""The learning package's settings, read when they are used (never at import).

Each comes from the app's config if set there (tests set them that way), else from the
``VOICE_<NAME>`` environment variable, else its default:

``ANALYSIS_ENGINE_CHECK_SECONDS`` (10; 0 when testing)
    How stale a web worker's cached live engine may be before it checks the database for new
    rules or a new model. A change made in the same process is seen at once.
``ANALYSIS_MIN_CORRECTIONS`` (50)
    Corrections needed before retraining is tried.
``ANALYSIS_REANALYSE_BATCH`` (2000)
    Items re-analysed per run of the re-analysis job (every 10 minutes).
"""

from __future__ import annotations

import os

DEFAULTS = {
    "ANALYSIS_ENGINE_CHECK_SECONDS": 10.0,
    "ANALYSIS_MIN_CORRECTIONS": 50,
    "ANALYSIS_REANALYSE_BATCH": 2000,
}


def setting(name: str) -> float:
    """The setting's value (a number), falling back to its default when missing or malformed."""
    default = DEFAULTS[name]
    value = None
    try:
        from flask import current_app

        config = current_app.config
        value = config.get(name)
        if value is None and config.get("TESTING") and name == "ANALYSIS_ENGINE_CHECK_SECONDS":
            value = 0  # tests roll their data back: always check the database
    except RuntimeError:  # outside an app
        pass
    if value is None:
        value = os.environ.get(f"VOICE_{name}")
    try:
        number = float(value) if value not in (None, "") else float(default)
    except (TypeError, ValueError):
        number = float(default)
    return max(number, 0.0)


def whole_setting(name: str) -> int:
    """A setting that counts things: a whole number, at least 1."""
    return max(1, int(setting(name)))
