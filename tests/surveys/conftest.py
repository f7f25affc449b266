from __future__ import annotations

import pytest

from tests.support.surveys_factories import SurveyFactory


@pytest.fixture()
def surveys(session, factory) -> SurveyFactory:
    return SurveyFactory(session, factory)
