"""Merging two files of one person who signed up twice to the same session."""

import pytest

from passerelle.people.services import person_merge
from passerelle.workshops import services
from passerelle.workshops.enums import RegistrationStatus
from passerelle.workshops.models import Registration
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(organisation):
    return (
        PersonFactory(organisation=organisation, first_name="Awa", last_name="Koné"),
        PersonFactory(organisation=organisation, first_name="Awa", last_name="Kone"),
    )


def test_merging_two_files_registered_on_one_session_keeps_one_seat(session, twins, manager):
    survivor, duplicate = twins
    services.registration_create(session=session, person=survivor, by=manager)
    services.registration_create(session=session, person=duplicate, by=manager)

    person_merge(survivor=survivor, duplicate=duplicate, by=manager)

    active = Registration.objects.active().filter(session=session)
    assert list(active.values_list("person_id", flat=True)) == [survivor.pk]


def test_merge_keeps_the_confirmed_seat_rather_than_the_waiting_place(
    session, twins, manager, organisation
):
    survivor, duplicate = twins
    services.registration_create(
        session=session, person=PersonFactory(organisation=organisation), by=manager
    )
    services.registration_create(session=session, person=duplicate, by=manager)
    waiting = services.registration_create(session=session, person=survivor, by=manager)
    assert waiting.status == RegistrationStatus.WAITING

    person_merge(survivor=survivor, duplicate=duplicate, by=manager)

    (kept,) = Registration.objects.active().filter(session=session, person=survivor)
    assert kept.status == RegistrationStatus.CONFIRMED
