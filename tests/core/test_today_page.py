"""The "Aujourd'hui" page: its blocks show the day's rows, in as many queries however many."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from passerelle.procedures import services as procedures
from passerelle.workshops import services as workshops
from tests.factories import (
    AppointmentFactory,
    PersonFactory,
    ReasonFactory,
    UserFactory,
    WorkshopFactory,
)


def _noon():
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(12)))


def _fill_the_day(*, organisation, site, manager, n: int, first: int = 0):
    worker = UserFactory(organisation=organisation, sites=[site], role="social_worker")
    reason = ReasonFactory(service__organisation=organisation, service__name=f"Permanence {first}")
    workshop = WorkshopFactory(organisation=organisation, title=f"Atelier {first}")
    for index in range(first, first + n):
        person = PersonFactory(organisation=organisation, home_site=site, first_name=f"Nom{index}")
        starts = _noon() + dt.timedelta(minutes=index)
        AppointmentFactory(person=person, worker=worker, reason=reason, site=site, starts_at=starts)
        workshops.session_create(workshop=workshop, site=site, starts_at=starts, capacity=8)
        procedures.deadline_follow(person=person, kind="ft_actualisation", by=manager)


def _queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/").text
    return len(captured), html


def test_the_day_page_shows_the_days_appointments_workshops_and_deadlines(
    manager_client, manager, organisation, site, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: dt.date(2026, 1, 13))
    _fill_the_day(organisation=organisation, site=site, manager=manager, n=1)
    html = manager_client.get("/").text
    assert "12h00 Nom0" in html  # the appointment
    assert "Atelier 0" in html  # the workshop session
    assert html.count("Nom0") >= 2  # and the deadline at risk


def test_the_day_page_reads_as_many_queries_however_full_its_blocks(
    manager_client, manager, organisation, site, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: dt.date(2026, 1, 13))
    _fill_the_day(organisation=organisation, site=site, manager=manager, n=1)
    manager_client.get("/")  # the getting-started steps found done are remembered after this
    few, _ = _queries(manager_client)
    _fill_the_day(organisation=organisation, site=site, manager=manager, n=4, first=1)
    many, html = _queries(manager_client)
    assert "Nom4" in html
    assert many == few
