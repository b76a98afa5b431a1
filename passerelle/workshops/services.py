"""Writes on workshops: sessions and series, sign-ups with the waiting list, attendance."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from passerelle.core.events import emit
from passerelle.core.services import activity_record
from passerelle.workshops import activities, selectors
from passerelle.workshops.enums import Attendance, RegistrationStatus, SessionStatus
from passerelle.workshops.models import Registration, Workshop, WorkshopSeries, WorkshopSession

ATTENDED = {Attendance.PRESENT, Attendance.LATE}
MAX_SERIES_SESSIONS = 120


def _aware(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at))


@transaction.atomic
def session_create(
    *,
    workshop: Workshop,
    site,
    starts_at: dt.datetime,
    capacity: int | None = None,
    facilitators=(),
    room_label: str = "",
    ends_at: dt.datetime | None = None,
    series: WorkshopSeries | None = None,
    room=None,
) -> WorkshopSession:
    """A session; in a computer room, its capacity defaults to the working stations."""
    if site.organisation_id != workshop.organisation_id:
        raise ValidationError(_("Ce lieu n'appartient pas à la structure."))
    if room is not None:
        from passerelle.room.selectors import working_station_count

        if room.site_id != site.pk:
            raise ValidationError({"room": _("Cette salle n'est pas dans ce lieu.")})
        capacity = capacity or working_station_count(room)
        room_label = room_label or room.name
    if not capacity:
        raise ValidationError({"capacity": _("Il faut au moins une place.")})
    session = WorkshopSession(
        workshop=workshop,
        site=site,
        starts_at=starts_at,
        ends_at=ends_at or starts_at + dt.timedelta(minutes=workshop.duration_minutes),
        capacity=capacity,
        room_label=room_label,
        series=series,
        room=room,
    )
    session.full_clean()
    session.save()
    session.facilitators.set(facilitators)
    return session


@transaction.atomic
def series_create(
    *,
    workshop: Workshop,
    site,
    first_date: dt.date,
    start_time: dt.time,
    until: dt.date,
    every_weeks: int,
    capacity: int | None,
    by,
    facilitators=(),
    room_label: str = "",
    room=None,
) -> tuple[WorkshopSeries, list[selectors.Skipped]]:
    if until < first_date:
        raise ValidationError({"until": _("La dernière date doit suivre la première.")})
    dates, skipped = selectors.series_dates(first=first_date, until=until, every_weeks=every_weeks)
    if not dates:
        raise ValidationError({"until": _("Aucune date possible : toutes sont des jours fériés.")})
    if len(dates) > MAX_SERIES_SESSIONS:
        raise ValidationError({"until": _("Une série compte au plus 120 séances.")})
    series = WorkshopSeries.objects.create(
        workshop=workshop,
        site=site,
        every_weeks=every_weeks,
        until=until,
        skipped=[{"date": s.date.isoformat(), "reason": s.reason} for s in skipped],
        created_by=by,
    )
    for day in dates:
        session_create(
            workshop=workshop,
            site=site,
            starts_at=_aware(day, start_time),
            capacity=capacity,
            facilitators=facilitators,
            room_label=room_label,
            series=series,
            room=room,
        )
    return series, skipped


@transaction.atomic
def session_cancel(
    *, session: WorkshopSession, rest_of_series: bool = False, notify_people: bool = True
) -> int:
    """Cancel a session (or it and the following ones of its series); returns how many.
    The people registered or waiting are told by message when `notify_people`."""
    sessions = [_locked(session)]
    if rest_of_series and session.series_id:
        sessions = list(
            WorkshopSession.objects.planned()
            .filter(series_id=session.series_id, starts_at__gte=session.starts_at)
            .select_for_update(of=("self",))
            .order_by("starts_at", "pk")
        )
    for item in sessions:
        item.status = SessionStatus.CANCELLED
        item.save(update_fields=["status", "updated_at"])
        emit("workshops.session_cancelled", session=item, notify_people=notify_people)
    return len(sessions)


@transaction.atomic
def session_update(
    *,
    session: WorkshopSession,
    rest_of_series: bool = False,
    start_time=None,
    capacity=None,
    facilitators=None,
    room_label=None,
) -> int:
    """Change a session (or the rest of its series). Each session's row is locked as a
    sign-up locks it, so that a capacity and the seats taken never cross; seats added go to
    the people waiting, in order."""
    sessions = [_locked(session)]
    if rest_of_series and session.series_id:
        sessions = list(
            WorkshopSession.objects.planned()
            .filter(series_id=session.series_id, starts_at__gte=session.starts_at)
            .select_for_update(of=("self",))
            .order_by("starts_at", "pk")
        )
    for item in sessions:
        if start_time is not None:
            length = item.ends_at - item.starts_at
            item.starts_at = _aware(timezone.localtime(item.starts_at).date(), start_time)
            item.ends_at = item.starts_at + length
        if capacity is not None:
            if capacity < item.registrations.confirmed().count():
                raise ValidationError(
                    {
                        "capacity": _(
                            "Plus de personnes sont déjà inscrites que ce nombre de places."
                        )
                    }
                )
            item.capacity = capacity
        if room_label is not None:
            item.room_label = room_label
        item.full_clean()
        item.save()
        if facilitators is not None:
            item.facilitators.set(facilitators)
        if capacity is not None:
            _promote_into_free_seats(item)
    return len(sessions)


def _promote_into_free_seats(session: WorkshopSession) -> list[Registration]:
    """Give the free seats of a planned session (locked by the caller) to the people waiting,
    first come first served, each announced after commit."""
    if session.status != SessionStatus.PLANNED:
        return []
    free = session.capacity - session.registrations.confirmed().count()
    promoted = list(Registration.objects.waiting().filter(session=session)[: max(free, 0)])
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        emit("workshops.waiting_list_promoted", registration=registration)
    return promoted


def _locked(session: WorkshopSession) -> WorkshopSession:
    """Take the session's row first: sign-ups to one session happen one at a time."""
    return WorkshopSession.objects.select_for_update(of=("self",)).get(pk=session.pk)


@transaction.atomic
def registration_create(
    *,
    session: WorkshopSession,
    person,
    by,
    walk_in: bool = False,
    door: str = "",
    online: bool = False,
) -> Registration:
    """Sign up: a seat if one is free, else the end of the waiting list. Never more confirmed
    registrations than seats, even when two receptionists click at the same time."""
    session = _locked(session)
    if person.organisation_id != session.workshop.organisation_id:
        raise ValidationError(_("Cette personne n'est pas suivie par la structure."))
    if session.status != SessionStatus.PLANNED:
        raise ValidationError(_("Cette séance est annulée ou terminée."))
    if not walk_in and session.ends_at <= timezone.now():
        raise ValidationError(_("Cette séance est passée."))
    if Registration.objects.active().filter(session=session, person=person).exists():
        raise ValidationError(_("Cette personne est déjà inscrite à cette séance."))
    has_seat = Registration.objects.confirmed().filter(session=session).count() < session.capacity
    if walk_in and not has_seat:
        raise ValidationError(
            _("La séance est complète : plus de place pour une personne en plus.")
        )
    registration = Registration.objects.create(
        session=session,
        person=person,
        registered_by=by,
        status=RegistrationStatus.CONFIRMED if has_seat else RegistrationStatus.WAITING,
        is_walk_in=walk_in,
        attendance=Attendance.PRESENT if walk_in else "",
        attendance_door=door[:60] if walk_in else "",
        registered_online=online,
    )
    if registration.status == RegistrationStatus.CONFIRMED and not walk_in:
        emit("workshops.registered", registration=registration)
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by) -> Registration | None:
    """Cancel a sign-up; a freed seat goes to the first person waiting, who is returned."""
    session = _locked(registration.session)
    registration = Registration.objects.select_for_update(of=("self",)).get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return None
    freed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    if not freed or session.status != SessionStatus.PLANNED:
        return None
    promoted = _promote_into_free_seats(session)
    return promoted[0] if promoted else None


@transaction.atomic
def registration_confirm_by_person(*, registration: Registration) -> Registration:
    """ "Je viendrai" from the person's own link."""
    registration = Registration.objects.select_for_update(of=("self",)).get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("Cette inscription est annulée."))
    if registration.confirmed_by_person_at is None:
        registration.confirmed_by_person_at = timezone.now()
        registration.save(update_fields=["confirmed_by_person_at", "updated_at"])
    return registration


@transaction.atomic
def registration_cancel_by_person(*, registration: Registration) -> Registration | None:
    """ "Je ne peux pas venir": the seat goes at once to the first person waiting (who is
    told, as when reception cancels); returns that person's registration."""
    session = _locked(registration.session)
    if session.status != SessionStatus.PLANNED or session.starts_at <= timezone.now():
        raise ValidationError(_("Cette séance n'est plus à venir : appelez l'accueil."))
    Registration.objects.filter(pk=registration.pk).update(cancelled_by_person=True)
    return registration_cancel(registration=registration, by=None)


@transaction.atomic
def attendance_mark(*, registration: Registration, attendance: str, door: str = "") -> Registration:
    """Staff point (door "") or the person says "I am here" at a kiosk (door "borne …")."""
    if attendance not in Attendance.values:
        raise ValidationError(_("Choisissez présent, en retard, excusé ou absent."))
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(_("Seules les personnes inscrites sont pointées."))
    registration.attendance = attendance
    registration.attendance_door = door[:60]
    registration.save(update_fields=["attendance", "attendance_door", "updated_at"])
    return registration


@transaction.atomic
def session_close(*, session: WorkshopSession, by) -> int:
    """End the session: one Activity per person present (or late). Closing twice counts once."""
    session = _locked(session)
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("Une séance annulée ne se clôt pas."))
    created = 0
    present = (
        session.registrations.confirmed()
        .filter(attendance__in=ATTENDED)
        .select_related("person__organisation")
    )
    for registration in present:
        if _has_activity(registration):
            continue
        activity_record(
            activity=activities.attendance(registration=registration, session=session, by=by)
        )
        created += 1
    session.status = SessionStatus.DONE
    session.closed_at = timezone.now()
    session.save(update_fields=["status", "closed_at", "updated_at"])
    return created


def _has_activity(registration: Registration) -> bool:
    from django.contrib.contenttypes.models import ContentType

    from passerelle.core.models import Activity

    return Activity.objects.filter(
        source_type=ContentType.objects.get_for_model(Registration), source_id=registration.pk
    ).exists()


@transaction.atomic
def registrations_merge(*, survivor, duplicate) -> int:
    """Before two files are merged: where both people hold a seat or a place on the waiting
    list of the same session, keep the better one (attended, then confirmed, then waiting)
    and cancel the other, so that the merged person is there once. Returns how many."""

    def rank(registration: Registration) -> tuple:
        return (
            registration.attendance in ATTENDED,
            registration.status == RegistrationStatus.CONFIRMED,
            registration is survivor_side.get(registration.session_id),
        )

    active = Registration.objects.active().select_for_update(of=("self",))
    survivor_side = {r.session_id: r for r in active.filter(person=survivor)}
    cancelled = 0
    for theirs in active.filter(person=duplicate, session_id__in=list(survivor_side)):
        ours = survivor_side[theirs.session_id]
        loser = min((ours, theirs), key=rank)
        Registration.objects.filter(pk=loser.pk).update(
            status=RegistrationStatus.CANCELLED, updated_at=timezone.now()
        )
        cancelled += 1
    return cancelled
