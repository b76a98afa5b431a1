"""What consultation hours add to the person's file and to the "Aujourd'hui" page."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from passerelle.accounts import permissions
from passerelle.appointments.enums import AppointmentStatus
from passerelle.appointments.models import Appointment


def person_file_section(request, person) -> dict | None:
    if not permissions.can_view_full_profile(request.user):
        return None
    appointments = list(
        Appointment.objects.filter(person=person)
        .exclude(status=AppointmentStatus.RESCHEDULED)
        .select_related("worker", "reason", "service")
        .only(
            "starts_at",
            "ends_at",
            "status",
            "service__name",
            "reason__name",
            "worker__first_name",
            "worker__last_name",
        )
        .order_by("-starts_at")[:8]
    )
    now = timezone.now()
    return {
        "template": "appointments/includes/person_section.html",
        "person": person,
        "upcoming": [a for a in reversed(appointments) if a.ends_at >= now],
        "past": [a for a in appointments if a.ends_at < now],
        "can_book": permissions.can_book_appointments(request.user),
    }


# A line of the day's block: the hour, the person, the worker, whether they came or answered.
TODAY_ROW_FIELDS = (
    "starts_at",
    "status",
    "arrived_at",
    "arrived_door",
    "confirmed_by_person_at",
    "person__first_name",
    "person__last_name",
    "worker__first_name",
    "worker__last_name",
)


def today_block(request) -> dict | None:
    if not permissions.can_book_appointments(request.user):
        return None
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
    appointments = (
        Appointment.objects.visible_to(request.user)
        .filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1))
        .exclude(status__in=[AppointmentStatus.RESCHEDULED, AppointmentStatus.CANCELLED])
        .select_related("person", "worker")
        .only(*TODAY_ROW_FIELDS)
        .order_by("starts_at")
    )
    if permissions.can_hold_consultations(request.user):
        appointments = appointments.filter(worker=request.user)
    return {
        "template": "appointments/includes/today_block.html",
        "appointments": list(appointments[:12]),
    }


def worker_events(user, since):
    """A worker's appointments, for their calendar feed (first name only: the phone is not
    the place for a person's full identity)."""
    from passerelle.core.calendar import CalendarEvent

    appointments = (
        Appointment.objects.filter(worker=user, starts_at__gte=since)
        .exclude(status=AppointmentStatus.RESCHEDULED)
        .select_related("person", "reason", "site")
    )
    for appointment in appointments:
        yield CalendarEvent(
            uid=f"rdv-{appointment.pk}@passerelle",
            summary=f"RDV {appointment.reason} — {appointment.person.first_name}",
            starts_at=appointment.starts_at,
            ends_at=appointment.ends_at,
            location=appointment.site.name,
            cancelled=appointment.status == AppointmentStatus.CANCELLED,
            updated_at=appointment.updated_at,
        )
