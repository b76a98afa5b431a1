"""A signed-in session slides (30 idle minutes) but is written at most once a minute: a page
that only reads does not write the session row each time (issue #23)."""

from django.contrib.sessions.models import Session
from django.urls import reverse

from passerelle.core import busy
from tests.conftest import login_verified
from tests.factories import UserFactory


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_reading_pages_within_a_minute_does_not_write_the_session(client, organisation, site):
    login_verified(client, UserFactory(organisation=organisation, sites=[site]))
    client.get("/compte/")
    first = _expiry(client)
    client.get("/compte/")
    assert _expiry(client) == first


def test_a_page_a_minute_later_pushes_the_expiry_back(client, organisation, site, monkeypatch):
    login_verified(client, UserFactory(organisation=organisation, sites=[site]))
    client.get("/compte/")
    first = _expiry(client)
    later = busy.time.time() + 61
    monkeypatch.setattr(busy.time, "time", lambda: later)
    monkeypatch.setattr(
        "django.contrib.sessions.backends.base.timezone.now",
        lambda: first.__class__.fromtimestamp(later, tz=first.tzinfo),
    )
    client.get("/compte/")
    assert _expiry(client) > first


def test_the_expiry_warning_saves_the_session_at_once(client, organisation, site):
    login_verified(client, UserFactory(organisation=organisation, sites=[site]))
    client.get("/compte/")
    first = _expiry(client)
    assert client.post(reverse("accounts:session_extend")).status_code == 204
    assert _expiry(client) > first


def test_an_anonymous_visitor_gets_no_session_row(client, db):
    client.get(reverse("accounts:login"))
    assert Session.objects.count() == 0
