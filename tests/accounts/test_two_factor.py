import time

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from passerelle.accounts import two_factor
from passerelle.core.models import AuditEntry
from tests.conftest import login_verified
from tests.factories import TOTPDeviceFactory, UserFactory

ENROL = "/compte/double-authentification/"


@pytest.fixture
def newcomer_client(client, organisation, site):
    user = UserFactory(organisation=organisation, sites=[site])
    client.force_login(user)
    return client, user


def code_for(device):
    return f"{totp(device.bin_key):06d}"


def test_staff_without_2fa_cannot_reach_any_page(newcomer_client):
    client, _ = newcomer_client
    response = client.get("/")
    assert response["Location"].startswith(ENROL)


def test_enrolment_page_shows_a_qr_code_and_the_key_to_type(newcomer_client):
    client, user = newcomer_client
    response = client.get(ENROL)
    assert response.status_code == 200
    assert 'src="/compte/double-authentification/qr.svg"' in response.text
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert two_factor.readable_secret(device) in response.text
    qr = client.get("/compte/double-authentification/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content


def test_right_code_confirms_the_device_and_shows_ten_recovery_codes(newcomer_client):
    client, user = newcomer_client
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(ENROL, {"token": code_for(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert len(response.context["codes"]) == 10
    assert StaticToken.objects.filter(device__user=user).count() == 10
    assert client.get("/").status_code == 200
    assert AuditEntry.objects.filter(actor=user, action="otp_enrolled").exists()


def test_wrong_code_at_enrolment_gets_a_french_message(newcomer_client):
    client, user = newcomer_client
    client.get(ENROL)
    response = client.post(ENROL, {"token": "123456"})
    assert "Ce code ne correspond pas" in response.text
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_a_recovery_code_signs_in_once(client, organisation, site):
    user = UserFactory(organisation=organisation, sites=[site])
    TOTPDeviceFactory(user=user)
    code = two_factor.recovery_codes_regenerate(user=user)[0]
    client.force_login(user)
    first = client.post(reverse("accounts:otp_verify"), {"token": code, "next": "/"})
    assert first["Location"] == "/"
    client.force_login(user)  # a new session
    second = client.post(reverse("accounts:otp_verify"), {"token": code})
    assert second.status_code == 200


def test_manager_resets_a_lost_phone_and_the_person_enrols_again(manager_client, organisation):
    member = UserFactory(organisation=organisation)
    TOTPDeviceFactory(user=member)
    manager_client.post(reverse("accounts:staff_reset_2fa", args=[member.pk]))
    assert not two_factor.has_device(member)


def test_sensitive_action_asks_the_code_again_after_a_long_idle_time(manager_client):
    session = manager_client.session
    session[two_factor.SESSION_LAST_ACTIVITY] = time.time() - 16 * 60
    session.save()
    response = manager_client.get(reverse("accounts:staff_create"))
    assert response["Location"].startswith(reverse("accounts:otp_verify"))


def test_sensitive_action_is_open_right_after_verification(manager_client):
    response = manager_client.get(reverse("accounts:staff_create"))
    assert response.status_code == 200


def test_demo_mode_does_not_require_2fa_from_those_who_did_not_enrol(
    client, organisation, site, settings
):
    settings.PASSERELLE_REQUIRE_2FA = False
    user = UserFactory(organisation=organisation, sites=[site])
    client.force_login(user)
    assert client.get("/").status_code == 200


def test_verified_clients_from_the_fixture_are_really_verified(client, organisation, site):
    user = UserFactory(organisation=organisation, sites=[site])
    login_verified(client, user)
    assert client.get("/").status_code == 200


def test_the_page_reads_the_verified_user_itself_not_a_lazy_proxy(staff_client):
    from django.utils.functional import LazyObject

    from passerelle.accounts.models import User

    client, user = staff_client("mediator")
    response = client.get("/compte/")
    seen = response.wsgi_request.user
    assert not isinstance(seen, LazyObject)
    assert type(seen) is User and seen.pk == user.pk
    assert seen.is_verified()


def test_an_anonymous_visitor_is_still_sent_to_the_login_page(client):
    response = client.get("/compte/")
    assert response.status_code == 302
    assert "/compte/connexion/" in response["Location"]
