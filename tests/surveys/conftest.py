from __future__ import annotations

import time

import pytest

from tests.support.surveys_factories import SurveyFactory


@pytest.fixture()
def surveys(session, factory) -> SurveyFactory:
    return SurveyFactory(session, factory)


@pytest.fixture()
def survey_windows():
    """The survey's own rate-limit windows, empty, with their clock held in the middle of a
    minute: the windows follow the wall clock's minutes, so a test that crossed one would start
    counting again half-way through and pass or fail by the second it ran."""
    from surveys.public_views import worker_windows

    worker_windows.reset()
    worker_windows.clock = lambda: 1_800_000_030.0
    yield worker_windows
    worker_windows.clock = time.time
    worker_windows.reset()
