"""The data·inclusion feed: what is published, validated by the official package's v1 models,
with hours written from Passerelle's."""

import datetime as dt

import pytest
from data_inclusion.schema import v1
from django.urls import reverse

from passerelle.appointments.models import OpeningHours, Service
from passerelle.directory.enums import COMMON_DEFAULTS, DEFAULTS, ServiceKind
from passerelle.directory.hours import SYNTAX, opening_hours
from passerelle.directory.models import Listing, Offer
from tests.factories import SiteFactory

pytestmark = pytest.mark.django_db
STRUCTURES, SERVICES = "/api/data-inclusion/v1/structures", "/api/data-inclusion/v1/services"
T = dt.time


@pytest.fixture
def published(organisation, site):
    site.address = "12 rue Montebello"
    site.save()
    listing = Listing.objects.create(
        site=site,
        published=True,
        description="Un lieu d'accueil et de médiation numérique d'Emmaüs.",
        phone="+33145678910",
        networks=["emmaus"],
    )
    offers = [
        Offer.objects.create(
            site=site, kind=kind, published=True, **COMMON_DEFAULTS, **DEFAULTS[kind]
        )
        for kind in ServiceKind
    ]
    return listing, offers


def test_hours_are_written_in_openstreetmap_syntax():
    hours = [
        (0, T(9), T(12)),
        (0, T(14), T(17)),
        (1, T(9), T(12)),
        (1, T(14), T(17)),
        (2, T(9), T(12)),
        (4, T(9), T(12)),
        (4, T(14), T(17)),
    ]
    text = opening_hours(hours)
    assert text == "Mo-Tu,Fr 09:00-12:00,14:00-17:00; We 09:00-12:00; PH off"
    assert SYNTAX.match(text)


def test_overlapping_hours_of_one_day_are_joined():
    assert opening_hours([(2, T(9), T(11)), (2, T(10), T(12))]) == "We 09:00-12:00; PH off"


def test_no_hours_known_gives_no_hours():
    assert opening_hours([]) == ""


def test_every_published_structure_validates_with_the_official_package(client, published):
    items = client.get(STRUCTURES).json()["items"]
    assert len(items) == 1
    structure = v1.Structure.model_validate(items[0], context={"ignore_warnings": False})
    assert structure.code_insee == "94081"
    assert list(structure.reseaux_porteurs) == [v1.ReseauPorteur("emmaus")]


def test_every_published_service_validates_with_the_official_package(client, published):
    items = client.get(SERVICES).json()["items"]
    assert len(items) == 4
    for item in items:
        service = v1.Service.model_validate(item, context={"ignore_warnings": False})
        assert service.structure_id == client.get(STRUCTURES).json()["items"][0]["id"]


def test_ids_are_source_then_local_id_and_stable(client, published, site):
    first = client.get(SERVICES).json()["items"][0]["id"]
    assert first.startswith(f"passerelle--{site.organisation_id}-{site.pk}-")
    assert client.get(SERVICES).json()["items"][0]["id"] == first


def test_consultation_hours_become_the_service_s_opening_hours(client, published, site, manager):
    service = Service.objects.create(organisation=site.organisation, name="Permanence CAF")
    OpeningHours.objects.create(
        worker=manager,
        service=service,
        site=site,
        weekday=1,
        start_time=T(9),
        end_time=T(12),
        valid_from=dt.date(2020, 1, 1),
    )
    items = {i["id"].rsplit("-", 1)[-1]: i for i in client.get(SERVICES).json()["items"]}
    assert items["consultations"]["horaires_accueil"] == "Tu 09:00-12:00; PH off"


def test_an_unpublished_site_hides_its_services(client, published):
    listing, _offers = published
    listing.published = False
    listing.save()
    assert client.get(STRUCTURES).json()["total"] == 0
    assert client.get(SERVICES).json()["total"] == 0


def test_the_feed_is_paginated(client, published):
    page = client.get(SERVICES, {"page": 2, "size": 3}).json()
    assert (page["total"], page["pages"], page["page"], len(page["items"])) == (4, 2, 2, 1)


@pytest.mark.parametrize("params", [{"page": 0}, {"size": 501}, {"page": "x"}])
def test_a_wrong_page_gets_a_french_message(client, published, params):
    response = client.get(SERVICES, params)
    assert response.status_code == 400
    assert "entier" in response.json()["detail"]


def test_the_manager_sees_each_service_s_quality_score(manager_client, published):
    page = manager_client.get(reverse("directory:overview"))
    assert page.status_code == 200
    assert page.text.count(" / 100") == 4


def test_the_manager_page_says_what_data_inclusion_would_refuse(manager_client, published):
    _listing, offers = published
    Offer.objects.filter(pk=offers[0].pk).update(name="Ateliers.")
    page = manager_client.get(reverse("directory:overview"))
    assert "ne doit pas se terminer par un point" in page.text


def test_a_service_described_for_the_first_time_starts_from_passerelle_s_proposal(
    manager_client, site
):
    page = manager_client.get(reverse("directory:offer", args=[site.pk, "workshops"]))
    assert "Des ateliers en petit groupe" in page.text


def test_all_publics_cannot_be_combined(manager_client, site):
    data = {
        "name": "Ateliers",
        "description": "Des ateliers pour apprendre.",
        "themes": ["numerique--maitriser-les-fondamentaux-du-numerique"],
        "publics": ["tous-publics", "seniors"],
    }
    page = manager_client.post(reverse("directory:offer", args=[site.pk, "workshops"]), data)
    assert "ne se combine pas" in page.text
    assert not Offer.objects.exists()


def test_only_managers_describe_the_offer(staff_client):
    client, _user = staff_client("mediator")
    assert client.get(reverse("directory:overview")).status_code == 403


def test_another_organisation_s_site_cannot_be_described(manager_client):
    other = SiteFactory()
    response = manager_client.get(reverse("directory:listing", args=[other.pk]))
    assert response.status_code == 404


def test_the_feed_answers_429_past_its_ceiling_per_address(client, published, monkeypatch):
    from passerelle.core import ratelimit

    monkeypatch.setattr(ratelimit.time, "time", lambda: 1_000_000.0)
    statuses = [client.get(SERVICES).status_code for _ in range(62)]
    assert statuses[:60] == [200] * 60
    assert statuses[60:] == [429, 429]
    assert "réessayez" in client.get(SERVICES).json()["detail"]
