"""The ceilings of the pages without login count in the database: every app server and process
behind a load balancer counts the same calls."""

import datetime as dt
import threading
import types

import pytest
from django.db import connection

from passerelle.core import ratelimit
from passerelle.core.models import RateCounter


@pytest.mark.django_db
def test_the_call_past_the_limit_is_over_it(one_rate_window):
    calls = [ratelimit.over_limit("kiosk:1", limit=3, seconds=60) for _ in range(4)]
    assert calls == [False, False, False, True]


@pytest.mark.django_db
def test_each_key_counts_on_its_own(one_rate_window):
    ratelimit.over_limit("kiosk:1", limit=1, seconds=60)
    assert ratelimit.over_limit("kiosk:2", limit=1, seconds=60) is False


@pytest.mark.django_db
def test_a_new_window_starts_the_count_again(monkeypatch):
    clock = types.SimpleNamespace(time=lambda: 1_000_000_000.0)
    monkeypatch.setattr("passerelle.core.ratelimit.time", clock)
    ratelimit.over_limit("kiosk:1", limit=1, seconds=60)
    clock.time = lambda: 1_000_000_060.0
    assert ratelimit.over_limit("kiosk:1", limit=1, seconds=60) is False


@pytest.mark.django_db(transaction=True)
def test_calls_from_another_connection_count_in_the_same_ceiling(one_rate_window):
    """Another thread has its own database connection, as another app server would; the
    count is the database row's, not something kept in this process (a process-local cache,
    shared by threads, would pass the ceiling check but hold no row)."""
    ratelimit.over_limit("booking:10.0.0.1", limit=2, seconds=60)

    def elsewhere():
        ratelimit.over_limit("booking:10.0.0.1", limit=2, seconds=60)
        connection.close()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert ratelimit.over_limit("booking:10.0.0.1", limit=2, seconds=60) is True
    assert RateCounter.objects.get().hits == 3


@pytest.mark.django_db
def test_the_daily_task_forgets_the_counters_of_windows_that_are_over(one_rate_window):
    ratelimit.over_limit("feed:10.0.0.1", limit=5, seconds=60)
    counter = RateCounter.objects.get()
    assert ratelimit.forget_expired(now=counter.expires_at - dt.timedelta(seconds=1)) == 0
    assert ratelimit.forget_expired(now=counter.expires_at + dt.timedelta(seconds=1)) == 1
    assert not RateCounter.objects.exists()


@pytest.mark.django_db
def test_a_counter_keeps_no_address_or_birth_date_in_clear(one_rate_window):
    ratelimit.over_limit("public-link:203.0.113.7", limit=5, seconds=60)
    ratelimit.over_limit("kiosk-birth:1:1951-03-14", limit=5, seconds=60)
    names = " ".join(RateCounter.objects.values_list("name", flat=True))
    assert "public-link:" in names and "kiosk-birth:" in names
    assert "203.0.113.7" not in names and "1951" not in names
