import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with no call counted against the feed's ceiling."""
    cache.clear()
    yield
    cache.clear()
