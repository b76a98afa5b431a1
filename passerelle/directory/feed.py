"""The centre's offer in data·inclusion's v1 schema (reference §B): one structure per
published site, one service per published offer, checked with the official package
(`data-inclusion-schema`) and scored with its quality score.

Identifiers are stable: `source` is this installation's producer name
(settings.DATA_INCLUSION_SOURCE), a structure's id `<source>--<organisation>-<site>`, a
service's `<structure id>-<kind>`. Opening hours are written from the hours Passerelle keeps
(consultation hours, workshop sessions, the room's use), never typed twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from pydantic import ValidationError as SchemaError

from passerelle.appointments import selectors as appointment_selectors
from passerelle.core import communes
from passerelle.core.models import Site
from passerelle.directory.enums import ServiceKind
from passerelle.directory.hours import opening_hours
from passerelle.directory.models import Listing, Offer
from passerelle.room import selectors as room_selectors
from passerelle.workshops import selectors as workshop_selectors


def source() -> str:
    return settings.DATA_INCLUSION_SOURCE


def structure_id(site: Site) -> str:
    return f"{source()}--{site.organisation_id}-{site.pk}"


def service_id(offer: Offer) -> str:
    return f"{structure_id(offer.site)}-{offer.kind}"


def hours_for(site: Site, kind: str | None, today: dt.date) -> str:
    """A service's hours, or the site's (every service's) when `kind` is None."""
    kinds = [kind] if kind else list(ServiceKind)
    hours: list[tuple] = []
    for one in kinds:
        if one in (ServiceKind.CONSULTATIONS, ServiceKind.PROCEDURES):
            hours += appointment_selectors.weekly_hours(site_id=site.pk, today=today)
        if one == ServiceKind.WORKSHOPS:
            hours += workshop_selectors.weekly_hours(site_id=site.pk, today=today)
        if one in (ServiceKind.FREE_ACCESS, ServiceKind.PROCEDURES):
            hours += room_selectors.weekly_hours(site_id=site.pk, today=today)
    return opening_hours(hours)


def _place(site: Site) -> dict:
    commune = communes.find(site.commune, site.postcode)
    return _drop_empty(
        {
            "commune": site.commune,
            "code_postal": site.postcode,
            "code_insee": commune.insee_code if commune else "",
            "adresse": site.address,
        }
    )


def _drop_empty(values: dict) -> dict:
    return {key: value for key, value in values.items() if value not in ("", None, [])}


def structure(listing: Listing, *, today: dt.date) -> dict:
    site = listing.site
    name = f"{site.organisation.name} — {site.name}"[:150]
    return _drop_empty(
        {
            "source": source(),
            "id": structure_id(site),
            "nom": name,
            "date_maj": max(listing.updated_at, site.updated_at).date().isoformat(),
            "description": listing.description,
            "siret": listing.siret,
            **_place(site),
            "telephone": listing.phone,
            "courriel": listing.email,
            "site_web": listing.website,
            "horaires_accueil": hours_for(site, None, today),
            "accessibilite_lieu": listing.accessibility_url,
            "reseaux_porteurs": sorted(listing.networks),
        }
    )


def service(offer: Offer, listing: Listing | None, *, today: dt.date) -> dict:
    site = offer.site
    department = (site.postcode or "")[:2]
    return _drop_empty(
        {
            "source": source(),
            "structure_id": structure_id(site),
            "id": service_id(offer),
            "nom": offer.name,
            "description": offer.description,
            "date_maj": offer.updated_at.date().isoformat(),
            "type": offer.service_type,
            "thematiques": sorted(offer.themes),
            "frais": offer.fees,
            "frais_precisions": offer.fee_details,
            "publics": sorted(offer.publics),
            "publics_precisions": offer.public_details,
            "conditions_acces": offer.access_conditions,
            **_place(site),
            "telephone": listing.phone if listing else "",
            "courriel": listing.email if listing else "",
            "modes_accueil": sorted(offer.reception_modes),
            "zone_eligibilite": [department] if department.isdigit() else [],
            "lien_mobilisation": offer.booking_url,
            "modes_mobilisation": sorted(offer.mobilisation_modes),
            "mobilisable_par": sorted(offer.mobilisable_by),
            "horaires_accueil": hours_for(site, offer.kind, today),
        }
    )


@dataclass(frozen=True)
class Checked:
    data: dict
    errors: list[str]
    score: float | None = None
    criteria: dict | None = None


def _messages(error: SchemaError) -> list[str]:
    return [f"{'.'.join(str(p) for p in e['loc'])} : {e['msg']}" for e in error.errors()]


def check_structure(data: dict) -> Checked:
    from data_inclusion.schema import v1

    try:
        v1.Structure.model_validate(data, context={"ignore_warnings": False})
    except SchemaError as error:
        return Checked(data, _messages(error))
    return Checked(data, [])


def check_service(data: dict) -> Checked:
    """The service validated by the official v1 model, and its quality score (0 to 1)."""
    from data_inclusion.schema import v1
    from data_inclusion.schema.v1 import score_qualite

    try:
        model = v1.Service.model_validate(data, context={"ignore_warnings": False})
    except SchemaError as error:
        return Checked(data, _messages(error))
    score, criteria = score_qualite.score(model)
    return Checked(data, [], score, dict(criteria))


def published_listings():
    return (
        Listing.objects.filter(published=True, site__is_active=True)
        .select_related("site__organisation")
        .order_by("site__organisation_id", "site_id")
    )


def published_offers():
    """Offers published at a published site."""
    listed = Listing.objects.filter(published=True, site__is_active=True).values("site_id")
    return (
        Offer.objects.filter(published=True, site_id__in=listed)
        .select_related("site__organisation")
        .order_by("site__organisation_id", "site_id", "kind")
    )


def today() -> dt.date:
    return timezone.localdate()
