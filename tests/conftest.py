"""Guard rails and fixtures shared by the whole suite."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django_otp import DEVICE_ID_SESSION_KEY

from tests.factories import OrganisationFactory, SiteFactory, TOTPDeviceFactory, UserFactory


@pytest.fixture(autouse=True)
def _isolated_cache():
    cache.clear()
    yield
    cache.clear()


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
