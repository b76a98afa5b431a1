import datetime as dt
import threading
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from passerelle.appointments import services
from passerelle.appointments.models import Appointment
from passerelle.appointments.slots import local
from passerelle.core.models import Activity
from tests.factories import PersonFactory

D = dt.date
MONDAY = D(2026, 3, 2)
BEFORE = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
AFTER = dt.datetime(2026, 3, 3, tzinfo=dt.UTC)


@pytest.fixture
def person(organisation):
    return PersonFactory(organisation=organisation)


@pytest.fixture
def before(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: BEFORE)


def book(person, reason, worker, at):
    return services.appointment_book(
        person=person, reason=reason, worker=worker, starts_at=local(MONDAY, at), by=worker
    )


def test_booking_a_free_slot(before, person, reason, worker, mondays):
    appointment = book(person, reason, worker, dt.time(9, 30))
    assert (appointment.status, appointment.site, appointment.ends_at - appointment.starts_at) == (
        "upcoming",
        mondays.site,
        dt.timedelta(minutes=30),
    )


def test_each_booking_of_a_day_at_a_site_gets_its_own_six_digit_kiosk_code(
    before, person, reason, worker, mondays
):
    codes = [book(person, reason, worker, dt.time(9, m)).kiosk_code for m in (0, 30)]
    assert all(len(code) == 6 and code.isdigit() for code in codes)
    assert codes[0] != codes[1]


@pytest.mark.parametrize(
    "at",
    [dt.time(8, 0), dt.time(9, 15), dt.time(11, 0), dt.time(14, 0)],
    ids=["before-opening", "off-grid", "at-closing", "afternoon"],
)
def test_booking_outside_opening_hours_is_refused(before, person, reason, worker, mondays, at):
    with pytest.raises(ValidationError, match="pas libre"):
        book(person, reason, worker, at)


def test_booking_during_an_absence_is_refused(before, person, reason, worker, mondays):
    services.absence_add(
        worker=worker, starts_at=local(MONDAY, dt.time(9)), ends_at=local(MONDAY, dt.time(11))
    )
    with pytest.raises(ValidationError, match="pas libre"):
        book(person, reason, worker, dt.time(9, 30))


def test_booking_in_the_past_is_refused(monkeypatch, person, reason, worker, mondays):
    monkeypatch.setattr("django.utils.timezone.now", lambda: AFTER)
    with pytest.raises(ValidationError, match="passé"):
        book(person, reason, worker, dt.time(9, 30))


def test_booking_for_a_person_of_another_organisation_is_refused(before, reason, worker, mondays):
    with pytest.raises(ValidationError, match="pas suivie"):
        book(PersonFactory(), reason, worker, dt.time(9, 30))


def test_the_same_slot_cannot_be_booked_twice(
    before, person, reason, worker, mondays, organisation
):
    book(person, reason, worker, dt.time(9, 30))
    with pytest.raises(ValidationError):
        book(PersonFactory(organisation=organisation), reason, worker, dt.time(9, 30))


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_one_slot_give_one_appointment(
    reason, worker, mondays, organisation, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.now", lambda: BEFORE)
    people = PersonFactory.create_batch(6, organisation=organisation)
    barrier = threading.Barrier(len(people))
    results = []

    def attempt(someone):
        try:
            barrier.wait(timeout=10)
            book(someone, reason, worker, dt.time(10))
            results.append("booked")
        except ValidationError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == ["booked"] + ["refused"] * 5
    assert Appointment.objects.count() == 1


def test_honoured_writes_one_activity_and_changing_ones_mind_removes_it(
    person, reason, worker, mondays, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.now", lambda: BEFORE)
    appointment = book(person, reason, worker, dt.time(9, 30))
    monkeypatch.setattr("django.utils.timezone.now", lambda: AFTER)
    services.appointment_set_status(appointment=appointment, status="honoured", by=worker)
    activity = Activity.objects.get()
    assert (activity.kind, activity.duration_minutes, activity.staff) == ("appointment", 30, worker)
    services.appointment_set_status(appointment=appointment, status="no_show", by=worker)
    assert not Activity.objects.exists()


def test_an_appointment_cannot_be_honoured_before_it_happens(
    before, person, reason, worker, mondays
):
    appointment = book(person, reason, worker, dt.time(9, 30))
    with pytest.raises(ValidationError):
        services.appointment_set_status(appointment=appointment, status="honoured", by=worker)


def test_rescheduling_keeps_the_history(before, person, reason, worker, mondays):
    first = book(person, reason, worker, dt.time(9, 30))
    second = services.appointment_reschedule(
        appointment=first, starts_at=local(MONDAY, dt.time(10, 30)), by=worker
    )
    first.refresh_from_db()
    assert first.status == "rescheduled"
    assert second.rescheduled_from == first
    # The first slot is free again.
    assert book(PersonFactory(organisation=person.organisation), reason, worker, dt.time(9, 30))


def test_booking_through_the_pages(staff_client, person, reason, worker, mondays, before):
    client, _ = staff_client("reception")
    starts = local(MONDAY, dt.time(10)).isoformat()
    response = client.post(
        "/permanences/reserver/",
        {
            "motif": reason.pk,
            "intervenant": worker.pk,
            "debut": starts,
            "personne": person.pk,
            "note_for_worker": "Apporter les fiches de paie",
        },
    )
    appointment = Appointment.objects.get()
    assert response["Location"] == f"/permanences/rdv/{appointment.pk}/"
    assert appointment.note_for_worker == "Apporter les fiches de paie"


def test_partner_without_contact_gets_a_french_message(
    staff_client, person, reason, worker, mondays, before
):
    client, _ = staff_client("reception")
    response = client.post(
        "/permanences/reserver/",
        {
            "motif": reason.pk,
            "intervenant": worker.pk,
            "debut": local(MONDAY, dt.time(10)).isoformat(),
            "personne": person.pk,
            "partner_name": "Mme Durand",
        },
    )
    assert "Notez comment joindre le partenaire." in response.text
    assert not Appointment.objects.exists()


def test_mediators_do_not_book_appointments(staff_client, reason):
    client, _ = staff_client("mediator")
    assert client.get(f"/permanences/creneaux/?motif={reason.pk}").status_code == 403


def test_agenda_shows_the_days_appointments(staff_client, person, reason, worker, mondays, before):
    client, _ = staff_client("reception")
    book(person, reason, worker, dt.time(9, 30))
    page = client.get("/permanences/agenda/", {"jour": MONDAY.isoformat()})
    assert list(page.context["appointments"])[0].person == person
    assert '<td data-label="Heure">09h30</td>' in page.text


def test_week_agenda_writes_each_day_and_hour(
    staff_client, person, reason, worker, mondays, before
):
    client, _ = staff_client("reception")
    book(person, reason, worker, dt.time(9, 30))
    page = client.get("/permanences/agenda/", {"jour": MONDAY.isoformat(), "vue": "semaine"})
    assert "<h2>Lundi 2 mars</h2>" in page.text
    assert "<strong>09h30</strong>" in page.text


@pytest.mark.parametrize("path", ["/permanences/", "/permanences/agenda/"])
def test_volunteers_do_not_see_appointments(staff_client, path):
    client, _ = staff_client("volunteer")
    assert client.get(path).status_code == 403


def test_volunteers_have_no_consultation_hours_in_the_menu(staff_client):
    client, _ = staff_client("volunteer")
    labels = [item["label"] for item in client.get("/").context["navigation"]]
    assert "Permanences" not in labels


def test_the_person_found_on_the_booking_page_is_chosen_with_the_slot_kept(
    staff_client, person, reason, worker, mondays, before
):
    from urllib.parse import quote

    client, _ = staff_client("reception")
    starts = local(MONDAY, dt.time(10)).isoformat()
    page = client.get(
        "/permanences/reserver/",
        {"motif": reason.pk, "intervenant": worker.pk, "debut": starts, "q": person.last_name},
    )
    choice = (
        f"?motif={reason.pk}&amp;intervenant={worker.pk}&amp;debut={quote(starts)}"
        f"&amp;personne={person.pk}"
    )
    assert choice in page.text


@pytest.mark.parametrize("odd", ["abc", "9" * 30, "-1", "", "1.5"])
def test_an_odd_appointment_to_replace_in_the_slot_finder_is_ignored(
    staff_client, reason, mondays, odd
):
    client, _ = staff_client("reception")
    response = client.get("/permanences/creneaux/", {"motif": reason.pk, "remplace": odd})
    assert response.status_code == 200
    assert response.context["reschedule"] == ""


def test_booking_warns_of_an_appointment_for_the_same_reason_in_the_coming_weeks(
    staff_client, person, reason, worker, mondays, before
):
    book(person, reason, worker, dt.time(9, 30))
    client, _ = staff_client("reception")
    page = client.get(
        "/permanences/reserver/",
        {
            "motif": reason.pk,
            "intervenant": worker.pk,
            "debut": local(MONDAY, dt.time(10)).isoformat(),
            "personne": person.pk,
        },
    )
    assert "À vérifier avant de réserver" in page.text
    assert "a déjà un rendez-vous « Déclaration » le lundi 2 mars à 09h30" in unescape(page.text)


def test_booking_warns_that_the_person_already_waits_in_todays_queue(
    staff_client, person, reason, site, manager
):
    services.ticket_take(site=site, by=manager, person=person)
    client, _ = staff_client("reception")
    page = client.get("/permanences/creneaux/", {"motif": reason.pk, "personne": person.pk})
    text = unescape(page.text)
    assert "attend déjà dans la file d'aujourd'hui (ticket n° 1, Vitry-sur-Seine)" in text


def test_each_slot_says_its_site(staff_client, reason, worker, mondays, before):
    client, _ = staff_client("reception")
    page = client.get("/permanences/creneaux/", {"motif": reason.pk, "du": "2026-03-02"})
    assert '<span class="slot-site">Vitry-sur-Seine</span>' in page.text


def test_each_slot_links_to_the_booking_page_at_its_hour(
    staff_client, reason, worker, mondays, before
):
    from urllib.parse import quote

    client, _ = staff_client("reception")
    page = client.get("/permanences/creneaux/", {"motif": reason.pk, "du": "2026-03-02"}).text
    starts = quote(local(MONDAY, dt.time(9)).isoformat())
    query = f"motif={reason.pk}&amp;intervenant={worker.pk}&amp;debut={starts}"
    assert f'href="/permanences/reserver/?{query}"' in page
    assert "09h00" in page
    assert "Lundi 2 mars" in page


def test_slots_offered_to_move_an_appointment_post_to_its_new_time(
    staff_client, person, reason, worker, mondays, before
):
    from django.urls import reverse

    appointment = book(person, reason, worker, dt.time(9, 30))
    client, _ = staff_client("reception")
    page = client.get(
        "/permanences/creneaux/",
        {"motif": reason.pk, "du": "2026-03-02", "remplace": appointment.pk},
    ).text
    action = reverse("appointments:reschedule", args=[appointment.pk])
    assert f'<form method="post" action="{action}">' in page
