"""The demo centre's offer, described and published for data·inclusion: the Vitry site with
its four services, Ivry described but not yet published (the manager's page shows both)."""

from __future__ import annotations

from passerelle.directory.enums import COMMON_DEFAULTS, DEFAULTS, ServiceKind
from passerelle.directory.models import Listing, Offer


def seed_directory(*, sites, **_common) -> None:
    for site in sites:
        published = site.name == "Vitry-sur-Seine"
        Listing.objects.create(
            site=site,
            published=published,
            description=(
                "Un espace d'Emmaüs Alternatives pour les personnes accompagnées et les "
                "habitants : accueil, salle informatique, ateliers et aide aux démarches."
            ),
            phone="+33145210000",
            networks=["emmaus", "espaces-publics-numeriques"],
        )
        Offer.objects.bulk_create(
            Offer(site=site, kind=kind, published=published, **COMMON_DEFAULTS, **DEFAULTS[kind])
            for kind in ServiceKind
        )
