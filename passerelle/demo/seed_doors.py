"""The people's doors of the demo centre: the welcome kiosk at Vitry with the pictures of the
services, and online booking (the CAF's quarterly declaration, the e-mail workshop)."""

from __future__ import annotations

from passerelle.appointments.enums import Pictogram
from passerelle.appointments.models import Reason, Service
from passerelle.core.models import new_display_token
from passerelle.kiosk.models import Kiosk
from passerelle.room.models import Station
from passerelle.workshops.models import Workshop

PICTOGRAMS = {
    "Permanence CAF": Pictogram.CAF,
    "Accès aux droits": Pictogram.PAPERS,
    "Logement": Pictogram.HOUSING,
    "Insertion professionnelle": Pictogram.JOB,
}


def seed_doors(*, organisation, sites, **_common) -> None:
    for name, pictogram in PICTOGRAMS.items():
        Service.objects.filter(organisation=organisation, name=name).update(pictogram=pictogram)
    vitry = next(s for s in sites if s.name == "Vitry-sur-Seine")
    Kiosk.objects.create(
        organisation=organisation,
        site=vitry,
        name="Entrée Vitry",
        waiting_place="Asseyez-vous dans la salle d'attente, à droite de l'accueil.",
    )
    Reason.objects.filter(
        service__organisation=organisation, name="Déclaration trimestrielle"
    ).update(online_booking=True, online_from_days=1, online_until_days=28)
    Workshop.objects.filter(organisation=organisation, title__icontains="mail").update(
        online_signup=True
    )
    # Vitry's first two stations run themselves: their screen (and agent) at a secret address.
    for station in Station.objects.filter(room__site=vitry, name__in=["Poste 1", "Poste 2"]):
        station.screen_token = new_display_token()
        station.save(update_fields=["screen_token"])
