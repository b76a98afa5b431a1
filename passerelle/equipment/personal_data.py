"""Lending's part of a person's data (right of access, anonymisation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from passerelle.core.readable import readable
from passerelle.equipment.models import Loan
from passerelle.people.extensions import PersonData, register_person_data


def _loans(person):
    return [
        readable(
            loan,
            ["device", "starts_on", "due_on", "returned_on", "deposit_euros", "return_notes"],
        )
        for loan in Loan.objects.filter(person=person).select_related("device")
    ]


def _anonymise(person):
    Loan.objects.filter(person=person).update(return_notes="")


def register() -> None:
    register_person_data(
        PersonData(
            "pret",
            _("Le matériel prêté"),
            _("Pour savoir qui a quel matériel et le récupérer."),
            (Loan,),
            _loans,
            _anonymise,
        )
    )
