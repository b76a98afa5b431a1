"""Lending equipment: a device's row is locked first, so one device is never lent twice,
even when two people at the desk click together (the database refuses it too)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from passerelle.core.enums import AuditAction
from passerelle.core.services import activity_record, audit_log
from passerelle.equipment import activities
from passerelle.equipment.enums import Condition, ReferralOutcome
from passerelle.equipment.models import Device, Loan, Referral

MAX_LOAN_DAYS = 366


@transaction.atomic
def loan_create(
    *,
    device: Device,
    person,
    due_on: dt.date,
    by,
    deposit_euros=0,
    deposit_received: bool = False,
) -> Loan:
    device = Device.objects.select_for_update(of=("self",)).get(pk=device.pk)
    today = timezone.localdate()
    if person.organisation_id != device.organisation_id:
        raise ValidationError(_("Cette personne n'est pas suivie par la structure."))
    if not device.is_active or device.condition == Condition.BROKEN:
        raise ValidationError(_("Ce matériel n'est pas prêtable."))
    if Loan.objects.open().filter(device=device).exists():
        raise ValidationError(_("Ce matériel est déjà prêté : choisissez-en un autre."))
    if due_on < today:
        raise ValidationError({"due_on": _("La date de retour est passée.")})
    if (due_on - today).days > MAX_LOAN_DAYS:
        raise ValidationError({"due_on": _("Un prêt dure un an au plus.")})
    loan = Loan(
        device=device,
        person=person,
        starts_on=today,
        due_on=due_on,
        deposit_euros=deposit_euros or 0,
        deposit_received=deposit_received,
        condition_out=device.condition,
        accessories_out=device.accessories,
        lent_by=by,
    )
    try:
        with transaction.atomic():
            loan.save()
    except IntegrityError as error:
        raise ValidationError(_("Ce matériel vient d'être prêté.")) from error
    activity_record(activity=activities.loan_started(loan=loan, by=by))
    audit_log(
        actor=by,
        action=AuditAction.PERSON_UPDATED,
        person_id=person.pk,
        target=loan,
        summary=f"prêt de matériel : {device}",
    )
    return loan


@transaction.atomic
def loan_return(*, loan: Loan, condition: str, notes: str, by) -> Loan:
    loan = Loan.objects.select_for_update(of=("self",)).select_related("device").get(pk=loan.pk)
    if loan.returned_on is not None:
        return loan
    if condition not in Condition.values:
        raise ValidationError({"condition_back": _("Dites dans quel état il revient.")})
    loan.returned_on = timezone.localdate()
    loan.condition_back = condition
    loan.return_notes = notes.strip()[:300]
    loan.returned_to = by
    loan.save(
        update_fields=["returned_on", "condition_back", "return_notes", "returned_to", "updated_at"]
    )
    device = loan.device
    device.condition = condition
    device.save(update_fields=["condition", "updated_at"])
    audit_log(
        actor=by,
        action=AuditAction.PERSON_UPDATED,
        person_id=loan.person_id,
        target=loan,
        summary=f"retour de matériel : {device}",
    )
    return loan


@transaction.atomic
def referral_create(*, person, offer: str, partner: str, by) -> Referral:
    """Send a person on to a solidarity offer; counted as an individual support with its
    referral, in the same transaction."""
    partner = partner.strip()
    if not partner:
        raise ValidationError({"partner": _("Dites vers quelle structure ou quelle offre.")})
    referral = Referral.objects.create(
        organisation_id=person.organisation_id,
        person=person,
        offer=offer,
        partner=partner[:120],
        referred_on=timezone.localdate(),
        recorded_by=by,
    )
    activity_record(activity=activities.referral_made(referral=referral, by=by))
    return referral


@transaction.atomic
def referral_outcome(*, referral: Referral, outcome: str, by) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    referral.outcome = outcome
    referral.outcome_on = None if outcome == ReferralOutcome.PENDING else timezone.localdate()
    referral.save(update_fields=["outcome", "outcome_on", "updated_at"])
    return referral
