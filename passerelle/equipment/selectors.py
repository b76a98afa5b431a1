"""Reads on lending: what can be lent, what is out, what is late, a person's loans, and the
figures of the statistics (people equipped, for how long)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from passerelle.equipment.enums import ReferralOutcome
from passerelle.equipment.models import Device, Loan, Referral
from passerelle.people.models import Person


def loans_for_desk(*, user, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    out = list(
        Loan.objects.visible_to(user)
        .open()
        .select_related("device", "person")
        .order_by("due_on", "pk")
    )
    return {
        "late": [loan for loan in out if loan.due_on < today],
        "out": [loan for loan in out if loan.due_on >= today],
        "today": today,
    }


def lendable_devices(*, user):
    """Devices that can go out now (active, not broken, not lent)."""
    return (
        Device.objects.visible_to(user)
        .filter(is_active=True)
        .exclude(condition="broken")
        .exclude(pk__in=Loan.objects.open().values("device_id"))
        .select_related("site")
        .order_by("kind", "label")
    )


def person_loans(*, person):
    return list(Loan.objects.filter(person=person).select_related("device").order_by("-starts_on"))


def due_soon(*, on: dt.date):
    """Open loans due on a day, for the reminders."""
    return Loan.objects.open().filter(due_on=on).select_related("device", "person")


def report_figures(*, organisation_id: int, site_ids, start, end, staff_id=None) -> dict:
    loans = Loan.objects.filter(
        device__organisation_id=organisation_id, starts_on__gte=start, starts_on__lte=end
    )
    if site_ids is not None:
        loans = loans.filter(device__site_id__in=site_ids)
    if staff_id:
        loans = loans.filter(lent_by_id=staff_id)
    counted = loans.aggregate(loans=Count("id"), people=Count("person", distinct=True))
    days = [loan.days for loan in loans.only("starts_on", "due_on", "returned_on")]
    return {
        "loans": counted["loans"],
        "people": counted["people"],
        "average_days": round(sum(days) / len(days)) if days else None,
    }


def person_referrals(*, person):
    return list(Referral.objects.filter(person=person))


def referrals_pending(*, user):
    """Referrals still waiting for an answer, oldest first: to call the person back."""
    return list(
        Referral.objects.filter(
            organisation_id=user.organisation_id,
            outcome=ReferralOutcome.PENDING,
            person__in=Person.objects.visible_to(user),
        )
        .select_related("person")
        .order_by("referred_on", "pk")[:50]
    )
