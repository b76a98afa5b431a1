"""The demo centre's welcome kiosk at Vitry, and the pictures of its services."""

from __future__ import annotations

from passerelle.appointments.enums import Pictogram
from passerelle.appointments.models import Service
from passerelle.kiosk.models import Kiosk

PICTOGRAMS = {
    "Permanence CAF": Pictogram.CAF,
    "Accès aux droits": Pictogram.PAPERS,
    "Logement": Pictogram.HOUSING,
    "Insertion professionnelle": Pictogram.JOB,
}


def seed_kiosk(*, organisation, sites, **_common) -> None:
    for name, pictogram in PICTOGRAMS.items():
        Service.objects.filter(organisation=organisation, name=name).update(pictogram=pictogram)
    vitry = next(s for s in sites if s.name == "Vitry-sur-Seine")
    Kiosk.objects.create(
        organisation=organisation,
        site=vitry,
        name="Entrée Vitry",
        waiting_place="Asseyez-vous dans la salle d'attente, à droite de l'accueil.",
    )
