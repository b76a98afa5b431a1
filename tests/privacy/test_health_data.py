"""Disability-related data (AAH, MDPH) touches health (GDPR art. 9): social workers and
managers see it, other roles do not. One table, role by role."""

import datetime as dt

import pytest
from django.utils import timezone

from passerelle.procedures import services
from passerelle.procedures.models import Procedure
from tests.factories import PersonFactory

SEES = {"manager": True, "social_worker": True, "mediator": False, "reception": False}


@pytest.fixture
def file_with_health_data(organisation, site, manager):
    person = PersonFactory(organisation=organisation, home_site=site, income_situation="aah")
    services.catalogue_install_default(organisation=organisation)
    procedure = Procedure.objects.get(organisation=organisation, name="Demande d'AAH (MDPH)")
    services.assisted_procedure_record(
        person=person,
        procedure=procedure,
        staff=manager,
        duration_minutes=30,
        outcome="done",
        autonomy="entierement_accompagne",
    )
    services.deadline_follow(
        person=person,
        kind="aah_renewal",
        by=manager,
        reference_date=timezone.localdate() + dt.timedelta(days=200),
    )
    return person


@pytest.mark.parametrize(("role", "sees"), SEES.items())
def test_the_file_shows_disability_data_only_to_social_workers_and_managers(
    staff_client, file_with_health_data, role, sees
):
    client, _ = staff_client(role)
    page = client.get(f"/personnes/{file_with_health_data.pk}/").text
    assert ("Renouvellement de l&#x27;AAH" in page) is sees
    assert ("Demande d&#x27;AAH (MDPH)" in page) is sees
    assert ("Réservé aux travailleurs sociaux" in page) is not sees


@pytest.mark.parametrize(("role", "sees"), SEES.items())
def test_the_form_keeps_an_aah_income_from_roles_that_may_not_see_it(
    staff_client, file_with_health_data, role, sees
):
    client, _ = staff_client(role)
    form = client.get(f"/personnes/{file_with_health_data.pk}/modifier/").context["form"]
    assert ("income_situation" in form.fields) is sees


def test_a_mediators_edit_keeps_the_aah_income(staff_client, file_with_health_data):
    client, _ = staff_client("mediator")
    person = file_with_health_data
    client.post(
        f"/personnes/{person.pk}/modifier/",
        {"first_name": person.first_name, "last_name": "Nouveau", "preferred_language": "fr"},
    )
    person.refresh_from_db()
    assert (person.last_name, person.income_situation) == ("Nouveau", "aah")


@pytest.mark.parametrize(("role", "sees"), SEES.items())
def test_the_timeline_shows_an_aah_procedure_only_to_those_who_may_see_it(
    staff_client, file_with_health_data, role, sees
):
    client, _ = staff_client(role)
    page = client.get(f"/personnes/{file_with_health_data.pk}/chronologie/").text
    assert ("Demande d&#x27;AAH (MDPH)" in page) is sees


@pytest.mark.parametrize(("role", "sees"), SEES.items())
def test_the_at_risk_list_shows_an_aah_deadline_only_to_those_who_may_see_it(
    file_with_health_data, organisation, site, role, sees
):
    from passerelle.procedures import selectors
    from passerelle.procedures.models import DeadlineOccurrence
    from tests.factories import UserFactory

    occurrence = DeadlineOccurrence.objects.get(followed__person=file_with_health_data)
    user = UserFactory(organisation=organisation, sites=[site], role=role)
    listed = selectors.at_risk(user=user, within_days=30, today=occurrence.closes_on)
    assert (occurrence in listed) is sees
