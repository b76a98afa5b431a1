"""The workshops' part of a person's data (right of access)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passerelle.core.readable import readable, value_text
from passerelle.people.extensions import PersonData, register_person_data
from passerelle.workshops.models import Registration


def _registrations(person):
    rows = []
    for registration in (
        Registration.objects.filter(person=person)
        .select_related("session__workshop", "session__site")
        .order_by("session__starts_at")
    ):
        row = {
            _("Atelier"): registration.session.workshop.title,
            _("Séance"): value_text(registration.session.starts_at),
            _("Lieu"): registration.session.site.name,
        }
        row.update(readable(registration, ["status", "attendance", "is_walk_in"]))
        rows.append(row)
    return rows


def register() -> None:
    register_person_data(
        PersonData(
            "ateliers",
            gettext_lazy("Vos ateliers"),
            gettext_lazy("Pour gérer les inscriptions, les présences et vous prévenir."),
            (Registration,),
            _registrations,
        )
    )
