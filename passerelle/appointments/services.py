"""Writes on consultation hours: opening hours, absences, appointments and their outcome."""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from passerelle.accounts.models import User
from passerelle.appointments import activities
from passerelle.appointments.enums import AnswerVia, AppointmentStatus, TicketStatus
from passerelle.appointments.models import (
    Absence,
    Appointment,
    OpeningException,
    OpeningHours,
    QueueTicket,
    Reason,
)
from passerelle.appointments.slots import free_slots
from passerelle.core import enums as core_enums
from passerelle.core.events import emit
from passerelle.core.models import Activity, Site
from passerelle.core.services import activity_record


@transaction.atomic
def opening_hours_add(
    *,
    worker,
    service,
    site,
    weekday: int,
    start_time: dt.time,
    end_time: dt.time,
    valid_from: dt.date,
    valid_until: dt.date | None = None,
) -> OpeningHours:
    if end_time <= start_time:
        raise ValidationError({"end_time": _("L'heure de fin doit suivre l'heure de début.")})
    if valid_until and valid_until < valid_from:
        raise ValidationError({"valid_until": _("La fin doit suivre le début.")})
    User.objects.select_for_update(of=("self",)).get(pk=worker.pk)
    clash = OpeningHours.objects.filter(
        worker=worker, weekday=weekday, start_time__lt=end_time, end_time__gt=start_time
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=valid_from))
    if valid_until:
        clash = clash.filter(valid_from__lte=valid_until)
    if clash.exists():
        raise ValidationError(
            {"start_time": _("Ces horaires chevauchent d'autres horaires de la même personne.")}
        )
    hours = OpeningHours(
        worker=worker,
        service=service,
        site=site,
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    hours.full_clean()
    hours.save()
    return hours


@transaction.atomic
def exception_add(*, worker, service, site, date, kind, start_time=None, end_time=None):
    exception = OpeningException(
        worker=worker,
        service=service,
        site=site,
        date=date,
        kind=kind,
        start_time=start_time,
        end_time=end_time,
    )
    exception.full_clean()
    exception.save()
    return exception


@transaction.atomic
def absence_add(
    *, worker, starts_at, ends_at, reason: str = "", repeat_weekly_until=None
) -> Absence:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("La fin doit suivre le début.")})
    absence = Absence(
        worker=worker,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=reason,
        repeat_weekly_until=repeat_weekly_until,
    )
    absence.full_clean()
    absence.save()
    return absence


def _kiosk_code(*, site_id: int, day: dt.date) -> str:
    """Six random digits, different from the other appointments of that day at that site."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    taken = set(
        Appointment.objects.filter(
            site_id=site_id, starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1)
        ).values_list("kiosk_code", flat=True)
    )
    while True:
        code = f"{secrets.randbelow(1_000_000):06d}"
        if code not in taken:
            return code


@transaction.atomic
def appointment_book(
    *,
    person,
    reason: Reason,
    worker,
    starts_at: dt.datetime,
    by,
    note_for_worker: str = "",
    partner_name: str = "",
    partner_organisation: str = "",
    partner_contact: str = "",
    rescheduled_from: Appointment | None = None,
    online: bool = False,
) -> Appointment:
    """Book a free slot. The worker's row is locked first, so two bookings of one slot at
    the same moment cannot both succeed; the unique constraint is the database's own guard."""
    User.objects.select_for_update(of=("self",)).get(pk=worker.pk)
    service = reason.service
    if person.organisation_id != service.organisation_id:
        raise ValidationError(_("Cette personne n'est pas suivie par la structure."))
    if not reason.is_active or not service.is_active:
        raise ValidationError(_("Ce motif n'est plus proposé."))
    if starts_at <= timezone.now():
        raise ValidationError(_("Ce créneau est passé."))
    day = timezone.localtime(starts_at).date()
    slot = next(
        (
            s
            for s in free_slots(
                service=service,
                duration_minutes=reason.duration_minutes,
                start=day,
                end=day,
                worker_id=worker.pk,
            )
            if s.starts_at == starts_at
        ),
        None,
    )
    if slot is None:
        raise ValidationError(
            _("Ce créneau n'est pas libre : hors des horaires, pendant une absence, ou déjà pris.")
        )
    appointment = Appointment(
        kiosk_code=_kiosk_code(site_id=slot.site_id, day=day),
        person=person,
        worker=worker,
        service=service,
        reason=reason,
        site_id=slot.site_id,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        booked_by=by,
        note_for_worker=note_for_worker,
        partner_name=partner_name,
        partner_organisation=partner_organisation,
        partner_contact=partner_contact,
        rescheduled_from=rescheduled_from,
        booked_online=online,
    )
    try:
        with transaction.atomic():
            appointment.save()
    except IntegrityError as error:
        raise ValidationError(_("Ce créneau vient d'être pris.")) from error
    emit("appointments.booked", appointment=appointment)
    return appointment


@transaction.atomic
def appointment_reschedule(*, appointment: Appointment, starts_at, by, worker=None) -> Appointment:
    """A new appointment that remembers the one it replaces (which stays, as "reporté")."""
    old = Appointment.objects.select_for_update(of=("self",)).get(pk=appointment.pk)
    if old.status != AppointmentStatus.UPCOMING:
        raise ValidationError(_("Seul un rendez-vous à venir peut être reporté."))
    old.status = AppointmentStatus.RESCHEDULED
    old.save(update_fields=["status", "updated_at"])
    new = appointment_book(
        person=old.person,
        reason=old.reason,
        worker=worker or old.worker,
        starts_at=starts_at,
        by=by,
        note_for_worker=old.note_for_worker,
        partner_name=old.partner_name,
        partner_organisation=old.partner_organisation,
        partner_contact=old.partner_contact,
        rescheduled_from=old,
    )
    emit("appointments.changed", appointment=new, previous=old)
    return new


@transaction.atomic
def appointment_set_status(*, appointment: Appointment, status: str, by) -> Appointment:
    """Record how it went. "Honoré" writes the Activity; changing one's mind removes it."""
    appointment = (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("reason", "person__organisation")
        .get(pk=appointment.pk)
    )
    if status not in AppointmentStatus.values or status == AppointmentStatus.RESCHEDULED:
        raise ValidationError(_("Choisissez un état."))
    if status == AppointmentStatus.UPCOMING and appointment.ends_at < timezone.now():
        raise ValidationError(_("Ce rendez-vous est passé : dites comment il s'est passé."))
    if (
        status in (AppointmentStatus.HONOURED, AppointmentStatus.NO_SHOW)
        and appointment.starts_at > timezone.now()
    ):
        raise ValidationError(_("Ce rendez-vous n'a pas encore eu lieu."))
    previous = appointment.status
    appointment.status = status
    appointment.save(update_fields=["status", "updated_at"])
    source = {
        "source_type": ContentType.objects.get_for_model(Appointment),
        "source_id": appointment.pk,
    }
    if status == AppointmentStatus.HONOURED and previous != status:
        activity_record(activity=activities.appointment_honoured(appointment=appointment))
    elif previous == AppointmentStatus.HONOURED and status != previous:
        Activity.objects.filter(**source).delete()
    if status == AppointmentStatus.CANCELLED:
        emit("appointments.cancelled", appointment=appointment)
    return appointment


@transaction.atomic
def appointment_arrived(*, appointment: Appointment, door: str = "") -> Appointment:
    """The person is here. `door` says where they said so ("borne Entrée"), "" for staff.
    Saying it twice keeps the first time."""
    appointment = Appointment.objects.select_for_update(of=("self",)).get(pk=appointment.pk)
    if appointment.status != AppointmentStatus.UPCOMING:
        raise ValidationError(_("Ce rendez-vous n'est plus prévu."))
    if appointment.arrived_at is None:
        appointment.arrived_at = timezone.now()
        appointment.arrived_door = door[:60]
        appointment.save(update_fields=["arrived_at", "arrived_door", "updated_at"])
    return appointment


# --- The person's own answers (their personal link, or an SMS "ANNULER") ------------------


@transaction.atomic
def appointment_confirm_by_person(*, appointment: Appointment) -> Appointment:
    """ "Je viendrai": noted for the worker; saying it again keeps the first time."""
    appointment = Appointment.objects.select_for_update(of=("self",)).get(pk=appointment.pk)
    if appointment.status != AppointmentStatus.UPCOMING or appointment.starts_at <= timezone.now():
        raise ValidationError(_("Ce rendez-vous n'est plus à venir."))
    if appointment.confirmed_by_person_at is None:
        appointment.confirmed_by_person_at = timezone.now()
        appointment.answered_via = AnswerVia.LINK
        appointment.save(update_fields=["confirmed_by_person_at", "answered_via", "updated_at"])
    return appointment


@transaction.atomic
def appointment_cancel_by_person(*, appointment: Appointment, via: str) -> Appointment:
    """ "Je ne peux pas venir": the slot is free again at once (the status leaves the active
    ones), the worker sees it in the agenda, and the statistics count it apart from
    no-shows."""
    appointment = Appointment.objects.select_for_update(of=("self",)).get(pk=appointment.pk)
    if appointment.status == AppointmentStatus.CANCELLED_BY_PERSON:
        return appointment
    if appointment.status != AppointmentStatus.UPCOMING or appointment.starts_at <= timezone.now():
        raise ValidationError(_("Ce rendez-vous n'est plus à venir : appelez l'accueil."))
    appointment.status = AppointmentStatus.CANCELLED_BY_PERSON
    appointment.answered_via = via
    appointment.save(update_fields=["status", "answered_via", "updated_at"])
    emit("appointments.cancelled_by_person", appointment=appointment)
    return appointment


# --- Walk-in queue -------------------------------------------------------------------------


@transaction.atomic
def ticket_take(*, site, by, service=None, person=None, door: str = "") -> QueueTicket:
    """The next number of the day at this site (the site's row is locked: no two equal)."""
    Site.objects.select_for_update(of=("self",)).get(pk=site.pk)
    if person is not None and person.organisation_id != site.organisation_id:
        raise ValidationError(_("Cette personne n'est pas suivie par la structure."))
    now = timezone.now()
    day = timezone.localdate(now)
    last = QueueTicket.objects.filter(site=site, day=day).order_by("-number").first()
    ticket = QueueTicket.objects.create(
        site=site,
        day=day,
        number=(last.number + 1) if last else 1,
        service=service,
        person=person,
        given_by=by,
        door=door[:60],
        created_at=now,
    )
    return ticket


@transaction.atomic
def ticket_call_next(*, site, desk: str, by) -> QueueTicket | None:
    Site.objects.select_for_update(of=("self",)).get(pk=site.pk)
    ticket = (
        QueueTicket.objects.filter(site=site, day=timezone.localdate(), status=TicketStatus.WAITING)
        .order_by("number")
        .first()
    )
    if ticket is None:
        return None
    ticket.status = TicketStatus.CALLED
    ticket.called_at = timezone.now()
    ticket.desk = desk.strip()[:30]
    ticket.called_by = by
    ticket.save(update_fields=["status", "called_at", "desk", "called_by"])
    return ticket


@transaction.atomic
def ticket_finish(*, ticket: QueueTicket, status: str, by) -> QueueTicket:
    """Seen (writes the walk-in's Activity) or left without being seen."""
    ticket = (
        QueueTicket.objects.select_for_update(of=("self",))
        .select_related("site", "service", "person")
        .get(pk=ticket.pk)
    )
    if status not in (TicketStatus.SEEN, TicketStatus.LEFT):
        raise ValidationError(_("Choisissez « reçu » ou « parti »."))
    if ticket.status in (TicketStatus.SEEN, TicketStatus.LEFT):
        return ticket
    ticket.status = status
    ticket.finished_at = timezone.now()
    ticket.save(update_fields=["status", "finished_at"])
    if status == TicketStatus.SEEN:
        reason = ticket.service.reasons.first() if ticket.service else None
        theme = reason.theme if reason else core_enums.Theme.ADMIN_PROCEDURES
        activity_record(
            activity=activities.walk_in_seen(ticket=ticket, theme=theme, by=ticket.called_by or by)
        )
    return ticket
