"""Settings come from the app's config, else VOICE_* environment variables, else defaults."""

from __future__ import annotations

from voice.learning.settings import setting, whole_setting


def test_defaults_and_the_test_check_interval(app):
    with app.app_context():
        assert setting("ANALYSIS_ENGINE_CHECK_SECONDS") == 0  # tests always check
        assert whole_setting("ANALYSIS_MIN_CORRECTIONS") == 50
        assert whole_setting("ANALYSIS_REANALYSE_BATCH") == 2000
    assert setting("ANALYSIS_ENGINE_CHECK_SECONDS") == 10  # outside an app: the default


def test_environment_variables_and_config_override_in_that_order(app, monkeypatch):
    monkeypatch.setenv("VOICE_ANALYSIS_MIN_CORRECTIONS", "120")
    monkeypatch.setenv("VOICE_ANALYSIS_REANALYSE_BATCH", "lots")  # malformed: the default
    with app.app_context():
        assert whole_setting("ANALYSIS_MIN_CORRECTIONS") == 120
        assert whole_setting("ANALYSIS_REANALYSE_BATCH") == 2000
        app.config["ANALYSIS_MIN_CORRECTIONS"] = 30
        try:
            assert whole_setting("ANALYSIS_MIN_CORRECTIONS") == 30
        finally:
            app.config.pop("ANALYSIS_MIN_CORRECTIONS")
