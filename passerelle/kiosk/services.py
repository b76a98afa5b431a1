"""What a person does at the kiosk goes through the same services as staff (one rule, two
doors), with the kiosk as the door ("borne Entrée") and one line of the journal each."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from passerelle.appointments import services as appointments
from passerelle.core.enums import AuditAction
from passerelle.core.models import new_display_token
from passerelle.core.services import audit_log, catalogue_entry_save
from passerelle.kiosk.models import Kiosk
from passerelle.room import selectors as room_selectors
from passerelle.room import services as room
from passerelle.room.enums import Purpose
from passerelle.workshops import services as workshops
from passerelle.workshops.enums import Attendance


def _journal(*, kiosk: Kiosk, summary: str, person_id=None, target=None) -> None:
    audit_log(
        actor=None,
        action=AuditAction.KIOSK,
        organisation=kiosk.organisation,
        person_id=person_id,
        target=target,
        summary=f"{kiosk.door} : {summary}",
    )


# --- The manager's side ----------------------------------------------------------------------


@transaction.atomic
def kiosk_save(*, kiosk: Kiosk, by) -> Kiosk:
    kiosk.organisation_id = by.organisation_id
    return catalogue_entry_save(entry=kiosk, by=by)


@transaction.atomic
def kiosk_new_address(*, kiosk: Kiosk, by) -> Kiosk:
    """A new secret address: the old one stops working at once (a lost or stolen tablet)."""
    kiosk.token = new_display_token()
    kiosk.save(update_fields=["token", "updated_at"])
    audit_log(
        actor=by,
        action=AuditAction.CATALOGUE_CHANGED,
        target=kiosk,
        summary=f"nouvelle adresse pour la {kiosk.door}",
    )
    return kiosk


@transaction.atomic
def kiosk_seen(*, kiosk: Kiosk) -> None:
    """At most one write a minute, so that a busy kiosk does not write on every page."""
    now = timezone.now()
    if kiosk.last_seen_at is None or (now - kiosk.last_seen_at).total_seconds() > 60:
        Kiosk.objects.filter(pk=kiosk.pk).update(last_seen_at=now)


# --- The person's side -----------------------------------------------------------------------


@transaction.atomic
def appointment_check_in(*, kiosk: Kiosk, appointment):
    appointment = appointments.appointment_arrived(appointment=appointment, door=kiosk.door)
    _journal(
        kiosk=kiosk,
        summary=f"arrivée au rendez-vous de {timezone.localtime(appointment.starts_at):%H:%M}",
        person_id=appointment.person_id,
        target=appointment,
    )
    return appointment


@transaction.atomic
def ticket_take(*, kiosk: Kiosk, service=None):
    if service is not None and service.organisation_id != kiosk.organisation_id:
        raise ValidationError(_("Ce service n'est pas proposé ici."))
    ticket = appointments.ticket_take(site=kiosk.site, by=None, service=service, door=kiosk.door)
    _journal(kiosk=kiosk, summary=f"ticket n° {ticket.number}", target=ticket)
    return ticket


@transaction.atomic
def workshop_arrival(*, kiosk: Kiosk, registration):
    registration = workshops.attendance_mark(
        registration=registration, attendance=Attendance.PRESENT, door=kiosk.door
    )
    _journal(
        kiosk=kiosk,
        summary="présence à un atelier",
        person_id=registration.person_id,
        target=registration,
    )
    return registration


@transaction.atomic
def workshop_walk_in(*, kiosk: Kiosk, session, person):
    registration = workshops.registration_create(
        session=session, person=person, by=None, walk_in=True, door=kiosk.door
    )
    _journal(
        kiosk=kiosk,
        summary="place prise sur place à un atelier",
        person_id=person.pk,
        target=registration,
    )
    return registration


@transaction.atomic
def station_take(*, kiosk: Kiosk, purpose: str, person=None):
    """The first free station of the site's room, for the room's time; None when none is free.
    A station taken at the same moment by someone else is skipped (its row is locked and
    checked by the room's own service)."""
    if purpose not in Purpose.values:
        purpose = Purpose.OTHER
    room_ = room_selectors.kiosk_room(site_id=kiosk.site_id)
    if room_ is None:
        return None
    for state in room_selectors.board(room_)["states"]:
        if state.state != "free":
            continue
        try:
            with transaction.atomic():
                session = room.session_check_in(
                    station=state.station,
                    by=None,
                    purpose=purpose,
                    person=person,
                    door=kiosk.door,
                )
        except ValidationError:
            continue
        _journal(
            kiosk=kiosk,
            summary=f"{state.station.name} pris"
            + ("" if person is not None else " (personne de passage)"),
            person_id=person.pk if person is not None else None,
            target=session,
        )
        return session
    return None


@transaction.atomic
def station_wait(*, kiosk: Kiosk, label: str):
    room_ = room_selectors.kiosk_room(site_id=kiosk.site_id)
    if room_ is None:
        raise ValidationError(_("Il n'y a pas de salle informatique ici."))
    entry = room.waiting_add(room=room_, label=label, door=kiosk.door)
    _journal(kiosk=kiosk, summary="inscription sur la liste d'attente de la salle", target=entry)
    return entry
