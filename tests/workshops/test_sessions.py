import datetime as dt
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from passerelle.core.models import Activity
from passerelle.workshops import selectors, services
from passerelle.workshops.models import WorkshopSession
from tests.factories import PersonFactory

D = dt.date


def test_weekly_series_skips_french_public_holidays():
    dates, skipped = selectors.series_dates(
        first=D(2026, 6, 30), until=D(2026, 7, 21), every_weeks=1
    )
    assert dates == [D(2026, 6, 30), D(2026, 7, 7), D(2026, 7, 21)]
    assert [(s.date, s.reason) for s in skipped] == [(D(2026, 7, 14), "Fête nationale")]


def test_series_skips_easter_monday():
    dates, skipped = selectors.series_dates(
        first=D(2026, 3, 30), until=D(2026, 4, 13), every_weeks=1
    )
    assert D(2026, 4, 6) not in dates
    assert skipped[0].date == D(2026, 4, 6)
    assert "Pâques" in skipped[0].reason


def test_every_two_weeks():
    dates, _ = selectors.series_dates(first=D(2026, 9, 1), until=D(2026, 10, 1), every_weeks=2)
    assert dates == [D(2026, 9, 1), D(2026, 9, 15), D(2026, 9, 29)]


def test_series_creates_its_sessions_at_the_same_local_time(workshop, site, manager):
    series, skipped = services.series_create(
        workshop=workshop,
        site=site,
        first_date=D(2026, 10, 20),
        start_time=dt.time(10, 0),
        until=D(2026, 11, 3),
        every_weeks=1,
        capacity=8,
        by=manager,
    )
    local_starts = [timezone.localtime(s.starts_at) for s in series.sessions.order_by("starts_at")]
    # 27 October comes after the autumn daylight-saving change: still 10:00 in Paris.
    assert [(s.date(), s.hour) for s in local_starts] == [
        (D(2026, 10, 20), 10),
        (D(2026, 10, 27), 10),
        (D(2026, 11, 3), 10),
    ]
    assert skipped == []


def test_series_ending_before_it_starts_is_refused(workshop, site, manager):
    with pytest.raises(ValidationError):
        services.series_create(
            workshop=workshop,
            site=site,
            first_date=D(2026, 10, 20),
            start_time=dt.time(10),
            until=D(2026, 10, 1),
            every_weeks=1,
            capacity=8,
            by=manager,
        )
    assert not WorkshopSession.objects.exists()


def test_cancelling_the_rest_of_a_series_keeps_the_earlier_sessions(workshop, site, manager):
    series, _ = services.series_create(
        workshop=workshop,
        site=site,
        first_date=D(2026, 10, 6),
        start_time=dt.time(10),
        until=D(2026, 10, 27),
        every_weeks=1,
        capacity=8,
        by=manager,
    )
    sessions = list(series.sessions.order_by("starts_at"))
    assert services.session_cancel(session=sessions[2], rest_of_series=True) == 2
    assert [s.status for s in series.sessions.order_by("starts_at")] == [
        "planned",
        "planned",
        "cancelled",
        "cancelled",
    ]


def test_end_before_start_is_refused(workshop, site):
    starts = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.session_create(
            workshop=workshop, site=site, starts_at=starts, ends_at=starts, capacity=8
        )


@pytest.mark.parametrize("capacity", [0, -3])
def test_session_without_seats_is_refused_by_the_form(staff_client, workshop, site, capacity):
    client, _ = staff_client("mediator")
    response = client.post(
        "/ateliers/seances/nouvelle/",
        {
            "workshop": workshop.pk,
            "site": site.pk,
            "date": (timezone.localdate() + dt.timedelta(days=1)).isoformat(),
            "start_time": "10:00",
            "capacity": capacity,
        },
    )
    assert response.status_code == 200
    assert 'id="id_capacity_error"' in response.text
    assert not WorkshopSession.objects.exists()


def test_series_without_an_end_date_gets_a_french_message(staff_client, workshop, site):
    client, _ = staff_client("mediator")
    response = client.post(
        "/ateliers/seances/nouvelle/",
        {
            "workshop": workshop.pk,
            "site": site.pk,
            "date": (timezone.localdate() + dt.timedelta(days=1)).isoformat(),
            "start_time": "10:00",
            "capacity": 8,
            "repeat": "on",
        },
    )
    assert "Indiquez jusqu&#x27;à quelle date répéter." in response.text


def test_closing_writes_one_activity_per_person_present(session, manager):
    people = PersonFactory.create_batch(2, organisation=session.workshop.organisation)
    registrations = [
        services.registration_create(session=session, person=p, by=manager) for p in people
    ]
    services.attendance_mark(registration=registrations[0], attendance="present")
    services.attendance_mark(registration=registrations[1], attendance="absent")
    assert services.session_close(session=session, by=manager) == 1
    activity = Activity.objects.get()
    assert (activity.kind, activity.theme, activity.level, activity.duration_minutes) == (
        "workshop",
        "email",
        "debutant",
        90,
    )
    assert activity.person == people[0]
    assert services.session_close(session=session, by=manager) == 0  # closing twice counts once


def test_attendance_in_one_tap_returns_the_row_to_htmx(staff_client, session):
    client, user = staff_client("volunteer")
    person = PersonFactory(organisation=session.workshop.organisation, first_name="Awa")
    registration = services.registration_create(session=session, person=person, by=user)
    response = client.post(
        f"/ateliers/seances/{session.pk}/inscriptions/{registration.pk}/presence/",
        {"attendance": "late"},
        headers={"HX-Request": "true"},
    )
    assert "<html" not in response.text
    assert 'aria-pressed="true"' in response.text
    registration.refresh_from_db()
    assert registration.attendance == "late"


def test_attendance_sheet_pdf_lists_the_participants(staff_client, session):
    client, user = staff_client("mediator")
    for first, last in [("Josiane", "Lefèvre"), ("Mamadou", "Traoré")]:
        person = PersonFactory(
            organisation=session.workshop.organisation, first_name=first, last_name=last
        )
        services.registration_create(session=session, person=person, by=user)
    response = client.get(f"/ateliers/seances/{session.pk}/emargement.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "LEFÈVRE" in text and "Josiane" in text
    assert "TRAORÉ" in text
    assert "Signature" in text
    assert "Créer et utiliser sa boîte mail" in text


def test_facilitator_calendar_feed_needs_its_secret_token(client, session, manager):
    from passerelle.accounts.services import calendar_feed_renew

    session.facilitators.set([manager])
    feed = calendar_feed_renew(user=manager)
    response = client.get(f"/compte/agenda/{feed.token}.ics")
    assert response.status_code == 200
    assert b"BEGIN:VEVENT" in response.content
    assert "Créer et utiliser sa boîte mail".encode() in response.content
    calendar_feed_renew(user=manager)
    assert client.get(f"/compte/agenda/{feed.token}.ics").status_code == 404


def test_week_calendar_and_upcoming_list(staff_client, session):
    client, _ = staff_client("reception")
    day = timezone.localtime(session.starts_at).date()
    week = client.get("/ateliers/semaine/", {"semaine": day.isoformat(), "lieu": session.site.pk})
    assert "Créer et utiliser sa boîte mail" in week.text
    local = timezone.localtime(session.starts_at)
    assert f"<strong>{local:%H}h{local:%M}</strong>" in week.text
    upcoming = client.get("/ateliers/")
    assert list(upcoming.context["sessions"]) == [session]
    assert f", {local:%H}h{local:%M}</td>" in upcoming.text


def test_sessions_of_other_sites_are_hidden_from_non_managers(staff_client, workshop):
    from tests.factories import SiteFactory

    client, _ = staff_client("mediator")
    elsewhere = services.session_create(
        workshop=workshop,
        site=SiteFactory(organisation=workshop.organisation),
        starts_at=timezone.now() + dt.timedelta(days=1),
        capacity=5,
    )
    assert client.get(f"/ateliers/seances/{elsewhere.pk}/").status_code == 404


def test_only_planners_create_sessions(staff_client):
    client, _ = staff_client("reception")
    assert client.get("/ateliers/seances/nouvelle/").status_code == 403


def test_week_page_query_count_does_not_grow_with_sessions(
    staff_client, workshop, site, django_assert_max_num_queries
):
    client, _ = staff_client("mediator")
    monday = timezone.localdate() + dt.timedelta(days=7 - timezone.localdate().weekday())

    def add(n):
        for i in range(n):
            services.session_create(
                workshop=workshop,
                site=site,
                capacity=5,
                starts_at=timezone.make_aware(
                    dt.datetime.combine(monday + dt.timedelta(days=i % 5), dt.time(9 + i % 8))
                ),
            )

    add(2)
    with django_assert_max_num_queries(20) as few:
        client.get("/ateliers/semaine/", {"semaine": monday.isoformat()})
    add(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/ateliers/semaine/", {"semaine": monday.isoformat()})


def test_a_session_names_its_local_time_not_utc(workshop, site):
    import zoneinfo

    paris = zoneinfo.ZoneInfo("Europe/Paris")
    starts = dt.datetime(2026, 12, 10, 9, 30, tzinfo=paris)
    session = services.session_create(workshop=workshop, site=site, starts_at=starts, capacity=5)
    assert str(session).endswith("10/12/2026 09:30")


def test_the_upcoming_list_shows_the_free_places(staff_client, workshop, site):
    starts = timezone.now() + dt.timedelta(days=3)
    session = services.session_create(workshop=workshop, site=site, starts_at=starts, capacity=8)
    client, user = staff_client("reception")
    services.registration_create(
        session=session, person=PersonFactory(organisation=site.organisation), by=user
    )
    page = client.get("/ateliers/")
    assert "7 places libres sur 8" in page.text


@pytest.mark.parametrize(
    ("capacity", "signed_up", "shown"),
    [
        (2, 1, "1 place libre sur 2"),
        (1, 1, "Complet"),
        (1, 3, "Complet 2 en attente"),
    ],
)
def test_the_upcoming_list_says_full_and_how_many_wait(
    staff_client, workshop, site, capacity, signed_up, shown
):
    starts = timezone.now() + dt.timedelta(days=3)
    session = services.session_create(
        workshop=workshop, site=site, starts_at=starts, capacity=capacity
    )
    client, user = staff_client("reception")
    for _ in range(signed_up):
        services.registration_create(
            session=session, person=PersonFactory(organisation=site.organisation), by=user
        )
    page = client.get("/ateliers/")
    cell = re.search(r'data-label="Places libres">(.*?)</td>', page.text, re.S).group(1)
    assert " ".join(re.sub(r"<[^>]+>", " ", cell).split()) == shown
    assert ("badge-warning" in cell) is shown.startswith("Complet")
