"""Orientation to solidarity offers (refurbished devices, solidarity phone and internet
plans): recorded as a referral with its outcome, counted as an individual support, shown on
the person's file and, while unanswered, on the lending desk."""

import pytest
from django.urls import reverse

from passerelle.core.models import Activity
from passerelle.equipment import services
from passerelle.equipment.models import Referral
from tests.factories import OrganisationFactory, PersonFactory, UserFactory


@pytest.fixture
def awa(organisation, site):
    return PersonFactory(organisation=organisation, first_name="Awa", home_site=site)


def test_a_referral_is_counted_as_a_support_with_its_partner(awa, manager):
    services.referral_create(person=awa, offer="phone_plan", partner="Emmaüs Connect", by=manager)
    activity = Activity.objects.get()
    assert (activity.kind, activity.person, activity.referral_to) == (
        "individual_support",
        awa,
        "Emmaüs Connect",
    )


def test_the_outcome_is_noted_with_its_date(awa, manager):
    referral = services.referral_create(
        person=awa, offer="refurbished_device", partner="Ressourcerie", by=manager
    )
    services.referral_outcome(referral=referral, outcome="obtained", by=manager)
    referral.refresh_from_db()
    assert referral.outcome == "obtained" and referral.outcome_on is not None


def test_the_desk_records_a_referral_and_lists_it_until_answered(staff_client, awa):
    client, _ = staff_client("reception")
    response = client.post(
        reverse("equipment:refer", args=[awa.pk]),
        {"offer": "internet_plan", "partner": "Box solidaire SFR"},
        follow=True,
    )
    assert "Box solidaire SFR" in response.content.decode()
    assert "Box solidaire SFR" in client.get(reverse("equipment:desk")).content.decode()
    referral = Referral.objects.get()
    client.post(
        reverse("equipment:referral_outcome", args=[referral.pk]),
        {f"{referral.pk}-outcome": "refused"},
    )
    assert "Box solidaire SFR" not in client.get(reverse("equipment:desk")).content.decode()


def test_a_referral_without_a_partner_is_refused_next_to_the_field(staff_client, awa):
    client, _ = staff_client("reception")
    response = client.post(
        reverse("equipment:refer", args=[awa.pk]), {"offer": "phone_plan", "partner": "  "}
    )
    assert response.status_code == 200
    assert not Referral.objects.exists()


def test_the_persons_file_shows_their_referrals(staff_client, awa, manager):
    services.referral_create(person=awa, offer="phone_plan", partner="Emmaüs Connect", by=manager)
    client, _ = staff_client("social_worker")
    html = client.get(reverse("people:detail", args=[awa.pk])).content.decode()
    assert "Forfait téléphone solidaire — Emmaüs Connect" in html


def test_another_organisations_referral_cannot_be_changed(staff_client, db):
    other = OrganisationFactory()
    stranger = PersonFactory(organisation=other)
    referral = services.referral_create(
        person=stranger,
        offer="phone_plan",
        partner="X",
        by=UserFactory(organisation=other, manager=True),
    )
    client, _ = staff_client("reception")
    response = client.post(
        reverse("equipment:referral_outcome", args=[referral.pk]),
        {f"{referral.pk}-outcome": "refused"},
    )
    assert response.status_code == 404
    referral.refresh_from_db()
    assert referral.outcome == "pending"
