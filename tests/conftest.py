"""Guard rails and fixtures shared by the whole suite."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db.models.sql.compiler import SQLCompiler
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from tests.factories import OrganisationFactory, SiteFactory, TOTPDeviceFactory, UserFactory
from tests.fake_brevo import brevo  # noqa: F401 - a fixture for every test module


@pytest.fixture(autouse=True)
def _isolated_cache():
    cache.clear()
    yield
    cache.clear()


# --- Guard rails (les-emplois' conftest): a test fails on what would break in production ---
# (Undefined template variables fail through settings/test.py's string_if_invalid.)


@pytest.fixture(autouse=True)
def _select_for_update_names_what_it_locks(monkeypatch):
    """`select_for_update()` over a join must say which table it locks (`of=("self",)`):
    PostgreSQL would otherwise lock every joined row, and refuses it on an outer join."""
    as_sql = SQLCompiler.as_sql

    def checked(self, *args, **kwargs):
        sql = as_sql(self, *args, **kwargs)  # joins are set up while compiling
        query = self.query
        if query.select_for_update and not query.select_for_update_of and " JOIN " in sql[0]:
            raise AssertionError(
                f"select_for_update() over a join without of=: {query.model.__name__}"
            )
        return sql

    monkeypatch.setattr(SQLCompiler, "as_sql", checked)


POST_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
METHOD_POST = re.compile(r"method\s*=\s*[\"']?post", re.I)


def post_forms_without_csrf(html: str) -> list[str]:
    return [
        f"<form{attributes}>"
        for attributes, body in POST_FORM.findall(html)
        if METHOD_POST.search(attributes) and "csrfmiddlewaretoken" not in body
    ]


@pytest.fixture(autouse=True)
def _every_post_form_carries_its_csrf_token(monkeypatch):
    """The test client skips CSRF checks; a browser does not. Every POST form rendered in a
    test must carry its token, or the test fails."""
    request = Client.request

    def checked(self, **kwargs):
        response = request(self, **kwargs)
        if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
            missing = post_forms_without_csrf(response.content.decode(errors="replace"))
            assert not missing, f"POST form without a CSRF token: {missing[0]}"
        return response

    monkeypatch.setattr(Client, "request", checked)


def assert_fragment_is_part_of_the_page(client, url: str, data: dict | None = None) -> str:
    """An htmx fragment must be exactly what the full page shows in its place: fetch both and
    find the fragment, white space folded, inside the page."""
    page = client.get(url, data or {})
    fragment = client.get(url, data or {}, HTTP_HX_REQUEST="true")
    assert page.status_code == fragment.status_code == 200

    def fold(html: str) -> str:
        html = CSRF_VALUE.sub('name="csrfmiddlewaretoken"', html)  # masked anew each time
        return " ".join(re.sub(r">\s+<", "><", html).split())

    assert fold(fragment.text) and fold(fragment.text) in fold(page.text)
    return fragment.text


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Emmaüs Alternatives")


@pytest.fixture
def site(organisation):
    return SiteFactory(organisation=organisation, name="Vitry-sur-Seine")


def login_verified(client, user):
    """Sign `user` in as after password and TOTP code: what every staff page requires."""
    device = TOTPDeviceFactory(user=user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def manager(organisation, site):
    return UserFactory(manager=True, organisation=organisation, email="claire@exemple.org")


@pytest.fixture
def manager_client(client, manager):
    return login_verified(client, manager)


@pytest.fixture
def staff_client(client, organisation, site):
    """A logged-in, verified client for a user of the given role, at `site`."""

    def make(role: str, **kwargs):
        user = UserFactory(role=role, organisation=organisation, sites=[site], **kwargs)
        login_verified(client, user)
        return client, user

    return make


@pytest.fixture
def one_rate_window(monkeypatch):
    """Every call falls in the same window of the per-address ceilings (core/ratelimit.py), so
    that a test counting calls never straddles a minute and sees its counter start again."""
    import types

    monkeypatch.setattr(
        "passerelle.core.ratelimit.time", types.SimpleNamespace(time=lambda: 1_000_000_000.0)
    )
