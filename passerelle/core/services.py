"""Writes shared by every app: the audit journal and the Activity record."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from passerelle.core import enums
from passerelle.core.models import Activity, AuditEntry, Organisation
from passerelle.core.network import client_ip


# No savepoint: the journal line is written inside its caller's transaction (or alone).
@transaction.atomic(savepoint=False)
def audit_log(
    *,
    actor,
    action: enums.AuditAction,
    organisation: Organisation | None = None,
    person_id: int | None = None,
    target: models.Model | None = None,
    summary: str = "",
    request=None,
) -> AuditEntry:
    """Append one line to the journal. Call it inside the transaction of the change."""
    if organisation is None and actor is not None:
        organisation = actor.organisation
    ip_address = client_ip(request) if request is not None else None
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        organisation=organisation,
        person_id=person_id,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
        summary=summary[:300],
        ip_address=ip_address,
    )


@transaction.atomic
def catalogue_entry_save(*, entry: models.Model, by, many: dict | None = None) -> models.Model:
    """Save an entry of a catalogue a manager keeps (a workshop, a reason, a station…),
    its many-to-many choices (`many`: field name → objects) and a line of the journal."""
    created = entry.pk is None
    entry.full_clean()
    entry.save()
    for name, objects in (many or {}).items():
        getattr(entry, name).set(objects)
    audit_log(
        actor=by,
        action=enums.AuditAction.CATALOGUE_CHANGED,
        target=entry,
        summary=f"{entry._meta.verbose_name} {'ajouté(e)' if created else 'modifié(e)'} : {entry}",
    )
    return entry


@transaction.atomic
def activity_record(*, activity: Activity) -> Activity:
    """Write the Activity of something that happened (built by the app's `activities`
    module). Called by the service that made it, in its transaction."""
    activity.full_clean(validate_unique=False)
    activity.save()
    return activity
