"""A person's own link: what it shows and never shows, the three answers, the journal, the
limits, and the SMS that carry it."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from passerelle.appointments.enums import AppointmentStatus
from passerelle.appointments.models import Appointment
from passerelle.core.models import AuditEntry
from passerelle.notifications.models import Message
from passerelle.notifications.services import provider_report


def link(obj) -> str:
    return f"/r/{obj.link_token}"


def test_a_link_carries_128_random_bits(appointment):
    assert len(appointment.link_token) == 22  # token_urlsafe(16): 16 bytes, 128 bits


def test_the_page_shows_the_appointment_and_nothing_else_about_the_person(client, appointment):
    response = client.get(link(appointment))
    text = response.text
    assert response.status_code == 200
    for shown in ("Permanence CAF", "Avec Claire.", "Carte Vitale", "Voir le plan"):
        assert shown in text
    for hidden in ("Traoré", "Awa", "612345678", "Motif confidentiel"):
        assert hidden not in text


def test_the_map_link_points_to_the_sites_address(client, appointment):
    assert "openstreetmap.org/search?query=" in client.get(link(appointment)).text


def test_every_opening_of_the_link_is_journaled(client, appointment):
    client.get(link(appointment))
    entry = AuditEntry.objects.get(action="personal_link")
    assert (entry.person_id, entry.actor_id) == (appointment.person_id, None)
    assert entry.summary == "lien personnel : consulté"


def test_je_viendrai_is_noted_for_the_worker(client, appointment):
    client.post(link(appointment), {"reponse": "je-viendrai"})
    appointment.refresh_from_db()
    assert appointment.confirmed_by_person_at is not None
    assert "Vous avez dit que vous viendrez." in client.get(link(appointment)).text


def test_je_ne_peux_pas_venir_asks_before_cancelling(client, appointment):
    response = client.post(link(appointment), {"reponse": "je-ne-peux-pas"})
    assert "Votre place sera donnée à une autre personne." in response.text
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.UPCOMING


def test_cancelling_frees_the_slot_at_once(client, appointment):
    client.post(link(appointment), {"reponse": "annuler"})
    appointment.refresh_from_db()
    assert (appointment.status, appointment.answered_via) == ("cancelled_by_person", "link")
    assert not Appointment.objects.active().filter(pk=appointment.pk).exists()


def test_the_agenda_shows_who_cancelled(client, appointment, worker):
    from tests.conftest import login_verified

    client.post(link(appointment), {"reponse": "annuler"})
    login_verified(client, worker)
    day = timezone.localdate(appointment.starts_at).isoformat()
    text = client.get(f"/permanences/agenda/?jour={day}").text
    assert "Annulé par la personne" in text and "par son lien personnel" in text


def test_giving_back_a_workshop_seat_promotes_the_first_waiting_and_tells_them(
    client, full_session, django_capture_on_commit_callbacks
):
    _session, seat, waiting = full_session
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link(seat), {"reponse": "annuler"})
    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert (seat.status, seat.cancelled_by_person) == ("cancelled", True)
    assert waiting.status == "confirmed"
    promoted = Message.objects.get(person=waiting.person, event="workshop_promoted")
    assert f"/r/{waiting.link_token}" in promoted.body


def test_a_waiting_person_sees_that_they_wait(client, full_session):
    _session, _seat, waiting = full_session
    assert "Vous êtes sur la liste d'attente." in client.get(link(waiting)).text


def test_the_calendar_file_holds_the_event_alone(client, appointment):
    response = client.get(f"{link(appointment)}/agenda.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 1 and "SUMMARY:Permanence CAF" in body
    assert "Traoré" not in body


def test_an_unknown_link_says_only_that_it_does_not_work(client, db):
    response = client.get("/r/pas-un-vrai-lien-du-tout")
    assert response.status_code == 404 and "Ce lien ne marche pas." in response.text


def test_a_link_expires_a_week_after_the_event(client, appointment, monkeypatch):
    later = appointment.ends_at + dt.timedelta(days=8)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    response = client.get(link(appointment))
    assert response.status_code == 410 and "Ce lien a expiré." in response.text


def test_a_past_appointment_cannot_be_cancelled_from_the_link(client, appointment, monkeypatch):
    later = appointment.ends_at + dt.timedelta(hours=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    response = client.post(link(appointment), {"reponse": "annuler"})
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.UPCOMING
    assert "C'est passé." in response.text


def test_the_page_opens_in_the_persons_language(client, appointment):
    appointment.person.preferred_language = "ar"
    appointment.person.save()
    response = client.get(link(appointment))
    assert 'lang="ar" dir="rtl"' in response.text


def test_too_many_calls_from_one_address_are_refused(client, appointment, one_rate_window):
    for _ in range(settings.PUBLIC_LIMITS["link_per_minute"]):
        client.get("/r/pas-un-vrai-lien")
    assert client.get(link(appointment)).status_code == 429


def test_the_confirmation_sms_carries_the_personal_link(
    appointment, django_capture_on_commit_callbacks
):
    from passerelle.appointments import notices

    notices.on_booked(appointment)
    message = Message.objects.get(event="appointment_booked")
    assert message.body.endswith(f"{settings.PUBLIC_BASE_URL}/r/{appointment.link_token}")
    assert message.segments == 1


def test_an_sms_annuler_cancels_the_next_appointment_and_answers(
    appointment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert provider_report(payload={"from": "33612345678", "reply": "Annuler"}) == "cancel"
    appointment.refresh_from_db()
    assert (appointment.status, appointment.answered_via) == ("cancelled_by_person", "sms")
    answer = Message.objects.get(event="appointment_cancelled_by_person")
    assert "est annulé. Merci d'avoir prévenu." in answer.body


def test_an_sms_annuler_without_an_appointment_answers_so(awa, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        provider_report(payload={"from": "33612345678", "reply": "ANNULER"})
    answer = Message.objects.get(event="nothing_to_cancel")
    assert "pas de rendez-vous à venir" in answer.body


def test_statistics_count_cancellations_by_people_apart_from_no_shows(client, appointment):
    from passerelle.appointments import selectors

    client.post(link(appointment), {"reponse": "annuler"})
    day = timezone.localdate(appointment.starts_at)
    figures = selectors.report_figures(
        organisation_id=appointment.person.organisation_id, site_ids=None, start=day, end=day
    )
    assert (figures["cancelled_by_person"], figures["no_show"]) == (1, 0)


@pytest.mark.parametrize(
    "answer, summary",
    [
        ("je-viendrai", "lien personnel : je viendrai"),
        ("annuler", "lien personnel : je ne peux pas venir (annulé)"),
    ],
)
def test_each_answer_is_journaled(client, appointment, answer, summary):
    client.post(link(appointment), {"reponse": answer})
    assert AuditEntry.objects.filter(action="personal_link", summary=summary).count() == 1


def test_a_rescheduled_appointments_old_link_says_the_date_changed(client, appointment):
    Appointment.objects.filter(pk=appointment.pk).update(status=AppointmentStatus.RESCHEDULED)
    assert "La date a changé." in client.get(link(appointment)).text


def test_a_workshop_seat_is_confirmed_by_sms_with_its_link(
    full_session, django_capture_on_commit_callbacks, organisation, worker
):
    from passerelle.workshops import services as workshops
    from tests.factories import ConsentFactory, PersonFactory

    session, _seat, _waiting = full_session
    session.capacity = 3
    session.save()
    moussa = PersonFactory(organisation=organisation, phone="+33611111111")
    ConsentFactory(person=moussa, scope="sms")
    with django_capture_on_commit_callbacks(execute=True):
        registration = workshops.registration_create(session=session, person=moussa, by=worker)
    message = Message.objects.get(person=moussa, event="workshop_registered")
    assert message.body.endswith(f"/r/{registration.link_token}") and message.segments == 1
