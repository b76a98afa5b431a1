import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from passerelle.notifications import services
from passerelle.notifications.backends import LocmemBackend, SendError
from passerelle.notifications.events import SPECS, Event, sample_context
from passerelle.notifications.models import Message
from passerelle.people.services import consent_withdraw
from tests.factories import ConsentFactory, PersonFactory
from tests.notifications.conftest import appointment_context, in_days

pytestmark = pytest.mark.django_db


def notify(person, key="appointment:1:booked", **kwargs):
    return services.notify(
        person=person,
        event=Event.APPOINTMENT_BOOKED,
        context=appointment_context(),
        key=key,
        event_at=in_days(3),
        **kwargs,
    )


def test_nothing_is_written_without_consent(person):
    assert notify(person) == []
    assert not Message.objects.exists()


def test_a_message_is_queued_with_consent(person, sms_consent):
    (message,) = notify(person)
    assert (message.channel, message.status, message.recipient, message.segments) == (
        "sms",
        "queued",
        "+33612345678",
        1,
    )
    assert "Permanence CAF, Vitry-sur-Seine" in message.body


def test_the_message_goes_out_when_delivered(person, sms_consent):
    (message,) = notify(person)
    assert services.deliver(message_id=message.pk) == "sent"
    message.refresh_from_db()
    assert message.status == "sent"
    assert LocmemBackend.outbox == [
        {"to": "+33612345678", "text": message.body, "tag": "appointment_booked"}
    ]


def test_email_goes_to_people_who_agreed_to_email(person, email_consent):
    (message,) = notify(person)
    services.deliver(message_id=message.pk)
    assert [(m.to, m.subject) for m in mail.outbox] == [(["awa@exemple.org"], "Votre rendez-vous")]
    assert mail.outbox[0].body.startswith("Bonjour Awa,")


def test_withdrawn_consent_stops_a_queued_message(person, sms_consent, manager):
    (message,) = notify(person)
    consent_withdraw(person=person, scope="sms", by=manager)
    assert services.deliver(message_id=message.pk) == "cancelled"
    message.refresh_from_db()
    assert (message.status, message.reason) == ("cancelled", "La personne a retiré son accord.")
    assert LocmemBackend.outbox == []


def test_same_key_is_never_written_twice(person, sms_consent):
    notify(person)
    assert notify(person) == []
    assert Message.objects.count() == 1


def test_delivering_twice_sends_once(person, sms_consent):
    (message,) = notify(person)
    services.deliver(message_id=message.pk)
    assert services.deliver(message_id=message.pk) == "already handled"
    assert len(LocmemBackend.outbox) == 1


def test_nothing_is_written_for_a_past_event(person, sms_consent):
    past = timezone.now() - dt.timedelta(minutes=1)
    assert (
        services.notify(
            person=person,
            event=Event.APPOINTMENT_BOOKED,
            context=appointment_context(),
            key="k",
            event_at=past,
        )
        == []
    )


def test_a_message_still_queued_when_its_event_passes_is_not_sent(person, sms_consent):
    (message,) = notify(person)
    assert services.deliver(message_id=message.pk, now=in_days(4)) == "cancelled"
    message.refresh_from_db()
    assert message.reason == "L'événement est passé."


@pytest.fixture
def quiet_hours(settings):
    settings.NOTIFICATIONS_QUIET_START = dt.time(20)
    settings.NOTIFICATIONS_QUIET_END = dt.time(8, 30)


def at(day_offset: int, hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=day_offset)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def test_a_message_written_at_night_waits_for_the_morning(person, sms_consent, quiet_hours):
    (message,) = notify(person, now=at(0, 22))
    assert message.send_after == at(1, 8, 30)


def test_a_message_written_before_dawn_waits_for_the_same_morning(person, sms_consent, quiet_hours):
    (message,) = notify(person, now=at(1, 5))
    assert message.send_after == at(1, 8, 30)


def test_a_message_written_in_the_day_leaves_at_once(person, sms_consent, quiet_hours):
    (message,) = notify(person, now=at(0, 10))
    assert message.send_after == at(0, 10)


def test_a_worker_running_at_night_postpones_the_message(person, sms_consent, quiet_hours):
    (message,) = notify(person, now=at(0, 10))
    assert services.deliver(message_id=message.pk, now=at(0, 21)) == "postponed"
    message.refresh_from_db()
    assert (message.status, message.send_after, message.attempts) == ("queued", at(1, 8, 30), 0)
    assert LocmemBackend.outbox == []


def test_an_event_switched_off_by_the_structure_is_not_sent(person, sms_consent, manager):
    services.enabled_events_set(
        organisation=person.organisation,
        enabled=[e for e in Event.values if e != Event.APPOINTMENT_BOOKED],
        by=manager,
    )
    assert notify(person) == []


def test_a_landline_is_logged_as_failed_for_reception_to_phone(organisation):
    person = PersonFactory(organisation=organisation, phone="+33145678901")
    ConsentFactory(person=person, scope="sms")
    (message,) = notify(person)
    assert (message.status, message.reason) == (
        "failed",
        "Ce numéro n'est pas un portable : appeler la personne.",
    )
    assert list(Message.objects.failures_to_phone()) == [message]


def test_a_missing_variable_fails_this_message_and_not_the_others(person, sms_consent):
    (broken,) = services.notify(
        person=person, event=Event.APPOINTMENT_BOOKED, context={"when": in_days(3)}, key="broken"
    )
    (fine,) = notify(person, key="fine")
    assert (broken.status, broken.reason) == (
        "failed",
        "Texte incomplet : il manque service, place.",
    )
    assert fine.status == "queued"


class FlakyBackend:
    def __init__(self, temporary=True):
        self.temporary = temporary

    def send(self, **kwargs):
        raise SendError("Le prestataire SMS a répondu 503 : busy", temporary=self.temporary)


def test_a_provider_error_is_retried_with_back_off(person, sms_consent, monkeypatch):
    monkeypatch.setattr(services.backends, "sms_backend", FlakyBackend)
    (message,) = notify(person)
    now = timezone.now()
    assert services.deliver(message_id=message.pk, now=now) == "retry"
    message.refresh_from_db()
    assert (message.status, message.attempts, message.send_after) == (
        "queued",
        1,
        now + dt.timedelta(minutes=1),
    )
    assert message.reason.startswith("Nouvel essai dans 1 min")


def test_after_the_last_try_the_message_is_failed(person, sms_consent, monkeypatch):
    monkeypatch.setattr(services.backends, "sms_backend", FlakyBackend)
    (message,) = notify(person)
    results = [services.deliver(message_id=message.pk) for _ in range(services.MAX_ATTEMPTS)]
    assert results == ["retry"] * (services.MAX_ATTEMPTS - 1) + ["failed"]
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("failed", services.MAX_ATTEMPTS)


def test_a_refused_number_fails_at_once(person, sms_consent, monkeypatch):
    monkeypatch.setattr(services.backends, "sms_backend", lambda: FlakyBackend(temporary=False))
    (message,) = notify(person)
    assert services.deliver(message_id=message.pk) == "failed"


def test_a_crashing_backend_fails_the_message_and_not_the_worker(person, sms_consent, monkeypatch):
    class Broken:
        def send(self, **kwargs):
            raise KeyError("oops")

    monkeypatch.setattr(services.backends, "sms_backend", Broken)
    (message,) = notify(person)
    assert services.deliver(message_id=message.pk) == "failed"


def test_stop_withdraws_sms_consent_and_cancels_what_is_queued(person, sms_consent):
    (message,) = notify(person)
    assert services.provider_report(payload={"to": "33612345678", "reply": " stop "}) == "opt_out"
    message.refresh_from_db()
    assert message.status == "cancelled"
    assert not person.consents.active().filter(scope="sms").exists()
    assert notify(person, key="after-stop") == []


def test_a_delivery_report_marks_the_message_received(person, sms_consent):
    (message,) = notify(person)
    services.deliver(message_id=message.pk)
    message.refresh_from_db()
    services.provider_report(payload={"messageId": message.provider_id, "msg_status": "delivered"})
    message.refresh_from_db()
    assert message.status == "delivered"


@pytest.mark.parametrize("event", Event.values)
def test_every_template_fits_one_sms_with_its_sample(event, settings):
    # A centre's real address, as long as most are: the personal link is counted in.
    settings.PUBLIC_BASE_URL = "https://passerelle.emmaus94.org"
    _subject, text = services.render(event, sample_context(event))
    assert services.sms.count(services.sms_text(text)).segments == 1, text


@pytest.mark.parametrize("event", Event.values)
def test_every_event_has_a_subject_and_required_values(event):
    spec = SPECS[Event(event)]
    assert spec.subject and spec.required


def test_the_date_is_written_out_in_french(person, sms_consent):
    when = timezone.make_aware(dt.datetime.combine(dt.date(2030, 12, 3), dt.time(14, 30)))
    _subject, text = services.render(
        Event.APPOINTMENT_BOOKED, {"when": when, "service": "CAF", "place": "Vitry"}
    )
    assert text == "Rendez-vous le mardi 3 décembre à 14h30 : CAF, Vitry."


def test_a_message_left_sending_by_a_dead_worker_becomes_a_failure_never_resent(
    person, sms_consent
):
    from passerelle.notifications.models import Message

    (message,) = notify(person)
    Message.objects.filter(pk=message.pk).update(status="sending")
    later = timezone.now() + dt.timedelta(minutes=16)
    assert services.delivery.messages_unstick(now=timezone.now()) == 0
    assert services.delivery.messages_unstick(now=later) == 1
    message.refresh_from_db()
    assert message.status == "failed" and "interrompu" in message.reason
    assert services.deliver(message_id=message.pk) == "already handled"


def test_a_failure_about_an_event_already_past_is_not_listed_to_phone(organisation):
    person = PersonFactory(organisation=organisation, phone="+33145678901")
    ConsentFactory(person=person, scope="sms")
    (message,) = notify(person)
    Message.objects.filter(pk=message.pk).update(event_at=in_days(-30))
    assert not Message.objects.failures_to_phone().exists()


@pytest.mark.parametrize(
    ("status", "why"),
    [
        ("hardbounce", "numéro invalide ou qui n'existe plus"),
        ("softbounce", "téléphone éteint ou hors réseau"),
    ],
)
def test_an_undelivered_report_gives_the_reason_in_french(person, sms_consent, status, why):
    (message,) = notify(person)
    services.deliver(message_id=message.pk)
    message.refresh_from_db()
    services.provider_report(payload={"messageId": message.provider_id, "msg_status": status})
    message.refresh_from_db()
    assert (message.status, message.reason) == ("failed", f"SMS non reçu : {why}.")


def test_the_deadline_preview_shows_a_real_france_travail_closing_date():
    context = sample_context(Event.DEADLINE_CLOSING)
    assert context["label"] == "Actualisation France Travail"
    assert context["closes_on"].day == 15


def test_the_kiosk_code_is_in_the_sms_when_it_fits_in_one():
    when = timezone.make_aware(dt.datetime.combine(dt.date(2030, 12, 3), dt.time(14, 30)))
    _subject, text = services.render(
        Event.APPOINTMENT_BOOKED,
        {"when": when, "service": "CAF", "place": "Vitry", "code": "482913"},
    )
    assert text == "Rendez-vous le mardi 3 décembre à 14h30 : CAF, Vitry. Code borne : 482913."


def test_the_kiosk_code_is_left_out_rather_than_making_two_sms():
    context = {**sample_context(Event.APPOINTMENT_BOOKED), "code": "482913", "link": ""}
    _subject, text = services.render(Event.APPOINTMENT_BOOKED, context)
    assert "482913" not in text
    assert services.sms.count(services.sms_text(text)).segments == 1


def test_the_personal_link_always_stays_in_the_sms(settings):
    settings.PUBLIC_BASE_URL = "https://passerelle.emmaus94.org"
    context = sample_context(Event.APPOINTMENT_BOOKED)
    _subject, text = services.render(Event.APPOINTMENT_BOOKED, context)
    assert text.endswith(context["link"])
    assert "Permanence sociale" in text


def test_an_e_mail_keeps_every_part_of_the_message(settings):
    context = sample_context(Event.APPOINTMENT_BOOKED)
    _subject, text = services.render(Event.APPOINTMENT_BOOKED, context, fit_sms=False)
    for part in ("12 rue de la Paix", "Apportez votre carte Vitale.", "482913", "Infos ou annuler"):
        assert part in text
