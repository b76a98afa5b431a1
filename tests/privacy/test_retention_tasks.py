"""What the daily task forgets by itself: old message texts and numbers, unused staff
accounts (managers warned two weeks before)."""

import datetime as dt

from django.utils import timezone

from passerelle.accounts.models import User
from passerelle.core.models import AuditEntry
from passerelle.notifications.models import Message
from passerelle.privacy import services
from passerelle.privacy.models import PrivacySettings
from tests.factories import PersonFactory, UserFactory

NOW = dt.datetime(2026, 11, 30, 6, 0, tzinfo=dt.UTC)


def _message(person, *, created_at, key):
    return Message.objects.create(
        organisation=person.organisation,
        person=person,
        event="appointment_booked",
        channel="sms",
        key=key,
        recipient="+33612345678",
        body="Rendez-vous le mardi 3 mars à 14h30",
        status="delivered",
        send_after=created_at,
        created_at=created_at,
    )


def test_message_texts_and_numbers_are_forgotten_after_the_period(organisation):
    person = PersonFactory(organisation=organisation)
    old = _message(person, created_at=NOW - dt.timedelta(days=400), key="old")
    recent = _message(person, created_at=NOW - dt.timedelta(days=30), key="recent")
    assert services.message_texts_forget_task(now=NOW).startswith("Messages anciens : 1 ")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.body, old.recipient, old.status) == ("", "", "delivered")
    assert recent.body.startswith("Rendez-vous")


def test_the_message_period_is_the_organisations(organisation):
    PrivacySettings.objects.create(organisation=organisation, message_retention_months=1)
    person = PersonFactory(organisation=organisation)
    _message(person, created_at=NOW - dt.timedelta(days=45), key="six-weeks")
    assert services.message_texts_forget_task(now=NOW).startswith("Messages anciens : 1 ")


def test_an_account_unused_for_six_months_is_deactivated_and_journaled(organisation, manager):
    manager.last_login = NOW - dt.timedelta(days=3)
    manager.save()
    idle = UserFactory(organisation=organisation, role="volunteer")
    User.objects.filter(pk=idle.pk).update(last_login=NOW - dt.timedelta(days=200))
    assert services.staff_inactive_deactivate(now=NOW) == 1
    idle.refresh_from_db()
    assert not idle.is_active
    assert AuditEntry.objects.filter(action="staff_deactivated").exists()


def test_the_last_active_manager_is_never_deactivated(organisation, manager):
    User.objects.filter(pk=manager.pk).update(last_login=NOW - dt.timedelta(days=400))
    assert services.staff_inactive_deactivate(now=NOW) == 0
    manager.refresh_from_db()
    assert manager.is_active


def test_managers_are_warned_of_accounts_about_to_be_deactivated(manager_client, organisation):
    idle = UserFactory(organisation=organisation, role="volunteer", first_name="Lou")
    User.objects.filter(pk=idle.pk).update(
        last_login=timezone.now() - dt.timedelta(days=175),
        date_joined=timezone.now() - dt.timedelta(days=400),
    )
    page = manager_client.get("/")
    assert "Comptes bientôt désactivés" in page.text
    assert "Lou" in page.text
