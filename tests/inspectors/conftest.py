import pytest

from tests.support.inspectors_factories import InspectorsFactory


@pytest.fixture()
def insp(factory) -> InspectorsFactory:
    return InspectorsFactory(factory)
