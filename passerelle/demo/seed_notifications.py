"""Demo messages: SMS consent for most people with a mobile, a month of confirmations and
reminders already sent (a few failed, for reception to phone), and today's reminders queued
for the worker that `make run` starts beside the server (the console backend prints them)."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from passerelle.accounts.enums import Role
from passerelle.appointments.models import Appointment
from passerelle.notifications import sms
from passerelle.notifications.enums import Channel, Status
from passerelle.notifications.events import Event
from passerelle.notifications.models import Message
from passerelle.notifications.services import reminders_schedule, render, sms_text
from passerelle.people.enums import ConsentScope
from passerelle.people.models import Consent, Person

SEED = 2026_08
CONSENT_RATE = 0.7
FAILURE_RATE = 0.03
HISTORY_DAYS = 30


def seed_notifications(*, organisation, staff, roster, today, **_ignored) -> None:
    rng = random.Random(SEED)
    reception = next(u for u in staff if u.role == Role.RECEPTION)
    mobiles = list(
        Person.objects.filter(pk__in=list(roster))
        .exclude(phone="")
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    agreed = [pk for pk in mobiles if rng.random() < CONSENT_RATE]
    Consent.objects.bulk_create(
        [
            Consent(
                person_id=pk,
                scope=ConsentScope.SMS,
                recorded_by=reception,
                given_on=today - dt.timedelta(days=rng.randint(30, 700)),
            )
            for pk in agreed
        ],
        batch_size=2000,
    )
    _seed_history(organisation, set(agreed), rng, today)
    reminders_schedule(now=timezone.now())


def _seed_history(organisation, agreed: set[int], rng: random.Random, today: dt.date) -> None:
    """The confirmations of the last month's appointments, as the worker would have left
    them: most received, some only sent, a few refused by the operator."""
    since = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=HISTORY_DAYS), dt.time.min)
    )
    appointments = (
        Appointment.objects.filter(created_at__gte=since, person_id__in=agreed)
        .select_related("person", "service", "site")
        .order_by("pk")
    )
    messages = []
    for appointment in appointments:
        person = appointment.person
        _subject, text = render(
            Event.APPOINTMENT_BOOKED,
            {
                "when": appointment.starts_at,
                "service": appointment.service.name,
                "place": appointment.site.full_address,
            },
        )
        body = sms_text(text)
        failed = rng.random() < FAILURE_RATE
        sent_at = appointment.created_at + dt.timedelta(minutes=rng.randint(1, 5))
        messages.append(
            Message(
                organisation=organisation,
                person=person,
                event=Event.APPOINTMENT_BOOKED,
                channel=Channel.SMS,
                key=f"appointment:{appointment.pk}:booked",
                recipient=str(person.phone),
                body=body,
                segments=sms.count(body).segments,
                status=Status.FAILED
                if failed
                else rng.choice([Status.DELIVERED] * 4 + [Status.SENT]),
                reason="SMS non reçu : numéro invalide ou qui n'existe plus." if failed else "",
                provider_id=str(rng.randint(10**15, 10**16)),
                attempts=1,
                send_after=appointment.created_at,
                event_at=appointment.starts_at,
                sent_at=sent_at,
                created_at=appointment.created_at,
            )
        )
    Message.objects.bulk_create(messages, batch_size=2000)
