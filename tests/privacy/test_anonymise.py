"""Anonymisation keeps the statistics and removes the person; erasure and retention use it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from passerelle.core.models import Activity, AuditEntry
from passerelle.notifications.models import Message
from passerelle.people.models import Consent, Note, Person
from passerelle.people.services import person_merge
from passerelle.privacy import selectors, services
from passerelle.privacy.models import PrivacySettings, RetentionHold
from passerelle.privacy.rules import stand_in_birth_date
from passerelle.reports import selectors as reports
from passerelle.reports.forms import Scope
from tests.factories import ActivityFactory, ConsentFactory, PersonFactory

D = dt.date


def test_the_stand_in_birth_date_gives_the_same_band_on_every_visit_but_not_the_birthday():
    visits = [D(2025, 3, 1), D(2026, 9, 10)]
    stand_in = stand_in_birth_date(D(1986, 6, 20), visits)
    assert stand_in != D(1986, 6, 20)
    assert D(1985, 9, 10) < stand_in <= D(1986, 9, 10)  # turned 40 between the two visits


@pytest.fixture
def josiane(organisation, site, manager):
    person = PersonFactory(
        organisation=organisation,
        first_name="Josiane",
        last_name="Lefèvre",
        phone="+33612345678",
        birth_date=D(1956, 3, 20),
        commune="Vitry-sur-Seine",
    )
    ConsentFactory(person=person, scope="sms")
    Note.objects.create(
        person=person, author=manager, visibility="general", text="Secret", date=D(2026, 11, 30)
    )
    for day in (D(2025, 11, 5), D(2026, 3, 10), D(2026, 3, 25)):
        ActivityFactory(organisation=organisation, site=site, person=person, date=day)
    # Her file was opened long before: the note is her last contact whatever day tests run.
    Person.objects.filter(pk=person.pk).update(created_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    person.refresh_from_db()
    return person


def _dashboard(organisation, start, end):
    figures = reports.dashboard(
        Scope(
            organisation_id=organisation.pk,
            site_ids=None,
            programme="",
            staff_id=None,
            start=start,
            end=end,
        )
    )
    return (
        [(str(label), f.value, f.previous) for label, f in figures["key_figures"]],
        {key: dict(counter) for key, counter in figures["profile"].items()},
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2026, 3, 1), D(2026, 3, 31)),  # she turned 70 that month, between two visits
        (D(2026, 1, 1), D(2026, 12, 31)),
        (D(2025, 11, 1), D(2025, 11, 30)),
        (D(2025, 1, 1), D(2026, 11, 30)),
    ],
)
def test_the_dashboard_of_any_past_period_is_the_same_after_anonymisation(
    organisation, josiane, manager, start, end
):
    before = _dashboard(organisation, start, end)
    services.person_anonymise(person=josiane, by=manager, reason="test")
    assert _dashboard(organisation, start, end) == before


def test_anonymisation_removes_the_person_and_keeps_the_id(organisation, josiane, manager):
    services.person_anonymise(person=josiane, by=manager, reason="Demande de la personne")
    person = Person.objects.get(pk=josiane.pk)
    assert person.is_anonymised
    assert "Josiane" not in str(person) and person.phone == "" and person.email == ""
    assert person.birth_date != D(1956, 3, 20)
    assert not Note.objects.filter(person=person).exists()
    assert not Consent.objects.filter(person=person).exists()
    assert Activity.objects.filter(person=person).count() == 3
    entry = AuditEntry.objects.get(action="person_anonymised")
    assert (entry.person_id, entry.summary) == (person.pk, "Demande de la personne")


def test_message_texts_and_numbers_go_with_the_person(organisation, josiane, manager):
    Message.objects.create(
        organisation=organisation,
        person=josiane,
        event="appointment_booked",
        channel="sms",
        key="k",
        recipient="+33612345678",
        body="Bonjour Josiane",
        status="queued",
        send_after=dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
    )
    services.person_anonymise(person=josiane, by=manager, reason="test")
    message = Message.objects.get()
    assert (message.body, message.recipient, message.status) == ("", "", "cancelled")


def test_anonymising_twice_does_nothing_twice(josiane, manager):
    assert services.person_anonymise(person=josiane, by=manager, reason="x") is True
    assert services.person_anonymise(person=josiane, by=manager, reason="x") is False
    assert AuditEntry.objects.filter(action="person_anonymised").count() == 1


def test_an_anonymised_file_cannot_be_merged(organisation, josiane, manager):
    other = PersonFactory(organisation=organisation)
    services.person_anonymise(person=josiane, by=manager, reason="x")
    with pytest.raises(ValidationError, match="anonymisée"):
        person_merge(survivor=other, duplicate=Person.objects.get(pk=josiane.pk), by=manager)


def test_a_file_past_its_retention_period_is_anonymised_by_the_daily_task(organisation, josiane):
    Person.objects.filter(pk=josiane.pk).update(created_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    # Last contact: the note written today (30 November 2026); 24 months later it is due.
    assert services.retention_anonymise(today=D(2028, 11, 29)) == 0
    assert services.retention_anonymise(today=D(2028, 12, 1)) == 1
    assert Person.objects.get(pk=josiane.pk).is_anonymised


def test_a_file_seen_recently_is_not_due(organisation, josiane):
    assert services.retention_anonymise(today=D(2027, 1, 1)) == 0


def test_a_file_kept_for_a_reason_is_not_anonymised_and_asked_again_a_year_later(
    organisation, josiane, manager
):
    Person.objects.filter(pk=josiane.pk).update(created_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    services.retention_hold(
        person=josiane, by=manager, reason="Dossier MDPH en cours", today=D(2028, 11, 20)
    )
    assert services.retention_anonymise(today=D(2028, 12, 1)) == 0
    due_again = selectors.files_to_archive(organisation=organisation, today=D(2029, 11, 21))
    assert list(due_again) == [josiane]


def test_managers_see_the_files_to_archive_thirty_days_before(organisation, josiane):
    # Retention ends on 30 November 2028: listed from 31 October, not before.
    assert not selectors.files_to_archive(organisation=organisation, today=D(2028, 10, 30))
    listed = selectors.files_to_archive(organisation=organisation, today=D(2028, 11, 1))
    assert [(p, p.last_contact) for p in listed] == [(josiane, D(2026, 11, 30))]


def test_the_files_to_archive_page_shows_the_last_contact(manager_client, josiane):
    PrivacySettings.objects.create(organisation=josiane.organisation, retention_months=6)
    Note.objects.filter(person=josiane).update(date=D(2025, 1, 1))
    Activity.objects.filter(person=josiane).update(date=D(2025, 1, 1))
    Person.objects.filter(pk=josiane.pk).update(created_at=dt.datetime(2024, 6, 1, tzinfo=dt.UTC))
    page = manager_client.get("/donnees-personnelles/fiches-a-archiver/")
    assert "Josiane" in page.text and "1 janvier 2025" in page.text


def test_keeping_a_file_needs_a_reason_in_french(manager_client, josiane):
    manager_client.post(f"/donnees-personnelles/fiches-a-archiver/{josiane.pk}/garder/")
    assert not RetentionHold.objects.exists()


def test_erasing_a_file_asks_first_then_anonymises_it(manager_client, josiane):
    page = manager_client.get(f"/donnees-personnelles/personnes/{josiane.pk}/effacer/")
    assert "Ce qui reste, sans nom, et pourquoi" in page.text
    assert not Person.objects.get(pk=josiane.pk).is_anonymised
    response = manager_client.post(f"/donnees-personnelles/personnes/{josiane.pk}/effacer/")
    assert response.status_code == 302
    assert Person.objects.get(pk=josiane.pk).is_anonymised


def test_only_managers_erase_a_file(staff_client, josiane):
    client, _ = staff_client("social_worker")
    response = client.post(f"/donnees-personnelles/personnes/{josiane.pk}/effacer/")
    assert response.status_code == 403


def test_a_workshop_signed_up_for_ahead_keeps_the_file(organisation, site, josiane, manager):
    from django.utils import timezone as tz

    from passerelle.workshops import services as workshops
    from passerelle.workshops.models import Workshop

    workshop = Workshop.objects.create(
        organisation=organisation,
        title="Boîte mail",
        theme="email",
        level="debutant",
        duration_minutes=90,
        description="",
    )
    session = workshops.session_create(
        workshop=workshop,
        site=site,
        starts_at=tz.now() + dt.timedelta(days=800),
        capacity=8,
    )
    workshops.registration_create(session=session, person=josiane, by=manager)
    assert services.retention_anonymise(today=D(2028, 12, 1)) == 0


def test_a_blocked_procedure_still_says_it_was_blocked_once_anonymised(
    organisation, josiane, manager
):
    from passerelle.procedures import services as procedures
    from passerelle.procedures.models import AssistedProcedure, Procedure

    procedures.catalogue_install_default(organisation=organisation)
    procedures.assisted_procedure_record(
        person=josiane,
        procedure=Procedure.objects.filter(organisation=organisation).first(),
        staff=manager,
        duration_minutes=30,
        outcome="blocked",
        blocked_reason="Josiane n'a pas son avis d'imposition",
        autonomy="entierement_accompagne",
    )
    services.person_anonymise(person=josiane, by=manager, reason="x")
    record = AssistedProcedure.objects.get()
    assert "Josiane" not in record.blocked_reason and record.blocked_reason
