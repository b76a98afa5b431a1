"""The welcome kiosk: each door a person uses without an account, what it never shows, its
limits, and the manager's page."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from passerelle.appointments.models import QueueTicket
from passerelle.core.models import AuditEntry
from passerelle.kiosk.models import Kiosk
from passerelle.room.models import Room, Station, StationSession, WaitingForStation
from passerelle.workshops import services as workshop_services
from passerelle.workshops.models import Registration, Workshop
from tests.factories import PersonFactory


def birth(url_of, born: dt.date, purpose: str) -> str:
    return url_of(
        f"naissance/?pour={purpose}&jour={born.day}&mois={born.month}"
        f"&decennie={born.year // 10 * 10}&annee={born.year}"
    )


def test_an_unknown_address_shows_only_that_the_kiosk_is_not_configured(client, db):
    response = client.get("/kiosque/pas-une-borne/fr/")
    assert response.status_code == 404
    assert "Borne non configurée" in response.text


def test_a_new_address_makes_the_old_one_stop_working(manager_client, kiosk, kiosk_url):
    old = kiosk_url()
    manager_client.post(f"/kiosque/bornes/{kiosk.pk}/nouvelle-adresse/")
    kiosk.refresh_from_db()
    assert manager_client.get(old).status_code == 404
    assert manager_client.get(f"/kiosque/{kiosk.token}/").status_code == 200


def test_the_start_screen_offers_the_five_doors_in_easy_french(client, kiosk):
    response = client.get(f"/kiosque/{kiosk.token}/")
    assert response.status_code == 200
    for words in (
        "J'ai un rendez-vous",
        "Je veux parler à quelqu'un",
        "J'ai besoin d'aide pour une démarche",
        "Je viens pour un atelier",
        "Je veux un ordinateur",
    ):
        assert words in response.text
    assert 'lang="fr" dir="ltr"' in response.text


def test_the_arabic_screens_are_right_to_left_and_translated(client, kiosk_url):
    response = client.get(kiosk_url(lang="ar"))
    assert 'lang="ar" dir="rtl"' in response.text
    assert "Je veux un ordinateur" not in response.text


def test_the_english_screens_are_translated(client, kiosk_url):
    response = client.get(kiosk_url(lang="en"))
    assert "I want a computer" in response.text


def test_every_screen_offers_each_language_by_its_own_name(client, kiosk_url):
    response = client.get(kiosk_url("ticket/"))
    for name in ("Français", "English", "العربية"):
        assert name in response.text


def test_kiosk_screens_are_never_kept_in_the_browser_cache(client, kiosk_url):
    assert "no-store" in client.get(kiosk_url())["Cache-Control"]


def test_the_sms_code_checks_in_and_says_who_receives_and_where_to_wait(
    client, kiosk_url, appointment_today
):
    response = client.post(kiosk_url("rendez-vous/code/"), {"code": "482913"})
    assert "Merci Fatima." in response.text
    assert "Claire va vous recevoir." in response.text
    assert "Asseyez-vous dans la salle d&#x27;attente." in response.text
    appointment_today.refresh_from_db()
    assert appointment_today.arrived_at is not None
    assert appointment_today.arrived_door == "borne Entrée"


def test_the_agenda_shows_an_arrival_at_the_kiosk(client, kiosk_url, appointment_today, worker):
    from tests.conftest import login_verified

    client.post(kiosk_url("rendez-vous/code/"), {"code": "482913"})
    login_verified(client, worker)
    day = timezone.localdate(appointment_today.starts_at)
    response = client.get(f"/permanences/agenda/?jour={day.isoformat()}")
    assert "borne Entrée" in response.text


def test_a_wrong_code_is_said_in_french_next_to_the_field(client, kiosk_url, appointment_today):
    response = client.post(kiosk_url("rendez-vous/code/"), {"code": "12"})
    assert response.status_code == 400
    assert "Le code a 6 chiffres." in response.text
    response = client.post(kiosk_url("rendez-vous/code/"), {"code": "000000"})
    assert "Ce code ne correspond à aucun rendez-vous aujourd&#x27;hui ici." in response.text


def test_the_code_of_another_sites_appointment_does_nothing_here(
    client, organisation, appointment_today
):
    from tests.factories import SiteFactory

    elsewhere = Kiosk.objects.create(
        organisation=organisation, site=SiteFactory(organisation=organisation), name="Ivry"
    )
    client.post(f"/kiosque/{elsewhere.token}/fr/rendez-vous/code/", {"code": "482913"})
    appointment_today.refresh_from_db()
    assert appointment_today.arrived_at is None


def test_the_birth_date_is_chosen_on_big_buttons_without_typing(client, kiosk_url):
    response = client.get(kiosk_url("naissance/?pour=rdv"))
    assert "Quel jour êtes-vous né(e) ?" in response.text
    assert response.text.count('class="door-cell"') == 31
    response = client.get(kiosk_url("naissance/?pour=rdv&jour=12"))
    assert "mars" in response.text


def test_a_birth_date_that_does_not_exist_is_said_so(client, kiosk_url):
    response = client.get(kiosk_url("naissance/?pour=rdv&jour=31&mois=2&decennie=1960&annee=1964"))
    assert "Cette date n'existe pas." in response.text


def test_the_birth_date_shows_first_name_and_initial_only(client, kiosk_url, appointment_today):
    response = client.get(birth(kiosk_url, dt.date(1964, 3, 12), "rdv"), follow=True)
    assert "Fatima B." in response.text
    assert "Benali" not in response.text
    assert "06 12" not in response.text and "612345678" not in response.text
    assert "Déclaration secrète" not in response.text


def test_choosing_ones_first_name_checks_in_and_journals_the_kiosk(
    client, kiosk_url, appointment_today
):
    client.post(
        kiosk_url("rendez-vous/choisir/"),
        {"naissance": "1964-03-12", "rdv": appointment_today.pk},
    )
    appointment_today.refresh_from_db()
    assert appointment_today.arrived_door == "borne Entrée"
    entry = AuditEntry.objects.get(action="kiosk")
    assert entry.summary.startswith("borne Entrée : arrivée au rendez-vous")
    assert entry.person_id == appointment_today.person_id


def test_an_appointment_posted_with_another_birth_date_is_not_checked_in(
    client, kiosk_url, appointment_today
):
    client.post(
        kiosk_url("rendez-vous/choisir/"),
        {"naissance": "1970-01-01", "rdv": appointment_today.pk},
    )
    appointment_today.refresh_from_db()
    assert appointment_today.arrived_at is None


def test_lookups_of_one_birth_date_stop_after_five_an_hour(
    client, kiosk_url, fatima, one_rate_window
):
    url = kiosk_url("rendez-vous/choisir/?naissance=1964-03-12")
    ceiling = settings.KIOSK_LIMITS["lookups_per_birth_date"]
    statuses = [client.get(url).status_code for _ in range(ceiling + 1)]
    assert statuses[:-1] == [200] * ceiling
    assert statuses[-1] == 429


def test_lookups_from_one_kiosk_stop_after_its_ceiling(client, kiosk_url, one_rate_window):
    for n in range(settings.KIOSK_LIMITS["lookups_per_kiosk"]):
        client.post(kiosk_url("rendez-vous/code/"), {"code": f"{n:06d}"})
    response = client.post(kiosk_url("rendez-vous/code/"), {"code": "999999"})
    assert response.status_code == 429
    assert "Trop d'essais." in response.text


def test_a_ticket_taken_at_the_kiosk_joins_the_reception_queue_with_its_door(
    client, kiosk_url, caf, site
):
    response = client.post(kiosk_url("ticket/"), {"service": caf.service.pk}, follow=True)
    ticket = QueueTicket.objects.get(site=site)
    assert (ticket.number, ticket.service, ticket.door, ticket.given_by) == (
        1,
        caf.service,
        "borne Entrée",
        None,
    )
    assert "Votre numéro" in response.text and ">1<" in response.text


def test_a_ticket_can_be_taken_without_knowing_the_service(client, kiosk_url, site):
    client.post(kiosk_url("ticket/"), {"service": ""})
    assert QueueTicket.objects.get(site=site).service is None


def test_reception_sees_the_kiosk_ticket_on_its_queue(client, kiosk_url, staff_client, site):
    client.post(kiosk_url("ticket/"), {"service": ""})
    staff, _user = staff_client("reception")
    assert "borne Entrée" in staff.get(f"/permanences/file/?lieu={site.pk}").text


@pytest.fixture
def session_now(organisation, site):
    workshop = Workshop.objects.create(
        organisation=organisation,
        title="Découvrir sa boîte mail",
        theme="email",
        level="debutant",
        duration_minutes=60,
    )
    starts = timezone.now().replace(second=0, microsecond=0)
    return workshop_services.session_create(
        workshop=workshop, site=site, starts_at=starts, capacity=3
    )


def test_a_signed_up_person_says_they_are_here_for_the_workshop(
    client, kiosk_url, session_now, fatima, manager
):
    registration = workshop_services.registration_create(
        session=session_now, person=fatima, by=manager
    )
    response = client.get(kiosk_url(f"atelier/{session_now.pk}/choisir/?naissance=1964-03-12"))
    assert "Fatima B." in response.text and "Benali" not in response.text
    client.post(
        kiosk_url(f"atelier/{session_now.pk}/choisir/"),
        {"naissance": "1964-03-12", "inscription": registration.pk},
    )
    registration.refresh_from_db()
    assert (registration.attendance, registration.attendance_door) == ("present", "borne Entrée")


def test_a_walk_in_gets_a_free_seat_when_first_name_and_birth_date_match(
    client, kiosk_url, session_now, fatima
):
    response = client.post(
        kiosk_url(f"atelier/{session_now.pk}/sur-place/"),
        {"naissance": "1964-03-12", "first_name": "fatima"},
    )
    assert "Vous êtes noté(e) présent(e)." in response.text
    registration = Registration.objects.get(session=session_now, person=fatima)
    assert registration.is_walk_in and registration.registered_by is None


def test_an_unknown_walk_in_is_sent_to_the_facilitator_without_saying_why(
    client, kiosk_url, session_now, fatima
):
    response = client.post(
        kiosk_url(f"atelier/{session_now.pk}/sur-place/"),
        {"naissance": "1964-03-12", "first_name": "Fatou"},
    )
    assert "Allez voir l'animateur" in response.text
    assert not Registration.objects.filter(session=session_now).exists()


@pytest.fixture
def kiosk_room(site):
    room = Room.objects.create(
        site=site, name="Salle", opens_at=dt.time(0, 0), closes_at=dt.time(23, 59)
    )
    Station.objects.create(room=room, name="Poste 1")
    return room


def test_a_guest_gets_the_first_free_station_for_the_rooms_time(client, kiosk_url, kiosk_room):
    response = client.post(kiosk_url("ordinateur/prendre/"), {"purpose": "email", "guest": "1"})
    session = StationSession.objects.get()
    assert (session.person, session.door, session.started_by) == (None, "borne Entrée", None)
    assert "Allez au Poste 1." in response.text


def test_a_station_with_its_own_screen_is_given_with_the_code_to_type_there(
    client, kiosk_url, kiosk_room
):
    from passerelle.room import services as room_services

    room_services.screen_new_address(station=kiosk_room.stations.get())
    response = client.post(kiosk_url("ordinateur/prendre/"), {"purpose": "email", "guest": "1"})
    code = StationSession.objects.get().unlock_code
    assert len(code) == 6
    assert "Sur l'écran du poste, tapez ce code :" in response.text and code in response.text


def test_a_known_person_gets_a_station_in_their_name(client, kiosk_url, kiosk_room, fatima):
    client.post(
        kiosk_url("ordinateur/prendre/"),
        {"purpose": "caf", "naissance": "1964-03-12", "first_name": "Fatima"},
    )
    assert StationSession.objects.get().person == fatima


def test_when_every_station_is_taken_the_person_joins_the_waiting_list(
    client, kiosk_url, kiosk_room
):
    client.post(kiosk_url("ordinateur/prendre/"), {"purpose": "email", "guest": "1"})
    response = client.get(kiosk_url("ordinateur/"))
    assert "Tous les ordinateurs sont pris." in response.text
    response = client.post(kiosk_url("ordinateur/attendre/"), {"first_name": "Mehdi"})
    assert "Vous êtes le numéro 1 sur la liste." in response.text
    entry = WaitingForStation.objects.get()
    assert (entry.label, entry.door) == ("Mehdi", "borne Entrée")


def test_the_waiting_list_asks_for_a_first_name(client, kiosk_url, kiosk_room):
    client.post(kiosk_url("ordinateur/prendre/"), {"purpose": "email", "guest": "1"})
    response = client.post(kiosk_url("ordinateur/attendre/"), {"first_name": ""})
    assert response.status_code == 400
    assert "Écrivez votre prénom." in response.text


def test_a_manager_registers_a_kiosk_and_sees_its_secret_address(manager_client, site):
    response = manager_client.post(
        "/kiosque/bornes/",
        {
            "site": site.pk,
            "name": "Hall",
            "waiting_place": "Asseyez-vous près de la fenêtre.",
            "idle_seconds": 60,
            "is_active": "on",
        },
        follow=True,
    )
    kiosk = Kiosk.objects.get(name="Hall")
    assert f"/kiosque/{kiosk.token}/" in response.text


def test_two_kiosks_cannot_have_the_same_name(manager_client, kiosk, site):
    response = manager_client.post(
        "/kiosque/bornes/",
        {"site": site.pk, "name": "Entrée", "waiting_place": "Ici.", "idle_seconds": 60},
    )
    assert "Une autre borne porte déjà ce nom." in response.text


@pytest.mark.parametrize("role", ["reception", "volunteer", "social_worker", "mediator"])
def test_only_managers_register_kiosks(staff_client, role):
    client, _user = staff_client(role)
    assert client.get("/kiosque/bornes/").status_code == 403


def test_a_person_with_another_first_name_and_same_birth_date_is_not_matched(organisation):
    from passerelle.people import selectors

    PersonFactory(organisation=organisation, first_name="Léa", birth_date=dt.date(1990, 1, 2))
    found = selectors.kiosk_person(
        organisation_id=organisation.pk, first_name="Lea", birth_date=dt.date(1990, 1, 2)
    )
    assert found is not None
    assert (
        selectors.kiosk_person(
            organisation_id=organisation.pk, first_name="Leo", birth_date=dt.date(1990, 1, 2)
        )
        is None
    )


def test_outside_the_rooms_hours_the_kiosk_says_when_it_opens(
    client, kiosk_url, kiosk_room, monkeypatch
):
    ten = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(10)))
    monkeypatch.setattr("django.utils.timezone.now", lambda: ten)
    Room.objects.filter(pk=kiosk_room.pk).update(opens_at=dt.time(14), closes_at=dt.time(18))
    response = client.get(kiosk_url("ordinateur/"))
    assert "La salle des ordinateurs est fermée." in response.text
    assert "Elle est ouverte de 14:00 à 18:00." in response.text


def test_the_reception_queue_refreshes_itself_and_shows_kiosk_tickets(
    client, kiosk_url, staff_client, site
):
    from tests.conftest import assert_fragment_is_part_of_the_page

    client.post(kiosk_url("ticket/"), {"service": ""})
    staff, _user = staff_client("reception")
    fragment = assert_fragment_is_part_of_the_page(staff, f"/permanences/file/?lieu={site.pk}")
    assert "borne Entrée" in fragment


def test_todays_agenda_refreshes_itself_and_shows_kiosk_arrivals(
    client, kiosk_url, appointment_today, worker
):
    from tests.conftest import assert_fragment_is_part_of_the_page, login_verified

    client.post(kiosk_url("rendez-vous/code/"), {"code": "482913"})
    login_verified(client, worker)
    fragment = assert_fragment_is_part_of_the_page(client, "/permanences/agenda/")
    assert "borne Entrée" in fragment


def test_the_session_page_refreshes_itself_and_shows_who_said_so_at_the_kiosk(
    client, kiosk_url, session_now, fatima, manager
):
    from tests.conftest import assert_fragment_is_part_of_the_page, login_verified

    registration = workshop_services.registration_create(
        session=session_now, person=fatima, by=manager
    )
    client.post(
        kiosk_url(f"atelier/{session_now.pk}/choisir/"),
        {"naissance": "1964-03-12", "inscription": registration.pk},
    )
    login_verified(client, manager)
    fragment = assert_fragment_is_part_of_the_page(client, f"/ateliers/seances/{session_now.pk}/")
    assert "présence dite à la borne Entrée" in fragment
