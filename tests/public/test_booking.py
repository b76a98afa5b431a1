"""A site's public booking page: what it offers, the SMS code, the file it books for, the
refusals and ceilings, a partner booking for a person, the poster, and two people confirming
the last slot at once."""

import datetime as dt
import re
import threading

import pytest
from django.db import connection
from django.utils import timezone

from passerelle.appointments import services as appointment_services
from passerelle.appointments.models import Appointment, Reason, Service
from passerelle.notifications.backends import LocmemBackend
from passerelle.people.models import Person
from passerelle.public import booking
from passerelle.public.models import PhoneCheck
from passerelle.workshops import services as workshop_services
from passerelle.workshops.models import Registration, Workshop
from tests.factories import PersonFactory, UserFactory


@pytest.fixture(autouse=True)
def _sms_kept(settings):
    settings.NOTIFICATIONS_SMS_BACKEND = "passerelle.notifications.backends.LocmemBackend"
    LocmemBackend.outbox = []


@pytest.fixture
def claire(organisation, site):
    return UserFactory(
        organisation=organisation, sites=[site], role="social_worker", first_name="Claire"
    )


@pytest.fixture
def online_reason(organisation, site, claire):
    """Every day 9:00-12:00 from today, bookable online from tomorrow to 4 weeks ahead."""
    service = Service.objects.create(organisation=organisation, name="Permanence CAF")
    reason = Reason.objects.create(
        service=service,
        name="Déclaration trimestrielle",
        duration_minutes=30,
        online_booking=True,
        online_from_days=1,
        online_until_days=28,
    )
    for weekday in range(7):
        appointment_services.opening_hours_add(
            worker=claire,
            service=service,
            site=site,
            weekday=weekday,
            start_time=dt.time(9),
            end_time=dt.time(12),
            valid_from=timezone.localdate(),
        )
    return reason


def first_slot_url(client, site, reason) -> str:
    page = client.get(f"/reserver/{site.pk}/motif/{reason.pk}/").text
    return (
        re.search(r'href="(/reserver/\d+/vos-coordonnees/\?[^"]+)"', page)
        .group(1)
        .replace("&amp;", "&")
    )


FATOU = {
    "first_name": "Fatou",
    "last_name": "Diallo",
    "phone": "06 12 34 56 78",
    "sms_consent": "on",
}


def ask(client, url, **data) -> PhoneCheck:
    response = client.post(url, {**FATOU, **data})
    assert response.status_code == 302, response.text
    return PhoneCheck.objects.latest("pk")


def sent_code() -> str:
    return re.search(r"\b(\d{6})\b", LocmemBackend.outbox[-1]["text"]).group(1)


def test_a_site_with_nothing_online_has_no_public_page(client, site):
    assert client.get(f"/reserver/{site.pk}/").status_code == 404


def test_the_page_lists_only_what_a_manager_opened_online(client, site, online_reason):
    Reason.objects.create(service=online_reason.service, name="Dossier secret", duration_minutes=30)
    text = client.get(f"/reserver/{site.pk}/").text
    assert "Déclaration trimestrielle" in text and "Dossier secret" not in text


def test_slots_start_tomorrow_at_the_earliest(client, site, online_reason):
    text = client.get(f"/reserver/{site.pk}/motif/{online_reason.pk}/").text
    today = timezone.localdate()
    assert today.strftime("%Y-%m-%d") not in text
    assert "09:00" in text


def test_a_landline_is_refused_in_french_next_to_the_field(client, site, online_reason):
    url = first_slot_url(client, site, online_reason)
    response = client.post(url, {**FATOU, "phone": "01 45 21 00 00"})
    assert response.status_code == 400
    assert "Ce numéro est un fixe" in response.text
    assert not PhoneCheck.objects.exists()


def test_the_code_goes_by_sms_and_is_never_stored(client, site, online_reason):
    check = ask(client, first_slot_url(client, site, online_reason))
    assert LocmemBackend.outbox[-1]["to"] == "+33612345678"
    code = sent_code()
    assert code not in check.code_hash and code not in str(check.request)


def test_the_right_code_books_for_the_one_file_with_these_names_and_mobile(
    client, site, online_reason, organisation
):
    fatou = PersonFactory(
        organisation=organisation, first_name="Fatou", last_name="Diallo", phone="+33612345678"
    )
    check = ask(client, first_slot_url(client, site, online_reason))
    response = client.post(f"/reserver/code/{check.token}/", {"code": sent_code()})
    assert "C&#x27;est réservé." in response.text or "C'est réservé." in response.text
    appointment = Appointment.objects.get()
    assert (appointment.person, appointment.booked_online, appointment.booked_by) == (
        fatou,
        True,
        None,
    )
    assert f"/r/{appointment.link_token}" in response.text


def test_someone_unknown_gets_a_file_for_reception_to_check(client, site, online_reason):
    check = ask(client, first_slot_url(client, site, online_reason))
    client.post(f"/reserver/code/{check.token}/", {"code": sent_code()})
    person = Person.objects.get()
    assert (person.first_name, person.created_online, person.phone) == (
        "Fatou",
        True,
        "+33612345678",
    )
    assert person.consents.filter(scope="sms", recorded_by=None).exists()


def test_the_page_never_says_whether_a_file_exists(client, site, online_reason, organisation):
    url = first_slot_url(client, site, online_reason)
    unknown = client.post(url, FATOU)
    PersonFactory(
        organisation=organisation, first_name="Awa", last_name="Kone", phone="+33698765432"
    )
    known = client.post(
        url, {**FATOU, "first_name": "Awa", "last_name": "Kone", "phone": "0698765432"}
    )
    assert unknown.status_code == known.status_code == 302


def test_a_wrong_code_counts_and_the_fifth_ends_the_request(client, site, online_reason):
    check = ask(client, first_slot_url(client, site, online_reason))
    right = sent_code()
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(booking.MAX_ATTEMPTS):
        response = client.post(f"/reserver/code/{check.token}/", {"code": wrong})
    assert "Ce n&#x27;est pas le bon code." in response.text or "pas le bon code" in response.text
    response = client.post(f"/reserver/code/{check.token}/", {"code": right})
    assert "Trop d" in response.text and "essais avec ce code" in response.text
    assert not Appointment.objects.exists()


def test_an_expired_code_is_refused(client, site, online_reason, monkeypatch):
    check = ask(client, first_slot_url(client, site, online_reason))
    code = sent_code()
    later = timezone.now() + dt.timedelta(minutes=11)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    response = client.post(f"/reserver/code/{check.token}/", {"code": code})
    assert "Ce code a expiré" in response.text
    assert not Appointment.objects.exists()


def test_three_codes_an_hour_per_number(client, site, online_reason):
    url = first_slot_url(client, site, online_reason)
    for _ in range(booking.SENDS_PER_PHONE_PER_HOUR):
        client.post(url, FATOU)
    response = client.post(url, FATOU)
    assert response.status_code == 400
    assert "Trop de codes envoyés à ce numéro" in response.text


def test_a_slot_taken_meanwhile_is_said_plainly_and_nothing_is_written(
    client, site, online_reason, claire, organisation
):
    check = ask(client, first_slot_url(client, site, online_reason))
    starts_at = dt.datetime.fromisoformat(check.request["starts_at"])
    appointment_services.appointment_book(
        person=PersonFactory(organisation=organisation),
        reason=online_reason,
        worker=claire,
        starts_at=starts_at,
        by=claire,
    )
    response = client.post(f"/reserver/code/{check.token}/", {"code": sent_code()})
    assert "pas libre" in response.text or "vient d" in response.text
    assert Appointment.objects.count() == 1
    assert not Person.objects.filter(created_online=True).exists()


def test_a_partner_books_for_a_person_and_the_agenda_says_so(client, site, online_reason, claire):
    from tests.conftest import login_verified

    check = ask(
        client,
        first_slot_url(client, site, online_reason),
        for_someone="on",
        partner_name="M. Martin",
        partner_organisation="France Travail Ivry",
        partner_contact="01 45 00 00 00",
    )
    client.post(f"/reserver/code/{check.token}/", {"code": sent_code()})
    appointment = Appointment.objects.get()
    assert appointment.partner_organisation == "France Travail Ivry"
    login_verified(client, claire)
    day = timezone.localdate(appointment.starts_at).isoformat()
    text = client.get(f"/permanences/agenda/?jour={day}").text
    assert "Réservé par un partenaire : France Travail Ivry" in text
    assert "Réservé en ligne" in text


def test_a_partner_must_say_how_to_reach_them(client, site, online_reason):
    url = first_slot_url(client, site, online_reason)
    response = client.post(url, {**FATOU, "for_someone": "on"})
    assert response.status_code == 400
    assert "l&#x27;équipe doit pouvoir vous joindre" in response.text


@pytest.fixture
def online_session(organisation, site, claire):
    workshop = Workshop.objects.create(
        organisation=organisation,
        title="Découvrir sa boîte mail",
        theme="email",
        level="debutant",
        duration_minutes=60,
        online_signup=True,
    )
    starts = timezone.now() + dt.timedelta(days=3)
    return workshop_services.session_create(
        workshop=workshop, site=site, starts_at=starts, capacity=1
    )


def test_a_workshop_seat_online(client, site, online_session):
    check = ask(client, f"/reserver/{site.pk}/vos-coordonnees/?seance={online_session.pk}")
    client.post(f"/reserver/code/{check.token}/", {"code": sent_code()})
    registration = Registration.objects.get()
    assert (registration.status, registration.registered_online) == ("confirmed", True)


def test_a_full_workshop_says_so_and_takes_no_request(
    client, site, online_session, organisation, claire
):
    workshop_services.registration_create(
        session=online_session, person=PersonFactory(organisation=organisation), by=claire
    )
    assert "complet" in client.get(f"/reserver/{site.pk}/").text
    response = client.get(f"/reserver/{site.pk}/vos-coordonnees/?seance={online_session.pk}")
    assert "Cet atelier est complet." in response.text


def test_reception_checks_a_file_made_online(client, site, online_reason, staff_client):
    check = ask(client, first_slot_url(client, site, online_reason))
    client.post(f"/reserver/code/{check.token}/", {"code": sent_code()})
    staff, _user = staff_client("reception")
    assert "1 fiche créée en ligne à vérifier" in staff.get("/").text
    person = Person.objects.get(created_online=True)
    assert "Fatou" in staff.get("/personnes/creees-en-ligne/").text
    staff.post(f"/personnes/{person.pk}/verifiee/")
    person.refresh_from_db()
    assert person.created_online is False


def test_the_poster_holds_the_qr_code_and_the_address(staff_client, site):
    staff, _user = staff_client("reception")
    text = staff.get(f"/reserver/{site.pk}/affiche/").text
    assert "<svg" in text and f"/reserver/{site.pk}/" in text


def test_the_page_can_be_shown_in_the_associations_website(client, site, online_reason):
    response = client.get(f"/reserver/{site.pk}/?integre=1")
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response


def test_requests_are_forgotten_after_a_day(client, site, online_reason):
    ask(client, first_slot_url(client, site, online_reason))
    booking.checks_forget(now=timezone.now() + dt.timedelta(days=2))
    assert not PhoneCheck.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_people_confirming_the_last_slot_at_once_get_one_booking(site, online_reason):
    from django.test import Client

    url = first_slot_url(Client(), site, online_reason)
    checks = []
    for n, phone in enumerate(("0612345678", "0698765432")):
        Client().post(url, {**FATOU, "first_name": f"Personne{n}", "phone": phone})
        checks.append((PhoneCheck.objects.latest("pk"), sent_code()))
    barrier = threading.Barrier(2)
    outcomes = []

    def confirm(check, code):
        try:
            barrier.wait(timeout=10)
            booking.booking_confirm(check=check, code=code)
            outcomes.append("booked")
        except Exception as error:  # noqa: BLE001 - reported below
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=pair) for pair in checks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["ValidationError", "booked"]
    assert Appointment.objects.count() == 1


def test_a_hundred_calls_a_minute_from_one_address_then_a_plain_refusal(
    client, site, online_reason, one_rate_window
):
    from django.conf import settings

    for _ in range(settings.PUBLIC_LIMITS["booking_per_minute"]):
        client.get(f"/reserver/{site.pk}/")
    response = client.get(f"/reserver/{site.pk}/")
    assert response.status_code == 429 and "Trop de demandes." in response.text


def test_the_form_works_inside_another_sites_frame_without_its_cookies(site, online_reason):
    from django.test import Client

    browser_in_a_frame = Client(enforce_csrf_checks=True)  # no csrftoken cookie is sent
    url = first_slot_url(browser_in_a_frame, site, online_reason)
    browser_in_a_frame.cookies.clear()
    assert browser_in_a_frame.post(url + "&integre=1", FATOU).status_code == 302
