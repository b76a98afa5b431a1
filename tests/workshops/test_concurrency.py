"""Never more confirmed registrations than seats, even with concurrent requests.

Real threads, each with its own database connection, on SQLite (IMMEDIATE transactions, WAL)
and on PostgreSQL (row lock on the session)."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from passerelle.workshops import services
from passerelle.workshops.models import Registration
from tests.factories import PersonFactory

THREADS = 8
SEATS = 3


@pytest.mark.django_db(transaction=True)
def test_concurrent_signups_never_exceed_the_seats(workshop, site, manager):
    session = services.session_create(
        workshop=workshop,
        site=site,
        starts_at=timezone.now() + dt.timedelta(days=1),
        capacity=SEATS,
    )
    people = PersonFactory.create_batch(THREADS, organisation=workshop.organisation)
    barrier = threading.Barrier(THREADS)
    errors = []

    def sign_up(person):
        try:
            barrier.wait(timeout=10)
            services.registration_create(session=session, person=person, by=manager)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Registration.objects.confirmed().count() == SEATS
    assert Registration.objects.waiting().count() == THREADS - SEATS


@pytest.mark.django_db(transaction=True)
def test_concurrent_cancellations_promote_each_waiting_person_once(workshop, site, manager):
    session = services.session_create(
        workshop=workshop,
        site=site,
        starts_at=timezone.now() + dt.timedelta(days=1),
        capacity=SEATS,
    )
    people = PersonFactory.create_batch(SEATS * 2, organisation=workshop.organisation)
    registrations = [
        services.registration_create(session=session, person=p, by=manager) for p in people
    ]
    barrier = threading.Barrier(SEATS)

    def cancel(registration):
        try:
            barrier.wait(timeout=10)
            services.registration_cancel(registration=registration, by=manager)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in registrations[:SEATS]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert Registration.objects.confirmed().count() == SEATS
    assert Registration.objects.waiting().count() == 0
