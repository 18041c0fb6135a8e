import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def german():
    """Messages are compared in German, whatever language an earlier request left active."""
    with translation.override("de"):
        yield
