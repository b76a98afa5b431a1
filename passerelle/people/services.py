"""Writes on people's files."""

from __future__ import annotations

from django.db import transaction

from passerelle.core import enums as core_enums
from passerelle.core.services import audit_log
from passerelle.people.models import Person, ProgrammeMembership


@transaction.atomic
def person_create(*, organisation, by=None, programmes=(), request=None, **fields) -> Person:
    """Register a person. `programmes` is a list of (programme, start_date) pairs."""
    person = Person(organisation=organisation, **fields)
    person.full_clean()
    person.save()
    ProgrammeMembership.objects.bulk_create(
        ProgrammeMembership(person=person, programme=programme, start_date=start)
        for programme, start in programmes
    )
    if by is not None:
        audit_log(
            actor=by,
            action=core_enums.AuditAction.PERSON_CREATED,
            person_id=person.pk,
            target=person,
            request=request,
        )
    return person
