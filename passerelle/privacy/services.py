"""Writes of the privacy app."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from passerelle.core import enums as core_enums
from passerelle.core.services import audit_log
from passerelle.privacy import selectors
from passerelle.privacy.models import PrivacySettings


@transaction.atomic
def privacy_settings_save(*, options: PrivacySettings, by) -> PrivacySettings:
    options.full_clean()
    options.save()
    audit_log(
        actor=by,
        action=core_enums.AuditAction.CATALOGUE_CHANGED,
        organisation=options.organisation,
        summary=_("Réglages de la protection des données"),
    )
    return options


@transaction.atomic
def staff_inactive_deactivate(*, now) -> int:
    """Staff accounts unused for the organisation's period are deactivated (journaled);
    an organisation never loses its last active manager this way."""
    from dateutil.relativedelta import relativedelta

    from passerelle.accounts.enums import Role
    from passerelle.accounts.models import User
    from passerelle.core.models import Organisation

    deactivated = 0
    for organisation in Organisation.objects.all():
        months = selectors.settings_for(organisation).staff_inactive_months
        cutoff = now - relativedelta(months=months)
        for user in selectors.staff_unused_since(organisation=organisation, cutoff=cutoff):
            if user.role == Role.MANAGER and not (
                User.objects.filter(organisation=organisation, role=Role.MANAGER, is_active=True)
                .exclude(pk=user.pk)
                .exists()
            ):
                continue
            user.is_active = False
            user.save(update_fields=["is_active"])
            audit_log(
                actor=None,
                action=core_enums.AuditAction.STAFF_DEACTIVATED,
                organisation=organisation,
                target=user,
                summary=_("%(name)s : compte inutilisé depuis %(months)s mois")
                % {"name": user.get_full_name(), "months": months},
            )
            deactivated += 1
    return deactivated


@transaction.atomic
def staff_inactive_deactivate_task(*, now) -> str:
    """The daily task (`manage.py periodic`)."""
    count = staff_inactive_deactivate(now=now)
    return _("Comptes inutilisés désactivés : %(count)s.") % {"count": count}


@transaction.atomic
def person_anonymise(*, person, by=None, reason: str) -> bool:
    """Remove the person and keep the statistics: every app's `anonymise` runs (names,
    contact, notes, free text, message texts and numbers, consents go), the birth date
    becomes a stand-in giving the same age band at every activity, the file's id stays so
    that counts of distinct people do not change; journaled. One transaction: a failure
    half-way changes nothing. Twice does nothing twice (returns False)."""
    from passerelle.core.models import Activity
    from passerelle.people.extensions import PERSON_DATA
    from passerelle.people.models import Person
    from passerelle.privacy.rules import stand_in_birth_date

    person = Person.objects.select_for_update(of=("self",)).get(pk=person.pk)
    if person.is_anonymised:
        return False
    seen_on = list(Activity.objects.filter(person=person).values_list("date", flat=True))
    person.birth_date = stand_in_birth_date(person.birth_date, seen_on)
    for data in PERSON_DATA:
        if data.anonymise is not None:
            data.anonymise(person)
    person.retention_holds.all().delete()
    audit_log(
        actor=by,
        action=core_enums.AuditAction.PERSON_ANONYMISED,
        organisation=person.organisation,
        person_id=person.pk,
        summary=reason[:300],
    )
    return True


@transaction.atomic
def retention_hold(*, person, by, reason: str, today=None):
    """Keep a file a year past its retention period, for a stated reason (journaled)."""
    import datetime as dt

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from passerelle.privacy.models import RetentionHold

    reason = " ".join(reason.split())
    if len(reason) < 5:
        raise ValidationError({"reason": _("Dites pourquoi la fiche doit être gardée.")})
    today = today or timezone.localdate()
    hold = RetentionHold.objects.create(
        person=person,
        reason=reason[:300],
        decided_by=by,
        decided_on=today,
        until=today + dt.timedelta(days=365),
    )
    audit_log(
        actor=by,
        action=core_enums.AuditAction.PERSON_UPDATED,
        person_id=person.pk,
        target=person,
        summary=(_("Fiche gardée un an de plus : %(reason)s") % {"reason": reason})[:300],
    )
    return hold


@transaction.atomic
def retention_anonymise(*, today) -> int:
    """Files past their retention period (no hold) are anonymised, one transaction each."""
    from passerelle.core.models import Organisation

    done = 0
    for organisation in Organisation.objects.all():
        due = selectors.files_to_archive(organisation=organisation, today=today, within_days=0)
        for person in due.iterator(chunk_size=500):
            with transaction.atomic():
                done += person_anonymise(
                    person=person,
                    reason=_("Durée de conservation dépassée (dernier contact le %(day)s)")
                    % {"day": f"{person.last_contact:%d/%m/%Y}"},
                )
    return done


@transaction.atomic
def retention_anonymise_task(*, now) -> str:
    """The daily task (`manage.py periodic`)."""
    from django.utils import timezone

    count = retention_anonymise(today=timezone.localdate(now))
    return _("Fiches anonymisées (durée de conservation dépassée) : %(count)s.") % {"count": count}


@transaction.atomic
def message_texts_forget_task(*, now) -> str:
    """The daily task: each organisation's message texts and numbers past its period."""
    from passerelle.core.models import Organisation
    from passerelle.notifications import services as notifications

    count = sum(
        notifications.messages_forget_texts(
            organisation=organisation,
            months=selectors.settings_for(organisation).message_retention_months,
            now=now,
        )
        for organisation in Organisation.objects.all()
    )
    return _("Messages anciens : %(count)s textes et numéros effacés.") % {"count": count}
