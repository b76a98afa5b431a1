"""What a person does from their own link goes through the apps' own services (one rule,
several doors), with one line of the journal for every use of the link."""

from __future__ import annotations

from django.db import transaction

from passerelle.appointments import services as appointments
from passerelle.appointments.enums import AnswerVia
from passerelle.core.enums import AuditAction
from passerelle.core.services import audit_log
from passerelle.workshops import services as workshops


@transaction.atomic
def link_used(*, booking, what: str, request=None) -> None:
    """Journal one use of a person's link: seen, calendar, "je viendrai", "je ne peux pas"."""
    audit_log(
        actor=None,
        action=AuditAction.PERSONAL_LINK,
        organisation=booking.person.organisation,
        person_id=booking.person.pk,
        target=booking.source,
        summary=f"lien personnel : {what}",
        request=request,
    )


@transaction.atomic
def confirm(*, booking, request=None) -> None:
    if booking.kind == "appointment":
        appointments.appointment_confirm_by_person(appointment=booking.source)
    else:
        workshops.registration_confirm_by_person(registration=booking.source)
    link_used(booking=booking, what="je viendrai", request=request)


@transaction.atomic
def cancel(*, booking, request=None) -> None:
    """The slot or the seat is free at once; a seat goes to the first person waiting."""
    if booking.kind == "appointment":
        appointments.appointment_cancel_by_person(appointment=booking.source, via=AnswerVia.LINK)
    else:
        workshops.registration_cancel_by_person(registration=booking.source)
    link_used(booking=booking, what="je ne peux pas venir (annulé)", request=request)
