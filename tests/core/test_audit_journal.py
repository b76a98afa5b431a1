import pytest

from passerelle.core import enums
from passerelle.core.models import AppendOnlyError, AuditEntry
from passerelle.core.services import audit_log
from tests.factories import PersonFactory, UserFactory


@pytest.fixture
def entry(organisation):
    actor = UserFactory(organisation=organisation)
    person = PersonFactory(organisation=organisation)
    return audit_log(
        actor=actor, action=enums.AuditAction.PERSON_VIEWED, person_id=person.pk, target=person
    )


def test_audit_log_records_who_what_and_which_person(entry):
    saved = AuditEntry.objects.get()
    assert saved.actor == entry.actor
    assert saved.action == enums.AuditAction.PERSON_VIEWED
    assert saved.person_id == entry.target.pk
    assert saved.organisation == entry.actor.organisation


def test_saving_an_existing_entry_is_refused(entry):
    entry.summary = "réécrit"
    with pytest.raises(AppendOnlyError):
        entry.save()


def test_deleting_an_entry_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_bulk_update_of_the_journal_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="réécrit")


def test_bulk_delete_of_the_journal_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.count() == 1


def test_journal_is_visible_only_within_the_organisation(entry):
    outsider = UserFactory()
    assert not AuditEntry.objects.visible_to(outsider).exists()
    assert AuditEntry.objects.visible_to(entry.actor).get() == entry
