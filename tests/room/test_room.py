import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from passerelle.core.models import Activity
from passerelle.room import selectors, services
from passerelle.room.models import StationReservation, StationSession
from tests.factories import PersonFactory


@pytest.fixture
def noon(monkeypatch):
    moment = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(12, 0)))
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
    return moment


def test_check_in_then_out_writes_a_room_session_activity(station, manager, organisation, noon):
    person = PersonFactory(organisation=organisation)
    session = services.session_check_in(station=station, by=manager, purpose="caf", person=person)
    assert session.planned_end_at == noon + dt.timedelta(minutes=60)
    services.session_check_out(session=session, by=manager)
    activity = Activity.objects.get()
    assert (activity.kind, activity.theme, activity.person) == (
        "room_session",
        "aide_aux_demarches_administratives",
        person,
    )


def test_an_anonymous_guest_is_counted_without_a_name(station, manager, noon):
    session = services.session_check_in(station=station, by=manager, purpose="email")
    services.session_check_out(session=session, by=manager)
    activity = Activity.objects.get()
    assert (activity.person, activity.anonymous_count) == (None, 1)


def test_a_station_out_of_order_refuses_check_in(station, manager, noon):
    services.station_report_fault(station=station, reason="Écran noir")
    with pytest.raises(ValidationError, match="en panne"):
        services.session_check_in(station=station, by=manager, purpose="caf")


def test_a_station_in_use_refuses_a_second_session(station, manager, noon):
    services.session_check_in(station=station, by=manager, purpose="caf")
    with pytest.raises(ValidationError, match="déjà occupé"):
        services.session_check_in(station=station, by=manager, purpose="email")


@pytest.mark.django_db(transaction=True)
def test_concurrent_check_ins_on_one_station_give_one_session(station, manager):
    barrier = threading.Barrier(5)
    outcomes = []

    def attempt():
        try:
            barrier.wait(timeout=10)
            services.session_check_in(station=station, by=manager, purpose="other")
            outcomes.append("in")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["in"] + ["refused"] * 4
    assert StationSession.objects.open().count() == 1


def test_extension_beyond_closing_time_is_refused(station, manager, noon):
    station.room.closes_at = dt.time(13, 30)
    station.room.save()
    session = services.session_check_in(station=station, by=manager, purpose="caf")
    with pytest.raises(ValidationError, match="fermeture"):
        services.session_extend(session=session, minutes=60)


def test_a_session_that_runs_over_is_flagged_never_closed(station, manager, monkeypatch, noon):
    session = services.session_check_in(station=station, by=manager, purpose="caf")
    later = noon + dt.timedelta(minutes=75)
    state = selectors.board(station.room, now=later)["states"][0]
    assert (state.state, state.minutes_left) == ("overrun", -15)
    session.refresh_from_db()
    assert session.ended_at is None


def test_closing_time_sweep_closes_forgotten_sessions_with_a_note(station, manager, noon):
    station.room.closes_at = dt.time(18, 0)
    station.room.save()
    session = services.session_check_in(station=station, by=manager, purpose="caf")
    closing = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(18, 0)))
    assert services.sessions_sweep(now=closing - dt.timedelta(minutes=1)) == 0
    assert services.sessions_sweep(now=closing + dt.timedelta(hours=3)) == 1
    session.refresh_from_db()
    assert session.closed_automatically and "automatiquement" in session.note
    assert Activity.objects.count() == 1


def test_reservations_never_overlap(station, manager, noon):
    start = noon + dt.timedelta(hours=2)
    services.reservation_create(
        station=station, starts_at=start, ends_at=start + dt.timedelta(hours=1), by=manager
    )
    with pytest.raises(ValidationError, match="déjà réservé"):
        services.reservation_create(
            station=station,
            starts_at=start + dt.timedelta(minutes=30),
            ends_at=start + dt.timedelta(minutes=90),
            by=manager,
        )
    assert StationReservation.objects.count() == 1


def test_a_reservation_in_the_past_is_refused(station, manager, noon):
    with pytest.raises(ValidationError, match="à venir"):
        services.reservation_create(
            station=station,
            starts_at=noon - dt.timedelta(hours=2),
            ends_at=noon - dt.timedelta(hours=1),
            by=manager,
        )


def test_an_imminent_reservation_blocks_check_in(station, manager, noon):
    services.reservation_create(
        station=station,
        starts_at=noon + dt.timedelta(minutes=5),
        ends_at=noon + dt.timedelta(minutes=65),
        by=manager,
    )
    with pytest.raises(ValidationError, match="réservé"):
        services.session_check_in(station=station, by=manager, purpose="caf")


def test_a_later_reservation_shortens_the_session(station, manager, noon):
    services.reservation_create(
        station=station,
        starts_at=noon + dt.timedelta(minutes=40),
        ends_at=noon + dt.timedelta(minutes=100),
        by=manager,
    )
    session = services.session_check_in(station=station, by=manager, purpose="caf")
    assert session.planned_end_at == noon + dt.timedelta(minutes=40)


def test_board_refreshes_itself_and_returns_the_grid_to_htmx(staff_client, station, noon):
    client, _ = staff_client("volunteer")
    page = client.get(f"/salle/{station.room_id}/")
    assert 'hx-trigger="every 10s"' in page.text
    fragment = client.get(f"/salle/{station.room_id}/", headers={"HX-Request": "true"})
    assert "<html" not in fragment.text and "Poste 1" in fragment.text


def test_check_in_page_needs_a_person_or_the_guest_box(staff_client, station, noon):
    client, _ = staff_client("volunteer")
    response = client.post(f"/salle/postes/{station.pk}/arrivee/", {"purpose": "caf"})
    assert "Choisissez la personne" in response.text
    assert not StationSession.objects.exists()


def test_rooms_of_another_organisation_are_not_found(staff_client):
    from passerelle.room.models import Room
    from tests.factories import SiteFactory

    client, _ = staff_client("volunteer")
    other = Room.objects.create(site=SiteFactory(), name="Ailleurs")
    assert client.get(f"/salle/{other.pk}/").status_code == 404


def test_usage_statistics_count_arrivals_by_weekday_and_hour(
    staff_client, station, manager, organisation
):
    from passerelle.room.models import StationSession

    monday_10 = dt.datetime(2026, 11, 2, 10, 15, tzinfo=timezone.get_current_timezone())
    for minutes, person in [(0, None), (5, PersonFactory(organisation=organisation))]:
        StationSession.objects.create(
            station=station,
            person=person,
            purpose="caf",
            started_by=manager,
            started_at=monday_10 + dt.timedelta(minutes=minutes),
            planned_end_at=monday_10 + dt.timedelta(hours=1),
            ended_at=monday_10 + dt.timedelta(minutes=45),
        )
    data = selectors.usage(
        room=station.room, since=dt.date(2026, 11, 1), until=dt.date(2026, 11, 30)
    )
    assert data["grid"][0][data["hours"].index(10)] == 2
    assert (data["known"], data["guests"]) == (1, 1)
    assert data["months"] == [("2026-11", 2, 1.4)]  # 45 + 40 minutes
    client, _ = staff_client("mediator")
    page = client.get(f"/salle/{station.room_id}/statistiques/", {"mois": "60"})
    assert "<svg" in page.text
    assert "arrivées par jour de la semaine et par heure" in page.text


def test_volunteers_see_no_room_statistics(staff_client, station):
    client, _ = staff_client("volunteer")
    assert client.get(f"/salle/{station.room_id}/statistiques/").status_code == 403


def test_today_page_shows_the_room_block(staff_client, station, manager, noon):
    services.session_check_in(station=station, by=manager, purpose="caf")
    client, _ = staff_client("reception")
    page = client.get("/")
    assert "Salle informatique" in page.text
    assert "1 occupés, 0 libres" in page.text


def test_a_workshop_in_the_room_holds_its_stations(station, room, manager, noon):
    from passerelle.room.models import Station
    from passerelle.workshops import services as workshop_services
    from passerelle.workshops.models import Workshop

    Station.objects.create(room=room, name="Poste 2")
    workshop = Workshop.objects.create(
        organisation=room.site.organisation,
        title="Se protéger des arnaques",
        theme="securite_numerique",
        level="debutant",
        duration_minutes=90,
        description="…",
    )
    session = workshop_services.session_create(
        workshop=workshop,
        site=room.site,
        room=room,
        starts_at=noon - dt.timedelta(minutes=10),
        capacity=1,
    )
    states = {s.station.name: s.state for s in selectors.board(room)["states"]}
    assert states == {"Poste 1": "workshop", "Poste 2": "free"}
    with pytest.raises(ValidationError, match="atelier"):
        services.session_check_in(station=station, by=manager, purpose="caf")
    with pytest.raises(ValidationError, match="atelier"):
        services.reservation_create(
            station=station,
            starts_at=noon + dt.timedelta(minutes=20),
            ends_at=noon + dt.timedelta(minutes=40),
            by=manager,
        )
    assert session.room == room


def test_a_workshop_in_a_computer_room_gets_one_seat_per_working_station(
    room, station, manager, noon
):
    from passerelle.room.models import Station
    from passerelle.workshops import services as workshop_services
    from passerelle.workshops.models import Workshop

    Station.objects.create(room=room, name="Poste 2")
    Station.objects.create(room=room, name="Poste 3", is_working=False)
    workshop = Workshop.objects.create(
        organisation=room.site.organisation,
        title="Mon espace CAF",
        theme="aide_aux_demarches_administratives",
        level="intermediaire",
        duration_minutes=90,
        description="…",
    )
    session = workshop_services.session_create(
        workshop=workshop, site=room.site, room=room, starts_at=noon + dt.timedelta(days=1)
    )
    assert session.capacity == 2


def test_manager_adds_a_room_and_a_station(manager_client, site):
    from passerelle.room.models import Room, Station

    manager_client.post(
        "/salle/reglages/",
        {
            "formulaire": "salle",
            "site": site.pk,
            "name": "Petite salle",
            "session_minutes": 45,
            "opens_at": "09:00",
            "closes_at": "17:00",
        },
    )
    room = Room.objects.get(name="Petite salle")
    assert room.session_minutes == 45
    manager_client.post(
        "/salle/reglages/",
        {"formulaire": "poste", "room": room.pk, "name": "Poste A", "equipment": ["printer"]},
    )
    assert Station.objects.get(name="Poste A").equipment == ["printer"]


def test_a_room_closing_before_it_opens_is_refused(manager_client, site):
    from passerelle.room.models import Room

    response = manager_client.post(
        "/salle/reglages/",
        {
            "formulaire": "salle",
            "site": site.pk,
            "name": "À l'envers",
            "session_minutes": 60,
            "opens_at": "17:00",
            "closes_at": "09:00",
        },
    )
    assert "La fermeture doit suivre l&#x27;ouverture." in response.text
    assert not Room.objects.filter(name="À l'envers").exists()


def test_only_managers_set_up_rooms(staff_client):
    client, _ = staff_client("mediator")
    assert client.get("/salle/reglages/").status_code == 403


def test_a_station_is_reserved_for_a_person(staff_client, station, organisation, noon):
    client, _ = staff_client("reception")
    person = PersonFactory(organisation=organisation)
    start = (noon + dt.timedelta(hours=2)).astimezone(timezone.get_current_timezone())
    client.post(
        f"/salle/postes/{station.pk}/reserver/?personne={person.pk}",
        {
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "personne": person.pk,
        },
    )
    assert StationReservation.objects.get().person == person


def test_fault_is_reported_from_the_station_page(staff_client, station):
    client, _ = staff_client("volunteer")
    page = client.get(f"/salle/postes/{station.pk}/")
    assert "Signaler une panne" in page.text
    client.post(f"/salle/postes/{station.pk}/panne/", {"raison": "Clavier cassé"})
    station.refresh_from_db()
    assert (station.is_working, station.fault) == (False, "Clavier cassé")


def test_stations_sort_in_number_order(room):
    from passerelle.room.models import Station

    for name in ("Poste 10", "Poste 2", "Poste 1"):
        Station.objects.create(room=room, name=name)
    assert list(room.stations.values_list("name", flat=True)) == ["Poste 1", "Poste 2", "Poste 10"]


def test_usage_summed_by_the_database_matches_row_by_row_across_changes_of_hour(
    station, manager, organisation
):
    """The database sums by local hour; the same sessions counted row by row in Python give
    the same figures, Sundays, the nights of the changes to summer and winter time and a
    session starting a month in UTC and the next one in Paris included."""
    from passerelle.room.models import StationSession

    utc = dt.UTC
    starts = [
        dt.datetime(2026, 3, 28, 23, 30, tzinfo=utc),  # Sunday 00:30 in Paris, winter time
        dt.datetime(2026, 3, 29, 8, 0, tzinfo=utc),  # Sunday 10:00, summer time
        dt.datetime(2026, 3, 30, 7, 59, tzinfo=utc),  # Monday 09:59
        dt.datetime(2026, 4, 30, 22, 10, tzinfo=utc),  # Friday 1 May 00:10: May, not April
        dt.datetime(2026, 10, 25, 0, 30, tzinfo=utc),  # Sunday 02:30, summer time still
        dt.datetime(2026, 10, 25, 1, 30, tzinfo=utc),  # Sunday 02:30 again, winter time
        dt.datetime(2026, 10, 26, 9, 0, tzinfo=utc),  # Monday 10:00, winter time
    ]
    for index, started in enumerate(starts):
        StationSession.objects.create(
            station=station,
            person=PersonFactory(organisation=organisation) if index % 2 else None,
            purpose="caf" if index % 2 else "email",
            started_by=manager,
            started_at=started,
            planned_end_at=started + dt.timedelta(hours=1),
            ended_at=started + dt.timedelta(minutes=40 + index),
        )
    start = dt.datetime(2026, 3, 1, tzinfo=utc)
    end = dt.datetime(2026, 12, 1, tzinfo=utc)

    def folded(hours):
        return [
            (hour, count, round(float(seconds)), guests, list(purposes))
            for hour, count, seconds, guests, purposes in sorted(hours)
        ]

    by_database = folded(selectors._usage_hours(station.room, start, end))
    by_python = folded(selectors._usage_hours_in_python(station.room, start, end))
    assert by_database == by_python
    assert len(by_database) == 6  # the two 02:30 of 25 October are one local hour


def test_usage_puts_each_session_on_its_local_weekday_hour_and_month(
    station, manager, organisation
):
    from passerelle.room.models import StationSession

    utc = dt.UTC
    for started in [
        dt.datetime(2026, 3, 29, 8, 0, tzinfo=utc),  # Sunday 10:00, summer time
        dt.datetime(2026, 4, 30, 22, 10, tzinfo=utc),  # Friday 1 May 00:10
        dt.datetime(2026, 10, 26, 9, 0, tzinfo=utc),  # Monday 10:00, winter time
    ]:
        StationSession.objects.create(
            station=station,
            purpose="caf",
            started_by=manager,
            started_at=started,
            planned_end_at=started + dt.timedelta(hours=1),
            ended_at=started + dt.timedelta(minutes=30),
        )
    data = selectors.usage(
        room=station.room, since=dt.date(2026, 3, 1), until=dt.date(2026, 11, 30)
    )
    ten = data["hours"].index(10)
    assert (data["grid"][6][ten], data["grid"][0][ten]) == (1, 1)
    assert sum(map(sum, data["grid"])) == 2  # midnight is outside the hours shown
    assert data["months"] == [("2026-03", 1, 0.5), ("2026-05", 1, 0.5), ("2026-10", 1, 0.5)]
    assert data["purposes"] == [("CAF", 3)]


def test_offset_spans_change_at_one_in_the_morning_utc_in_paris():
    paris = timezone.get_current_timezone()
    spans = selectors.offset_spans(
        dt.datetime(2026, 1, 1, tzinfo=paris), dt.datetime(2027, 1, 1, tzinfo=paris)
    )
    assert spans == [
        (dt.datetime(2025, 12, 31, 23, 0, tzinfo=dt.UTC), 3600),
        (dt.datetime(2026, 3, 29, 1, 0, tzinfo=dt.UTC), 7200),
        (dt.datetime(2026, 10, 25, 1, 0, tzinfo=dt.UTC), 3600),
    ]


def test_the_day_page_counts_each_rooms_busy_and_free_stations_and_who_waits(
    room, site, manager, django_assert_num_queries
):
    from passerelle.room.models import Room, Station, WaitingForStation

    busy, free, _broken = (
        Station.objects.create(room=room, name=name, is_working=name != "Poste 3")
        for name in ("Poste 1", "Poste 2", "Poste 3")
    )
    now = timezone.now()
    StationSession.objects.create(
        station=busy,
        purpose="caf",
        started_by=manager,
        started_at=now,
        planned_end_at=now + dt.timedelta(hours=1),
    )
    StationSession.objects.create(  # over: the station is free again
        station=free,
        purpose="caf",
        started_by=manager,
        started_at=now - dt.timedelta(hours=2),
        planned_end_at=now - dt.timedelta(hours=1),
        ended_at=now - dt.timedelta(hours=1),
    )
    WaitingForStation.objects.create(room=room, label="Awa", created_at=now)
    WaitingForStation.objects.create(room=room, label="Luc", created_at=now, served_at=now)
    empty = Room.objects.create(site=site, name="Salle 2")
    with django_assert_num_queries(1):
        summaries = selectors.summaries(Room.objects.order_by("pk"), limit=3)
    assert [
        (s["room"], s["in_use_count"], s["free_count"], s["waiting_count"]) for s in summaries
    ] == [
        (room, 1, 1, 1),
        (empty, 0, 0, 0),
    ]


def test_the_board_switches_between_the_rooms_of_the_sites_one_works_at(
    staff_client, room, organisation, site
):
    from passerelle.room.models import Room

    client, user = staff_client("volunteer")
    annexe = Room.objects.create(site=site, name="Salle de l'annexe")
    first = client.get("/salle/").text
    assert "Salle numérique" in first.split("<h1>")[1].split("</h1>")[0]
    other = client.get(f"/salle/{annexe.pk}/").text
    assert "Salle de l&#x27;annexe" in other.split("<h1>")[1].split("</h1>")[0]
    assert f'href="/salle/{room.pk}/"' in other  # the switcher lists both


def test_the_board_without_any_room_is_refused(staff_client):
    client, _ = staff_client("volunteer")
    assert client.get("/salle/").status_code == 403


def test_the_board_reads_the_rooms_and_their_sites_in_one_query(
    staff_client, room, site, django_assert_max_num_queries
):
    from passerelle.room.models import Room

    client, _ = staff_client("volunteer")
    with django_assert_max_num_queries(30) as one:
        client.get("/salle/")
    Room.objects.create(site=site, name="Salle 2")
    Room.objects.create(site=site, name="Salle 3")
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get("/salle/")
    assert "Salle 3" in page.text
