"""Lending's part of a person's data (right of access, anonymisation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from passerelle.core.readable import readable
from passerelle.equipment.models import Loan, Referral
from passerelle.people.extensions import PersonData, register_person_data


def _loans(person):
    return [
        readable(
            loan,
            ["device", "starts_on", "due_on", "returned_on", "deposit_euros", "return_notes"],
        )
        for loan in Loan.objects.filter(person=person).select_related("device")
    ] + [
        readable(referral, ["offer", "partner", "referred_on", "outcome", "outcome_on"])
        for referral in Referral.objects.filter(person=person)
    ]


def _anonymise(person):
    Loan.objects.filter(person=person).update(return_notes="")


def register() -> None:
    register_person_data(
        PersonData(
            "pret",
            _("Le matériel prêté, les orientations vers une offre solidaire"),
            _("Pour savoir qui a quel matériel et le récupérer ; pour suivre une orientation."),
            (Loan, Referral),
            _loans,
            _anonymise,
        )
    )
