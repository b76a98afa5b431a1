import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from passerelle.appointments import selectors, services
from passerelle.appointments.models import QueueTicket
from passerelle.core.models import Activity
from tests.factories import PersonFactory


def test_tickets_are_numbered_per_site_and_day(site, manager):
    numbers = [services.ticket_take(site=site, by=manager).number for _ in range(3)]
    assert numbers == [1, 2, 3]


@pytest.mark.django_db(transaction=True)
def test_concurrent_tickets_get_distinct_numbers(site, manager):
    barrier = threading.Barrier(5)

    def take():
        try:
            barrier.wait(timeout=10)
            services.ticket_take(site=site, by=manager)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(QueueTicket.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]


def test_call_next_takes_the_lowest_waiting_number(site, manager):
    first, second = (services.ticket_take(site=site, by=manager) for _ in range(2))
    called = services.ticket_call_next(site=site, desk="Bureau 2", by=manager)
    assert called == first
    assert (called.status, called.desk) == ("called", "Bureau 2")
    assert services.ticket_call_next(site=site, desk="Bureau 2", by=manager) == second
    assert services.ticket_call_next(site=site, desk="Bureau 2", by=manager) is None


def test_seen_writes_a_walk_in_activity_anonymous_without_a_person(site, manager):
    ticket = services.ticket_take(site=site, by=manager)
    services.ticket_call_next(site=site, desk="Accueil", by=manager)
    services.ticket_finish(ticket=ticket, status="seen", by=manager)
    activity = Activity.objects.get()
    assert (activity.kind, activity.person, activity.anonymous_count) == ("walk_in", None, 1)


def test_left_writes_no_activity(site, manager):
    ticket = services.ticket_take(site=site, by=manager)
    services.ticket_finish(ticket=ticket, status="left", by=manager)
    assert not Activity.objects.exists()


def test_estimated_wait_uses_the_days_average_handling_time(site, manager, monkeypatch):
    start = timezone.now()
    tickets = [services.ticket_take(site=site, by=manager) for _ in range(3)]
    services.ticket_call_next(site=site, desk="B1", by=manager)
    QueueTicket.objects.filter(pk=tickets[0].pk).update(called_at=start - dt.timedelta(minutes=20))
    services.ticket_finish(ticket=tickets[0], status="seen", by=manager)
    # Two waiting, about 20 minutes each, one desk.
    assert 38 <= selectors.estimated_wait_minutes(site=site) <= 42


def test_the_waiting_room_screen_never_shows_a_name(client, site, manager, organisation):
    person = PersonFactory(organisation=organisation, first_name="Josiane", last_name="Lefèvre")
    services.ticket_take(site=site, by=manager, person=person)
    services.ticket_call_next(site=site, desk="Bureau 3", by=manager)
    token = site.display_token
    page = client.get(f"/permanences/ecran/{token}/")
    assert page.status_code == 200
    assert "Bureau 3" in page.text
    assert "Josiane" not in page.text and "Lef" not in page.text
    assert 'hx-trigger="every 5s"' in page.text


def test_the_screen_needs_the_sites_secret(client, db):
    assert client.get("/permanences/ecran/pas-le-bon/").status_code == 404


def test_reception_gives_a_ticket_and_sees_the_estimated_wait(staff_client, site):
    client, _ = staff_client("reception")
    response = client.post("/permanences/file/ticket/", {"lieu": site.pk}, follow=True)
    assert "Ticket n° 1" in response.text
    assert "Attente estimée" in response.text


def test_calling_without_a_desk_gets_a_french_message(staff_client, site):
    client, _ = staff_client("social_worker")
    response = client.post(
        "/permanences/file/appeler/", {"lieu": site.pk, "desk": " "}, follow=True
    )
    assert "Indiquez votre bureau" in response.text


def test_worker_calendar_feed_lists_appointments_with_first_names_only(
    client, organisation, site, monkeypatch
):
    from passerelle.accounts.services import calendar_feed_renew
    from passerelle.appointments.models import Reason, Service
    from passerelle.appointments.slots import local
    from tests.factories import UserFactory

    monkeypatch.setattr("django.utils.timezone.now", lambda: dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    worker = UserFactory(organisation=organisation, sites=[site], role="social_worker")
    reason = Reason.objects.create(
        service=Service.objects.create(organisation=organisation, name="CAF"), name="Dossier"
    )
    services.opening_hours_add(
        worker=worker,
        service=reason.service,
        site=site,
        weekday=0,
        start_time=dt.time(9),
        end_time=dt.time(10),
        valid_from=dt.date(2026, 1, 1),
    )
    person = PersonFactory(organisation=organisation, first_name="Awa", last_name="Konaté")
    services.appointment_book(
        person=person,
        reason=reason,
        worker=worker,
        by=worker,
        starts_at=local(dt.date(2026, 3, 2), dt.time(9)),
    )
    body = client.get(
        f"/compte/agenda/{calendar_feed_renew(user=worker).token}.ics"
    ).content.decode()
    assert "RDV Dossier — Awa" in body
    assert "Konaté" not in body


def test_week_agenda_groups_the_appointments_by_day(staff_client):
    client, _ = staff_client("reception")
    page = client.get("/permanences/agenda/", {"vue": "semaine", "jour": "2026-03-04"})
    assert page.context["day"] == dt.date(2026, 3, 2)
    assert len(page.context["days"]) == 7


def test_a_closed_day_typed_by_the_worker_removes_that_days_slots(staff_client, organisation, site):
    from passerelle.appointments.models import OpeningException, Service

    client, user = staff_client("social_worker")
    service = Service.objects.create(organisation=organisation, name="Logement")
    response = client.post(
        "/permanences/horaires/",
        {
            "formulaire": "exception",
            "service": service.pk,
            "site": site.pk,
            "date": "2026-12-14",
            "kind": "closed",
        },
    )
    assert response.status_code == 302
    assert OpeningException.objects.get().worker == user


def test_extra_hours_without_times_get_a_french_message(staff_client, organisation, site):
    from passerelle.appointments.models import OpeningException, Service

    client, _ = staff_client("social_worker")
    service = Service.objects.create(organisation=organisation, name="Logement")
    response = client.post(
        "/permanences/horaires/",
        {
            "formulaire": "exception",
            "service": service.pk,
            "site": site.pk,
            "date": "2026-12-14",
            "kind": "extra",
        },
    )
    assert "Indiquez les heures en plus." in response.text
    assert not OpeningException.objects.exists()


def test_manager_adds_a_service_and_a_reason(manager_client):
    from passerelle.appointments.models import Reason, Service

    manager_client.post(
        "/permanences/services/",
        {"formulaire": "permanence", "name": "Écrivain public", "is_active": "on"},
    )
    service = Service.objects.get(name="Écrivain public")
    manager_client.post(
        "/permanences/services/",
        {
            "formulaire": "motif",
            "service": service.pk,
            "name": "Courrier",
            "duration_minutes": 30,
            "theme": "aide_aux_demarches_administratives",
            "bookable_by": "staff",
            "is_active": "on",
        },
    )
    assert Reason.objects.get().service == service


def test_only_managers_change_services(staff_client):
    client, _ = staff_client("social_worker")
    assert client.get("/permanences/services/").status_code == 403


def test_calling_the_next_person_at_a_site_the_user_does_not_work_at_is_refused(
    staff_client, organisation, site, manager
):
    from passerelle.appointments.models import QueueTicket
    from tests.factories import SiteFactory

    elsewhere = SiteFactory(organisation=organisation, name="Ivry")
    services.ticket_take(site=elsewhere, by=manager)
    client, _ = staff_client("reception")  # works at `site` only
    response = client.post("/permanences/file/appeler/", {"lieu": elsewhere.pk, "desk": "B1"})
    assert response.status_code == 404
    assert QueueTicket.objects.get().status == "waiting"


def test_reception_finds_the_queue_in_the_menu(staff_client):
    client, _ = staff_client("reception")
    navigation = client.get("/permanences/file/").context["navigation"]
    current = [item["label"] for item in navigation if item["current"]]
    assert current == ["File d'attente"]


def test_the_queue_opens_where_people_wait_for_a_worker_with_two_sites(
    staff_client, organisation, site, manager
):
    from tests.factories import SiteFactory

    empty = SiteFactory(organisation=organisation, name="Aaa, sans personne")
    client, user = staff_client("reception")
    user.sites.add(empty)
    services.ticket_take(site=site, by=manager)
    page = client.get("/permanences/file/")
    assert page.context["site"] == site
    assert "Vous voyez la file d'attente de : <strong>Vitry-sur-Seine</strong>" in page.text


def test_the_queue_opens_where_the_worker_holds_consultation_hours_today(
    staff_client, organisation, site, manager
):
    from passerelle.appointments.models import Service
    from tests.factories import SiteFactory

    other = SiteFactory(organisation=organisation, name="Ivry-sur-Seine")
    client, user = staff_client("social_worker")
    user.sites.add(other)
    services.ticket_take(site=site, by=manager)
    services.opening_hours_add(
        worker=user,
        service=Service.objects.create(organisation=organisation, name="CAF"),
        site=other,
        weekday=timezone.localdate().weekday(),
        start_time=dt.time(9),
        end_time=dt.time(12),
        valid_from=dt.date(2026, 1, 1),
    )
    assert client.get("/permanences/file/").context["site"] == other


def test_the_queue_links_to_the_other_site_where_people_wait(
    staff_client, organisation, site, manager
):
    from tests.factories import SiteFactory

    other = SiteFactory(organisation=organisation, name="Ivry-sur-Seine")
    client, user = staff_client("reception")
    user.sites.add(other)
    for _ in range(2):
        services.ticket_take(site=other, by=manager)
    page = client.get("/permanences/file/", {"lieu": site.pk})
    assert "2 personnes attendent à Ivry-sur-Seine" in page.text
    assert f'href="?lieu={other.pk}"' in page.text


def test_the_queue_remembers_the_site_last_chosen(staff_client, organisation, site, manager):
    from tests.factories import SiteFactory

    other = SiteFactory(organisation=organisation, name="Ivry-sur-Seine")
    client, user = staff_client("reception")
    user.sites.add(other)
    services.ticket_take(site=site, by=manager)
    client.get("/permanences/file/", {"lieu": other.pk})
    assert client.get("/permanences/file/").context["site"] == other


def test_staff_see_the_first_name_and_initial_of_each_waiting_person(
    staff_client, organisation, site, manager
):
    person = PersonFactory(organisation=organisation, first_name="Josiane", last_name="Lefèvre")
    services.ticket_take(site=site, by=manager, person=person)
    client, _ = staff_client("reception")
    page = client.get("/permanences/file/")
    assert "Josiane L." in page.text
    assert "Lefèvre" not in page.text.split('id="waiting-title"')[1]


def test_a_mediator_has_no_consultation_entry_in_the_menu(staff_client):
    client, _ = staff_client("mediator")
    labels = [item["label"] for item in client.get("/").context["navigation"]]
    assert "Permanences" not in labels and "File d'attente" not in labels


def test_a_mediator_opening_consultations_is_told_who_books(staff_client):
    client, _ = staff_client("mediator")
    page = client.get("/permanences/")
    assert "prendre rendez-vous" not in page.text
    assert "Les rendez-vous se prennent à l'accueil" in page.text
