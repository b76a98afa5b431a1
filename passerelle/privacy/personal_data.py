"""The privacy app's part of a person's data: a decision to keep the file longer."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from passerelle.core.readable import readable
from passerelle.people.extensions import PersonData, register_person_data
from passerelle.privacy.models import RetentionHold


def _holds(person):
    return [
        readable(h, ["decided_on", "reason", "until"])
        for h in RetentionHold.objects.filter(person=person)
    ]


def register() -> None:
    register_person_data(
        PersonData(
            "conservation",
            _("Votre fiche gardée plus longtemps"),
            _("Quand l'équipe garde votre fiche au-delà de la durée normale, et pourquoi."),
            (RetentionHold,),
            _holds,
        )
    )
