"""Writes shared by every app: the audit journal and the Activity record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from passerelle.core import enums
from passerelle.core.models import Activity, AuditEntry, Organisation, Site


@transaction.atomic
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
    ip_address = request.META.get("REMOTE_ADDR") if request is not None else None
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
def activity_record(
    *,
    organisation: Organisation,
    kind: enums.ActivityKind,
    date: dt.date,
    duration_minutes: int,
    theme: enums.Theme,
    site: Site | None = None,
    staff=None,
    person=None,
    anonymous_count: int = 0,
    other_themes: Iterable[str] = (),
    admin_procedure_theme: str = "",
    label: str = "",
    autonomy: str = "",
    level: str = "",
    place_type: str = enums.PlaceType.ON_SITE,
    equipment: Iterable[str] = (),
    referral_to: str = "",
    source: models.Model | None = None,
) -> Activity:
    """Write the Activity of something that happened. Called by the service that made it."""
    activity = Activity(
        organisation=organisation,
        site=site,
        kind=kind,
        date=date,
        duration_minutes=duration_minutes,
        staff=staff,
        person=person,
        anonymous_count=anonymous_count,
        theme=theme,
        other_themes=sorted(set(other_themes) - {theme}),
        admin_procedure_theme=admin_procedure_theme,
        label=label[:200],
        autonomy=autonomy,
        level=level,
        place_type=place_type,
        equipment=sorted(set(equipment)),
        referral_to=referral_to,
        source_type=ContentType.objects.get_for_model(source) if source is not None else None,
        source_id=source.pk if source is not None else None,
    )
    activity.full_clean(validate_unique=False)
    activity.save()
    return activity
