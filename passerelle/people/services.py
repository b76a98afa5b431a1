"""Writes on people's files: identity, consent, notes, merge. Diagnostic and pathway writes
are in services_pathway.py."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from passerelle.core import enums as core_enums
from passerelle.core.services import audit_log
from passerelle.people.enums import ConsentScope, NoteVisibility
from passerelle.people.extensions import MERGE_HOOKS
from passerelle.people.models import Consent, Note, Person, ProgrammeMembership
from passerelle.people.search import name_key

# Fields a merge copies from the duplicate when the survivor's are empty.
MERGE_FILLABLE = [
    "birth_date",
    "phone",
    "email",
    "commune",
    "postcode",
    "insee_code",
    "referent",
    "home_site",
    "has_smartphone",
    "has_computer",
    "has_internet",
]
MERGE_UNKNOWN_DEFAULTS = [
    "gender",
    "french_level",
    "employment_status",
    "education_level",
    "income_situation",
    "household",
]


@transaction.atomic
def person_create(
    *,
    organisation,
    by=None,
    programmes=(),
    consents=(),
    notice_given: bool = False,
    request=None,
    **fields,
) -> Person:
    """Register a person. `programmes`: (programme, start_date) pairs; `consents`: scopes;
    `notice_given`: the information notice was given (recorded with the date and `by`)."""
    person = Person(organisation=organisation, **fields)
    if notice_given and by is not None:
        person.notice_given_on, person.notice_given_by = timezone.localdate(), by
    person.full_clean()
    person.save()
    ProgrammeMembership.objects.bulk_create(
        ProgrammeMembership(person=person, programme=programme, start_date=start)
        for programme, start in programmes
    )
    if by is not None:
        for scope in consents:
            consent_give(person=person, scope=scope, by=by)
        audit_log(
            actor=by,
            action=core_enums.AuditAction.PERSON_CREATED,
            person_id=person.pk,
            target=person,
            request=request,
        )
    return person


@transaction.atomic
def person_update(*, person: Person, by, request=None, **fields) -> Person:
    for name, value in fields.items():
        setattr(person, name, value)
    person.full_clean()
    person.save()
    audit_log(
        actor=by,
        action=core_enums.AuditAction.PERSON_UPDATED,
        person_id=person.pk,
        target=person,
        summary=", ".join(sorted(fields))[:300],
        request=request,
    )
    return person


@transaction.atomic
def person_access_archive(*, person: Person, by, request=None) -> bytes:
    """The person's right of access: the archive of everything kept, journaled."""
    from passerelle.people import access  # loads WeasyPrint only when needed

    audit_log(
        actor=by,
        action=core_enums.AuditAction.EXPORT,
        person_id=person.pk,
        target=person,
        summary=_("Toutes ses données (droit d'accès)"),
        request=request,
    )
    return access.archive(person, organisation=person.organisation)


@transaction.atomic
def notice_given(*, person: Person, by, request=None) -> Person:
    """The information notice was given (again) to the person: dated, journaled."""
    person.notice_given_on, person.notice_given_by = timezone.localdate(), by
    person.save(update_fields=["notice_given_on", "notice_given_by", "updated_at"])
    audit_log(
        actor=by,
        action=core_enums.AuditAction.PERSON_UPDATED,
        person_id=person.pk,
        target=person,
        summary=_("Notice d'information remise"),
        request=request,
    )
    return person


@transaction.atomic
def person_viewed(*, person: Person, by, request=None) -> None:
    """Every opening of a file is journaled (who, when, which person)."""
    audit_log(
        actor=by,
        action=core_enums.AuditAction.PERSON_VIEWED,
        person_id=person.pk,
        target=person,
        request=request,
    )


@transaction.atomic
def programme_add(
    *, person: Person, programme: str, start_date: dt.date, end_date: dt.date | None = None
) -> ProgrammeMembership:
    membership = ProgrammeMembership(
        person=person, programme=programme, start_date=start_date, end_date=end_date
    )
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def programme_end(*, membership: ProgrammeMembership, end_date: dt.date) -> ProgrammeMembership:
    membership.end_date = end_date
    membership.full_clean()
    membership.save(update_fields=["end_date", "updated_at"])
    return membership


@transaction.atomic
def consent_give(*, person: Person, scope: str, by, given_on: dt.date | None = None) -> Consent:
    existing = person.consents.active().filter(scope=scope).first()
    if existing is not None:
        return existing
    return Consent.objects.create(
        person=person, scope=scope, recorded_by=by, given_on=given_on or timezone.localdate()
    )


@transaction.atomic
def consent_withdraw(*, person: Person, scope: str, by) -> int:
    """Withdraw every active consent of this scope at once: SMS stop from now on."""
    return (
        person.consents.active()
        .filter(scope=scope)
        .update(withdrawn_at=timezone.now(), withdrawn_by=by, updated_at=timezone.now())
    )


@transaction.atomic
def note_create(*, person: Person, author, visibility: str, text: str, date=None) -> Note:
    note = Note(
        person=person,
        author=author,
        visibility=visibility,
        text=text,
        date=date or timezone.localdate(),
    )
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def person_merge(*, survivor: Person, duplicate: Person, by, request=None) -> Person:
    """Fold `duplicate` into `survivor`: every row pointing to either now points to the
    survivor, blanks are filled from the duplicate, then the duplicate is removed.

    Relations are found from the model graph, so apps added later are merged too.
    """
    if survivor.pk == duplicate.pk or survivor.organisation_id != duplicate.organisation_id:
        raise ValueError("A person can only be merged with another file of the same organisation.")
    survivor = Person.objects.select_for_update(of=("self",)).get(pk=survivor.pk)
    duplicate = Person.objects.select_for_update(of=("self",)).get(pk=duplicate.pk)
    if survivor.is_anonymised or duplicate.is_anonymised:
        raise ValidationError(_("Une fiche anonymisée ne peut pas être fusionnée."))
    for name in MERGE_FILLABLE:
        if getattr(survivor, name) in (None, "") and getattr(duplicate, name) not in (None, ""):
            setattr(survivor, name, getattr(duplicate, name))
    for name in MERGE_UNKNOWN_DEFAULTS:
        if getattr(survivor, name) == "unknown" and getattr(duplicate, name) != "unknown":
            setattr(survivor, name, getattr(duplicate, name))
    # An objection made on either file stands.
    survivor.refuses_named_lists = survivor.refuses_named_lists or duplicate.refuses_named_lists
    # Rows that would break another app's rule once moved (e.g. both files registered on the
    # same workshop session) are settled by that app first.
    settled = sum(h.settle(survivor=survivor, duplicate=duplicate) for h in MERGE_HOOKS)
    moved = 0
    for relation in Person._meta.related_objects:
        if not isinstance(relation, models.ManyToOneRel) or relation.many_to_many:
            continue
        field = relation.field.name
        moved += relation.related_model._base_manager.filter(**{field: duplicate}).update(
            **{field: survivor}
        )
    old_pk = duplicate.pk
    duplicate.delete()
    survivor.save()
    summary = f"Fiche n° {old_pk} fusionnée dans la fiche n° {survivor.pk} ({moved} éléments"
    summary += f", {settled} doublons réglés)" if settled else ")"
    for person_id in (survivor.pk, old_pk):
        audit_log(
            actor=by,
            action=core_enums.AuditAction.PERSON_MERGED,
            person_id=person_id,
            target=survivor,
            summary=summary,
            request=request,
        )
    return survivor


@transaction.atomic
def beneficiaries_import(*, lines, organisation, by, home_site=None, request=None) -> int:
    """Create the people of a beneficiaries file (people.coop_beneficiaries), all or none;
    their notes become general notes. Returns how many files were opened."""
    created = 0
    for line in lines:
        if not line.importable:
            continue
        person = person_create(
            organisation=organisation,
            by=by,
            request=request,
            home_site=home_site,
            **line.person_fields(),
        )
        if line.notes:
            note_create(
                person=person, author=by, visibility=NoteVisibility.GENERAL, text=line.notes
            )
        created += 1
    return created


@transaction.atomic
def person_for_online_booking(
    *, organisation, first_name: str, last_name: str, phone: str, site=None
) -> Person:
    """The file an online booking goes to: the one file of this structure with this mobile
    and these names (in any order, accents aside); otherwise a new file marked "créée en
    ligne, à vérifier" for reception. The person said yes to SMS about it: recorded."""
    wanted = name_key(first_name, last_name)
    matches = [
        p
        for p in Person.objects.filter(organisation=organisation, phone=phone, is_anonymised=False)
        if p.name_key == wanted
    ]
    if len(matches) == 1:
        person = matches[0]
    else:
        person = person_create(
            organisation=organisation,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            phone=phone,
            home_site=site,
            created_online=True,
        )
        audit_log(
            actor=None,
            action=core_enums.AuditAction.PERSON_CREATED,
            organisation=organisation,
            person_id=person.pk,
            target=person,
            summary="créée par la page de réservation en ligne, à vérifier",
        )
    consent_give(person=person, scope=ConsentScope.SMS, by=None)
    return person


@transaction.atomic
def person_checked(*, person: Person, by) -> Person:
    """Reception has checked a file made online (not a duplicate, or merged already)."""
    person.created_online = False
    person.save(update_fields=["created_online", "updated_at"])
    audit_log(
        actor=by,
        action=core_enums.AuditAction.PERSON_UPDATED,
        person_id=person.pk,
        target=person,
        summary="fiche créée en ligne vérifiée",
    )
    return person
