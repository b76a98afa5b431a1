"""The whole path against real servers on this machine: an SMTP server (aiosmtpd) and an
HTTP server standing in for Brevo's SMS API, checking the exact requests Passerelle sends."""

import datetime as dt
import io
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone

from passerelle.appointments import services as appointments
from passerelle.appointments.models import Appointment, Reason, Service
from passerelle.appointments.slots import local
from passerelle.notifications.models import Message
from tests.factories import UserFactory
from tests.tasks import run_worker

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode()))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    with socket.socket() as probe:  # a free port for the server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.DEFAULT_FROM_EMAIL = "accueil@emmaus-alternatives.example"
    yield inbox
    controller.stop()


def book(person, site, organisation, days: int):
    worker = UserFactory(organisation=organisation, sites=[site], role="social_worker")
    service = Service.objects.create(organisation=organisation, name="Permanence CAF")
    reason = Reason.objects.create(service=service, name="Déclaration", duration_minutes=30)
    day = timezone.localdate() + dt.timedelta(days=days)
    appointments.opening_hours_add(
        worker=worker,
        service=service,
        site=site,
        weekday=day.weekday(),
        start_time=dt.time(9),
        end_time=dt.time(12),
        valid_from=timezone.localdate(),
    )
    return appointments.appointment_book(
        person=person, reason=reason, worker=worker, starts_at=local(day, dt.time(10)), by=worker
    )


@pytest.fixture
def booked(person, site, organisation, django_capture_on_commit_callbacks):
    """An appointment booked three days ahead, through the appointments service."""
    with django_capture_on_commit_callbacks(execute=True):
        return book(person, site, organisation, days=3)


def test_the_periodic_command_queues_a_reminder_once(person, site, organisation, sms_consent):
    appointment = book(person, site, organisation, days=2)
    Appointment.objects.filter(pk=appointment.pk).update(
        created_at=timezone.now() - dt.timedelta(days=5)
    )
    call_command("periodic", stdout=io.StringIO())
    call_command("periodic", stdout=io.StringIO())
    (message,) = Message.objects.all()
    assert (message.event, message.key) == (
        "appointment_reminder_2d",
        f"appointment:{appointment.pk}:appointment_reminder_2d",
    )
    assert message.body.startswith("Rappel : rendez-vous le ")


def test_booking_sends_the_exact_request_to_the_sms_provider(brevo, sms_consent, booked):
    run_worker()
    (request,) = brevo.requests
    assert request["path"] == "/v3/transactionalSMS/send"
    assert request["headers"]["api-key"] == "cle-de-test"
    assert request["headers"]["content-type"] == "application/json"
    message = Message.objects.get()
    assert request["json"] == {
        "sender": "EMMAUS",
        "recipient": "33612345678",
        "content": message.body,
        "type": "transactional",
        "tag": "appointment_booked",
        "unicodeEnabled": False,
    }
    assert message.body.startswith("Rendez-vous le ")
    assert "à 10h : Permanence CAF, Vitry-sur-Seine." in message.body
    assert (message.status, message.provider_id) == ("sent", "1511882900176220")


def test_a_5xx_from_the_provider_is_retried_later(brevo, sms_consent, booked):
    brevo.answers.append((503, {"code": "unavailable", "message": "maintenance"}, 0))
    run_worker()
    message = Message.objects.get()
    assert (message.status, message.attempts) == ("queued", 1)
    assert "503 : maintenance" in message.reason
    assert message.send_after > timezone.now()


def test_a_provider_timeout_is_retried_later(brevo, sms_consent, booked):
    brevo.answers.append((201, {}, 1.5))
    run_worker()
    message = Message.objects.get()
    assert (message.status, message.attempts) == ("queued", 1)
    assert "injoignable" in message.reason


def test_a_number_refused_by_the_provider_fails_with_the_reason(brevo, sms_consent, booked):
    brevo.answers.append((400, {"code": "invalid_parameter", "message": "Invalid number"}, 0))
    run_worker()
    message = Message.objects.get()
    assert (message.status, message.reason) == (
        "failed",
        "Le prestataire SMS a répondu 400 : Invalid number",
    )


def test_booking_sends_an_email_through_a_real_smtp_server(smtp, email_consent, booked):
    run_worker()
    ((recipients, content),) = smtp.messages
    assert recipients == ["awa@exemple.org"]
    assert "Subject: Votre rendez-vous" in content
    assert "From: accueil@emmaus-alternatives.example" in content
    assert Message.objects.get().status == "sent"


def test_an_smtp_server_that_is_down_means_a_retry(settings, email_consent, booked):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    run_worker()
    message = Message.objects.get()
    assert (message.status, message.attempts) == ("queued", 1)
    assert "injoignable" in message.reason
