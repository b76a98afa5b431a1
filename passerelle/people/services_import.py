"""Writes of a people spreadsheet import (people/imports.py reads and checks): keep the file
until the manager confirms, run the import as a background task, all or nothing, and undo it
within 30 days when nobody has touched the files it created."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from passerelle.core import enums as core_enums
from passerelle.core.activities import build
from passerelle.core.events import emit
from passerelle.core.models import Activity, AuditEntry
from passerelle.core.services import audit_log
from passerelle.people import history, imports, selectors
from passerelle.people.enums import ImportDecision, ImportKind, ImportStatus
from passerelle.people.models import PeopleImport, Person, ProgrammeMembership

UNDO_DAYS = 30
KEPT_ERRORS = 500
BATCH = 1000
# What "attach" may fill on an existing file, when it is empty there.
FILLABLE = ["birth_date", "phone", "email", "commune", "postcode", "insee_code", "referent_id"]


def _summary(scan: imports.Scan) -> dict:
    """Read the whole file once: the counts, and the first problems, warnings and possible
    duplicates (what the page shows); the rows themselves are not kept."""
    rows = error_rows = duplicate_count = 0
    errors, warnings, duplicates = [], [], []
    for row in scan.rows:
        rows += 1
        error_rows += bool(row.errors)
        for header, message in row.errors.items():
            if len(errors) < KEPT_ERRORS:
                errors.append([row.number, header, message])
        for header, message in row.warnings.items():
            if len(warnings) < KEPT_ERRORS:
                warnings.append([row.number, header, message])
        if not row.errors and (row.duplicate_of or row.same_as_row):
            duplicate_count += 1
            if len(duplicates) < KEPT_ERRORS:
                duplicates.append(
                    [
                        row.number,
                        f"{row.values['first_name']} {row.values['last_name']}",
                        row.values.get("birth_date") or "",
                        row.duplicate_of,
                        row.same_as_row,
                    ]
                )
    return {
        "rows": rows,
        "error_rows": error_rows,
        "errors": errors,
        "warnings": warnings,
        "duplicates": duplicates,
        "duplicate_count": duplicate_count,
        "headers": scan.headers,
        "header_row": scan.header_row,
        "unused": scan.unused,
    }


def _scanner(kind: str):
    return history.scan if kind == ImportKind.HISTORY else imports.scan


def _file(batch: PeopleImport):
    return SimpleUploadedFile(batch.filename, bytes(batch.content))


@transaction.atomic
def people_import_check(*, uploaded, by, kind: str = ImportKind.PEOPLE) -> PeopleImport:
    """Check a spreadsheet (people, or a history of activities) and keep it until the manager
    confirms; raises spreadsheets.Refused (nothing kept) when it is not a table."""
    scan = _scanner(kind)(uploaded, organisation=by.organisation)
    summary = _summary(scan)
    uploaded.seek(0)
    batch = PeopleImport(
        organisation=by.organisation,
        created_by=by,
        kind=kind,
        filename=uploaded.name[:200],
        content=uploaded.read(),
        mapping=scan.mapping,
        summary=summary,
    )
    batch.full_clean()
    batch.save()
    return batch


@transaction.atomic
def people_import_remap(*, batch: PeopleImport, mapping: list[str]) -> PeopleImport:
    """Another column mapping: the file is checked again with it."""
    if batch.status != ImportStatus.CHECKED:
        raise ValidationError(_("Cet import n'est plus modifiable."))
    scan = _scanner(batch.kind)(_file(batch), organisation=batch.organisation, mapping=mapping)
    batch.mapping, batch.summary, batch.decisions = scan.mapping, _summary(scan), {}
    batch.save(update_fields=["mapping", "summary", "decisions", "updated_at"])
    return batch


@transaction.atomic
def people_import_start(*, batch: PeopleImport, decisions: dict, by) -> PeopleImport:
    """The manager confirms: the import is queued for the worker."""
    from passerelle.people.tasks import run_people_import

    if batch.status != ImportStatus.CHECKED:
        raise ValidationError(_("Cet import est déjà lancé."))
    if not batch.summary.get("rows") or batch.summary["rows"] == batch.summary["error_rows"]:
        raise ValidationError(_("Aucune ligne à importer : corrigez le fichier."))
    batch.decisions = {str(k): v for k, v in decisions.items() if v in ImportDecision.values}
    batch.status, batch.progress, batch.step = ImportStatus.QUEUED, 0, _("En attente")
    batch.save(update_fields=["decisions", "status", "progress", "step", "updated_at"])
    run_people_import.enqueue(batch.pk)  # a row of the same transaction: seen once committed
    return batch


@transaction.atomic
def people_import_drop(*, batch: PeopleImport) -> None:
    """The manager gives up before importing: the file is forgotten."""
    if batch.status == ImportStatus.CHECKED:
        batch.status, batch.content = ImportStatus.DROPPED, None
        batch.save(update_fields=["status", "content", "updated_at"])


def _step(batch: PeopleImport, progress: int, step: str) -> None:
    PeopleImport.objects.filter(pk=batch.pk).update(
        progress=progress, step=step, updated_at=timezone.now()
    )


def people_import_run(*, batch_id: int) -> str:
    """The worker's part: check the file again (progress shown), then write everything in
    one transaction; on any error nothing is written and the import says so."""
    batch = PeopleImport.objects.select_related("created_by", "organisation").get(pk=batch_id)
    if batch.status != ImportStatus.QUEUED:
        return batch.status
    PeopleImport.objects.filter(pk=batch.pk).update(status=ImportStatus.RUNNING)
    try:
        total = batch.summary.get("rows") or 1

        def progress(done: int) -> None:
            _step(batch, min(50, 50 * done // total), _("Vérification du fichier"))

        # A first reading with its progress shown, outside any transaction; then the writing,
        # all in one transaction (the file may have been checked days ago: people changed).
        scanner = _scanner(batch.kind)
        for _row in scanner(
            _file(batch), organisation=batch.organisation, mapping=batch.mapping, progress=progress
        ).rows:
            pass
        _step(batch, 50, _("Écriture"))
        scan = scanner(_file(batch), organisation=batch.organisation, mapping=batch.mapping)
        if batch.kind == ImportKind.HISTORY:
            created, attached = _write_history(batch, scan), 0
        else:
            created, attached = _write(batch, scan)
    except Exception as error:  # whatever it is, nothing was written: say so
        PeopleImport.objects.filter(pk=batch.pk).update(
            status=ImportStatus.FAILED,
            error=str(error)[:300],
            step=_("Échec"),
            updated_at=timezone.now(),
        )
        raise
    return f"{created} créées, {attached} complétées"


@transaction.atomic
def _write(batch: PeopleImport, scan: imports.Scan) -> tuple[int, int]:
    by, organisation = batch.created_by, batch.organisation
    decisions = batch.decisions
    attached: dict[str, dict] = {}
    skipped = 0
    created_ids: list[int] = []
    pending: list[tuple[imports.Row, Person]] = []
    person_type = ContentType.objects.get_for_model(Person)
    today = timezone.localdate()
    journal = _("Import du fichier %(name)s") % {"name": batch.filename}

    def flush() -> None:
        people = Person.objects.bulk_create([person for _row, person in pending])
        ProgrammeMembership.objects.bulk_create(
            ProgrammeMembership(person=person, programme=row.values["programme"], start_date=today)
            for (row, _p), person in zip(pending, people, strict=True)
            if row.values.get("programme")
        )
        AuditEntry.objects.bulk_create(
            AuditEntry(
                organisation=organisation,
                actor=by,
                action=core_enums.AuditAction.PERSON_CREATED,
                person_id=person.pk,
                target_type=person_type,
                target_id=person.pk,
                summary=journal,
            )
            for person in people
        )
        created_ids.extend(person.pk for person in people)
        pending.clear()

    for row in scan.rows:
        if row.errors:
            continue
        decision = decisions.get(str(row.number))
        if row.duplicate_of or row.same_as_row:
            decision = decision or ImportDecision.SKIP
        else:
            decision = ImportDecision.CREATE
        if decision == ImportDecision.SKIP:
            skipped += 1
        elif decision == ImportDecision.ATTACH and row.duplicate_of:
            attached[str(row.duplicate_of)] = _attach(row, row.duplicate_of, organisation)
        else:
            pending.append((row, _person(row, organisation)))
            if len(pending) == BATCH:
                flush()
    if pending:
        flush()
    audit_log(
        actor=by,
        action=core_enums.AuditAction.PEOPLE_IMPORTED,
        target=batch,
        summary=_("%(file)s : %(created)s fiches créées, %(attached)s complétées")
        % {"file": batch.filename, "created": len(created_ids), "attached": len(attached)},
    )
    summary = {
        **batch.summary,
        "created": len(created_ids),
        "attached": len(attached),
        "skipped": skipped,
    }
    PeopleImport.objects.filter(pk=batch.pk).update(
        status=ImportStatus.DONE,
        progress=100,
        step=_("Terminé"),
        summary=summary,
        created_ids=created_ids,
        attached=attached,
        content=None,
        imported_at=timezone.now(),
        updated_at=timezone.now(),
    )
    return len(created_ids), len(attached)


@transaction.atomic
def _write_history(batch: PeopleImport, scan: imports.Scan) -> int:
    """The past activities, in one go; the statistics recompute the days they fall on."""
    organisation = batch.organisation
    pending: list[Activity] = []
    created_ids: list[int] = []
    dates: set[dt.date] = set()

    def flush() -> None:
        created_ids.extend(a.pk for a in Activity.objects.bulk_create(pending))
        pending.clear()

    for row in scan.rows:
        if row.errors:
            continue
        values = dict(row.values)
        person_id = values.pop("person_id", None)
        day = dt.date.fromisoformat(values.pop("date"))
        dates.add(day)
        pending.append(
            build(
                organisation_id=organisation.pk,
                date=day,
                person_id=person_id,
                anonymous_count=0 if person_id else 1,
                label=_("Historique importé"),
                **values,
            )
        )
        if len(pending) == BATCH:
            flush()
    if pending:
        flush()
    emit(
        "activities.bulk_written",
        organisation_id=organisation.pk,
        dates=sorted(dates),
    )
    audit_log(
        actor=batch.created_by,
        action=core_enums.AuditAction.PEOPLE_IMPORTED,
        target=batch,
        summary=_("%(file)s : %(count)s activités passées importées")
        % {"file": batch.filename, "count": len(created_ids)},
    )
    PeopleImport.objects.filter(pk=batch.pk).update(
        status=ImportStatus.DONE,
        progress=100,
        step=_("Terminé"),
        summary={**batch.summary, "created": len(created_ids), "attached": 0, "skipped": 0},
        created_ids=created_ids,
        content=None,
        imported_at=timezone.now(),
        updated_at=timezone.now(),
    )
    return len(created_ids)


def _person(row: imports.Row, organisation) -> Person:
    values = {k: v for k, v in row.values.items() if k != "programme"}
    if values.get("birth_date"):
        values["birth_date"] = dt.date.fromisoformat(values["birth_date"])
    person = Person(organisation=organisation, **values)
    person.refresh_derived_fields()
    return person


def _attach(row: imports.Row, person_id: int, organisation) -> dict:
    """Fill the existing file's empty fields; returns what was written (for the undo)."""
    person = Person.objects.select_for_update().get(organisation=organisation, pk=person_id)
    written = {}
    for name in FILLABLE:
        value = row.values.get(name)
        if value and not getattr(person, name):
            setattr(person, name, dt.date.fromisoformat(value) if name == "birth_date" else value)
            written[name] = value
    if written:
        person.save()
    return written


@transaction.atomic
def people_import_undo(*, batch: PeopleImport, by, request=None) -> int:
    """Remove what the import created and what it filled in, within 30 days, when nothing was
    added to those files since. Returns how many files were removed."""
    batch = PeopleImport.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportStatus.DONE:
        raise ValidationError(_("Seul un import terminé peut être annulé."))
    if timezone.now() - batch.imported_at > dt.timedelta(days=UNDO_DAYS):
        raise ValidationError(
            _("Un import s'annule dans les %(days)s jours.") % {"days": UNDO_DAYS}
        )
    if batch.kind == ImportKind.HISTORY:
        return _undo_history(batch, by=by, request=request)
    touched = selectors.import_undo_blockers(batch)
    if touched:
        raise ValidationError(
            ngettext(
                "%(count)s fiche créée par l'import a été complétée depuis : l'import ne peut "
                "plus être annulé en entier.",
                "%(count)s fiches créées par l'import ont été complétées depuis : l'import ne "
                "peut plus être annulé en entier.",
                len(touched),
            )
            % {"count": len(touched)}
        )
    ids = batch.created_ids
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        ProgrammeMembership.objects.filter(person_id__in=chunk).delete()
        Person.objects.filter(pk__in=chunk, organisation=batch.organisation).delete()
    for person_id, written in batch.attached.items():
        person = Person.objects.filter(organisation=batch.organisation, pk=person_id).first()
        if person is None:
            continue
        for name, value in written.items():
            current = getattr(person, name)
            current = current.isoformat() if isinstance(current, dt.date) else current
            if str(current) == str(value):
                setattr(person, name, None if name in ("birth_date", "referent_id") else "")
        person.save()
    audit_log(
        actor=by,
        action=core_enums.AuditAction.PEOPLE_IMPORT_UNDONE,
        target=batch,
        summary=_("%(file)s : %(count)s fiches retirées")
        % {"file": batch.filename, "count": len(ids)},
        request=request,
    )
    batch.status = ImportStatus.UNDONE
    batch.save(update_fields=["status", "updated_at"])
    return len(ids)


def _undo_history(batch: PeopleImport, *, by, request=None) -> int:
    """Called inside people_import_undo's transaction: the activities go (each deletion marks
    its day for the statistics)."""
    removed = 0
    for start in range(0, len(batch.created_ids), BATCH):
        chunk = batch.created_ids[start : start + BATCH]
        removed += (
            Activity.objects.filter(organisation=batch.organisation, pk__in=chunk)
            .delete()[1]
            .get(Activity._meta.label, 0)
        )
    audit_log(
        actor=by,
        action=core_enums.AuditAction.PEOPLE_IMPORT_UNDONE,
        target=batch,
        summary=_("%(file)s : %(count)s activités retirées")
        % {"file": batch.filename, "count": removed},
        request=request,
    )
    batch.status = ImportStatus.UNDONE
    batch.save(update_fields=["status", "updated_at"])
    return removed


UNCONFIRMED_DAYS = 7


@transaction.atomic
def unconfirmed_imports_drop_task(*, now) -> str:
    """The daily task: a file checked but never imported is forgotten after a week (it holds
    people's data and nobody decided to keep it); past the 30 days of the undo, what the
    undo needed (the values written into existing files) is forgotten too."""
    stale = PeopleImport.objects.filter(
        status=ImportStatus.CHECKED, created_at__lt=now - dt.timedelta(days=UNCONFIRMED_DAYS)
    )
    count = stale.update(status=ImportStatus.DROPPED, content=None, updated_at=now)
    PeopleImport.objects.filter(
        status=ImportStatus.DONE, imported_at__lt=now - dt.timedelta(days=UNDO_DAYS)
    ).exclude(attached={}).update(attached={}, updated_at=now)
    return _("Imports jamais confirmés : %(count)s fichiers oubliés.") % {"count": count}
