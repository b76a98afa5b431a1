"""What the appointments tell people, through the notifications app's one function."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from passerelle.appointments.enums import AppointmentStatus
from passerelle.appointments.models import Appointment
from passerelle.notifications.events import Event
from passerelle.notifications.services import Notice, morning_of, notify


def _context(appointment: Appointment) -> dict:
    return {
        "when": appointment.starts_at,
        "service": appointment.service.name,
        "place": appointment.site.full_address,
        "code": appointment.kiosk_code,
    }


def _related(appointment: Appointment) -> Appointment:
    return Appointment.objects.select_related("person", "service", "site").get(pk=appointment.pk)


def on_booked(appointment: Appointment, **_ignored) -> None:
    if appointment.rescheduled_from_id:  # a new date for an existing appointment: "changed"
        return
    appointment = _related(appointment)
    notify(
        person=appointment.person,
        event=Event.APPOINTMENT_BOOKED,
        context=_context(appointment),
        key=f"appointment:{appointment.pk}:booked",
        event_at=appointment.starts_at,
    )


def on_changed(appointment: Appointment, previous: Appointment | None = None, **_ignored) -> None:
    appointment = _related(appointment)
    notify(
        person=appointment.person,
        event=Event.APPOINTMENT_CHANGED,
        context=_context(appointment),
        key=f"appointment:{appointment.pk}:changed",
        event_at=appointment.starts_at,
    )


def on_cancelled(appointment: Appointment, **_ignored) -> None:
    appointment = _related(appointment)
    notify(
        person=appointment.person,
        event=Event.APPOINTMENT_CANCELLED,
        context=_context(appointment),
        key=f"appointment:{appointment.pk}:cancelled",
        event_at=appointment.starts_at,
    )


def reminders(today: dt.date, now: dt.datetime):
    """Two days before (if booked before then), and on the morning of the day."""
    upcoming = Appointment.objects.filter(status=AppointmentStatus.UPCOMING).select_related(
        "person", "service", "site"
    )
    for when, event in (
        (today + dt.timedelta(days=2), Event.APPOINTMENT_REMINDER_2D),
        (today, Event.APPOINTMENT_REMINDER_DAY),
    ):
        start = timezone.make_aware(dt.datetime.combine(when, dt.time.min))
        day = upcoming.filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1))
        if event == Event.APPOINTMENT_REMINDER_2D:
            # Booked in the last day: the confirmation has just told them.
            day = day.filter(created_at__lt=now - dt.timedelta(days=1))
        for appointment in day:
            yield Notice(
                person=appointment.person,
                event=event,
                context=_context(appointment),
                key=f"appointment:{appointment.pk}:{event}",
                event_at=appointment.starts_at,
                not_before=morning_of(today),
            )
