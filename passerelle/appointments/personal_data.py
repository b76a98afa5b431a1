"""The appointments' part of a person's data (right of access)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from passerelle.appointments.models import Appointment, QueueTicket
from passerelle.core.readable import readable
from passerelle.people.extensions import PersonData, register_person_data


def _appointments(person):
    return [
        readable(
            a,
            [
                "starts_at",
                "service",
                "reason",
                "site",
                "worker",
                "status",
                "note_for_worker",
                "partner_name",
                "partner_organisation",
                "booked_by",
            ],
        )
        for a in Appointment.objects.filter(person=person)
        .select_related("service", "reason", "site", "worker", "booked_by")
        .order_by("starts_at")
    ]


def _tickets(person):
    return [
        readable(t, ["day", "number", "site", "service", "status"])
        for t in QueueTicket.objects.filter(person=person)
        .select_related("site", "service")
        .order_by("day", "number")
    ]


def _anonymise(person):
    Appointment.objects.filter(person=person).update(
        note_for_worker="", partner_name="", partner_organisation="", partner_contact=""
    )


def register() -> None:
    register_person_data(
        PersonData(
            "rendez-vous",
            _("Vos rendez-vous"),
            _("Pour organiser les permanences et vous rappeler vos rendez-vous."),
            (Appointment,),
            _appointments,
            _anonymise,
        )
    )
    register_person_data(
        PersonData(
            "file-d-attente",
            _("Vos passages sans rendez-vous"),
            _("Pour appeler chacun à son tour et compter l'activité de l'accueil."),
            (QueueTicket,),
            _tickets,
        )
    )
