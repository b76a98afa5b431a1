"""Prints at the desk: the room's free pages first, then its price; per person and per day
or month; a guest; the board's two taps; the file and the statistics."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from passerelle.room import selectors, services
from passerelle.room.models import PrintJob
from tests.factories import PersonFactory, UserFactory


@pytest.fixture
def desk(organisation, site):
    return UserFactory(organisation=organisation, sites=[site], role="reception")


@pytest.fixture
def awa(organisation):
    return PersonFactory(organisation=organisation, first_name="Awa")


def test_free_pages_first_then_the_price(room, awa, desk):
    job = services.print_record(room=room, pages=12, colour=False, person=awa, by=desk)
    assert (job.free_pages, job.amount) == (10, Decimal("0.20"))


def test_the_quota_counts_the_persons_earlier_prints_of_the_day(room, awa, desk):
    services.print_record(room=room, pages=8, colour=False, person=awa, by=desk)
    job = services.print_record(room=room, pages=5, colour=False, person=awa, by=desk)
    assert (job.free_pages, job.amount) == (2, Decimal("0.30"))


def test_yesterdays_prints_do_not_count_against_a_daily_quota(room, awa, desk):
    old = services.print_record(room=room, pages=10, colour=False, person=awa, by=desk)
    PrintJob.objects.filter(pk=old.pk).update(printed_at=timezone.now() - dt.timedelta(days=1))
    assert services.print_record(room=room, pages=3, colour=False, person=awa, by=desk).amount == 0


def test_a_monthly_quota_counts_the_whole_month(room, awa, desk):
    room.free_pages, room.free_pages_period = 20, "month"
    room.save()
    today = timezone.localdate()
    old = services.print_record(room=room, pages=15, colour=False, person=awa, by=desk)
    if today.day > 1:  # earlier this month
        PrintJob.objects.filter(pk=old.pk).update(
            printed_at=timezone.now() - dt.timedelta(days=today.day - 1)
        )
    job = services.print_record(room=room, pages=10, colour=False, person=awa, by=desk)
    assert job.free_pages == 5


def test_colour_pages_cost_the_colour_price(room, awa, desk):
    room.free_pages = 0
    room.save()
    job = services.print_record(room=room, pages=2, colour=True, person=awa, by=desk)
    assert job.amount == Decimal("1.00")


def test_a_guest_gets_the_quota_for_the_print(room, desk):
    job = services.print_record(room=room, pages=4, colour=False, by=desk)
    assert (job.person, job.free_pages, job.amount) == (None, 4, 0)


def test_zero_pages_is_refused(room, desk):
    with pytest.raises(ValidationError):
        services.print_record(room=room, pages=0, colour=False, by=desk)


def test_the_board_records_a_print_in_two_taps(staff_client, room):
    client, _user = staff_client("reception")
    response = client.post(
        f"/salle/{room.pk}/impressions/", {"pages": "12", "colour": "0"}, follow=True
    )
    assert "12 page(s), dont 10 gratuite(s) : 0.20 € à encaisser." in response.text
    assert "Aujourd'hui : 12 page(s) dont 10 gratuite(s)" in response.text


def test_a_wrong_number_of_pages_is_said_plainly(staff_client, room):
    client, _user = staff_client("reception")
    response = client.post(f"/salle/{room.pk}/impressions/", {"pages": "0"}, follow=True)
    assert "Indiquez un nombre de pages entre 1 et 500." in response.text
    assert not PrintJob.objects.exists()


def test_the_persons_file_shows_pages_printed(staff_client, room, awa, desk):
    services.print_record(room=room, pages=7, colour=False, person=awa, by=desk)
    client, _user = staff_client("reception")
    assert "7 page(s) ce mois-ci, 7 en tout." in client.get(f"/personnes/{awa.pk}/").text


def test_the_statistics_count_pages_printed(room, awa, desk, organisation):
    services.print_record(room=room, pages=7, colour=False, person=awa, by=desk)
    today = timezone.localdate()
    figures = selectors.print_figures(
        organisation_id=organisation.pk, site_ids=None, start=today, end=today
    )
    assert figures == {"pages": 7, "free": 7}


def test_a_manager_sets_the_print_quota(manager_client, room, site):
    manager_client.post(
        f"/salle/{room.pk}/reglages/",
        {
            "site": site.pk,
            "name": room.name,
            "session_minutes": 60,
            "opens_at": "09:00",
            "closes_at": "18:00",
            "free_pages": 30,
            "free_pages_period": "month",
            "price_black": "0.05",
            "price_colour": "0.30",
        },
    )
    room.refresh_from_db()
    assert (room.free_pages, room.free_pages_period, room.price_black) == (
        30,
        "month",
        Decimal("0.05"),
    )
