"""Every URL pattern must ask an anonymous visitor to log in, except the few public pages.

A new view that forgets its protection fails here.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

PUBLIC = {
    "core:healthz": {200},
    "core:favicon": {301},  # browsers ask for it on any page, signed in or not
    "accounts:login": {200},
    "accounts:set_password": {200},  # an invalid link says so
    "accounts:session_extend": {405},  # POST only; an anonymous POST gets 401
    "admin:login": {200},
    "appointments:display": {404},  # the waiting-room screen opens with its secret token only
    "accounts:ics": {404},  # a calendar feed opens with its secret token only
    "notifications:provider_report": {405},  # POST only, and with its secret token only
    "directory_api:api_structures": {200},  # data·inclusion's public feed
    "directory_api:api_services": {200},
}
# The welcome kiosk's screens open with a kiosk's secret address only ("borne non configurée").
KIOSK_SCREENS = [
    "start",
    "start_lang",
    "birth_date",
    "appointment",
    "appointment_code",
    "appointment_choose",
    "ticket",
    "ticket_show",
    "workshop",
    "workshop_choose",
    "workshop_walk_in",
    "station",
    "station_take",
    "station_wait",
    "station_who",
    "station_name",
]
PUBLIC.update({f"kiosk:{name}": {404} for name in KIOSK_SCREENS})
# A person's own link opens with its secret only ("ce lien ne marche pas").
PUBLIC.update({"public:link": {404}, "public:link_ics": {404}})
# A site's public booking page: without anything open online (or an unknown site), 404.
PUBLIC.update(
    {
        "public:booking_site": {404},
        "public:booking_slots": {404},
        "public:booking_form": {404},
        "public:booking_code": {404},
    }
)
# A station's own screen and its agent's calls: with a station's secret address only.
PUBLIC.update(
    {
        f"station_screen:{name}": {404}
        for name in (
            "screen",
            "unlock",
            "extend",
            "end",
            "api_state",
            "api_unlock",
            "api_extend",
            "api_end",
        )
    }
)
SAMPLE_VALUES = ["1", "core", "x", "MQ", "abc-def"]


def walk(resolver: URLResolver, namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, inner)
        elif isinstance(entry, URLPattern):
            yield entry, namespace


def sample_url(pattern: URLPattern, namespace: str) -> str:
    name = f"{namespace}{pattern.name}"
    groups = list(pattern.pattern.regex.groupindex)
    if not groups:
        return reverse(name)
    for value in SAMPLE_VALUES:
        try:
            return reverse(name, kwargs={group: value for group in groups})
        except NoReverseMatch:
            continue
    raise AssertionError(f"No sample URL for {name}")


PATTERNS = [
    (pattern, namespace) for pattern, namespace in walk(get_resolver()) if pattern.name is not None
]


def test_every_project_url_pattern_has_a_name():
    unnamed = [
        str(pattern.pattern)
        for pattern, namespace in walk(get_resolver())
        if pattern.name is None and namespace != "admin:"
    ]
    assert unnamed == []


@pytest.mark.parametrize(
    ("pattern", "namespace"), PATTERNS, ids=[f"{ns}{p.name}" for p, ns in PATTERNS]
)
def test_anonymous_visitor_is_sent_to_login(client, db, pattern, namespace):
    name = f"{namespace}{pattern.name}"
    response = client.get(sample_url(pattern, namespace))
    if name in PUBLIC:
        assert response.status_code in PUBLIC[name]
        return
    assert response.status_code == 302, name
    login_paths = (reverse("accounts:login"), f"/{settings.ADMIN_URL}login/")
    assert response["Location"].startswith(login_paths), name
