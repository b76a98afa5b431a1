"""Reads of the appointments app for other apps (the reports)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Avg, Count, FloatField, Func, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from passerelle.appointments.enums import AppointmentStatus, ExceptionKind, TicketStatus
from passerelle.appointments.models import (
    Appointment,
    OpeningException,
    OpeningHours,
    QueueTicket,
    Reason,
    Service,
)
from passerelle.appointments.slots import Slot, free_slots

DEFAULT_HANDLING_MINUTES = 15


class MinutesBetween(Func):
    """Minutes from `start` to `end` (two timestamps), computed by the database."""

    output_field = FloatField()
    arity = 2

    def _compiled(self, compiler):
        (start, start_params), (end, end_params) = (
            compiler.compile(expression) for expression in self.source_expressions
        )
        return start, end, [*end_params, *start_params]

    def as_sql(self, compiler, connection, **extra):
        start, end, params = self._compiled(compiler)
        return f"EXTRACT(EPOCH FROM ({end} - {start})) / 60", params

    def as_sqlite(self, compiler, connection, **extra):
        start, end, params = self._compiled(compiler)
        return f"(julianday({end}) - julianday({start})) * 1440", params


def report_figures(*, organisation_id: int, site_ids, start, end, staff_id=None) -> dict:
    """Appointments dated in [start, end] and how they went; walk-in tickets and waits."""
    appointments = Appointment.objects.filter(
        service__organisation_id=organisation_id,
        starts_at__gte=_aware(start),
        starts_at__lt=_aware(end + dt.timedelta(days=1)),
    )
    tickets = QueueTicket.objects.filter(
        site__organisation_id=organisation_id, day__gte=start, day__lte=end
    )
    if site_ids is not None:
        appointments = appointments.filter(site_id__in=site_ids)
        tickets = tickets.filter(site_id__in=site_ids)
    if staff_id:
        appointments = appointments.filter(worker_id=staff_id)
        tickets = tickets.filter(called_by_id=staff_id)
    S = AppointmentStatus
    counts = appointments.aggregate(
        booked=Count("id", filter=~Q(status__in=(S.RESCHEDULED, S.CANCELLED))),
        honoured=Count("id", filter=Q(status=S.HONOURED)),
        no_show=Count("id", filter=Q(status=S.NO_SHOW)),
        excused=Count("id", filter=Q(status=S.EXCUSED)),
        cancelled_by_person=Count("id", filter=Q(status=S.CANCELLED_BY_PERSON)),
    )
    seen = tickets.filter(status=TicketStatus.SEEN, called_at__isnull=False).aggregate(
        n=Count("id"), wait=Avg(MinutesBetween("created_at", "called_at"))
    )
    counts.update(
        tickets=tickets.count(),
        seen=seen["n"],
        average_wait=round(seen["wait"]) if seen["wait"] is not None else None,
    )
    return counts


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def estimated_wait_minutes(*, site, day=None) -> int:
    """People waiting × the day's average handling time ÷ the desks open in the last hour."""
    day = day or timezone.localdate()
    tickets = QueueTicket.objects.filter(site=site, day=day)
    handled = [
        (t.finished_at - t.called_at).total_seconds() / 60
        for t in tickets.filter(status=TicketStatus.SEEN, called_at__isnull=False)
    ]
    average = sum(handled) / len(handled) if handled else DEFAULT_HANDLING_MINUTES
    waiting = tickets.filter(status=TicketStatus.WAITING).count()
    desks = (
        tickets.filter(called_at__gte=timezone.now() - dt.timedelta(hours=1))
        .values("desk")
        .distinct()
        .count()
    ) or 1
    return round(waiting * average / desks)


def waiting_by_site(*, site_ids, day) -> dict[int, int]:
    """How many people wait in each site's queue on a day (sites with nobody left out)."""
    rows = (
        QueueTicket.objects.filter(site_id__in=site_ids, day=day, status=TicketStatus.WAITING)
        .values("site_id")
        .annotate(n=Count("id"))
    )
    return {row["site_id"]: row["n"] for row in rows}


def sites_where_working(*, worker, day) -> set[int]:
    """The sites where a worker holds consultation hours on a day: weekly hours or the
    day's extra hours."""
    weekly = set(
        OpeningHours.objects.filter(worker=worker, weekday=day.weekday()).values_list(
            "site_id", flat=True
        )
    )
    extra = set(
        OpeningException.objects.filter(
            worker=worker, date=day, kind=ExceptionKind.EXTRA
        ).values_list("site_id", flat=True)
    )
    return weekly | extra


def slot_at(*, reason, worker, starts_at: dt.datetime) -> Slot | None:
    """The free slot of this worker for this reason starting at `starts_at`, if any."""
    day = timezone.localtime(starts_at).date()
    slots = free_slots(
        service=reason.service,
        duration_minutes=reason.duration_minutes,
        start=day,
        end=day,
        worker_id=worker.pk,
    )
    return next((slot for slot in slots if slot.starts_at == starts_at), None)


WARNING_WEEKS = 6


def booking_warnings(*, person, reason) -> list[str]:
    """What reception should know before booking (a warning, never a refusal): the person
    already has an appointment for this reason in the coming weeks, or already waits in
    today's queue."""
    now = timezone.now()
    warnings = []
    booked = (
        Appointment.objects.filter(
            person=person,
            reason=reason,
            status=AppointmentStatus.UPCOMING,
            starts_at__gte=now,
            starts_at__lt=now + dt.timedelta(weeks=WARNING_WEEKS),
        )
        .select_related("site")
        .order_by("starts_at")
        .first()
    )
    if booked is not None:
        warnings.append(
            _("%(name)s a déjà un rendez-vous « %(reason)s » le %(day)s à %(time)s (%(site)s).")
            % {
                "name": person.first_name,
                "reason": reason.name,
                "day": formats.date_format(timezone.localtime(booked.starts_at), "l j F"),
                "time": formats.time_format(timezone.localtime(booked.starts_at), "H\\hi"),
                "site": booked.site.name,
            }
        )
    ticket = (
        QueueTicket.objects.filter(
            person=person,
            day=timezone.localdate(),
            status__in=(TicketStatus.WAITING, TicketStatus.CALLED),
        )
        .select_related("site")
        .first()
    )
    if ticket is not None:
        warnings.append(
            _("%(name)s attend déjà dans la file d'aujourd'hui (ticket n° %(number)s, %(site)s).")
            % {"name": person.first_name, "number": ticket.number, "site": ticket.site.name}
        )
    return warnings


def latest_appointment_day():
    """In a query on people: the day of the person's latest appointment, past or booked
    ahead (for retention)."""
    from django.db.models import DateField, OuterRef, Subquery
    from django.db.models.functions import TruncDate

    return Subquery(
        Appointment.objects.filter(person_id=OuterRef("pk"))
        .order_by("-starts_at")
        .annotate(day=TruncDate("starts_at"))
        .values("day")[:1],
        output_field=DateField(),
    )


def weekly_hours(*, site_id: int, today: dt.date) -> list[tuple[int, dt.time, dt.time]]:
    """The consultation hours of a site valid today, every open service's: (weekday, from,
    to)."""
    return list(
        OpeningHours.objects.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today),
            site_id=site_id,
            service__is_active=True,
            valid_from__lte=today,
        )
        .values_list("weekday", "start_time", "end_time")
        .distinct()
    )


# --- The kiosk's reads (kiosk app): today's appointments at one site, never more -------------

KIOSK_LATE_ALLOWED = dt.timedelta(hours=1)


def kiosk_appointments(*, site_id: int, now: dt.datetime | None = None):
    """Today's appointments still to come at a site (or ended less than an hour ago)."""
    now = now or timezone.now()
    start = _aware(timezone.localdate(now))
    return (
        Appointment.objects.filter(
            site_id=site_id,
            status=AppointmentStatus.UPCOMING,
            starts_at__gte=start,
            starts_at__lt=start + dt.timedelta(days=1),
            ends_at__gte=now - KIOSK_LATE_ALLOWED,
        )
        .select_related("person", "worker", "service")
        .order_by("starts_at")
    )


def kiosk_appointment_by_code(*, site_id: int, code: str, now: dt.datetime | None = None):
    if not (code.isdigit() and len(code) == 6):
        return None
    return kiosk_appointments(site_id=site_id, now=now).filter(kiosk_code=code).first()


def kiosk_appointments_born(*, site_id: int, birth_date: dt.date, now=None) -> list:
    return list(
        kiosk_appointments(site_id=site_id, now=now).filter(
            person__birth_date=birth_date, person__birth_year_only=False
        )[:10]
    )


def kiosk_services(*, organisation_id: int) -> list[Service]:
    """The services a person can queue for at the kiosk, each with its pictogram."""
    return list(Service.objects.filter(organisation_id=organisation_id, is_active=True))


# --- The person's own link (public app) ----------------------------------------------------


def appointment_for_link(token: str) -> Appointment | None:
    if not token or len(token) > 32:
        return None
    return (
        Appointment.objects.filter(link_token=token)
        .select_related("person", "worker", "site", "service", "reason__procedure")
        .first()
    )


# --- The public booking page (public app) ---------------------------------------------------


def online_reasons(*, site) -> list[Reason]:
    """The reasons a manager opened to online booking, for a site's public page."""
    return list(
        Reason.objects.filter(
            service__organisation_id=site.organisation_id,
            service__is_active=True,
            is_active=True,
            online_booking=True,
        )
        .select_related("service")
        .order_by("service__name", "name")
    )


def online_reason(*, site, reason_id) -> Reason | None:
    return next((r for r in online_reasons(site=site) if str(r.pk) == str(reason_id)), None)


def online_slots(*, reason: Reason, site, today: dt.date | None = None) -> list[Slot]:
    """Free slots at this site within the reason's online window (the same engine as staff:
    holidays, absences, daylight saving, appointments already taken)."""
    today = today or timezone.localdate()
    return [
        slot
        for slot in free_slots(
            service=reason.service,
            duration_minutes=reason.duration_minutes,
            start=today + dt.timedelta(days=reason.online_from_days),
            end=today + dt.timedelta(days=reason.online_until_days),
        )
        if slot.site_id == site.pk
    ]


def appointment_by_pk(pk) -> Appointment | None:
    return Appointment.objects.filter(pk=pk).select_related("site", "service").first()
