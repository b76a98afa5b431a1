import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp

from passerelle.core.models import AuditEntry
from tests.factories import TOTPDeviceFactory, UserFactory

LOGIN = "/compte/connexion/"
PASSWORD = "mot-de-passe-de-test"
BAD_CREDENTIALS = "Adresse e-mail ou mot de passe incorrect"


@pytest.fixture
def member(organisation, site):
    return UserFactory(organisation=organisation, sites=[site], email="sophie@exemple.org")


def normalised(html: str, email: str) -> str:
    """The page without what differs by design: the typed address and the CSRF token."""
    html = html.replace(email, "EMAIL")
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1TOKEN", html)


def post_login(client, email, password, next_url=""):
    return client.post(LOGIN, {"username": email, "password": password, "next": next_url})


def test_login_page_is_in_french(client, db):
    response = client.get(LOGIN)
    assert "Adresse e-mail" in response.text
    assert "Mot de passe" in response.text


def test_wrong_password_gets_a_french_message(client, member):
    response = post_login(client, member.email, "pas le bon")
    assert response.status_code == 200
    assert BAD_CREDENTIALS in response.text


def test_unknown_address_gets_exactly_the_same_answer_as_a_wrong_password(client, member):
    wrong_password = post_login(client, member.email, "pas le bon")
    unknown = post_login(client, "personne@exemple.org", "pas le bon")
    assert wrong_password.status_code == unknown.status_code
    assert normalised(wrong_password.text, member.email) == normalised(
        unknown.text, "personne@exemple.org"
    )


def test_inactive_account_gets_the_same_answer_as_a_wrong_password(client, member):
    member.is_active = False
    member.save()
    response = post_login(client, member.email, PASSWORD)
    assert BAD_CREDENTIALS in response.text


def test_email_is_case_insensitive(client, member):
    response = post_login(client, "Sophie@Exemple.ORG", PASSWORD)
    assert response.status_code == 302


def test_repeated_failures_are_throttled(client, member):
    for _ in range(5):
        post_login(client, member.email, "pas le bon")
    response = post_login(client, member.email, PASSWORD)
    assert response.status_code == 429
    assert "Trop de tentatives" in response.text


def test_throttling_does_not_reveal_whether_an_account_exists(client, member):
    for _ in range(5):
        post_login(client, "personne@exemple.org", "pas le bon")
    response = post_login(client, "personne@exemple.org", "pas le bon")
    assert response.status_code == 429
    assert "Trop de tentatives" in response.text


def test_first_login_without_a_device_leads_to_2fa_enrolment(client, member):
    response = post_login(client, member.email, PASSWORD)
    follow = client.get(response["Location"])
    assert follow.status_code == 302
    assert follow["Location"].startswith(reverse("accounts:otp_enrol"))


def test_login_with_a_device_asks_for_the_code_then_lands_on_next(client, member):
    device = TOTPDeviceFactory(user=member)
    response = post_login(client, member.email, PASSWORD, next_url="/ateliers/")
    assert response["Location"] == "/ateliers/"
    gated = client.get("/ateliers/")
    assert gated["Location"].startswith(reverse("accounts:otp_verify"))
    token = f"{totp(device.bin_key):06d}"
    verified = client.post(gated["Location"], {"token": token})
    assert verified["Location"] == "/ateliers/"
    assert client.get("/ateliers/").status_code == 200


def test_wrong_code_gets_a_french_message_by_the_field(client, member):
    TOTPDeviceFactory(user=member)
    post_login(client, member.email, PASSWORD)
    response = client.post(reverse("accounts:otp_verify"), {"token": "000000"})
    assert response.status_code == 200
    assert "Ce code n&#x27;est pas valable" in response.text
    assert 'id="id_token_error"' in response.text
    assert 'aria-describedby="id_token_helptext id_token_error"' in response.text


def test_successful_login_is_journaled(client, member):
    post_login(client, member.email, PASSWORD)
    assert AuditEntry.objects.filter(actor=member, action="login").exists()


def test_expired_session_lands_on_login_and_returns_to_the_page_after(client, member):
    device = TOTPDeviceFactory(user=member)
    post_login(client, member.email, PASSWORD)
    client.post(reverse("accounts:otp_verify"), {"token": f"{totp(device.bin_key):06d}"})
    client.session.flush()
    client.cookies.clear()  # what the browser does when the session has expired
    response = client.get("/permanences/")
    assert response["Location"] == f"{LOGIN}?next=/permanences/"
    back = post_login(client, member.email, PASSWORD, next_url="/permanences/")
    assert back["Location"] == "/permanences/"


def test_session_extension_renews_an_active_session(client, member):
    client.force_login(member)
    response = client.post(reverse("accounts:session_extend"))
    assert response.status_code == 204


def test_session_extension_tells_an_expired_session(client, db):
    response = client.post(reverse("accounts:session_extend"))
    assert response.status_code == 401


def test_pages_announce_the_session_length_for_the_expiry_warning(client, member):
    from tests.conftest import login_verified

    login_verified(client, member)
    html = client.get("/").text
    assert 'data-session-seconds="1800"' in html
    assert 'id="session-warning"' in html


def test_logout_ends_the_session(client, member):
    from tests.conftest import login_verified

    login_verified(client, member)
    client.post(reverse("accounts:logout"))
    assert client.get("/")["Location"].startswith(LOGIN)


def test_five_failures_on_one_account_do_not_lock_a_colleague_behind_the_same_address(
    client, member, organisation, site
):
    colleague = UserFactory(organisation=organisation, sites=[site], email="karim@exemple.org")
    for _ in range(5):
        post_login(client, member.email, "pas le bon")
    assert post_login(client, member.email, PASSWORD).status_code == 429
    assert post_login(client, colleague.email, PASSWORD).status_code == 302


@override_settings(PASSERELLE_LOGIN_ADDRESS_CEILING=12)
def test_many_accounts_tried_from_one_address_close_that_address(client, member):
    for number in range(12):
        post_login(client, f"inconnu{number}@exemple.org", "pas le bon")
    response = post_login(client, member.email, PASSWORD)
    assert response.status_code == 429
    assert "Trop de tentatives" in response.text


@override_settings(PASSERELLE_LOGIN_ADDRESS_CEILING=12)
def test_the_address_ceiling_spares_another_address(client, member):
    for number in range(12):
        post_login(client, f"inconnu{number}@exemple.org", "pas le bon")
    response = client.post(
        LOGIN, {"username": member.email, "password": PASSWORD}, REMOTE_ADDR="10.9.8.7"
    )
    assert response.status_code == 302


def test_without_trusted_proxies_a_forwarded_header_changes_nothing(client, member):
    for number in range(5):
        client.post(
            LOGIN,
            {"username": member.email, "password": "pas le bon"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
        )
    assert post_login(client, member.email, PASSWORD).status_code == 429


@override_settings(PASSERELLE_TRUSTED_PROXIES=1)
def test_behind_a_trusted_proxy_each_client_is_counted_apart(client, member):
    def through_proxy(address, password):
        return client.post(
            LOGIN,
            {"username": member.email, "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, {address}",  # the first is spoofed by the client
        )

    for _ in range(5):
        through_proxy("198.51.100.7", "pas le bon")
    assert through_proxy("198.51.100.7", PASSWORD).status_code == 429
    assert through_proxy("198.51.100.8", PASSWORD).status_code == 302
