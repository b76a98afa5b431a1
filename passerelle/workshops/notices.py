"""What the workshops tell people, through the notifications app's one function."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from passerelle.core.links import personal_link
from passerelle.notifications.events import Event
from passerelle.notifications.services import Notice, morning_of, notify
from passerelle.workshops.enums import RegistrationStatus, SessionStatus
from passerelle.workshops.models import Registration, WorkshopSession


def _context(session: WorkshopSession, registration: Registration | None = None) -> dict:
    place = session.site.full_address
    if session.room_label:
        place = f"{place} ({session.room_label})"
    return {
        "when": session.starts_at,
        "title": session.workshop.title,
        "place": place,
        "short_place": session.site.name,
        "bring": session.workshop.what_to_bring,
        "link": personal_link(registration.link_token) if registration is not None else "",
    }


def _tell(registration: Registration, event: str, what: str) -> None:
    registration = Registration.objects.select_related(
        "person", "session__workshop", "session__site"
    ).get(pk=registration.pk)
    notify(
        person=registration.person,
        event=event,
        context=_context(registration.session, registration),
        key=f"registration:{registration.pk}:{what}",
        event_at=registration.session.starts_at,
    )


def on_promoted(registration: Registration, **_ignored) -> None:
    _tell(registration, Event.WORKSHOP_PROMOTED, "promoted")


def on_registered(registration: Registration, **_ignored) -> None:
    """A seat taken (at reception, by a partner or online): the confirmation, with the link."""
    _tell(registration, Event.WORKSHOP_REGISTERED, "registered")


def on_session_cancelled(session: WorkshopSession, notify_people=True, **_ignored) -> None:
    if not notify_people:
        return
    session = WorkshopSession.objects.select_related("workshop", "site").get(pk=session.pk)
    context = _context(session)
    registrations = Registration.objects.filter(
        session=session, status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)
    ).select_related("person")
    for registration in registrations:
        notify(
            person=registration.person,
            event=Event.WORKSHOP_CANCELLED,
            context=context,
            key=f"registration:{registration.pk}:session_cancelled",
            event_at=session.starts_at,
        )


def reminders(today: dt.date, now: dt.datetime):
    """Confirmed sign-ups, two days before and on the morning of the session."""
    confirmed = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED, session__status=SessionStatus.PLANNED
    ).select_related("person", "session__workshop", "session__site")
    for when, event in (
        (today + dt.timedelta(days=2), Event.WORKSHOP_REMINDER_2D),
        (today, Event.WORKSHOP_REMINDER_DAY),
    ):
        start = timezone.make_aware(dt.datetime.combine(when, dt.time.min))
        day = confirmed.filter(
            session__starts_at__gte=start, session__starts_at__lt=start + dt.timedelta(days=1)
        )
        if event == Event.WORKSHOP_REMINDER_2D:
            day = day.filter(created_at__lt=now - dt.timedelta(days=1))
        for registration in day:
            yield Notice(
                person=registration.person,
                event=event,
                context=_context(registration.session, registration),
                key=f"registration:{registration.pk}:{event}",
                event_at=registration.session.starts_at,
                not_before=morning_of(today),
            )
