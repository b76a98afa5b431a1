"""What the appointments tell people, through the notifications app's one function."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from passerelle.appointments.enums import AnswerVia, AppointmentStatus
from passerelle.appointments.models import Appointment
from passerelle.core.links import personal_link
from passerelle.notifications.events import Event
from passerelle.notifications.services import Notice, morning_of, notify
from passerelle.people.models import Person


def _context(appointment: Appointment) -> dict:
    return {
        "when": appointment.starts_at,
        "service": appointment.service.name,
        "place": appointment.site.full_address,
        "short_place": appointment.site.name,
        "bring": ", ".join(appointment.reason.procedure.document_list)
        if appointment.reason.procedure_id
        else "",
        "code": appointment.kiosk_code,
        "link": personal_link(appointment.link_token),
    }


def _related(appointment: Appointment) -> Appointment:
    return Appointment.objects.select_related("person", "service", "site", "reason__procedure").get(
        pk=appointment.pk
    )


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
        "person", "service", "site", "reason__procedure"
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


def on_cancel_requested(person_ids: list[int], **_ignored) -> None:
    """An SMS "ANNULER": each person's next appointment is cancelled as if they had used
    their link, and they are told; with none to come, they are told that too."""
    from passerelle.appointments import services

    now = timezone.now()
    for person in Person.objects.filter(pk__in=person_ids).select_related("organisation"):
        upcoming = (
            Appointment.objects.filter(
                person=person, status=AppointmentStatus.UPCOMING, starts_at__gt=now
            )
            .select_related("person", "service", "site", "reason__procedure")
            .order_by("starts_at")
            .first()
        )
        if upcoming is None:
            notify(
                person=person,
                event=Event.NOTHING_TO_CANCEL,
                context={"place": person.organisation.name},
                key=f"person:{person.pk}:nothing_to_cancel:{now:%Y%m%d%H%M%S}",
            )
            continue
        try:
            services.appointment_cancel_by_person(appointment=upcoming, via=AnswerVia.SMS)
        except ValidationError:
            continue
        notify(
            person=person,
            event=Event.APPOINTMENT_CANCELLED_BY_PERSON,
            context=_context(upcoming),
            key=f"appointment:{upcoming.pk}:cancelled_by_person",
            event_at=upcoming.starts_at,
        )
