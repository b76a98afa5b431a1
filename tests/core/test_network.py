from django.test import RequestFactory, override_settings

from passerelle.core.network import client_ip


def request(**meta):
    return RequestFactory().get("/", **meta)


def test_without_proxies_the_connection_is_the_client():
    assert client_ip(request(REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="6.6.6.6")) == (
        "192.0.2.1"
    )


@override_settings(PASSERELLE_TRUSTED_PROXIES=2)
def test_with_two_proxies_the_client_is_the_second_address_from_the_right():
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 192.0.2.9, 10.0.0.1"}
    assert client_ip(request(**meta)) == "192.0.2.9"


@override_settings(PASSERELLE_TRUSTED_PROXIES=1)
def test_a_garbled_forwarded_address_falls_back_to_the_connection():
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "not-an-address"}
    assert client_ip(request(**meta)) == "10.0.0.2"
