"""The computer room's part of a person's data (right of access)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from passerelle.core.readable import readable
from passerelle.people.extensions import PersonData, register_person_data
from passerelle.room.models import PrintJob, StationReservation, StationSession, WaitingForStation


def _room(person):
    rows = [
        readable(s, ["station", "purpose", "started_at", "ended_at", "note"])
        for s in StationSession.objects.filter(person=person)
        .select_related("station")
        .order_by("started_at")
    ]
    rows += [
        readable(r, ["station", "starts_at", "ends_at", "cancelled"])
        for r in StationReservation.objects.filter(person=person)
        .select_related("station")
        .order_by("starts_at")
    ]
    rows += [
        readable(w, ["room", "created_at", "served_at"])
        for w in WaitingForStation.objects.filter(person=person)
        .select_related("room")
        .order_by("created_at")
    ]
    rows += [
        readable(p, ["room", "printed_at", "pages", "colour", "amount"])
        for p in PrintJob.objects.filter(person=person).select_related("room").order_by("pk")
    ]
    return rows


def _anonymise(person):
    StationSession.objects.filter(person=person).update(note="")
    WaitingForStation.objects.filter(person=person).update(label="")


def register() -> None:
    register_person_data(
        PersonData(
            "salle",
            _("La salle informatique"),
            _("Pour partager les postes et compter l'usage de la salle."),
            (StationSession, StationReservation, WaitingForStation, PrintJob),
            _room,
            _anonymise,
        )
    )
