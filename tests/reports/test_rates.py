"""The rates that need what did not happen: empty seats, no-shows, waits, free stations."""

import datetime as dt

import pytest
from django.utils import timezone

from passerelle.appointments.models import Appointment, QueueTicket, Reason, Service
from passerelle.core.enums import ActivityKind
from passerelle.reports import selectors
from passerelle.reports.forms import Scope
from passerelle.room.models import Room, Station
from passerelle.workshops.models import Registration, Workshop, WorkshopSession
from tests.factories import ActivityFactory, PersonFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)


def at(hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(DAY, dt.time(hour, minute)))


def figures(organisation):
    scope = Scope(organisation.pk, None, "", None, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    return selectors.app_figures(scope, selectors.breakdowns(scope))


def test_attendance_rate_counts_who_came_among_those_signed_up(organisation, site, manager):
    workshop = Workshop.objects.create(
        organisation=organisation,
        title="Mail",
        theme="email",
        level="debutant",
        duration_minutes=90,
    )
    session = WorkshopSession.objects.create(
        workshop=workshop,
        site=site,
        starts_at=at(10),
        ends_at=at(11, 30),
        capacity=8,
        status="done",
    )
    for attendance in ("present", "late", "absent", "excused"):
        Registration.objects.create(
            session=session,
            person=PersonFactory(organisation=organisation),
            status="confirmed",
            attendance=attendance,
            registered_by=manager,
        )
    result = figures(organisation)["workshops"]
    assert (result["sessions"], result["seats"], result["confirmed"], result["attended"]) == (
        1,
        8,
        4,
        2,
    )
    assert selectors.rate(result["attended"], result["confirmed"]) == 50


def test_no_show_rate_and_average_wait(organisation, site, manager):
    service = Service.objects.create(organisation=organisation, name="CAF")
    reason = Reason.objects.create(service=service, name="Dossier", duration_minutes=30)
    for hour, status in ((9, "honoured"), (10, "honoured"), (11, "no_show"), (14, "cancelled")):
        Appointment.objects.create(
            person=PersonFactory(organisation=organisation),
            worker=manager,
            service=service,
            reason=reason,
            site=site,
            starts_at=at(hour),
            ends_at=at(hour, 30),
            status=status,
            booked_by=manager,
        )
    for number, wait in ((1, 10), (2, 20)):
        QueueTicket.objects.create(
            site=site,
            day=DAY,
            number=number,
            status="seen",
            created_at=at(9),
            called_at=at(9, wait),
            given_by=manager,
        )
    result = figures(organisation)["appointments"]
    assert (result["booked"], result["honoured"], result["no_show"]) == (3, 2, 1)
    assert (result["seen"], result["average_wait"]) == (2, 15)


def test_room_occupancy_divides_used_minutes_by_what_stations_offered(organisation, site):
    room = Room.objects.create(site=site, name="Salle", opens_at=dt.time(9), closes_at=dt.time(17))
    for name in ("Poste 1", "Poste 2"):
        Station.objects.create(room=room, name=name)
    # Two stations × 8 hours = 960 minutes offered on the one day used; 240 used.
    for minutes in (120, 120):
        ActivityFactory(
            organisation=organisation,
            site=site,
            date=DAY,
            kind=ActivityKind.ROOM_SESSION,
            duration_minutes=minutes,
        )
    result = figures(organisation)["room"]
    assert (result["sessions"], result["hours"], result["occupancy"]) == (2, 4, 25)
